import { availableParallelism } from 'node:os';
import type { Readable } from 'node:stream';
import { NotAFilingError, readRawSubmissions } from '../io/read-submissions.js';
import type { PreparedFiling } from '../model/prepared-filing.js';
import type { FilingSink } from '../store/store.js';
import { prepareFiling, sha256 } from './prepare-filing.js';
import { WorkerPool } from './worker-pool.js';

/** Options of `ingest`: workers, batch size, progress and failure callbacks, and a signal that stops the run. */
export interface IngestOptions {
  /**
   * Worker threads that parse and prepare (default: one fewer than the cores, at least 1, at most 8: this thread
   * prepares too, see `prepareHere`; 0 prepares on this thread alone).
   */
  readonly workers?: number;
  /** A pool to prepare in instead of one of ingest's own (it is left open). */
  readonly pool?: PreparePool;
  /** Filings written per transaction (at most; see `batchBytes`). */
  readonly batchSize?: number;
  /**
   * A transaction is written once the filings waiting for it hold this many bytes of submissions (default 16 MB),
   * even before `batchSize` filings: a batch of large filings must not hold gigabytes of prepared text. At 16 MB
   * rather than 32 ingest's peak memory on the 3,000-filing bench set fell by 30-40 MB at the same CPU.
   */
  readonly batchBytes?: number;
  /**
   * Bytes of submissions handed to the threads and not yet prepared (default 64 MB): enough queued in each thread
   * to keep it busy while a transaction is written, and no more, so memory stays bounded. A submission larger
   * than this goes alone.
   */
  readonly bytesInFlight?: number;
  /**
   * Prepare on this thread too while the threads have a backlog (default: true with ingest's own pool, false with
   * a pool passed in). This thread's share is what it has left beside the writes: with one core for it and one
   * per thread, every core prepares, and it saves the copy of a filing to and from a thread.
   */
  readonly prepareHere?: boolean;
  /** Bytes of submissions queued per thread before this thread prepares the next one itself (default 8 MB). */
  readonly backlogBytes?: number;
  readonly onProgress?: (progress: IngestProgress) => void;
  /** Called for each input that could not be read or parsed; it is skipped and the rest goes in. */
  readonly onFailure?: (failure: IngestFailure) => void;
  /** Called for each input that is not an EDGAR filing (a README, an index file, an image): never stored. */
  readonly onSkip?: (skip: IngestFailure) => void;
  readonly signal?: AbortSignal;
}

/**
 * One item of the stream ingest reads: a submission's exact bytes, or why one input could not be read. `owned`
 * says the bytes are this item's alone (read for it, shared with nothing), so they may be moved to a worker thread
 * rather than copied; ingest then leaves them unusable.
 */
export type IngestInput =
  | { readonly ok: true; readonly source: string; readonly bytes: Uint8Array; readonly owned?: boolean }
  | { readonly ok: false; readonly source: string; readonly error: Error };

/** What ingest needs of a worker pool (`WorkerPool` is one; tests pass their own). */
export interface PreparePool {
  /** Threads that prepare (0: ingest prepares on its own thread). */
  readonly threads: number;
  /** Tasks handed to a thread at once. */
  readonly tasksPerThread?: number;
  prepare(bytes: Uint8Array, source: string, hash: string | null, transfer?: boolean): Promise<PreparedFiling>;
}

/** Tasks ingest's own pool hands each thread at once (bytesInFlight bounds what they hold). */
const TASKS_PER_THREAD = 64;
/**
 * Bytes of submissions queued per thread before the ingesting thread prepares the next one itself: about half a
 * second of a thread's work, so a thread is still busy when this one comes back from its largest filing or a write.
 */
const BACKLOG_BYTES = 8 * 1024 * 1024;
/** The young generation of ingest's threads (MB): V8's default lets each hold up to 48 MB between collections. */
const YOUNG_GENERATION_MB = 16;

/** Progress of an ingest run: filings and bytes so far, and their rates. */
export interface IngestProgress {
  readonly filings: number;
  readonly bytes: number;
  readonly seconds: number;
  readonly filingsPerSecond: number;
  readonly megabytesPerSecond: number;
}

/** An input that could not be ingested (or is not a filing), and why. */
export interface IngestFailure {
  readonly source: string;
  readonly reason: string;
}

/** What an ingest run did: filings ingested, replaced, skipped as duplicates, failed and not filings. */
export interface IngestSummary {
  /** True when the signal stopped the run early (what was done is written; run again to finish). */
  readonly interrupted: boolean;
  readonly ingested: number;
  readonly replaced: number;
  readonly duplicates: number;
  readonly failed: readonly IngestFailure[];
  /** Inputs that are not EDGAR filings, with what they look like instead. */
  readonly notFilings: readonly IngestFailure[];
  readonly bytes: number;
  readonly seconds: number;
}

const ACCESSION_IN_HEADER = /(?:ACCESSION NUMBER:\s*|<ACCESSION-NUMBER>\s*)(\d{10}-\d{2}-\d{6})/;

