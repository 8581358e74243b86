import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { readRawSubmissions } from '../io/read-submissions.js';
import type { FilingSink, PreparedFiling } from '../store/store.js';
import { extractRecordsForStore } from './extract-records.js';
import type { PrepareRequest, PrepareResponse } from './ingest-worker.js';
import { prepareFiling, sha256 } from './prepare-filing.js';

export interface IngestOptions {
  /** Worker threads that parse and prepare (default: the cores, at most 8; 0 prepares on this thread). */
  readonly workers?: number;
  /** Filings written per transaction. */
  readonly batchSize?: number;
  readonly onProgress?: (progress: IngestProgress) => void;
  /** Called for each input that could not be read or parsed; it is skipped and the rest goes in. */
  readonly onFailure?: (failure: IngestFailure) => void;
  readonly signal?: AbortSignal;
}

export interface IngestProgress {
  readonly filings: number;
  readonly bytes: number;
  readonly seconds: number;
  readonly filingsPerSecond: number;
  readonly megabytesPerSecond: number;
}

export interface IngestFailure {
  readonly source: string;
  readonly reason: string;
}

export interface IngestSummary {
  /** True when the signal stopped the run early (what was done is written; run again to finish). */
  readonly interrupted: boolean;
  readonly ingested: number;
  readonly replaced: number;
  readonly duplicates: number;
  readonly failed: readonly IngestFailure[];
  readonly bytes: number;
  readonly seconds: number;
}

const ACCESSION_IN_HEADER = /(?:ACCESSION NUMBER:\s*|<ACCESSION-NUMBER>\s*)(\d{10}-\d{2}-\d{6})/;

/** The filing id, read cheaply from the first bytes, so an unchanged duplicate is skipped before any work. */
export function quickFilingId(bytes: Uint8Array, hash: string): string {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 8192)).toString('latin1');
  const match = ACCESSION_IN_HEADER.exec(head);
  return match ? (match[1] as string) : `local-${hash.slice(0, 20)}`;
}

/** The compiled worker beside this file, or beside its compiled twin when running from TypeScript sources. */
function workerUrl(): URL | null {
  const here = new URL('./ingest-worker.js', import.meta.url);
  if (existsSync(fileURLToPath(here))) return here;
  const compiled = new URL(here.href.replace('/src/pipeline/', '/dist/pipeline/'));
  return existsSync(fileURLToPath(compiled)) ? compiled : null;
}

class PreparePool {
  readonly #workers: Worker[] = [];
  readonly #idle: Worker[] = [];
  readonly #waiting = new Map<number, { resolve: (response: PrepareResponse) => void; worker: Worker }>();
  #nextId = 0;

  constructor(count: number, url: URL) {
    for (let i = 0; i < count; i++) {
      const worker = new Worker(url);
      worker.on('message', (response: PrepareResponse) => {
        const waiting = this.#waiting.get(response.id);
        this.#waiting.delete(response.id);
        this.#idle.push(worker);
        waiting?.resolve(response);
      });
      worker.on('error', (error) => {
        for (const [id, waiting] of this.#waiting) {
          if (waiting.worker === worker) {
            this.#waiting.delete(id);
            waiting.resolve({ id, ok: false, message: `worker failed: ${error.message}` });
          }
        }
      });
      this.#workers.push(worker);
      this.#idle.push(worker);
    }
  }

  get idle(): number {
    return this.#idle.length;
  }

