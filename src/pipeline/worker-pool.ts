import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import type { PreparedFiling } from '../model/prepared-filing.js';
import type { PartTask } from './part-skeleton.js';
import type { EncodedDocument, RenderedDocument, RenderRequest } from './render-stored-document.js';
import { type RenderedWithSkeleton, runTask, type WorkerTask, type WorkerThreadData } from './worker.js';

/** Options of the worker pool: threads (0 runs on the calling thread). */
export interface WorkerPoolOptions {
  /** Threads (0: every task runs on the calling thread). */
  readonly threads: number;
  /** The compiled worker script (default: `worker.js` beside this file, or its compiled twin under dist/). */
  readonly script?: URL | null;
  /** An idle thread ends after this long (default 30 s); threads start on first use. */
  readonly idleTimeoutMs?: number;
  /**
   * Start every thread at once and keep them, idle or not (a server: a thread's start, loading the parsers, takes
   * up to seconds on a busy machine, and the first request after an idle spell would wait for it).
   */
  readonly keepThreads?: boolean;
  /** Run the threads at a lower scheduling priority than the process (a server's renders; Linux only). */
  readonly lowPriority?: boolean;
  /**
   * Tasks handed to a thread at once (default 1). Ingest queues several in each thread, so a thread goes on to the
   * next filing while the calling thread is busy in a database transaction and cannot hand it one.
   */
  readonly tasksPerThread?: number;
  /**
   * The most heap (MB) a thread may use; a task that needs more ends its thread and fails with
   * `ERR_WORKER_OUT_OF_MEMORY` (a new thread takes its place), so the pool's memory is bounded by threads × this.
   * Default: V8's own limit.
   */
  readonly maxHeapMb?: number;
  /**
   * The most a thread's young generation may take (MB; default V8's own, up to 48 MB). Ingest's threads allocate
   * fast and keep little: a smaller young generation holds less memory at a small cost in collections.
   */
  readonly youngGenerationMb?: number;
}

/**
 * The one pool of worker threads, shared by ingest (parse, render for search, extract) and the server (parse and
 * render a stored document), so a multi-megabyte filing never holds up the thread that writes or answers
 * requests. Idle threads do not keep the process alive. When there is no compiled worker script (TypeScript
 * sources run by a test runner, with no build beside them) or `threads` is 0, tasks run on this thread with the
 * same function.
 */
export class WorkerPool {
  readonly #piscina: Piscina<WorkerTask, unknown> | null;

  constructor(options: WorkerPoolOptions) {
    const script = options.threads > 0 ? (options.script === undefined ? compiledWorker() : options.script) : null;
    this.#piscina = script
      ? new Piscina({
          filename: script.href,
          minThreads: options.keepThreads ? options.threads : 0,
          maxThreads: options.threads,
          idleTimeout: options.idleTimeoutMs ?? 30_000,
          concurrentTasksPerWorker: options.tasksPerThread ?? 1,
          workerData: { lowPriority: options.lowPriority ?? false } satisfies WorkerThreadData,
          ...(options.maxHeapMb !== undefined
            ? {
                resourceLimits: {
                  maxOldGenerationSizeMb: options.maxHeapMb,
                  maxYoungGenerationSizeMb: options.youngGenerationMb ?? Math.min(32, Math.ceil(options.maxHeapMb / 8)),
                },
              }
            : options.youngGenerationMb !== undefined
              ? { resourceLimits: { maxYoungGenerationSizeMb: options.youngGenerationMb } }
              : {}),
        })
      : null;
  }

  /** How many threads work (0: this one). */
  get threads(): number {
    return this.#piscina?.maxThreads ?? 0;
  }

  /** Tasks a thread is handed at once. */
  get tasksPerThread(): number {
    return this.#piscina?.options.concurrentTasksPerWorker ?? 1;
  }

  /** Tasks waiting for a thread. */
  get queued(): number {
    return this.#piscina?.queueSize ?? 0;
  }

  /**
   * Prepares a submission in a thread (`hash` is computed there when null). With `transfer`, bytes that own their
   * memory are moved to the thread rather than copied: the caller must not use them afterwards.
   */
  prepare(bytes: Uint8Array, source: string, hash: string | null, transfer = false): Promise<PreparedFiling> {
    return this.#run({ task: 'prepare', bytes, source, hash }, undefined, transfer) as Promise<PreparedFiling>;
  }

