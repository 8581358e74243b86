import type { Command } from 'commander';
import { runIngestWorker, type WorkerEvent } from '../pipeline/queue-worker.js';
import { positiveInteger } from './database-options.js';
import { type CliIo, EXIT, type ExitCode } from './io.js';
import { cannotOpen, count, postgresSpec, type ScaleCommandContext } from './scale-options.js';

/** `edgarkit worker`: Claim ingest jobs from the queue and run them. */
export function registerWorkerCommand(
  program: Command,
  io: CliIo,
  setExit: (code: ExitCode) => void,
  context: ScaleCommandContext = {},
): void {
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
    .action(async (options: WorkerCommandOptions) => {
      setExit(await runWorkerCommand(options, io, context));
    });
}

export interface WorkerCommandOptions {
  readonly db?: string;
  readonly concurrency: number;
  readonly threads?: number;
  readonly batch?: number;
  readonly follow?: boolean;
  readonly lease: number;
  readonly maxAttempts: number;
  readonly name?: string;
}

/** Runs the worker until the queue is done (or a signal stops it), logging each job; prints a summary. */
export async function runWorkerCommand(options: WorkerCommandOptions, io: CliIo, context: ScaleCommandContext = {}): Promise<ExitCode> {
  const spec = postgresSpec(options.db, io, 'worker');
  const onEvent = (event: WorkerEvent) => {
    const text = describeEvent(event);
    if (text) io.stderr.write(`worker: ${text}\n`);
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
    if (error instanceof Error && /ECONNREFUSED|ENOTFOUND|password|does not exist/i.test(error.message)) throw cannotOpen(spec, error);
    throw error;
  }
  io.stdout.write(
    `${count(summary.jobs)} jobs finished (${count(summary.failed)} failed, ${count(summary.lost)} lost to other workers): ` +
      `${count(summary.filings)} filings, ${count(summary.inserted)} new, in ${summary.seconds.toFixed(1)} s\n`,
  );
  return context.signal?.aborted ? EXIT.problems : EXIT.ok;
}

/** One line for the log per worker event (null for the quiet ones). */
function describeEvent(event: WorkerEvent): string | null {
  switch (event.type) {
    case 'claimed':
      return `job ${event.job.id} ${event.job.path} (attempt ${event.job.attempt}${event.job.takenOverFrom ? `, taken over from ${event.job.takenOverFrom}` : ''})`;
    case 'done':
      return `job ${event.job.id} ${event.state}: ${count(event.filings)} filings (${count(event.inserted)} new) in ${event.seconds.toFixed(1)} s${event.error ? `; ${event.error}` : ''}`;
    case 'retry':
      return `job ${event.job.id} failed (${event.reason}); ${event.state === 'failed' ? 'no tries left' : 'queued again'}`;
    case 'lost':
      return `job ${event.job.id}: the lease ran out and another worker took the job over; its filings are upserted, never doubled`;
    case 'released':
      return `job ${event.job.id} handed back to the queue`;
    case 'waiting':
      return null;
  }
}
