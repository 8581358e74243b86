import { stat } from 'node:fs/promises';
import type { Command } from 'commander';
import { type IngestProgress, ingest, readIngestInputs } from '../pipeline/ingest.js';
import { storageFault } from '../store/storage-error.js';
import { databaseSpec, openForWriting, positiveInteger } from './database-options.js';
import { type CliIo, EXIT, type ExitCode, UserError } from './io.js';

export interface IngestCommandOptions {
  readonly signal?: AbortSignal;
  readonly db?: string;
  readonly workers?: number;
  readonly batch?: number;
}

/** `edgarkit ingest <paths...>`: files, folders and archives into the database, with progress and a summary. */
export async function runIngestCommand(paths: readonly string[], options: IngestCommandOptions, io: CliIo): Promise<ExitCode> {
  let totalBytes = 0;
  let totalKnown = true;
  for (const path of paths) {
    if (path === '-') {
      totalKnown = false;
      continue;
    }
    const info = await stat(path).catch(() => null);
    if (!info) throw new UserError(`Cannot read ${path}: no such file or directory`);
    if (info.isFile() && !/\.(tar|gz|tgz)$/i.test(path)) totalBytes += info.size;
    else totalKnown = false;
  }
  const spec = databaseSpec(options.db, io);
  const store = await openForWriting(options.db, io);
  const tty = io.stderr.isTTY === true;
  const show = (progress: IngestProgress) => {
    const parts = [
      `${progress.filings.toLocaleString('en-US')} filings`,
      `${(progress.bytes / 1e6).toFixed(1)} MB`,
      `${progress.filingsPerSecond.toFixed(0)} filings/s`,
      `${progress.megabytesPerSecond.toFixed(1)} MB/s`,
    ];
    if (totalKnown && totalBytes > 0 && progress.bytes > 0) {
      const fraction = Math.min(1, progress.bytes / totalBytes);
      const eta = fraction > 0 ? (progress.seconds / fraction) * (1 - fraction) : 0;
      const width = 24;
      const filled = Math.round(fraction * width);
      parts.unshift(`[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(fraction * 100).toFixed(0)}%`);
      parts.push(`ETA ${eta.toFixed(0)} s`);
    }
    io.stderr.write(tty ? `\r\u001b[2K${parts.join('  ')}` : `ingest: ${parts.join(', ')}\n`);
  };
  try {
    const summary = await ingest(store, readIngestInputs(paths, io.stdin), {
      ...(options.workers !== undefined ? { workers: options.workers } : {}),
      ...(options.batch !== undefined ? { batchSize: options.batch } : {}),
      onProgress: show,
      ...(options.signal ? { signal: options.signal } : {}),
      onFailure: (failure) => io.stderr.write(`${tty ? '\r\u001b[2K' : ''}failed: ${failure.source}: ${failure.reason}\n`),
    }).catch((error: unknown) => {
      if (tty) io.stderr.write('\n');
      const fault = storageFault(error);
      if (!fault) throw error;
      // A write failed (a full disk): the batches committed before it are whole, the one that failed left nothing.
      throw new UserError(
        `Cannot write to the database ${spec}: ${fault.message}. Every filing written before this is saved; make room and run the same command again to finish.`,
      );
    });
    if (tty) io.stderr.write('\n');
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
    .option('--workers <n>', 'parser threads (default: one per core, at most 8; 0 = none)', positiveInteger('--workers'))
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
