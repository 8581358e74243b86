import type { Command } from 'commander';
import { inputPaths } from '../io/input-paths.js';
import { runIngestWorker, type WorkerEvent } from '../pipeline/queue-worker.js';
import { copySqliteToPostgres } from '../store/postgres/copy-from-sqlite.js';
import { enqueueJobs, queueStatus, retryFailedJobs } from '../store/postgres/job-queue.js';
import { migratePostgres, openPostgresStore, POSTGRES_SCHEMA_VERSION, type Queryable } from '../store/postgres/postgres-store.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import { databaseSpec, positiveInteger } from './database-options.js';
import { type CliIo, EXIT, type ExitCode, UserError } from './io.js';

type SetExit = (code: ExitCode) => void;

export interface ScaleCommandContext {
  /** Aborted on Ctrl-C / SIGTERM: a worker hands its job back, a copy stops after the current batch. */
  readonly signal?: AbortSignal;
}

const POSTGRES_URL = /^postgres(ql)?:\/\//i;

/** A URL as shown to people: the password replaced. */
export function displayUrl(url: string): string {
  return url.replace(/^(postgres(?:ql)?:\/\/[^:/@]+:)[^@]*@/i, '$1***@');
}

function postgresSpec(option: string | undefined, io: CliIo, command: string): string {
  const spec = databaseSpec(option, io);
  if (!POSTGRES_URL.test(spec)) {
    throw new UserError(
      `"edgarkit ${command}" needs a PostgreSQL database: --db postgres://user@host:5432/edgarkit (or $EDGARKIT_DB), not ${spec}`,
    );
  }
  return spec;
}