  prepare(bytes: Uint8Array, source: string, hash: string): Promise<PrepareResponse> {
    const worker = this.#idle.pop();
    if (!worker) throw new Error('no idle worker');
    const id = this.#nextId++;
    // A private copy is transferred: the input's memory may still be in use by the stream that produced it
    // (a tar member is a slice of the decompressor's output), and a transfer would detach it under them.
    // (`new Uint8Array(view)` copies; Buffer#slice would not.)
    const own = new Uint8Array(bytes);
    return new Promise((resolve) => {
      this.#waiting.set(id, { resolve, worker });
      worker.postMessage({ id, source, hash, bytes: own } satisfies PrepareRequest, [own.buffer as ArrayBuffer]);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.#workers.map((worker) => worker.terminate()));
  }
}

/**
 * Ingests files, folders, archives or stdin into a store: idempotent by accession number (an unchanged copy is
 * skipped before any work; a changed copy replaces the old one in one transaction), parsing in worker threads
 * and writing in batched transactions. A crash loses at most the batch being written; running the same
 * command again completes the work.
 */
export async function ingest(store: FilingSink, paths: readonly string[], options: IngestOptions = {}): Promise<IngestSummary> {
  const started = Date.now();
  const batchSize = options.batchSize ?? 100;
  const url = (options.workers ?? 1) > 0 ? workerUrl() : null;
  const workerCount = url ? (options.workers ?? Math.min(8, availableParallelism())) : 0;
  const pool = url && workerCount > 0 ? new PreparePool(workerCount, url) : null;
  let ingested = 0;
  let replaced = 0;
  let duplicates = 0;
  let bytes = 0;
  let processed = 0;
  const failed: IngestFailure[] = [];
  let batch: PreparedFiling[] = [];
  let lastProgress = 0;
  const inFlight = new Set<Promise<void>>();
  // Filings in this run whose write is still pending: a second copy of the same accession waits for the first.
  const pendingIds = new Set<string>();

  const report = (force = false) => {
    const now = Date.now();
    if (!options.onProgress || (!force && now - lastProgress < 500)) return;
    lastProgress = now;
    const seconds = (now - started) / 1000;
    options.onProgress({
      filings: processed,
      bytes,
      seconds,
      filingsPerSecond: seconds > 0 ? processed / seconds : 0,
      megabytesPerSecond: seconds > 0 ? bytes / 1e6 / seconds : 0,
    });
  };
  const fail = (failure: IngestFailure) => {
    failed.push(failure);
    options.onFailure?.(failure);
  };
  const flush = async () => {
    if (batch.length === 0) return;
    const writing = batch;
    batch = [];
    const result = await store.writeFilings(writing);
    ingested += result.inserted;
    replaced += result.replaced;
    duplicates += result.unchanged;
    for (const filing of writing) pendingIds.delete(filing.id);
  };
  const accept = async (filing: PreparedFiling) => {
    batch.push(filing);
    if (batch.length >= batchSize) await flush();
  };

  let interrupted = false;
  try {
    reading: for (const path of paths) {
      for await (const entry of readRawSubmissions(path)) {
        if (options.signal?.aborted) {
          interrupted = true;
          break reading;
        }
        if (!entry.ok) {
          fail({ source: entry.source, reason: entry.error.message });
          continue;
        }
        processed++;
        bytes += entry.bytes.length;
        const hash = sha256(entry.bytes);
        const id = quickFilingId(entry.bytes, hash);
        if (pendingIds.has(id)) await flush();
        if ((await store.contentHashOf(id)) === hash) {
          duplicates++;
          report();
          continue;
        }
        pendingIds.add(id);
        if (!pool) {
          try {
            await accept(prepareFiling(entry.bytes, entry.source, extractRecordsForStore, hash));
          } catch (error) {
            pendingIds.delete(id);
            fail({ source: entry.source, reason: error instanceof Error ? error.message : String(error) });
          }
          report();
          continue;
        }
        while (pool.idle === 0) await Promise.race(inFlight);
        const task = pool.prepare(entry.bytes, entry.source, hash).then(async (response) => {
          if (response.ok) await accept(response.filing);
          else {
            pendingIds.delete(id);
            fail({ source: entry.source, reason: response.message });
          }
          report();
        });
        const tracked = task.finally(() => inFlight.delete(tracked));
        inFlight.add(tracked);
      }
    }
    await Promise.all(inFlight);
    await flush();
  } finally {
    await pool?.close();
  }
  report(true);
  return { interrupted, ingested, replaced, duplicates, failed, bytes, seconds: (Date.now() - started) / 1000 };
}
