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
import type {
  CompanyListRequest,
  CompanyView,
  FilingListRequest,
  FilingSummaryView,
  FilingView,
  PreparedFiling,
  SearchPage,
  SearchRequest,
  Store,
  StoreStats,
  WriteResult,
} from '../store/store.js';
import { type IngestFailure, ingestPaths } from './ingest.js';

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
 * A Store for one job that writes each batch when the next one arrives, and the last batch in `finish`, in the
 * same transaction that marks the job done: a job is done exactly when all its filings are committed.
 * (ingestPaths() gives no signal before its last write; this is how the worker finds the last batch.)
 */
class JobWriter implements Store {
  readonly #store: PostgresStore;
  #held: readonly PreparedFiling[] | null = null;
  #chain: Promise<unknown> = Promise.resolve();

  constructor(store: PostgresStore) {
    this.#store = store;
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

  contentHashOf(filingId: string): Promise<string | null> {
    return this.#store.contentHashOf(filingId);
  }
  search(query: SearchRequest): Promise<SearchPage> {
    return this.#store.search(query);
  }
  getFiling(filingId: string): Promise<FilingView | null> {
    return this.#store.getFiling(filingId);
  }
  getOriginal(filingId: string): Promise<Uint8Array | null> {
    return this.#store.getOriginal(filingId);
  }
  getBlob(sha256: string): Promise<Uint8Array | null> {
    return this.#store.getBlob(sha256);
  }
  listCompanies(request: CompanyListRequest): Promise<readonly CompanyView[]> {
    return this.#store.listCompanies(request);
  }
  getCompany(cik: string): Promise<CompanyView | null> {
    return this.#store.getCompany(cik);
  }
  listFilings(request: FilingListRequest): Promise<readonly FilingSummaryView[]> {
    return this.#store.listFilings(request);
  }
  stats(): Promise<StoreStats> {
    return this.#store.stats();
  }
  checkIntegrity(): Promise<readonly string[]> {
    return this.#store.checkIntegrity();
  }
  async close(): Promise<void> {}
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
  const started = Date.now();
  const concurrency = Math.max(1, options.concurrency ?? 1);
  const threads = options.threads ?? Math.max(1, Math.floor(availableParallelism() / concurrency));
  const leaseSeconds = options.leaseSeconds ?? 60;
  const maxAttempts = options.maxAttempts ?? 3;
  const pollSeconds = options.pollSeconds ?? 2;
  const name = options.name ?? `${hostname()}:${process.pid}`;
  const emit = (event: WorkerEvent) => options.onEvent?.(event);
  const store = await openPostgresStore(url, {
    poolSize: concurrency * 3 + 1,
    // A worker frozen inside a transaction (SIGSTOP, a paused VM) loses its locks with its lease.
    idleInTransactionTimeoutMs: leaseSeconds * 1000,
    applicationName: `edgarkit worker ${name}`.slice(0, 63),
  });
  const db: Queryable = store.pool as unknown as Queryable;
  let jobs = 0;
  let failed = 0;
  let lost = 0;
  let filings = 0;
  let inserted = 0;

  const runJob = async (job: ClaimedJob): Promise<void> => {
    const jobStarted = Date.now();
    emit({ type: 'claimed', job });
    const controller = new AbortController();
    const stop = () => controller.abort();
    options.signal?.addEventListener('abort', stop, { once: true });
    let leaseLost = false;
    const heartbeat = setInterval(
      () => {
        renewLease(db, job, leaseSeconds).then(
          (ours) => {
            if (!ours) {
              leaseLost = true;
              controller.abort();
            }
          },
          // The database did not answer this time: the lease is still good until it runs out; try again.
          () => {},
        );
      },
      Math.max(200, (leaseSeconds * 1000) / 3),
    );
    const writer = new JobWriter(store);
    const failures: IngestFailure[] = [];
    try {
      const summary = await ingestPaths(writer, [job.path], {
        workers: threads,
        ...(options.batchSize !== undefined ? { batchSize: options.batchSize } : {}),
        signal: controller.signal,
        onFailure: (failure) => failures.push(failure),
      });
      if (leaseLost) throw new LeaseLost(job);
      if (summary.interrupted) {
        // Stopped from outside: keep what is prepared and hand the job back for the next worker.
        await writer.flush();
        await releaseJob(db, job);
        emit({ type: 'released', job });
        return;
      }
      const error =
        failures.length > 0
          ? `${failures.length} input${failures.length === 1 ? '' : 's'} could not be read: ${failures
              .slice(0, 5)
              .map((failure) => `${failure.source}: ${failure.reason}`)
              .join('; ')}${failures.length > 5 ? '; …' : ''}`
          : undefined;
      const state = error ? 'failed' : 'done';
      let last: WriteResult = NOTHING;
      await writer.finish({
        afterBegin: async (tx) => {
          if (!(await lockOwnJob(tx, job))) throw new LeaseLost(job);
        },
        beforeCommit: async (tx, result) => {
          last = result;
          const outcome = {
            state,
            filings: summary.ingested + summary.replaced + summary.duplicates + result.inserted + result.replaced + result.unchanged,
            inserted: summary.ingested + result.inserted,
            bytes: summary.bytes,
            ...(error ? { error } : {}),
          } as const;
          if (!(await finishJob(tx, job, outcome))) throw new LeaseLost(job);
        },
      });
      const jobFilings = summary.ingested + summary.replaced + summary.duplicates + last.inserted + last.replaced + last.unchanged;
      jobs++;
      if (state === 'failed') failed++;
      filings += jobFilings;
      inserted += summary.ingested + last.inserted;
      emit({
        type: 'done',
        job,
        state,
        filings: jobFilings,
        inserted: summary.ingested + last.inserted,
        seconds: (Date.now() - jobStarted) / 1000,
        ...(error ? { error } : {}),
      });
    } catch (error) {
      if (error instanceof LeaseLost || leaseLost) {
        lost++;
        emit({ type: 'lost', job });
        return;
      }
      const reason = `attempt ${job.attempt}: ${message(error)}`;
      const state = await failAttempt(db, job, reason, maxAttempts).catch(() => null);
      if (state === null) {
        lost++;
        emit({ type: 'lost', job });
        return;
      }
      if (state === 'failed') {
        jobs++;
        failed++;
      }
      emit({ type: 'retry', job, reason, state });
    } finally {
      clearInterval(heartbeat);
      options.signal?.removeEventListener('abort', stop);
    }
  };

  const loop = async (): Promise<void> => {
    let failures = 0;
    while (!options.signal?.aborted) {
      let job: ClaimedJob | null;
      let counts: QueueCounts | null = null;
      try {
        job = await claimJob(db, name, randomUUID(), leaseSeconds, maxAttempts);
        if (!job) counts = await queueCounts(db);
        failures = 0;
      } catch (error) {
        // The database is away (a restart, a network hiccup): try again for a while before giving up.
        if (++failures >= MAX_QUEUE_FAILURES) throw error;
        await sleep(pollSeconds, options.signal);
        continue;
      }
      if (job) {
        await runJob(job);
        continue;
      }
      if (!counts) continue;
      // Done when nothing is queued or running anywhere; a running job elsewhere may still be taken over.
      if (!options.follow && counts.queued === 0 && counts.running === 0) return;
      emit({ type: 'waiting', counts });
      const untilExpiry = counts.nextExpiry === null ? pollSeconds : Math.max(0.2, counts.nextExpiry + 0.1);
      await sleep(Math.min(pollSeconds, untilExpiry), options.signal);
    }
  };

  try {
    await Promise.all(Array.from({ length: concurrency }, loop));
  } finally {
    await store.close();
  }
  return { jobs, failed, lost, filings, inserted, seconds: (Date.now() - started) / 1000 };
}
