import { mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import { feedArchivePath, readDate } from '../fetch/edgar-paths.js';
import {
  defaultDownloadDir,
  type FetchCommandContext,
  type FetchConnectionOptions,
  ingestDownloaded,
  openSession,
  usage,
  withConnectionOptions,
} from './fetch-session.js';
import { type CliIo, EXIT, type ExitCode, UserError } from './io.js';

export interface FetchFeedCommandOptions extends FetchConnectionOptions {
  readonly date?: string;
  readonly out?: string;
  readonly ingest?: boolean;
  readonly db?: string;
}

/** Adds `fetch feed` to the `fetch` command. */
export function registerFetchFeedCommand(
  fetch: Command,
  io: CliIo,
  setExit: (code: number) => void,
  context: FetchCommandContext = {},
): void {
  withConnectionOptions(
    fetch
      .command('feed')
      .description("Download one day's dissemination feed archive (YYYYMMDD.nc.tar.gz) into a folder")
      .option('--date <YYYY-MM-DD>', 'the day, e.g. 2002-12-26')
      .option('--out <dir>', 'folder for the archive (with --ingest: default ~/.local/share/edgarkit/downloads)')
      .option('--ingest', 'ingest the archive into the database once fetched')
      .option('--db <file>', 'database for --ingest (default: $EDGARKIT_DB or ~/.local/share/edgarkit/edgarkit.db)'),
  ).action(async (options: FetchFeedCommandOptions) => {
    setExit(await runFetchFeedCommand(options, io, context));
  });
}

/** `edgarkit fetch feed`: one day's feed archive into a folder (skipped when already there). */
export async function runFetchFeedCommand(
  options: FetchFeedCommandOptions,
  io: CliIo,
  context: FetchCommandContext = {},
): Promise<ExitCode> {
  if (!options.date) throw new UserError('Give --date YYYY-MM-DD: the day of the feed archive');
  if (!options.out && !options.ingest) throw new UserError('Give --out DIR (the folder the archive goes to), or --ingest');
  const date = options.date;
  usage(() => readDate(date), '--date');
  const outDir = options.out ?? join(defaultDownloadDir(io.env), 'feed');
  const path = join(outDir, `${readDate(date).compact}.nc.tar.gz`);
  const session = await openSession(options, io);
  try {
    const existing = await stat(path).catch(() => null);
    if (existing?.isFile()) {
      session.summary(`fetched 0, skipped 1 (${path} is already complete, ${existing.size} bytes), failed 0`);
      return options.ingest && (await ingestDownloaded([path], options.db, io)) > 0 ? EXIT.problems : EXIT.ok;
    }
    await mkdir(outDir, { recursive: true });
    const url = session.client.archivesUrl(feedArchivePath(date));
    const result = await session.run(() => session.client.download(url, path, context.signal ? { signal: context.signal } : {}));
    session.progress.line(`${result.fromCache ? 'copied from cache (304)' : 'fetched'} ${path} (${result.bytes} bytes)`);
    session.summary(`fetched ${result.fromCache ? 0 : 1}, cached ${result.fromCache ? 1 : 0}, failed 0`);
    return options.ingest && (await ingestDownloaded([path], options.db, io)) > 0 ? EXIT.problems : EXIT.ok;
  } catch (error) {
    return session.fail(error);
  } finally {
    session.close();
  }
}
