import type { Command } from 'commander';
import { inputPaths } from '../io/input-paths.js';
import { enqueueJobs, retryFailedJobs } from '../store/postgres/job-queue.js';
import { openPostgresStore, type Queryable } from '../store/postgres/postgres-store.js';
import { type CliIo, EXIT, type ExitCode, UserError } from './io.js';
import { cannotOpen, count, postgresSpec } from './scale-options.js';

/** `edgarkit enqueue`: Add ingest jobs to the queue. */
export function registerEnqueueCommand(program: Command, io: CliIo, setExit: (code: ExitCode) => void): void {
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
}
