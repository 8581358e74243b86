import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { createEdgarClient, type EdgarClient, type FetchProgressEvent, type FetchStats } from '../fetch/edgar-client.js';
import { FetchError, LookupError, UserAgentError } from '../fetch/fetch-errors.js';
import { MAX_REQUESTS_PER_SECOND } from '../fetch/rate-limiter.js';
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

/** What the caller may add: a signal that interrupts a run (bin/ can wire SIGINT to it). */
export interface FetchCommandContext {
  readonly signal?: AbortSignal;
}

/** Where downloads go when `--ingest` is given without `--out`: beside the database's default place. */
export function defaultDownloadDir(env: CliIo['env']): string {
  const dataHome = env.XDG_DATA_HOME || join(env.HOME || homedir(), '.local', 'share');
  return join(dataHome, 'edgarkit', 'downloads');
}

/** Ingests downloaded files into the database, reporting like `edgarkit ingest`; only complete files are given. */
export async function ingestDownloaded(paths: readonly string[], db: string | undefined, io: CliIo): Promise<number> {
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

/** The options every command that talks to EDGAR takes. */
export function withConnectionOptions(command: Command): Command {
  return command
    .option('--user-agent <text>', 'who you are and a contact e-mail, e.g. "Jane Doe jane.doe@example.com"')
    .option('--rate <n>', `requests per second, at most ${MAX_REQUESTS_PER_SECOND}`)
    .option('--base-url <url>', 'where /Archives and /files are (default https://www.sec.gov)')
    .option('--data-url <url>', 'where /submissions is (default https://data.sec.gov)')
    .option('--cache <dir>', 'keep an HTTP cache here; later runs revalidate with ETag/Last-Modified')
    .option('--retries <n>', 'retries per request after the first try', '5');
}

/** Collects a repeated option into a list. */
export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** The client, its progress display, and the one place fetch errors become messages and exit codes. */
export interface Session {
  readonly client: EdgarClient;
  readonly progress: ProgressLine;
  run<T>(work: () => Promise<T>): Promise<T>;
  rateText(): string;
  summary(text: string): void;
  fail(error: unknown): ExitCode;
  close(): void;
}

export async function openSession(options: FetchConnectionOptions, io: CliIo): Promise<Session> {
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

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${Math.round(bytes)} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} kB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Runs a check of an option value; what it throws becomes a usage error naming the option. */
export function usage(check: () => unknown, option?: string): void {
  try {
    check();
  } catch (error) {
    throw new UserError(`${option ? `${option}: ` : ''}${error instanceof Error ? error.message : String(error)}`);
  }
}
