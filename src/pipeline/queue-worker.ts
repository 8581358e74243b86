import { randomUUID } from 'node:crypto';
import { availableParallelism, hostname } from 'node:os';
import {
  type ClaimedJob,
  claimJob,
  failAttempt,
  finishJob,
  type JobState,
  lockOwnJob,
  type QueueCounts,
  queueCounts,
  releaseJob,
  renewLease,
} from '../store/postgres/job-queue.js';
import { openPostgresStore, type PostgresStore, type Queryable, type WriteOptions } from '../store/postgres/postgres-store.js';
import type { FilingSink, PreparedFiling, WriteResult } from '../store/store.js';
import { type IngestFailure, type IngestSummary, ingestPaths } from './ingest.js';
import { WorkerPool } from './worker-pool.js';

/** Options of a queue worker: jobs at once, threads, batch size, whether to wait for more jobs, the lease, attempts and polling. */
export interface IngestWorkerOptions {
  /** Jobs run at once in this process (default 1). */
  readonly concurrency?: number;
  /** Parser threads per job (default: the cores shared among the jobs, at least 1; 0 parses on the main thread). */
  readonly threads?: number;
  /** Filings per transaction (default 100). */
  readonly batchSize?: number;
  /** Keep waiting for new jobs instead of stopping when the queue is empty. */
  readonly follow?: boolean;
  /** Lease length; it is renewed every third of it (default 60 s). */
  readonly leaseSeconds?: number;
  /** Tries before a job stays failed (default 3). */
  readonly maxAttempts?: number;
  /** How often an idle worker looks for work (default 2 s). */
  readonly pollSeconds?: number;
  /** Shown in `status` and pg_stat_activity (default host:pid). */
  readonly name?: string;
  /** Stops after the current batch; the job is handed back to the queue. */
  readonly signal?: AbortSignal;
  readonly onEvent?: (event: WorkerEvent) => void;
}

/** What a queue worker reports: each job claimed, done or failed. */
export type WorkerEvent =
  | { readonly type: 'claimed'; readonly job: ClaimedJob }
  | {
      readonly type: 'done';
      readonly job: ClaimedJob;
      readonly state: 'done' | 'failed';
      readonly filings: number;
      readonly inserted: number;
      readonly seconds: number;
      readonly error?: string;
    }
  | { readonly type: 'retry'; readonly job: ClaimedJob; readonly reason: string; readonly state: JobState | null }
  | { readonly type: 'lost'; readonly job: ClaimedJob }
  | { readonly type: 'released'; readonly job: ClaimedJob }
  | { readonly type: 'waiting'; readonly counts: QueueCounts };

/** What a queue worker did before it stopped. */
export interface WorkerSummary {
  readonly jobs: number;
  readonly failed: number;
  readonly lost: number;
  readonly filings: number;
  readonly inserted: number;
  readonly seconds: number;
}

class LeaseLost extends Error {
  constructor(job: ClaimedJob) {
    super(`job ${job.id} (${job.path}) was taken over by another worker after its lease ran out`);
    this.name = 'LeaseLost';
  }
}

const NOTHING: WriteResult = { inserted: 0, replaced: 0, unchanged: 0 };
/** Consecutive failed queue queries (one poll interval apart) before a worker gives up. */
const MAX_QUEUE_FAILURES = 30;

/**
 * The sink of one job: it writes each batch when the next one arrives, and the last batch in `finish`, in the
 * same transaction that marks the job done, so a job is done exactly when all its filings are committed.
 * (ingest() gives no signal before its last write; this is how the worker finds the last batch.)
 */
class JobWriter implements FilingSink {
  readonly #store: PostgresStore;
  #held: readonly PreparedFiling[] | null = null;
  #chain: Promise<unknown> = Promise.resolve();

  constructor(store: PostgresStore) {
    this.#store = store;
  }

  contentHashOf(filingId: string): Promise<string | null> {
    return this.#store.contentHashOf(filingId);
  }

  isStoredCopy(filingId: string, contentHash: string): Promise<boolean> {
    return this.#store.isStoredCopy(filingId, contentHash);
  }