  /**
   * Renders document `which` of a submission's bytes. Aborting `signal` takes a waiting task off the queue, and
   * ends the thread of a running one (a new thread takes its place): the way a render past its deadline is stopped.
   * With no threads the render runs on this thread and cannot be stopped once started.
   */
  render(original: Uint8Array, which: string, request: RenderRequest, signal?: AbortSignal): Promise<RenderedDocument> {
    return this.#run({ task: 'render', bytes: original, which, request }, signal) as Promise<RenderedDocument>;
  }

  /**
   * As `render`, with the rendering as UTF-8 bytes moved back from the thread (no copy): what the server keeps and
   * sends. A render that needs more than `maxHeapMb` fails with `ERR_WORKER_OUT_OF_MEMORY` (see `isOutOfMemory`).
   */
  renderEncoded(original: Uint8Array, which: string, request: RenderRequest, signal?: AbortSignal): Promise<EncodedDocument> {
    return this.#run({ task: 'render', bytes: original, which, request, encode: true }, signal) as Promise<EncodedDocument>;
  }

  /**
   * As `renderEncoded`, and the document's skeleton when `request` asks for a part of a long legacy ASCII document
   * (see part-skeleton.ts): what later parts of it are rendered from with `renderPart`.
   */
  renderEncodedWithSkeleton(
    original: Uint8Array,
    which: string,
    request: RenderRequest,
    signal?: AbortSignal,
  ): Promise<RenderedWithSkeleton> {
    return this.#run({ task: 'render', bytes: original, which, request, withSkeleton: true }, signal) as Promise<RenderedWithSkeleton>;
  }

  /**
   * One part of a long legacy ASCII document rendered from its stretch's bytes (`task.recipe.bytes` of the body), as
   * UTF-8 bytes moved back from the thread; null when the stretch did not read as the part (render it whole then).
   */
  renderPart(bytes: Uint8Array, task: PartTask, signal?: AbortSignal): Promise<Uint8Array | null> {
    return this.#run({ task: 'render-part', bytes, part: task }, signal) as Promise<Uint8Array | null>;
  }

  /**
   * Starts every thread and has each render a small made-up submission (see warm-up-submission.ts), so that the
   * first requests a server answers do not wait for threads still loading and compiling the parsers. Resolves when
   * all have, or when one fails (a thread that cannot render shows itself at the first real render).
   */
  async warmUp(): Promise<void> {
    if (!this.#piscina) return;
    const threads = this.#piscina.maxThreads;
    // One task a thread: a thread takes one task at a time, so `threads` tasks at once reach every thread.
    await Promise.all(Array.from({ length: threads }, () => this.#piscina?.run({ task: 'warm-up' } satisfies WorkerTask))).catch(() => {});
  }

  /** Ends every thread; tasks still queued are refused. */
  async close(): Promise<void> {
    await this.#piscina?.destroy();
  }

  async #run(task: Exclude<WorkerTask, { task: 'warm-up' }>, signal?: AbortSignal, transfer = task.task !== 'prepare'): Promise<unknown> {
    signal?.throwIfAborted();
    if (!this.#piscina) return runTask(task);
    // The bytes are moved to the thread, not copied, when they own their memory. A view of a larger buffer is
    // copied first, and so are ingest's inputs unless their reader says they are theirs alone: their memory may
    // still be in use by whoever made them (a tar member is a slice of the decompressor's output), and a transfer
    // would detach it under them.
    const bytes = task.bytes;
    const owned = transfer && bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer;
    const own = owned ? bytes : new Uint8Array(bytes);
    return this.#piscina.run({ ...task, bytes: own }, { transferList: [own.buffer as ArrayBuffer], ...(signal ? { signal } : {}) });
  }
}

/** True when a task failed because its thread ran out of the heap `maxHeapMb` allows. */
export function isOutOfMemory(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'ERR_WORKER_OUT_OF_MEMORY';
}

/** The compiled `worker.js` beside this file, or beside its compiled twin when running from TypeScript sources. */
function compiledWorker(): URL | null {
  const here = new URL('./worker.js', import.meta.url);
  if (existsSync(fileURLToPath(here))) return here;
  const compiled = new URL(here.href.replace('/src/pipeline/', '/dist/pipeline/'));
  return existsSync(fileURLToPath(compiled)) ? compiled : null;
}
