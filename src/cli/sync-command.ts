import { join } from 'node:path';
import type { Command } from 'commander';
import { companiesToSync, syncCompanies } from '../pipeline/sync.js';
import { openForWriting } from './database-options.js';
import {
  collect,
  defaultDownloadDir,
  type FetchCommandContext,
  type FetchConnectionOptions,
  openSession,
  type Session,
  withConnectionOptions,
} from './fetch-session.js';
import { type CliIo, EXIT, type ExitCode, UserError } from './io.js';

export interface SyncCommandOptions extends FetchConnectionOptions {
  readonly db?: string;
  readonly cik?: readonly string[];
  readonly form?: readonly string[];
  readonly out?: string;
  readonly jobs?: string;
}

/**
 * `edgarkit sync`: keeps a database current. For each company named (or every company already in the database),
 * fetches the filings EDGAR lists since the newest one stored, and ingests them. Safe to interrupt and re-run.
 */
export async function runSyncCommand(options: SyncCommandOptions, io: CliIo, context: FetchCommandContext = {}): Promise<ExitCode> {
  for (const cik of options.cik ?? [])
    if (!/^\d{1,10}$/.test(cik.trim())) throw new UserError(`--cik must be up to 10 digits, found "${cik}"`);
  const jobs = Number(options.jobs ?? 4);
  if (!Number.isInteger(jobs) || jobs < 1 || jobs > 16)
    throw new UserError(`--jobs must be a whole number from 1 to 16, found "${options.jobs}"`);
  const store = await openForWriting(options.db, io);
  let session: Session | null = null;
  try {
    const ciks = await companiesToSync(store, options.cik);
    if (ciks.length === 0) throw new UserError('The database has no companies yet: name them with --cik, or ingest some filings first');
    session = await openSession(options, io);
    const open = session;
    const summary = await open.run(() =>
      syncCompanies(store, open.client, ciks, {
        forms: options.form ?? [],
        outDir: options.out ?? join(defaultDownloadDir(io.env), 'filings'),
        concurrency: jobs,
        ...(context.signal ? { signal: context.signal } : {}),
        onFiling: (event, company) => {
          if (event.type === 'failed')
            open.progress.line(`failed ${event.filing.accessionNumber}: ${event.error?.message ?? 'unknown error'}`);
          else
            open.progress.status(
              `[company ${company.index + 1}/${company.total}] CIK ${company.cik}: ${event.done}/${event.total}  ${open.rateText()}`,
            );
        },
        onFailure: (failure) => open.progress.line(`failed: ${failure.source}: ${failure.reason}`),
      }),
    );
    open.summary(
      `sync: ${summary.companies} compan${summary.companies === 1 ? 'y' : 'ies'}; fetched ${summary.fetched}, ingested ${summary.ingested} new or changed, failed ${summary.failed}`,
    );
    return summary.failed > 0 ? EXIT.problems : EXIT.ok;
  } catch (error) {
    if (session) return session.fail(error);
    throw error;
  } finally {
    session?.close();
    await store.close();
  }
}

/** Adds `edgarkit sync`. */
export function registerSyncCommand(program: Command, io: CliIo, setExit: (code: number) => void, context: FetchCommandContext = {}): void {
  withConnectionOptions(
    program
      .command('sync')
      .description('Keep a database current: fetch and ingest what EDGAR lists since the newest filing stored, per company')
      .option('--db <file>', 'database (default: $EDGARKIT_DB or ~/.local/share/edgarkit/edgarkit.db)')
      .option('--cik <cik>', 'a company to follow (repeat for more; default: every company in the database)', collect, [] as string[])
      .option('--form <type>', 'only this form type (repeat for more)', collect, [] as string[])
      .option('--out <dir>', 'where downloads are kept (default ~/.local/share/edgarkit/downloads/filings)')
      .option('--jobs <n>', 'downloads in flight at once (the rate limit still applies)', '4'),
  ).action(async (options: SyncCommandOptions) => {
    setExit(await runSyncCommand(options, io, context));
  });
}