function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  if (seconds < 90) return `${Math.round(seconds)} s`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min`;
  if (seconds < 172_800) return `${(seconds / 3600).toFixed(1)} h`;
  return `${(seconds / 86_400).toFixed(1)} days`;
}

const count = (value: number) => value.toLocaleString('en-US');

function cannotOpen(spec: string, error: unknown): UserError {
  return new UserError(`Cannot open the database ${displayUrl(spec)}: ${error instanceof Error ? error.message : String(error)}`);
}

/** `migrate`, `copy`, `enqueue`, `worker`, `status`: the PostgreSQL store and many ingest workers on many machines. */
export function registerScaleCommands(program: Command, io: CliIo, setExit: SetExit, context: ScaleCommandContext = {}): void {
  program
    .command('migrate')
    .description('Bring a database schema up to date (SQLite file or PostgreSQL URL); safe to run any time')
    .option('--db <file|url>', 'database file or postgres:// URL (default: $EDGARKIT_DB or ~/.local/share/edgarkit/edgarkit.db)')
    .action(async (options: { db?: string }) => {
      const spec = databaseSpec(options.db, io);
      if (POSTGRES_URL.test(spec)) {
        let applied: number[];
        try {
          applied = await migratePostgres(spec);
        } catch (error) {
          throw cannotOpen(spec, error);
        }
        io.stdout.write(
          applied.length > 0
            ? `${displayUrl(spec)}: applied migration${applied.length === 1 ? '' : 's'} ${applied.join(', ')}; schema version ${POSTGRES_SCHEMA_VERSION}\n`
            : `${displayUrl(spec)}: schema up to date (version ${POSTGRES_SCHEMA_VERSION})\n`,
        );
      } else {
        try {
          await openSqliteStore(spec).close();
        } catch (error) {
          throw cannotOpen(spec, error);
        }
        io.stdout.write(`${spec}: schema up to date\n`);
      }
      setExit(EXIT.ok);
    });

  program
    .command('copy')
    .description('Copy a SQLite database into PostgreSQL (resumable), then compare row counts and content hashes')
    .requiredOption('--from <file>', 'the SQLite database file')
    .requiredOption('--to <url>', 'the PostgreSQL database (postgres://user@host:5432/edgarkit)')
    .option('--batch <n>', 'filings per transaction', positiveInteger('--batch'), 200)
    .addHelpText(
      'after',
      '\nAn interrupted copy resumes where it stopped: accessions already there with the same content hash are skipped.\n',
    )
    .action(async (options: { from: string; to: string; batch: number }) => {
      if (!POSTGRES_URL.test(options.to)) throw new UserError(`--to needs a postgres:// URL, not ${options.to}`);
      const tty = io.stderr.isTTY === true;
      let result: Awaited<ReturnType<typeof copySqliteToPostgres>>;
      try {
        result = await copySqliteToPostgres(options.from, options.to, {
          batchSize: Math.max(1, options.batch),
          ...(context.signal ? { signal: context.signal } : {}),
          onProgress: (progress) => {
            const done = progress.copied + progress.skipped;
            const rate = progress.seconds > 0 ? progress.copied / progress.seconds : 0;
            io.stderr.write(
              `${tty ? '\r\u001b[2K' : ''}copy: ${count(done)} of ${count(progress.total)} filings (${count(progress.skipped)} already there), ${rate.toFixed(0)} filings/s${tty ? '' : '\n'}`,
            );
          },
        });
      } catch (error) {
        if (error instanceof UserError) throw error;
        throw new UserError(
          `Cannot copy ${options.from} to ${displayUrl(options.to)}: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
      if (tty) io.stderr.write('\n');
      io.stdout.write(
        `${count(result.copied)} filings copied, ${count(result.skipped)} already there, of ${count(result.total)} in ${result.seconds.toFixed(1)} s\n`,
      );
      if (result.interrupted || !result.check) {
        io.stderr.write('edgarkit: interrupted; everything copied so far is saved. Run the same command again to finish.\n');
        setExit(EXIT.problems);
        return;
      }
      const check = result.check;
      io.stdout.write('table            sqlite      postgres\n');
      for (const row of check.counts) {
        io.stdout.write(
          `${row.table.padEnd(14)} ${count(row.sqlite).padStart(10)}  ${count(row.postgres).padStart(12)}${row.sqlite === row.postgres ? '' : '  differs'}\n`,
        );
      }
      io.stdout.write(
        `content hashes: ${count(check.matching)} match, ${count(check.missing.length)} missing, ${count(check.different.length)} different, ${count(check.extra)} only in PostgreSQL\n`,
      );
      for (const id of check.missing.slice(0, 10)) io.stdout.write(`  missing: ${id}\n`);
      for (const id of check.different.slice(0, 10)) io.stdout.write(`  different: ${id}\n`);
      io.stdout.write(check.ok ? 'The copy is complete and identical.\n' : 'The copy differs from the source (see above).\n');
      setExit(check.ok ? EXIT.ok : EXIT.problems);
    });

  program
    .command('enqueue')
    .description(
      'Add ingest jobs to the queue in a PostgreSQL database: one per input file or archive (a path already queued is not added again)',
    )
    .argument('[paths...]', 'files, .tar/.tar.gz archives, or folders of them (walked recursively)')
    .option('--db <url>', 'the PostgreSQL database (default: $EDGARKIT_DB)')
    .option('--folders', 'one job per sub-folder of each folder given, instead of one per file')
    .option('--retry-failed', 'put failed jobs back in the queue')
    .addHelpText('after', '\nPaths are stored absolute: every worker machine must see them at the same place (a shared mount).\n')
    .action(async (paths: string[], options: { db?: string; folders?: boolean; retryFailed?: boolean }) => {
      const spec = postgresSpec(options.db, io, 'enqueue');
      if (paths.length === 0 && !options.retryFailed)
        throw new UserError('Name the files, archives or folders to enqueue (or --retry-failed)');
      let expanded: string[];
      try {
        expanded = await inputPaths(paths, { ...(options.folders ? { folders: true } : {}) });
      } catch (error) {
        throw new UserError(error instanceof Error ? error.message : String(error));
      }
      const store = await openPostgresStore(spec, { poolSize: 1 }).catch((error: unknown) => {
        throw cannotOpen(spec, error);
      });
      try {
        const db = store.pool as unknown as Queryable;
        if (options.retryFailed) io.stdout.write(`${count(await retryFailedJobs(db))} failed jobs queued again\n`);
        if (expanded.length > 0) {
          const result = await enqueueJobs(db, expanded);
          io.stdout.write(`${count(result.added)} jobs added, ${count(result.alreadyQueued)} already in the queue\n`);
        }
      } finally {
        await store.close();
      }
      setExit(EXIT.ok);
    });

  program
    .command('worker')
    .description('Claim ingest jobs from the queue and run them, until none is queued or running (or, with --follow, for ever)')
    .option('--db <url>', 'the PostgreSQL database (default: $EDGARKIT_DB)')
    .option('--concurrency <n>', 'jobs at once in this process', positiveInteger('--concurrency'), 1)
    .option('--threads <n>', 'parser threads per job (default: the cores shared among the jobs; 0 = none)', positiveInteger('--threads'))
    .option('--batch <n>', 'filings per transaction', positiveInteger('--batch'))
    .option('--follow', 'keep waiting for new jobs when the queue is empty')
    .option('--lease <seconds>', 'how long a claimed job stays ours without a heartbeat', positiveInteger('--lease'), 60)
    .option('--max-attempts <n>', 'tries before a job stays failed', positiveInteger('--max-attempts'), 3)
    .option('--name <name>', 'this worker\'s name in "edgarkit status" (default: host:pid)')
    .addHelpText(
      'after',
      '\nRun any number of workers on any number of machines. A worker that dies loses its lease and another one\n' +
        'takes its job over; filings are upserted by accession, so nothing is ever stored twice.\n',
    )
    .action(
      async (options: {
        db?: string;
        concurrency: number;
        threads?: number;
        batch?: number;
        follow?: boolean;
        lease: number;
        maxAttempts: number;
        name?: string;
      }) => {
        const spec = postgresSpec(options.db, io, 'worker');
        const log = (text: string) => io.stderr.write(`worker: ${text}\n`);
        const onEvent = (event: WorkerEvent) => {
          switch (event.type) {
            case 'claimed':
              log(
                `job ${event.job.id} ${event.job.path} (attempt ${event.job.attempt}${event.job.takenOverFrom ? `, taken over from ${event.job.takenOverFrom}` : ''})`,
              );
              break;
            case 'done':
              log(
                `job ${event.job.id} ${event.state}: ${count(event.filings)} filings (${count(event.inserted)} new) in ${event.seconds.toFixed(1)} s${event.error ? `; ${event.error}` : ''}`,
              );
              break;
            case 'retry':
              log(`job ${event.job.id} failed (${event.reason}); ${event.state === 'failed' ? 'no tries left' : 'queued again'}`);
              break;
            case 'lost':
              log(`job ${event.job.id}: the lease ran out and another worker took the job over; its filings are upserted, never doubled`);
              break;
            case 'released':
              log(`job ${event.job.id} handed back to the queue`);
              break;
            case 'waiting':
              break;
          }
        };
        let summary: Awaited<ReturnType<typeof runIngestWorker>>;
        try {
          summary = await runIngestWorker(spec, {
            concurrency: Math.max(1, options.concurrency),
            ...(options.threads !== undefined ? { threads: options.threads } : {}),
            ...(options.batch !== undefined ? { batchSize: Math.max(1, options.batch) } : {}),
            ...(options.follow ? { follow: true } : {}),
            leaseSeconds: Math.max(1, options.lease),
            maxAttempts: Math.max(1, options.maxAttempts),
            ...(options.name ? { name: options.name } : {}),
            ...(context.signal ? { signal: context.signal } : {}),
            onEvent,
          });
        } catch (error) {
          if (error instanceof Error && /ECONNREFUSED|ENOTFOUND|password|does not exist/i.test(error.message))
            throw cannotOpen(spec, error);
          throw error;
        }
        io.stdout.write(
          `${count(summary.jobs)} jobs finished (${count(summary.failed)} failed, ${count(summary.lost)} lost to other workers): ` +
            `${count(summary.filings)} filings, ${count(summary.inserted)} new, in ${summary.seconds.toFixed(1)} s\n`,
        );
        setExit(context.signal?.aborted ? EXIT.problems : EXIT.ok);
      },
    );

  program
    .command('status')
    .description('The ingest queue: queued, running, done and failed jobs (with reasons), rate and ETA')
    .option('--db <url>', 'the PostgreSQL database (default: $EDGARKIT_DB)')
    .option('--json', 'print the status as JSON')
    .action(async (options: { db?: string; json?: boolean }) => {
      const spec = postgresSpec(options.db, io, 'status');
      const store = await openPostgresStore(spec, { poolSize: 1, readonly: true }).catch((error: unknown) => {
        throw cannotOpen(spec, error);
      });
      try {
        const status = await queueStatus(store.pool as unknown as Queryable);
        if (options.json) {
          io.stdout.write(`${JSON.stringify(status, null, 2)}\n`);
          setExit(EXIT.ok);
          return;
        }
        io.stdout.write(
          `jobs: ${count(status.queued)} queued, ${count(status.running)} running${status.expired > 0 ? ` (${count(status.expired)} with a lease that ran out)` : ''}, ` +
            `${count(status.done)} done, ${count(status.failed)} failed\n`,
        );
        io.stdout.write(`filings: ${count(status.filings)} in finished jobs (${(status.bytes / 1e9).toFixed(2)} GB read)\n`);
        io.stdout.write(
          `rate: ${status.filingsPerSecond.toFixed(1)} filings/s, ${status.megabytesPerSecond.toFixed(1)} MB/s, ${(status.jobsPerSecond * 60).toFixed(1)} jobs/min (last 10 minutes)\n`,
        );
        io.stdout.write(
          `ETA: ${status.etaSeconds === null ? 'unknown (no job finished in the last 10 minutes)' : status.etaSeconds === 0 ? 'nothing left' : duration(status.etaSeconds)}\n`,
        );
        if (status.workers.length > 0) {
          io.stdout.write('workers:\n');
          for (const worker of status.workers) {
            io.stdout.write(
              `  ${worker.worker}  ${worker.running} job${worker.running === 1 ? '' : 's'}, ${worker.leaseSeconds >= 0 ? `lease ${Math.round(worker.leaseSeconds)} s left` : `lease ran out ${Math.round(-worker.leaseSeconds)} s ago`}\n`,
            );
          }
        }
        if (status.failures.length > 0) {
          io.stdout.write(`failed${status.failed > status.failures.length ? ` (first ${status.failures.length})` : ''}:\n`);
          for (const failure of status.failures) {
            io.stdout.write(
              `  ${failure.path} (${failure.attempts} attempt${failure.attempts === 1 ? '' : 's'}): ${failure.reason ?? 'no reason recorded'}\n`,
            );
          }
        }
        setExit(EXIT.ok);
      } finally {
        await store.close();
      }
    });
}