/** The filing id, read cheaply from the first bytes, so an unchanged duplicate is skipped before any work. */
export function quickFilingId(bytes: Uint8Array, hash: string): string {
  return headerAccession(bytes) ?? `local-${hash.slice(0, 20)}`;
}

/** The accession number in the first bytes' header, or null. */
function headerAccession(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 8192)).toString('latin1');
  return (ACCESSION_IN_HEADER.exec(head)?.[1] as string | undefined) ?? null;
}

/** Files, folders, `.tar`/`.tar.gz` archives or stdin (`-`), read by io/ one after another, as ingest's input. */
export async function* readIngestInputs(paths: readonly string[], stdin?: Readable): AsyncGenerator<IngestInput> {
  for (const path of paths) yield* readRawSubmissions(path, {}, stdin);
}

/** `ingest` over files, folders, archives or stdin: what the CLI, sync and the queue worker run. */
export function ingestPaths(sink: FilingSink, paths: readonly string[], options: IngestOptions = {}): Promise<IngestSummary> {
  return ingest(sink, readIngestInputs(paths), options);
}

/**
 * Ingests a stream of submissions into a sink: idempotent by accession number (an unchanged copy is skipped
 * before any work; a changed copy replaces the old one in one transaction), preparing in worker threads and
 * writing in batched transactions. A crash loses at most the batch being written; running the same command
 * again completes the work.
 */
export async function ingest(
  sink: FilingSink,
  inputs: AsyncIterable<IngestInput> | Iterable<IngestInput>,
  options: IngestOptions = {},
): Promise<IngestSummary> {
  const run = new IngestRun(sink, { prepareHere: options.pool === undefined, ...options });
  const pool =
    options.pool ??
    new WorkerPool({
      threads: options.workers ?? Math.max(1, Math.min(8, availableParallelism() - 1)),
      tasksPerThread: TASKS_PER_THREAD,
      youngGenerationMb: YOUNG_GENERATION_MB,
    });
  try {
    for await (const input of inputs) {
      if (options.signal?.aborted) {
        run.interrupted = true;
        break;
      }
      await run.take(input, pool);
    }
    await run.finish();
  } finally {
    await run.drain();
    if (pool instanceof WorkerPool && pool !== options.pool) await pool.close();
  }
  return run.summary();
}

/** The state of one ingest run: counts, the batch being filled, and the filings being prepared. */
class IngestRun {
  interrupted = false;
  readonly #sink: FilingSink;
  readonly #options: IngestOptions;
  readonly #batchSize: number;
  readonly #batchBytes: number;
  readonly #maxBytesInFlight: number;
  readonly #backlogBytes: number;
  readonly #started = Date.now();
  readonly #failed: IngestFailure[] = [];
  readonly #notFilings: IngestFailure[] = [];
  readonly #inFlight = new Set<Promise<void>>();
  // Filings in this run whose write is still pending, each with its preparation: a second copy of the same
  // accession waits until the first is prepared and written, so copies are compared in the order they were read.
  readonly #pendingIds = new Map<string, Promise<unknown>>();
  #batch: PreparedFiling[] = [];
  #batchBytesHeld = 0;
  // Bytes of the submissions being prepared in threads.
  #bytesInFlight = 0;
  #ingested = 0;
  #replaced = 0;
  #duplicates = 0;
  #bytes = 0;
  #processed = 0;
  #lastProgress = 0;
  // The first write that failed (a full disk, a lost connection): the run stops and ingest rejects with it.
  #fault: { readonly error: unknown } | null = null;

  constructor(sink: FilingSink, options: IngestOptions) {
    this.#sink = sink;
    this.#options = options;
    this.#batchSize = options.batchSize ?? 100;
    this.#batchBytes = options.batchBytes ?? 16 * 1024 * 1024;
    this.#maxBytesInFlight = options.bytesInFlight ?? 64 * 1024 * 1024;
    this.#backlogBytes = options.backlogBytes ?? BACKLOG_BYTES;
  }

  /** Bytes of submissions being prepared in threads right now (what `bytesInFlight` bounds). */
  get bytesInFlight(): number {
    return this.#bytesInFlight;
  }