  writeFilings(filings: readonly PreparedFiling[]): Promise<WriteResult> {
    const write = this.#chain.then(() => {
      const previous = this.#held;
      this.#held = filings;
      return previous ? this.#store.writeFilings(previous) : NOTHING;
    });
    this.#chain = write.catch(() => undefined);
    return write;
  }

  /** Writes the held batch and runs `options` hooks in its transaction. */
  async finish(options: WriteOptions): Promise<WriteResult> {
    await this.#chain;
    const held = this.#held ?? [];
    this.#held = null;
    return this.#store.writeFilingsWith(held, options);
  }

  /** Writes the held batch on its own (the job is being handed back). */
  async flush(): Promise<void> {
    await this.#chain;
    const held = this.#held;
    this.#held = null;
    if (held) await this.#store.writeFilings(held);
  }
}

function sleep(seconds: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, seconds * 1000);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * An ingest worker: claims jobs from the queue in the PostgreSQL database at `url` and ingests each job's path
 * with the ordinary `ingest` (parsing in worker threads), until no job is queued or running anywhere (or for
 * ever with `follow`). Run any number of them on any number of machines that see the same paths.
 */
export async function runIngestWorker(url: string, options: IngestWorkerOptions = {}): Promise<WorkerSummary> {
  const concurrency = Math.max(1, options.concurrency ?? 1);
  const leaseSeconds = options.leaseSeconds ?? 60;
  const name = options.name ?? `${hostname()}:${process.pid}`;
  const store = await openPostgresStore(url, {
    poolSize: concurrency * 3 + 1,
    // A worker frozen inside a transaction (SIGSTOP, a paused VM) loses its locks with its lease.
    idleInTransactionTimeoutMs: leaseSeconds * 1000,
    applicationName: `edgarkit worker ${name}`.slice(0, 63),
  });
  const threads = options.threads ?? Math.max(1, Math.floor(availableParallelism() / concurrency));
  const pool = new WorkerPool({ threads: threads * concurrency });
  const worker = new QueueWorker(store, pool, { ...options, leaseSeconds, name });
  try {
    await Promise.all(Array.from({ length: concurrency }, () => worker.loop()));
  } finally {
    await pool.close();
    await store.close();
  }
  return worker.summary();
}

/** The jobs of one worker process: its claim loops, and the counts they add up. */
class QueueWorker {
  readonly #store: PostgresStore;
  readonly #db: Queryable;
  readonly #pool: WorkerPool;
  readonly #options: IngestWorkerOptions & { readonly leaseSeconds: number; readonly name: string };
  readonly #maxAttempts: number;
  readonly #pollSeconds: number;
  readonly #started = Date.now();
  #jobs = 0;
  #failed = 0;
  #lost = 0;
  #filings = 0;
  #inserted = 0;

  constructor(
    store: PostgresStore,
    pool: WorkerPool,
    options: IngestWorkerOptions & { readonly leaseSeconds: number; readonly name: string },
  ) {
    this.#store = store;
    this.#db = store.pool as unknown as Queryable;
    this.#pool = pool;
    this.#options = options;
    this.#maxAttempts = options.maxAttempts ?? 3;
    this.#pollSeconds = options.pollSeconds ?? 2;
  }

