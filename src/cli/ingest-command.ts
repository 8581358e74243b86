import type { Command } from 'commander';
import { ingest, readIngestInputs } from '../pipeline/ingest.js';
import { storageFault } from '../store/storage-error.js';
import { databaseSpec, openForWriting, positiveInteger } from './database-options.js';
import { ingestProgressDisplay, inputTotalBytes } from './ingest-progress.js';
import { type CliIo, EXIT, type ExitCode, UserError } from './io.js';

export interface IngestCommandOptions {
  readonly signal?: AbortSignal;
  readonly db?: string;
  readonly workers?: number;
  readonly batch?: number;
}

/** `edgarkit ingest <paths...>`: files, folders and archives into the database, with progress and a summary. */
export async function runIngestCommand(paths: readonly string[], options: IngestCommandOptions, io: CliIo): Promise<ExitCode> {
  const totalBytes = await inputTotalBytes(paths, { folders: io.stderr.isTTY === true });
  const spec = databaseSpec(options.db, io);
  const store = await openForWriting(options.db, io);
  const progress = ingestProgressDisplay(io.stderr, totalBytes);
  try {
    const summary = await ingest(store, readIngestInputs(paths, io.stdin), {
      ...(options.workers !== undefined ? { workers: options.workers } : {}),
      ...(options.batch !== undefined ? { batchSize: options.batch } : {}),
      onProgress: (update) => progress.update(update),
      ...(options.signal ? { signal: options.signal } : {}),
      onFailure: (failure) => progress.line(`failed: ${failure.source}: ${failure.reason}\n`),
    }).catch((error: unknown) => {
      progress.stop(false);
      const fault = storageFault(error);
      if (!fault) throw error;
      // A write failed (a full disk): the batches committed before it are whole, the one that failed left nothing.
      throw new UserError(
        `Cannot write to the database ${spec}: ${fault.message}. Every filing written before this is saved; make room and run the same command again to finish.`,
      );
    });
    progress.stop(!summary.interrupted);
    io.stdout.write(
      `${summary.ingested} ingested, ${summary.replaced} replaced, ${summary.duplicates} skipped as duplicates, ${summary.failed.length} failed` +
        ` (${(summary.bytes / 1e6).toFixed(1)} MB in ${summary.seconds.toFixed(1)} s) into ${spec}\n`,
    );
    if (summary.notFilings.length > 0) io.stdout.write(`${describeNotFilings(summary.notFilings)}\n`);
    if (summary.ingested + summary.replaced === 0 && summary.duplicates > 0 && summary.failed.length === 0) {
      io.stdout.write('Nothing changed: every filing was already stored as it is.\n');
    }
    if (summary.interrupted) {
      io.stderr.write('edgarkit: interrupted; everything above is saved. Run the same command again to finish.\n');
      return EXIT.problems;
    }
    return summary.failed.length > 0 && summary.ingested + summary.replaced + summary.duplicates === 0 ? EXIT.problems : EXIT.ok;
  } finally {
    progress.stop(false);
    await store.close();
  }
}

/** `skipped: 5 not EDGAR filings (README.md: plain text …; …)`, every one named: none is dropped without a word. */
function describeNotFilings(skipped: readonly { readonly source: string; readonly reason: string }[]): string {
  const count = `${skipped.length} ${skipped.length === 1 ? 'file is' : 'files are'} not EDGAR filings`;
  return `skipped: ${count}:\n${skipped.map((skip) => `  ${skip.source}: ${skip.reason}`).join('\n')}`;
}

/** Adds `edgarkit ingest`. */
export function registerIngestCommand(
  program: Command,
  io: CliIo,
  setExit: (code: ExitCode) => void,
  context: { readonly signal?: AbortSignal } = {},
): void {
  program
    .command('ingest')
    .description('Read filings (files, folders, .tar/.tar.gz feed archives, - for stdin) into the database; safe to re-run')
    .argument('<paths...>', 'files, directories or archives')
    .option('--db <file>', 'database file (default: $EDGARKIT_DB or ~/.local/share/edgarkit/edgarkit.db)')
    .option(
      '--workers <n>',
      'parser threads beside the writing thread, which parses too (default: one fewer than the cores, at least 1, at most 8; 0 = none)',
      positiveInteger('--workers'),
    )
    .option('--batch <n>', 'filings per transaction', positiveInteger('--batch'))
    .addHelpText(
      'after',
      '\nIngest is idempotent by accession number: an unchanged filing is skipped, a changed copy replaces the old one,\n' +
        'and the .nc and .txt copies of one accession are one filing. Files that are not EDGAR filings are skipped and listed.\n' +
        'If it is interrupted (even by kill -9), run the same command again to finish.\n',
    )
    .action(async (paths: string[], options: { db?: string; workers?: number; batch?: number }) => {
      setExit(await runIngestCommand(paths, { ...options, ...(context.signal ? { signal: context.signal } : {}) }, io));
    });
}
