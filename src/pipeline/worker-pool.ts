import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { type RenderedDocument, type RenderRequest, renderStoredDocument } from './render-stored-document.js';
import type { RenderJob, RenderReply } from './render-worker.js';

/**
 * Renders stored documents in worker threads so a multi-megabyte filing (hundreds of milliseconds to parse) never
 * holds up the requests behind it. Workers start on first use and do not keep the process alive. When there is no
 * compiled worker script (TypeScript sources run by tsx or a test runner), or `threads` is 0, documents render on
 * this thread with the same function.
 */
export class RenderPool {
  readonly #threads: number;
  readonly #url: URL | null;
  readonly #workers: Worker[] = [];
  readonly #busy = new Map<Worker, number>();
  readonly #waiting = new Map<number, { resolve: (result: RenderedDocument) => void; reject: (error: Error) => void; worker: Worker }>();
  #nextId = 0;

  constructor(threads: number, script: URL | null = compiledWorker()) {
    this.#url = threads > 0 ? script : null;
    this.#threads = this.#url ? threads : 0;
  }

  /** How many threads render (0: this one). */
  get threads(): number {
    return this.#threads;
  }

  render(original: Uint8Array, which: string, request: RenderRequest): Promise<RenderedDocument> {
    if (this.#threads === 0) return renderStoredDocument(original, which, request);
    const worker = this.#leastBusy();
    const id = this.#nextId++;
    // Transfer the bytes when they own their memory; a view of a shared or pooled buffer is copied first.
    const own =
      original.byteOffset === 0 && original.byteLength === original.buffer.byteLength && original.buffer instanceof ArrayBuffer
        ? original
        : original.slice();
    return new Promise((resolve, reject) => {
      this.#waiting.set(id, { resolve, reject, worker });
      this.#busy.set(worker, (this.#busy.get(worker) ?? 0) + 1);
      worker.postMessage({ id, bytes: own, which, request } satisfies RenderJob, [own.buffer as ArrayBuffer]);
    });
  }

  async close(): Promise<void> {
    const workers = this.#workers.splice(0);
    await Promise.all(workers.map((worker) => worker.terminate()));
  }

  #leastBusy(): Worker {
    if (this.#workers.length < this.#threads) {
      const idle = this.#workers.find((worker) => (this.#busy.get(worker) ?? 0) === 0);
      if (idle) return idle;
      return this.#spawn();
    }
    let best = this.#workers[0] as Worker;
    for (const worker of this.#workers) if ((this.#busy.get(worker) ?? 0) < (this.#busy.get(best) ?? 0)) best = worker;
    return best;
  }

  #spawn(): Worker {
    const worker = new Worker(this.#url as URL);
    worker.unref();
    worker.on('message', (reply: RenderReply) => {
      const waiting = this.#waiting.get(reply.id);
      if (!waiting) return;
      this.#waiting.delete(reply.id);
      this.#busy.set(worker, Math.max(0, (this.#busy.get(worker) ?? 1) - 1));
      if (reply.ok) waiting.resolve(reply.result);
      else waiting.reject(new Error(`rendering failed: ${reply.message}`));
    });
    const fail = (error: Error) => {
      // A dead worker fails what it held and is replaced on next use.
      const at = this.#workers.indexOf(worker);
      if (at !== -1) this.#workers.splice(at, 1);
      this.#busy.delete(worker);
      for (const [id, waiting] of this.#waiting) {
        if (waiting.worker !== worker) continue;
        this.#waiting.delete(id);
        waiting.reject(error);
      }
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`render worker exited with code ${code}`)));
    this.#workers.push(worker);
    this.#busy.set(worker, 0);
    return worker;
  }
}

/** The compiled `render-worker.js` beside this file (as `edgarkit serve` runs it), or null. */
function compiledWorker(): URL | null {
  const compiled = new URL('./render-worker.js', import.meta.url);
  return existsSync(fileURLToPath(compiled)) ? compiled : null;
}