  summary(): WorkerSummary {
    return {
      jobs: this.#jobs,
      failed: this.#failed,
      lost: this.#lost,
      filings: this.#filings,
      inserted: this.#inserted,
      seconds: (Date.now() - this.#started) / 1000,
    };
  }

  /** Claims and runs jobs one after another until the queue is done (or the signal stops it). */
  async loop(): Promise<void> {
    const { signal, follow, leaseSeconds, name } = this.#options;
    let failures = 0;
    while (!signal?.aborted) {
      let job: ClaimedJob | null;
      let counts: QueueCounts | null = null;
      try {
        job = await claimJob(this.#db, name, randomUUID(), leaseSeconds, this.#maxAttempts);
        if (!job) counts = await queueCounts(this.#db);
        failures = 0;
      } catch (error) {
        // The database is away (a restart, a network hiccup): try again for a while before giving up.
        if (++failures >= MAX_QUEUE_FAILURES) throw error;
        await sleep(this.#pollSeconds, signal);
        continue;
      }
      if (job) {
        await this.#runJob(job);
        continue;
      }
      if (!counts) continue;
      // Done when nothing is queued or running anywhere; a running job elsewhere may still be taken over.
      if (!follow && counts.queued === 0 && counts.running === 0) return;
      this.#emit({ type: 'waiting', counts });
      const untilExpiry = counts.nextExpiry === null ? this.#pollSeconds : Math.max(0.2, counts.nextExpiry + 0.1);
      await sleep(Math.min(this.#pollSeconds, untilExpiry), signal);
    }
  }

  #emit(event: WorkerEvent): void {
    this.#options.onEvent?.(event);
  }

  /** One job: ingest its path under a renewed lease, then finish it in the transaction of its last write. */
  async #runJob(job: ClaimedJob): Promise<void> {
    const started = Date.now();
    this.#emit({ type: 'claimed', job });
    const controller = new AbortController();
    const stop = () => controller.abort();
    this.#options.signal?.addEventListener('abort', stop, { once: true });
    const lease = this.#heartbeat(job, controller);
    const writer = new JobWriter(this.#store);
    const failures: IngestFailure[] = [];
    try {
      const summary = await ingestPaths(writer, [job.path], {
        pool: this.#pool,
        ...(this.#options.batchSize !== undefined ? { batchSize: this.#options.batchSize } : {}),
        signal: controller.signal,
        onFailure: (failure) => failures.push(failure),
      });
      if (lease.lost) throw new LeaseLost(job);
      if (summary.interrupted) {
        // Stopped from outside: keep what is prepared and hand the job back for the next worker.
        await writer.flush();
        await releaseJob(this.#db, job);
        this.#emit({ type: 'released', job });
        return;
      }
      await this.#finishJob(job, writer, summary, failures, started);
    } catch (error) {
      await this.#failJob(job, error, lease.lost);
    } finally {
      lease.stop();
      this.#options.signal?.removeEventListener('abort', stop);
    }
  }

  /** Renews the job's lease every third of it; a lease found lost aborts the job. */
  #heartbeat(job: ClaimedJob, controller: AbortController): { readonly lost: boolean; stop(): void } {
    const leaseSeconds = this.#options.leaseSeconds;
    const state = { lost: false, stop: () => clearInterval(timer) };
    const timer = setInterval(
      () => {
        renewLease(this.#db, job, leaseSeconds).then(
          (ours) => {
            if (!ours) {
              state.lost = true;
              controller.abort();
            }
          },
          // The database did not answer this time: the lease is still good until it runs out; try again.
          () => {},
        );
      },
      Math.max(200, (leaseSeconds * 1000) / 3),
    );
    return state;
  }

  /** Writes the last batch and marks the job done (or failed, when inputs could not be read) in one transaction. */
  async #finishJob(
    job: ClaimedJob,
    writer: JobWriter,
    summary: IngestSummary,
    failures: readonly IngestFailure[],
    started: number,
  ): Promise<void> {
    const error =
      failures.length > 0
        ? `${failures.length} input${failures.length === 1 ? '' : 's'} could not be read: ${failures
            .slice(0, 5)
            .map((failure) => `${failure.source}: ${failure.reason}`)
            .join('; ')}${failures.length > 5 ? '; …' : ''}`
        : undefined;
    const state = error ? 'failed' : 'done';
    const counted = (result: WriteResult) => ({
      filings: summary.ingested + summary.replaced + summary.duplicates + result.inserted + result.replaced + result.unchanged,
      inserted: summary.ingested + result.inserted,
    });
    let last: WriteResult = NOTHING;
    await writer.finish({
      afterBegin: async (tx) => {
        if (!(await lockOwnJob(tx, job))) throw new LeaseLost(job);
      },
      beforeCommit: async (tx, result) => {
        last = result;
        const outcome = { state, ...counted(result), bytes: summary.bytes, ...(error ? { error } : {}) } as const;
        if (!(await finishJob(tx, job, outcome))) throw new LeaseLost(job);
      },
    });
    const { filings, inserted } = counted(last);
    this.#jobs++;
    if (state === 'failed') this.#failed++;
    this.#filings += filings;
    this.#inserted += inserted;
    this.#emit({ type: 'done', job, state, filings, inserted, seconds: (Date.now() - started) / 1000, ...(error ? { error } : {}) });
  }

  /** A job that threw: lost when its lease went to another worker, else back to the queue (or failed for good). */
  async #failJob(job: ClaimedJob, error: unknown, leaseLost: boolean): Promise<void> {
    if (error instanceof LeaseLost || leaseLost) {
      this.#lost++;
      this.#emit({ type: 'lost', job });
      return;
    }
    const reason = `attempt ${job.attempt}: ${message(error)}`;
    const state = await failAttempt(this.#db, job, reason, this.#maxAttempts).catch(() => null);
    if (state === null) {
      this.#lost++;
      this.#emit({ type: 'lost', job });
      return;
    }
    if (state === 'failed') {
      this.#jobs++;
      this.#failed++;
    }
    this.#emit({ type: 'retry', job, reason, state });
  }
}