  /** One input: skipped when unchanged, else prepared (in the pool, a few ahead of the writer) and batched. */
  async take(input: IngestInput, pool: PreparePool): Promise<void> {
    this.#throwFault();
    if (!input.ok) {
      if (input.error instanceof NotAFilingError) {
        const skip = { source: input.source, reason: input.error.reason };
        this.#notFilings.push(skip);
        this.#options.onSkip?.(skip);
      } else this.#fail({ source: input.source, reason: input.error.message });
      return;
    }
    const { bytes, source } = input;
    const size = bytes.length;
    this.#processed++;
    this.#bytes += size;
    const accession = headerAccession(bytes);
    let hash = accession === null ? sha256(bytes) : null;
    const id = accession ?? `local-${(hash as string).slice(0, 20)}`;
    const earlier = this.#pendingIds.get(id);
    if (earlier) {
      await earlier;
      await this.#flush();
    }
    let stored: boolean;
    if (hash === null) {
      // Only an accession already stored needs its hash here; a new one is hashed with the rest of its work.
      const storedHash = await this.#sink.contentHashOf(id);
      if (storedHash !== null) hash = sha256(bytes);
      stored = hash !== null && (storedHash === hash || (await this.#sink.isStoredCopy?.(id, hash)) === true);
    } else stored = this.#sink.isStoredCopy ? await this.#sink.isStoredCopy(id, hash) : (await this.#sink.contentHashOf(id)) === hash;
    if (stored) {
      this.#duplicates++;
      this.#report();
      return;
    }
    this.#pendingIds.set(id, Promise.resolve());
    // The threads' finished work is taken in first (inputs are read with blocking calls, so nothing else lets
    // their messages in while this thread prepares filings of its own).
    if (pool.threads > 0 && this.#options.prepareHere === true) await new Promise((resolve) => setImmediate(resolve));
    if (pool.threads === 0 || this.#prepareHere(pool)) {
      await this.#settle(id, source, () => Promise.resolve(prepareFiling(bytes, source, hash ?? undefined)));
      return;
    }
    // Enough in flight to keep every thread busy while the writer writes (bounded by bytes, so memory is), and
    // always one: a submission larger than the bound goes alone.
    const maxTasks = pool.threads * Math.max(2, pool.tasksPerThread ?? 1);
    while (this.#inFlight.size > 0 && (this.#inFlight.size >= maxTasks || this.#bytesInFlight + size > this.#maxBytesInFlight)) {
      await Promise.race(this.#inFlight);
    }
    this.#throwFault();
    this.#bytesInFlight += size;
    // A task never rejects: a failed write is kept as the run's fault and thrown from take() or finish(), so
    // nothing is left as an unhandled rejection while the next input is read.
    const task = this.#settle(id, source, () =>
      pool.prepare(bytes, source, hash, input.owned === true).finally(() => {
        this.#bytesInFlight -= size;
      }),
    ).catch((error: unknown) => {
      this.#fault ??= { error };
    });
    const tracked = task.finally(() => this.#inFlight.delete(tracked));
    this.#inFlight.add(tracked);
    this.#pendingIds.set(id, tracked);
  }

  /** True when this thread should prepare the next filing itself: the threads have enough queued to go on with. */
  #prepareHere(pool: PreparePool): boolean {
    if (this.#options.prepareHere !== true) return false;
    const maxTasks = pool.threads * Math.max(2, pool.tasksPerThread ?? 1);
    return this.#bytesInFlight >= pool.threads * this.#backlogBytes || this.#inFlight.size >= maxTasks;
  }

  async finish(): Promise<void> {
    await Promise.all(this.#inFlight);
    this.#throwFault();
    await this.#flush();
    this.#report(true);
  }

  /** Waits for the filings being prepared, so none is left running when a failed run returns. */
  async drain(): Promise<void> {
    await Promise.all(this.#inFlight);
  }

  #throwFault(): void {
    if (this.#fault) throw this.#fault.error;
  }

  summary(): IngestSummary {
    return {
      interrupted: this.interrupted,
      ingested: this.#ingested,
      replaced: this.#replaced,
      duplicates: this.#duplicates,
      failed: this.#failed,
      notFilings: this.#notFilings,
      bytes: this.#bytes,
      seconds: (Date.now() - this.#started) / 1000,
    };
  }

  async #settle(id: string, source: string, prepare: () => Promise<PreparedFiling>): Promise<void> {
    let filing: PreparedFiling;
    try {
      filing = await prepare();
    } catch (error) {
      this.#pendingIds.delete(id);
      this.#fail({ source, reason: error instanceof Error ? error.message : String(error) });
      this.#report();
      return;
    }
    this.#batch.push(filing);
    this.#batchBytesHeld += filing.byteLength;
    if (this.#batch.length >= this.#batchSize || this.#batchBytesHeld >= this.#batchBytes) await this.#flush();
    this.#report();
  }

  async #flush(): Promise<void> {
    // After a failed write nothing more is written: the run is ending with that error.
    if (this.#batch.length === 0 || this.#fault) return;
    const writing = this.#batch;
    this.#batch = [];
    this.#batchBytesHeld = 0;
    const result = await this.#sink.writeFilings(writing);
    this.#ingested += result.inserted;
    this.#replaced += result.replaced;
    this.#duplicates += result.unchanged;
    for (const filing of writing) this.#pendingIds.delete(filing.id);
  }

  #fail(failure: IngestFailure): void {
    this.#failed.push(failure);
    this.#options.onFailure?.(failure);
  }

  #report(force = false): void {
    const now = Date.now();
    if (!this.#options.onProgress || (!force && now - this.#lastProgress < 500)) return;
    this.#lastProgress = now;
    const seconds = (now - this.#started) / 1000;
    this.#options.onProgress({
      filings: this.#processed,
      bytes: this.#bytes,
      seconds,
      filingsPerSecond: seconds > 0 ? this.#processed / seconds : 0,
      megabytesPerSecond: seconds > 0 ? this.#bytes / 1e6 / seconds : 0,
    });
  }
}
