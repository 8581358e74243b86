import { mkdir, readFile, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { type Command, Option } from 'commander';
import { createEdgarClient, type EdgarClient, type FetchProgressEvent, type FetchStats } from '../fetch/edgar-client.js';
import { checkQuarter, feedArchivePath, readDate } from '../fetch/edgar-paths.js';
import { FetchError, LookupError, UserAgentError } from '../fetch/fetch-errors.js';
import { type FetchFilingsResult, fetchFilingsToDirectory } from '../fetch/fetch-filings-to-directory.js';
import { type FetchedIndex, fetchDailyIndex, fetchFullIndex } from '../fetch/fetch-index.js';
import { MAX_REQUESTS_PER_SECOND } from '../fetch/rate-limiter.js';
import type { IndexFileKind, IndexRow } from '../parse/index/parse-index.js';
import { ingestPaths } from '../pipeline/ingest.js';
import { databaseSpec, openForWriting } from './database-options.js';
import { type CliIo, EXIT, type ExitCode, UserError } from './io.js';

/** Options every `fetch` subcommand takes. */
export interface FetchConnectionOptions {
  readonly userAgent?: string;
  readonly rate?: string;
  readonly baseUrl?: string;
  readonly dataUrl?: string;
  readonly cache?: string;
  readonly retries?: string;
}

export interface FetchIndexCommandOptions extends FetchConnectionOptions {
  readonly year?: string;
  readonly quarter?: string;
  readonly date?: string;
  readonly type?: string;
  readonly form?: string;
  readonly gz?: boolean;
  readonly json?: boolean;
  readonly jsonl?: boolean;
}

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

export interface FetchFeedCommandOptions extends FetchConnectionOptions {
  readonly date?: string;
  readonly out?: string;
  readonly ingest?: boolean;
  readonly db?: string;
}

/** Where downloads go when `--ingest` is given without `--out`: beside the database's default place. */
export function defaultDownloadDir(env: CliIo['env']): string {
  const dataHome = env.XDG_DATA_HOME || join(env.HOME || homedir(), '.local', 'share');
  return join(dataHome, 'edgarkit', 'downloads');
}

/** Ingests downloaded files into the database, reporting like `edgarkit ingest`; only complete files are given. */
async function ingestDownloaded(paths: readonly string[], db: string | undefined, io: CliIo): Promise<number> {
  if (paths.length === 0) return 0;
  const store = await openForWriting(db, io);
  try {
    const summary = await ingestPaths(store, paths, {
      onFailure: (failure) => io.stderr.write(`failed: ${failure.source}: ${failure.reason}\n`),
    });
    io.stdout.write(
      `${summary.ingested} ingested, ${summary.replaced} replaced, ${summary.duplicates} skipped as duplicates, ${summary.failed.length} failed into ${databaseSpec(db, io)}\n`,
    );
    return summary.failed.length;
  } finally {
    await store.close();
  }
}

/** What the caller may add: a signal that interrupts a run (bin/ can wire SIGINT to it). */
export interface FetchCommandContext {
  readonly signal?: AbortSignal;
}

/** Adds `fetch index`, `fetch filings` and `fetch feed` to a program; each action reports its exit code through `setExit`. */
export function registerFetchCommands(
  program: Command,
  io: CliIo,
  setExit: (code: number) => void,
  context: FetchCommandContext = {},
): Command {
  const fetch = program
    .command('fetch')
    .description('Download from SEC EDGAR politely: at most 10 requests a second, retries with backoff, a User-Agent that names you')
    .addHelpText(
      'after',
      '\nThe User-Agent comes from --user-agent, EDGARKIT_USER_AGENT, or { "userAgent": "…" } in ~/.config/edgarkit/config.json.\n' +
        'Progress goes to stderr; exit codes: 0 done, 1 something could not be fetched, 2 bad usage.\n',
    );

  withConnectionOptions(
    fetch
      .command('index')
      .description('Print the rows of a full-index (--year/--quarter) or daily-index (--date) file')
      .option('--year <year>', 'year of the full index, e.g. 2002')
      .option('--quarter <n>', 'quarter of the full index, 1 to 4')
      .option('--date <YYYY-MM-DD>', 'a daily index instead of a quarter')
      .addOption(new Option('--type <type>', 'which index file').choices(['form', 'company', 'master']).default('form'))
      .option('--form <type>', 'only rows of this form type, e.g. 6-K')
      .option('--gz', 'download the gzip-compressed variant')
      .option('--json', 'print the rows as one JSON array')
      .option('--jsonl', 'print one JSON object per row per line'),
  ).action(async (options: FetchIndexCommandOptions) => {
    setExit(await runFetchIndexCommand(options, io, context));
  });

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
  return fetch;
}

function withConnectionOptions(command: Command): Command {
  return command
    .option('--user-agent <text>', 'who you are and a contact e-mail, e.g. "Jane Doe jane.doe@example.com"')
    .option('--rate <n>', `requests per second, at most ${MAX_REQUESTS_PER_SECOND}`)
    .option('--base-url <url>', 'where /Archives and /files are (default https://www.sec.gov)')
    .option('--data-url <url>', 'where /submissions is (default https://data.sec.gov)')
    .option('--cache <dir>', 'keep an HTTP cache here; later runs revalidate with ETag/Last-Modified')
    .option('--retries <n>', 'retries per request after the first try', '5');
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** `edgarkit fetch index`: prints the rows of one index file. */
export async function runFetchIndexCommand(
  options: FetchIndexCommandOptions,
  io: CliIo,
  context: FetchCommandContext = {},
): Promise<ExitCode> {
  const kind = (options.type ?? 'form') as IndexFileKind;
  if (!['form', 'company', 'master'].includes(kind)) throw new UserError(`--type must be form, company or master, found "${options.type}"`);
  if (options.json && options.jsonl) throw new UserError('Choose one of --json and --jsonl');
  let load: (client: EdgarClient) => Promise<FetchedIndex>;
  const request = { kind, compressed: options.gz ?? false, ...(options.form ? { formType: options.form } : {}) };
  const signal = context.signal ? { signal: context.signal } : {};
  if (options.date) {
    if (options.year || options.quarter) throw new UserError('Give either --date (a daily index) or --year and --quarter (a full index)');
    const date = options.date;
    usage(() => readDate(date));
    load = (client) => fetchDailyIndex(client, date, request, signal);
  } else {
    if (!options.year || !options.quarter) throw new UserError('Give --year and --quarter (a full index) or --date (a daily index)');
    const year = Number(options.year);
    const quarter = Number(options.quarter);
    usage(() => checkQuarter(year, quarter));
    load = (client) => fetchFullIndex(client, year, quarter, request, signal);
  }
  const session = await openSession(options, io);
  try {
    const index = await session.run(() => load(session.client));
    for (const found of index.diagnostics) io.stderr.write(`${index.url}: ${found.severity}: ${found.message} [${found.code}]\n`);
    writeRows(index.rows, options, io);
    session.summary(
      `${index.rows.length} row${index.rows.length === 1 ? '' : 's'}${options.form ? ` of form ${options.form}` : ''}; index ${index.fromCache ? 'unchanged (304, from cache)' : 'fetched'}`,
    );
    return EXIT.ok;
  } catch (error) {
    return session.fail(error);
  } finally {
    session.close();
  }
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

/** The client, its progress display, and the one place fetch errors become messages and exit codes. */
interface Session {
  readonly client: EdgarClient;
  readonly progress: ProgressLine;
  run<T>(work: () => Promise<T>): Promise<T>;
  rateText(): string;
  summary(text: string): void;
  fail(error: unknown): ExitCode;
  close(): void;
}

async function openSession(options: FetchConnectionOptions, io: CliIo): Promise<Session> {
  const userAgent = await resolveUserAgent(options.userAgent, io.env);
  const rate = options.rate === undefined ? MAX_REQUESTS_PER_SECOND : Number(options.rate);
  if (!(rate > 0)) throw new UserError(`--rate must be a number above 0, found "${options.rate}"`);
  if (rate > MAX_REQUESTS_PER_SECOND)
    throw new UserError(`--rate may be at most ${MAX_REQUESTS_PER_SECOND} (SEC's fair-access limit), found ${rate}`);
  const retries = Number(options.retries ?? 5);
  if (!Number.isInteger(retries) || retries < 0 || retries > 20)
    throw new UserError(`--retries must be a whole number from 0 to 20, found "${options.retries}"`);
  const progress = new ProgressLine(io.stderr);
  let client: EdgarClient | null = null;
  const currentRate = (): string => (client ? rateText(client.stats()) : '');
  try {
    client = createEdgarClient({
      userAgent,
      maxRequestsPerSecond: rate,
      maxRetries: retries,
      ...(options.baseUrl ? { archivesBaseUrl: options.baseUrl } : {}),
      ...(options.dataUrl ? { dataBaseUrl: options.dataUrl } : {}),
      ...(options.cache ? { cacheDir: options.cache } : {}),
      onProgress: (event) => onProgress(event, progress, currentRate),
    });
  } catch (error) {
    if (error instanceof UserAgentError || error instanceof TypeError || error instanceof RangeError) throw new UserError(error.message);
    throw error;
  }
  const opened: EdgarClient = client;
  const session: Session = {
    client: opened,
    progress,
    async run(work) {
      try {
        return await work();
      } catch (error) {
        if (error instanceof RangeError) throw new UserError(error.message);
        throw error;
      }
    },
    rateText: currentRate,
    summary(text) {
      progress.clear();
      const stats = opened.stats();
      io.stderr.write(
        `${text}\n  ${stats.requests} request${stats.requests === 1 ? '' : 's'} (${stats.notModified} answered 304 from cache, ${stats.retries} retried), ${formatBytes(stats.bytes)} in ${(stats.elapsedMs / 1000).toFixed(1)} s\n`,
      );
    },
    fail(error) {
      progress.clear();
      if (error instanceof FetchError || error instanceof LookupError) {
        io.stderr.write(`edgarkit: ${error.message}\n`);
        return EXIT.problems;
      }
      if (error instanceof Error && error.name === 'AbortError') {
        const stats = opened.stats();
        io.stderr.write(`edgarkit: interrupted after ${stats.requests} requests; run the same command again to resume\n`);
        return EXIT.problems;
      }
      throw error;
    },
    close() {
      progress.clear();
      opened.close();
    },
  };
  return session;
}

function onProgress(event: FetchProgressEvent, progress: ProgressLine, rate: () => string): void {
  switch (event.type) {
    case 'retry':
      progress.line(`retry after try ${event.attempt} of ${event.url}: ${event.reason}; waiting ${(event.delayMs / 1000).toFixed(1)} s`);
      return;
    case 'bytes':
      if (progress.tty) {
        const of = event.expected !== null ? ` of ${formatBytes(event.expected)}` : '';
        progress.status(`${shortUrl(event.url)} ${formatBytes(event.received)}${of}  ${rate()}`);
      }
      return;
    default:
      return;
  }
}

/**
 * The User-Agent: `--user-agent`, else `EDGARKIT_USER_AGENT`, else `userAgent` in `~/.config/edgarkit/config.json`
 * (`$XDG_CONFIG_HOME/edgarkit/config.json` when that is set). Undefined when none is set; the client says how to set one.
 */
export async function resolveUserAgent(option: string | undefined, env: CliIo['env']): Promise<string | undefined> {
  if (option?.trim()) return option;
  if (env.EDGARKIT_USER_AGENT?.trim()) return env.EDGARKIT_USER_AGENT;
  const path = configPath(env);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
  let config: unknown;
  try {
    config = JSON.parse(text);
  } catch (error) {
    throw new UserError(`Cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const value = typeof config === 'object' && config !== null ? (config as Record<string, unknown>).userAgent : undefined;
  return typeof value === 'string' ? value : undefined;
}

export function configPath(env: CliIo['env']): string {
  const base = env.XDG_CONFIG_HOME?.trim() ? env.XDG_CONFIG_HOME : join(env.HOME?.trim() ? env.HOME : homedir(), '.config');
  return join(base, 'edgarkit', 'config.json');
}

function writeRows(rows: readonly IndexRow[], options: FetchIndexCommandOptions, io: CliIo): void {
  if (options.jsonl) {
    for (const row of rows) io.stdout.write(`${JSON.stringify(row)}\n`);
    return;
  }
  if (options.json) {
    io.stdout.write('[');
    rows.forEach((row, index) => {
      io.stdout.write(`${index === 0 ? '\n' : ',\n'}  ${JSON.stringify(row)}`);
    });
    io.stdout.write(rows.length > 0 ? '\n]\n' : ']\n');
    return;
  }
  for (const row of rows) {
    io.stdout.write(
      `${row.formType.padEnd(12)} ${row.cik} ${row.dateFiled} ${(row.accessionNumber ?? '-').padEnd(20)} ${row.companyName}\n`,
    );
  }
}

/**
 * Progress on stderr: on a terminal one line rewritten in place (at most ten times a second); elsewhere only the
 * plain lines, so logs stay readable.
 */
export class ProgressLine {
  readonly tty: boolean;
  private readonly stream: CliIo['stderr'];
  private shown = false;
  private lastDrawn = 0;

  constructor(stream: CliIo['stderr']) {
    this.stream = stream;
    this.tty = stream.isTTY === true;
  }

  status(text: string): void {
    if (!this.tty) return;
    const now = Date.now();
    if (now - this.lastDrawn < 100) return;
    this.lastDrawn = now;
    this.stream.write(`\r\x1b[2K${text.length > 150 ? `${text.slice(0, 147)}...` : text}`);
    this.shown = true;
  }

  line(text: string): void {
    this.clear();
    this.stream.write(`${text}\n`);
  }

  clear(): void {
    if (this.shown) this.stream.write('\r\x1b[2K');
    this.shown = false;
  }
}

function rateText(stats: FetchStats): string {
  return `${stats.requests} req, ${stats.requestsPerSecond.toFixed(1)} req/s, ${formatBytes(stats.bytes)} (${formatBytes(stats.bytesPerSecond)}/s)`;
}

function shortUrl(url: string): string {
  const slash = url.lastIndexOf('/');
  return slash === -1 ? url : url.slice(slash + 1);
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${Math.round(bytes)} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} kB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function usage(check: () => unknown, option?: string): void {
  try {
    check();
  } catch (error) {
    throw new UserError(`${option ? `${option}: ` : ''}${error instanceof Error ? error.message : String(error)}`);
  }
}

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
    let ciks = (options.cik ?? []).map((cik) => cik.trim().padStart(10, '0'));
    if (ciks.length === 0) {
      for (let offset = 0; ; offset += 200) {
        const page = await store.listCompanies({ limit: 200, offset });
        ciks.push(...page.map((company) => company.cik));
        if (page.length < 200) break;
      }
    }
    ciks = [...new Set(ciks)];
    if (ciks.length === 0) throw new UserError('The database has no companies yet: name them with --cik, or ingest some filings first');
    session = await openSession(options, io);
    const open = session;
    const outRoot = options.out ?? join(defaultDownloadDir(io.env), 'filings');
    let fetched = 0;
    let failed = 0;
    let ingested = 0;
    for (const [index, cik] of ciks.entries()) {
      const newest = (await store.listFilings({ cik, limit: 1 }))[0]?.filedAt ?? undefined;
      const result = await open.run(() =>
        fetchFilingsToDirectory(open.client, {
          cik,
          forms: options.form ?? [],
          ...(newest ? { from: newest } : {}),
          outDir: outRoot,
          concurrency: jobs,
          ...(context.signal ? { signal: context.signal } : {}),
          onFiling: (event) => {
            if (event.type === 'failed')
              open.progress.line(`failed ${event.filing.accessionNumber}: ${event.error?.message ?? 'unknown error'}`);
            else open.progress.status(`[company ${index + 1}/${ciks.length}] CIK ${cik}: ${event.done}/${event.total}  ${open.rateText()}`);
          },
        }),
      );
      fetched += result.fetched.length;
      failed += result.failed.length;
      if (result.paths.length > 0) {
        const summary = await ingestPaths(store, result.paths, {
          onFailure: (failure) => open.progress.line(`failed: ${failure.source}: ${failure.reason}`),
        });
        ingested += summary.ingested + summary.replaced;
        failed += summary.failed.length;
      }
    }
    open.summary(
      `sync: ${ciks.length} compan${ciks.length === 1 ? 'y' : 'ies'}; fetched ${fetched}, ingested ${ingested} new or changed, failed ${failed}`,
    );
    return failed > 0 ? EXIT.problems : EXIT.ok;
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
