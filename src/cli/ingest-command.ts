import { stat } from 'node:fs/promises';
import { type IngestProgress, ingestPaths } from '../pipeline/ingest.js';
import { databaseSpec, openForWriting } from './database-options.js';
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
    const summary = await ingestPaths(store, paths, {
      ...(options.workers !== undefined ? { workers: options.workers } : {}),
      ...(options.batch !== undefined ? { batchSize: options.batch } : {}),
      onProgress: show,
      ...(options.signal ? { signal: options.signal } : {}),
      onFailure: (failure) => io.stderr.write(`${tty ? '\r\u001b[2K' : ''}failed: ${failure.source}: ${failure.reason}\n`),
    });
    if (tty) io.stderr.write('\n');
    io.stdout.write(
      `${summary.ingested} ingested, ${summary.replaced} replaced, ${summary.duplicates} skipped as duplicates, ${summary.failed.length} failed` +
        ` (${(summary.bytes / 1e6).toFixed(1)} MB in ${summary.seconds.toFixed(1)} s) into ${spec}\n`,
    );
    if (summary.interrupted) {
      io.stderr.write('edgarkit: interrupted; everything above is saved. Run the same command again to finish.\n');
      return EXIT.problems;
    }
    return summary.failed.length > 0 && summary.ingested + summary.replaced + summary.duplicates === 0 ? EXIT.problems : EXIT.ok;
  } finally {
    await store.close();
  }
}
