import { join } from 'node:path';
import type { Command } from 'commander';
import { readDate } from '../fetch/edgar-paths.js';
import { type FetchFilingsResult, fetchFilingsToDirectory } from '../fetch/fetch-filings-to-directory.js';
import {
  collect,
  defaultDownloadDir,
  type FetchCommandContext,
  type FetchConnectionOptions,
  ingestDownloaded,
  openSession,
  usage,
  withConnectionOptions,
} from './fetch-session.js';
import { type CliIo, EXIT, type ExitCode, UserError } from './io.js';

export interface FetchFilingsCommandOptions extends FetchConnectionOptions {
  readonly cik?: string;
  readonly ticker?: string;
  readonly form?: readonly string[];
  readonly from?: string;
  readonly to?: string;
  readonly out?: string;
  readonly jobs?: string;
  readonly ingest?: boolean;
  readonly db?: string;
}

/** Adds `fetch filings` to the `fetch` command. */
export function registerFetchFilingsCommand(
  fetch: Command,
  io: CliIo,
  setExit: (code: number) => void,
  context: FetchCommandContext = {},
): void {
  withConnectionOptions(
    fetch
      .command('filings')
      .description("Download a company's complete submission .txt files into a folder (a re-run skips the ones already there)")
      .option('--cik <cik>', 'the company CIK')
      .option('--ticker <ticker>', "a ticker, looked up in SEC's company_tickers.json")
      .option('--form <type>', 'only this form type (repeat for more)', collect, [] as string[])
      .option('--from <YYYY-MM-DD>', 'filed on or after this date')
      .option('--to <YYYY-MM-DD>', 'filed on or before this date')
      .option('--out <dir>', 'folder for <accession>.txt files (with --ingest: default ~/.local/share/edgarkit/downloads)')
      .option('--ingest', 'ingest the complete files into the database once fetched')
      .option('--db <file>', 'database for --ingest (default: $EDGARKIT_DB or ~/.local/share/edgarkit/edgarkit.db)')
      .option('--jobs <n>', 'downloads in flight at once (the rate limit still applies)', '4'),
  ).action(async (options: FetchFilingsCommandOptions) => {
    setExit(await runFetchFilingsCommand(options, io, context));
  });
}

/** `edgarkit fetch filings`: complete submission files of one company into a folder, resumably. */
export async function runFetchFilingsCommand(
  options: FetchFilingsCommandOptions,
  io: CliIo,
  context: FetchCommandContext = {},
): Promise<ExitCode> {
  if (!options.cik === !options.ticker) throw new UserError('Give exactly one of --cik and --ticker');
  if (!options.out && !options.ingest) throw new UserError('Give --out DIR (the folder the .txt files go to), or --ingest');
  for (const [name, value] of [
    ['--from', options.from],
    ['--to', options.to],
  ] as const) {
    if (value !== undefined) usage(() => readDate(value), name);
  }
  if (options.cik !== undefined && !/^\d{1,10}$/.test(options.cik.trim()))
    throw new UserError(`--cik must be up to 10 digits, found "${options.cik}"`);
  const jobs = Number(options.jobs ?? 4);
  if (!Number.isInteger(jobs) || jobs < 1 || jobs > 16)
    throw new UserError(`--jobs must be a whole number from 1 to 16, found "${options.jobs}"`);
  const outDir = options.out ?? join(defaultDownloadDir(io.env), 'filings');
  const session = await openSession(options, io);
  let result: FetchFilingsResult | null = null;
  try {
    result = await session.run(() =>
      fetchFilingsToDirectory(session.client, {
        ...(options.cik ? { cik: options.cik.trim() } : {}),
        ...(options.ticker ? { ticker: options.ticker } : {}),
        forms: options.form ?? [],
        ...(options.from ? { from: options.from } : {}),
        ...(options.to ? { to: options.to } : {}),
        outDir,
        concurrency: jobs,
        ...(context.signal ? { signal: context.signal } : {}),
        onFiling: (event) => {
          const place = `[${event.done}/${event.total}]`;
          if (event.type === 'failed')
            session.progress.line(`${place} failed ${event.filing.accessionNumber}: ${event.error?.message ?? 'unknown error'}`);
          else if (session.progress.tty) session.progress.status(`${place} ${event.type} ${event.path}  ${session.rateText()}`);
          else
            session.progress.line(
              `${place} ${event.type === 'fetched' ? 'fetched' : 'skipped (already complete)'} ${event.path} (${event.bytes} bytes)`,
            );
        },
      }),
    );
    const { fetched, skipped, failed, selected } = result;
    const who = result.name ? `${result.name} (CIK ${result.cik})` : `CIK ${result.cik}`;
    session.summary(
      `${who}: ${selected.length} filing${selected.length === 1 ? '' : 's'} selected; fetched ${fetched.length}, skipped ${skipped.length} (already complete), failed ${failed.length}`,
    );
    // Only complete files are listed in `paths`: a partial download is never ingested.
    const ingestFailures = options.ingest ? await ingestDownloaded(result.paths, options.db, io) : 0;
    return failed.length > 0 || ingestFailures > 0 ? EXIT.problems : EXIT.ok;
  } catch (error) {
    return session.fail(error);
  } finally {
    session.close();
  }
}
