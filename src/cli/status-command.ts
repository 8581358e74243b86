import type { Command } from 'commander';
import { queueStatus } from '../store/postgres/job-queue.js';
import { openPostgresStore, type Queryable } from '../store/postgres/postgres-store.js';
import { type CliIo, EXIT, type ExitCode } from './io.js';
import { cannotOpen, count, duration, postgresSpec } from './scale-options.js';

/** `edgarkit status`: The ingest queue. */
export function registerStatusCommand(program: Command, io: CliIo, setExit: (code: ExitCode) => void): void {
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
