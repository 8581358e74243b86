import { createWriteStream } from 'node:fs';
import { copyFile, mkdir, readFile, rename, unlink } from 'node:fs/promises';
import http, { type IncomingMessage, STATUS_CODES } from 'node:http';
import https from 'node:https';
import { dirname } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { abortReason, FetchError } from './fetch-errors.js';
import { type CacheEntry, HttpCache } from './http-cache.js';
import { MAX_REQUESTS_PER_SECOND, type RateLimiter, type RateSlot, sharedRateLimiter } from './rate-limiter.js';
import { checkUserAgent } from './user-agent.js';

export const DEFAULT_ARCHIVES_BASE_URL = 'https://www.sec.gov';
export const DEFAULT_DATA_BASE_URL = 'https://data.sec.gov';

/** Options of `createEdgarClient`: who you are (required), where EDGAR is, how fast and how often to try, and an optional cache. */
export interface EdgarClientOptions {
  /** Required: names the requester and gives a contact e-mail (`Jane Doe jane.doe@example.com`). */
  readonly userAgent: string | undefined;
  /** Where `/Archives/…` and `/files/…` live (default https://www.sec.gov). */
  readonly archivesBaseUrl?: string;
  /** Where `/submissions/…` lives (default https://data.sec.gov). */
  readonly dataBaseUrl?: string;
  /** Default and ceiling 10 (SEC's fair-access limit); lower values are kept, higher ones are capped. */
  readonly maxRequestsPerSecond?: number;
  /** Retries after the first try (default 5). */
  readonly maxRetries?: number;
  /** A try fails when no byte arrives for this long, waiting for headers or within a body (default 30 000). */
  readonly timeoutMs?: number;
  /** An on-disk HTTP cache (ETag / Last-Modified, conditional requests); none when absent. */
  readonly cacheDir?: string;
  /** Backoff: full jitter in [0, min(max, base · 2^(try−1))] (defaults 1 000 and 60 000 ms). */
  readonly retryBaseDelayMs?: number;
  readonly retryMaxDelayMs?: number;
  /** A Retry-After longer than this is not waited out: the request fails at once (default 10 minutes). */
  readonly maxRetryAfterMs?: number;
  readonly onProgress?: (event: FetchProgressEvent) => void;
}

/** Counters since the client was created. */
export interface FetchStats {
  /** Tries sent to the server, retries included. */
  readonly requests: number;
  /** Fetches that ended with a body (200) or a cache hit (304). */
  readonly completed: number;
  readonly notModified: number;
  readonly retries: number;
  readonly failures: number;
  /** Body bytes received (as sent, before any content decoding). */
  readonly bytes: number;
  readonly elapsedMs: number;
  readonly requestsPerSecond: number;
  readonly bytesPerSecond: number;
}

/** What the client reports as it works: each try, bytes as they arrive, each response, each retry (with its reason and wait) and each failure. */
export type FetchProgressEvent =
  | { readonly type: 'request'; readonly url: string; readonly attempt: number; readonly stats: FetchStats }
  | {
      readonly type: 'bytes';
      readonly url: string;
      readonly received: number;
      readonly expected: number | null;
      readonly stats: FetchStats;
    }
  | { readonly type: 'response'; readonly url: string; readonly status: 200 | 304; readonly bytes: number; readonly stats: FetchStats }
  | {
      readonly type: 'retry';
      readonly url: string;
      readonly attempt: number;
      readonly status: number | null;
      readonly reason: string;
      readonly delayMs: number;
      readonly stats: FetchStats;
    }
  | { readonly type: 'failure'; readonly url: string; readonly error: FetchError; readonly stats: FetchStats };

/** Per-request options: a signal that aborts it, and a bound on the body's size. */
export interface RequestOptions {
  readonly signal?: AbortSignal;
  /**
   * The most bytes the body may have (after any content decoding); a larger one fails at once with a `FetchError`
   * `fetch/too-large` and is not retried. `get` only (a download goes to a file); none when absent.
   */
  readonly maxBytes?: number;
}

/** A body fetched into memory. */
export interface FetchedBody {
  readonly url: string;
  /** 304 when the server confirmed the cached copy. */
  readonly status: 200 | 304;
  readonly fromCache: boolean;
  readonly body: Buffer;
}

/** A file downloaded by `client.download`: where it went, its size, and whether the cache answered. */
export interface DownloadResult {
  readonly url: string;
  readonly path: string;
  readonly status: 200 | 304;
  readonly fromCache: boolean;
  readonly bytes: number;
}

/**
 * The polite EDGAR client: every request waits for the process-wide rate limit, retries with backoff, and goes through the HTTP cache when there is one.
 *
 * @example
 * ```ts
 * const client = createEdgarClient({ userAgent: 'Jane Doe jane.doe@example.com', cacheDir: '.edgar-cache' });
 * const company = await fetchCompanySubmissions(client, '898685');
 * client.close();
 * ```
 */
export interface EdgarClient {
  readonly userAgent: string;
  readonly archivesBaseUrl: string;
  readonly dataBaseUrl: string;
  readonly maxRequestsPerSecond: number;
  /** `archivesBaseUrl` + path (`/Archives/edgar/…`, `/files/…`). */
  archivesUrl(path: string): string;
  /** `dataBaseUrl` + path (`/submissions/…`). */
  dataUrl(path: string): string;
  /** GETs a URL into memory, through the cache when there is one. */
  get(url: string, options?: RequestOptions): Promise<FetchedBody>;
  /**
   * GETs a URL into a file: the body goes to `<path>.partial`, is checked against Content-Length, and only then is
   * renamed to `path`. On failure or abort the partial file is removed and `path` is untouched.
   */
  download(url: string, path: string, options?: RequestOptions): Promise<DownloadResult>;
  stats(): FetchStats;
  /** Closes idle keep-alive connections. */
  close(): void;
}

/** Where a body goes; `maxBytes` bounds it (decoded). */
type Sink = ({ readonly kind: 'memory' } | { readonly kind: 'file'; readonly path: string }) & { readonly maxBytes?: number | undefined };

type Attempt =
  | {
      readonly kind: 'ok';
      readonly body: Buffer | null;
      readonly bytes: number;
      readonly etag: string | null;
      readonly lastModified: string | null;
    }
  | { readonly kind: 'not-modified'; readonly etag: string | null; readonly lastModified: string | null }
  | { readonly kind: 'retry'; readonly status: number | null; readonly reason: string; readonly retryAfterMs: number | null }
  | { readonly kind: 'fail'; readonly status: number; readonly reason: string }
  | { readonly kind: 'too-large'; readonly maxBytes: number; readonly found: number };

type Transferred = Extract<Attempt, { kind: 'ok' } | { kind: 'not-modified' }>;

const RETRYABLE_STATUS = new Set([408, 425, 429, 500, 502, 503, 504]);

/**
 * Creates the polite EDGAR client. Throws `UserAgentError` at once (before any request) when the User-Agent does
 * not name a requester with an e-mail address. Every client shares the process-wide rate limiter.
 */
export function createEdgarClient(options: EdgarClientOptions): EdgarClient {
  const userAgent = checkUserAgent(options.userAgent);
  return new PoliteEdgarClient(userAgent, options, sharedRateLimiter());
}

class PoliteEdgarClient implements EdgarClient {
  readonly userAgent: string;
  readonly archivesBaseUrl: string;
  readonly dataBaseUrl: string;
  readonly maxRequestsPerSecond: number;
  private readonly maxRetries: number;
  private readonly timeoutMs: number;
  private readonly retryBaseDelayMs: number;
  private readonly retryMaxDelayMs: number;
  private readonly maxRetryAfterMs: number;
  private readonly cache: HttpCache | null;
  private readonly onProgress: ((event: FetchProgressEvent) => void) | undefined;
  private readonly limiter: RateLimiter;
  private readonly httpAgent = new http.Agent({ keepAlive: true, maxSockets: MAX_REQUESTS_PER_SECOND });
  private readonly httpsAgent = new https.Agent({ keepAlive: true, maxSockets: MAX_REQUESTS_PER_SECOND });
  private readonly createdAt = performance.now();
  private readonly counters = { requests: 0, completed: 0, notModified: 0, retries: 0, failures: 0, bytes: 0 };

  constructor(userAgent: string, options: EdgarClientOptions, limiter: RateLimiter) {
    this.userAgent = userAgent;
    this.archivesBaseUrl = trimBase(options.archivesBaseUrl ?? DEFAULT_ARCHIVES_BASE_URL, 'archivesBaseUrl');
    this.dataBaseUrl = trimBase(options.dataBaseUrl ?? DEFAULT_DATA_BASE_URL, 'dataBaseUrl');
    const rate = options.maxRequestsPerSecond ?? MAX_REQUESTS_PER_SECOND;
    if (!(rate > 0)) throw new RangeError(`maxRequestsPerSecond must be a number above 0, found ${rate}`);
    this.maxRequestsPerSecond = Math.min(MAX_REQUESTS_PER_SECOND, rate);
    this.maxRetries = nonNegative(options.maxRetries ?? 5, 'maxRetries');
    this.timeoutMs = nonNegative(options.timeoutMs ?? 30_000, 'timeoutMs');
    this.retryBaseDelayMs = nonNegative(options.retryBaseDelayMs ?? 1000, 'retryBaseDelayMs');
    this.retryMaxDelayMs = nonNegative(options.retryMaxDelayMs ?? 60_000, 'retryMaxDelayMs');
    this.maxRetryAfterMs = nonNegative(options.maxRetryAfterMs ?? 600_000, 'maxRetryAfterMs');
    this.cache = options.cacheDir ? new HttpCache(options.cacheDir) : null;
    this.onProgress = options.onProgress;
    this.limiter = limiter;
  }

  archivesUrl(path: string): string {
    return `${this.archivesBaseUrl}${path.startsWith('/') ? path : `/${path}`}`;
  }

  dataUrl(path: string): string {
    return `${this.dataBaseUrl}${path.startsWith('/') ? path : `/${path}`}`;
  }

  async get(url: string, options: RequestOptions = {}): Promise<FetchedBody> {
    if (!this.cache) {
      const result = await this.transfer(url, null, { kind: 'memory', maxBytes: options.maxBytes }, options.signal);
      if (result.kind !== 'ok' || !result.body) throw new Error(`Unexpected 304 for ${url}: no conditional request was sent`);
      return { url, status: 200, fromCache: false, body: result.body };
    }
    const cached = await this.throughCache(url, this.cache, options.signal, options.maxBytes);
    if (options.maxBytes !== undefined && cached.entry.length > options.maxBytes)
      throw this.failure(tooLarge(url, options.maxBytes, cached.entry.length, 0));
    return { url, status: cached.status, fromCache: cached.status === 304, body: await readFile(cached.entry.bodyPath) };
  }

  async download(url: string, path: string, options: RequestOptions = {}): Promise<DownloadResult> {
    const partial = `${path}.partial`;
    await mkdir(dirname(path), { recursive: true });
    try {
      if (!this.cache) {
        const result = await this.transfer(url, null, { kind: 'file', path: partial }, options.signal);
        if (result.kind !== 'ok') throw new Error(`Unexpected 304 for ${url}: no conditional request was sent`);
        await rename(partial, path);
        return { url, path, status: 200, fromCache: false, bytes: result.bytes };
      }
      const cached = await this.throughCache(url, this.cache, options.signal);
      await copyFile(cached.entry.bodyPath, partial);
      await rename(partial, path);
      return { url, path, status: cached.status, fromCache: cached.status === 304, bytes: cached.entry.length };
    } catch (error) {
      await unlink(partial).catch(() => undefined);
      throw error;
    }
  }

  stats(): FetchStats {
    const elapsedMs = performance.now() - this.createdAt;
    // At least one second, so the first burst of requests does not read as a rate of hundreds a second.
    const seconds = Math.max(elapsedMs / 1000, 1);
    return {
      ...this.counters,
      elapsedMs,
      requestsPerSecond: this.counters.requests / seconds,
      bytesPerSecond: this.counters.bytes / seconds,
    };
  }

  close(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }

  /** Conditional GET into the cache: a 200 replaces the entry, a 304 keeps it. */
  private async throughCache(
    url: string,
    cache: HttpCache,
    signal: AbortSignal | undefined,
    maxBytes?: number,
  ): Promise<{ status: 200 | 304; entry: CacheEntry }> {
    const entry = await cache.lookup(url);
    const partial = await cache.partialPath(url);
    try {
      const result = await this.transfer(url, entry, { kind: 'file', path: partial, maxBytes }, signal);
      if (result.kind === 'not-modified') {
        await cache.discard(partial);
        if (!entry) throw new Error(`Unexpected 304 for ${url}: no conditional request was sent`);
        return { status: 304, entry: await cache.refresh(entry, result) };
      }
      return { status: 200, entry: await cache.commit(url, partial, result) };
    } catch (error) {
      await cache.discard(partial);
      throw error;
    }
  }

  /** Tries until a 200 or 304, waiting for the rate limiter before every try and backing off between them. */
  private async transfer(url: string, conditional: CacheEntry | null, sink: Sink, signal: AbortSignal | undefined): Promise<Transferred> {
    const parsed = new URL(url);
    const headers: Record<string, string> = {
      'User-Agent': this.userAgent,
      'Accept-Encoding': 'gzip, deflate',
      Accept: '*/*',
    };
    if (conditional?.etag) headers['If-None-Match'] = conditional.etag;
    if (conditional?.lastModified) headers['If-Modified-Since'] = conditional.lastModified;
    const tries = this.maxRetries + 1;
    let last: Extract<Attempt, { kind: 'retry' }> | null = null;
    for (let attempt = 1; attempt <= tries; attempt++) {
      const slot = await this.limiter.acquire(this.maxRequestsPerSecond, signal);
      this.counters.requests++;
      this.emit({ type: 'request', url, attempt, stats: this.stats() });
      const result = await this.attempt(parsed, headers, sink, signal, slot);
      if (result.kind === 'ok' || result.kind === 'not-modified') {
        this.counters.completed++;
        if (result.kind === 'not-modified') this.counters.notModified++;
        this.emit({
          type: 'response',
          url,
          status: result.kind === 'ok' ? 200 : 304,
          bytes: result.kind === 'ok' ? result.bytes : 0,
          stats: this.stats(),
        });
        return result;
      }
      if (result.kind === 'too-large') throw this.failure(tooLarge(url, result.maxBytes, result.found, attempt));
      if (result.kind === 'fail') {
        throw this.failure(
          new FetchError(
            'fetch/status',
            `GET ${url} failed: ${describeStatus(result.status)}${result.reason ? ` (${result.reason})` : ''}`,
            url,
            result.status,
            attempt,
          ),
        );
      }
      last = result;
      if (attempt === tries) break;
      let delayMs = Math.random() * Math.min(this.retryMaxDelayMs, this.retryBaseDelayMs * 2 ** (attempt - 1));
      if (result.retryAfterMs !== null) {
        if (result.retryAfterMs > this.maxRetryAfterMs) {
          throw this.failure(
            new FetchError(
              'fetch/gave-up',
              `Gave up on ${url} after ${attempt} ${attempt === 1 ? 'try' : 'tries'}; last status: ${describeStatus(result.status)}, and the server asked to wait ${Math.ceil(result.retryAfterMs / 1000)} s (more than the ${Math.ceil(this.maxRetryAfterMs / 1000)} s allowed)`,
              url,
              result.status,
              attempt,
            ),
          );
        }
        // Honour Retry-After exactly, plus a little jitter so waiting clients do not return all at once.
        delayMs = result.retryAfterMs + Math.random() * Math.min(1000, this.retryBaseDelayMs);
        this.limiter.holdFor(result.retryAfterMs);
      }
      this.counters.retries++;
      this.emit({ type: 'retry', url, attempt, status: result.status, reason: result.reason, delayMs, stats: this.stats() });
      await sleep(delayMs, signal);
    }
    const status = last?.status ?? null;
    throw this.failure(
      new FetchError(
        'fetch/gave-up',
        `Gave up on ${url} after ${tries} ${tries === 1 ? 'try' : 'tries'}; last status: ${describeStatus(status)}${last && last.reason !== describeStatus(status) ? ` (${last.reason})` : ''}`,
        url,
        status,
        tries,
      ),
    );
  }

  private failure(error: FetchError): FetchError {
    this.counters.failures++;
    this.emit({ type: 'failure', url: error.url, error, stats: this.stats() });
    return error;
  }

  /** One try: resolves with what happened (never rejects, except when the caller aborts). */
  private attempt(
    url: URL,
    headers: Record<string, string>,
    sink: Sink,
    signal: AbortSignal | undefined,
    slot: RateSlot,
  ): Promise<Attempt> {
    return new Promise<Attempt>((resolve, reject) => {
      if (signal?.aborted) {
        reject(abortReason(signal));
        return;
      }
      let settled = false;
      const settle = (outcome: Attempt | Error): void => {
        if (settled) return;
        settled = true;
        signal?.removeEventListener('abort', onAbort);
        if (signal?.aborted) reject(abortReason(signal));
        else if (outcome instanceof Error) reject(outcome);
        else resolve(outcome);
      };
      const secure = url.protocol === 'https:';
      const request = (secure ? https : http).request(url, { method: 'GET', headers, agent: secure ? this.httpsAgent : this.httpAgent });
      // Destroying the request ends the try through its 'error' event or the body pipeline, so a partial file is
      // closed before the caller hears of the abort and removes it.
      const onAbort = (): void => {
        request.destroy(abortReason(signal as AbortSignal));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      if (this.timeoutMs > 0) {
        request.setTimeout(this.timeoutMs, () => {
          const error = new Error(`no data for ${this.timeoutMs} ms`) as NodeJS.ErrnoException;
          error.code = 'ETIMEDOUT';
          request.destroy(error);
        });
      }
      // 'finish': the request is on the wire (after any connection set-up); that is when its slot counts from.
      request.on('finish', () => slot.sent());
      request.on('error', (error: NodeJS.ErrnoException) => {
        settle({ kind: 'retry', status: null, reason: describeNetworkError(error), retryAfterMs: null });
      });
      request.on('response', (response) => {
        this.readResponse(url.href, response, sink).then(settle, (error: unknown) =>
          settle(error instanceof Error ? error : new Error(String(error))),
        );
      });
      request.end();
    });
  }

  private async readResponse(url: string, response: IncomingMessage, sink: Sink): Promise<Attempt> {
    const status = response.statusCode ?? 0;
    const etag = header(response, 'etag');
    const lastModified = header(response, 'last-modified');
    if (status === 304) {
      await drain(response);
      return { kind: 'not-modified', etag, lastModified };
    }
    if (status !== 200) {
      await drain(response);
      const retryAfterMs = readRetryAfter(header(response, 'retry-after'));
      if (RETRYABLE_STATUS.has(status)) {
        return { kind: 'retry', status, reason: describeStatus(status), retryAfterMs };
      }
      return { kind: 'fail', status, reason: '' };
    }
    const lengthHeader = header(response, 'content-length');
    const expected = lengthHeader !== null && /^\d+$/.test(lengthHeader) ? Number(lengthHeader) : null;
    const contentEncoding = header(response, 'content-encoding');
    const maxBytes = sink.maxBytes;
    if (maxBytes !== undefined && expected !== null && expected > maxBytes && bodyDecoder(contentEncoding) === null) {
      // Said at once by the server: nothing of it is read.
      response.destroy();
      return { kind: 'too-large', maxBytes, found: expected };
    }
    let received = 0;
    const counter = new Transform({
      transform: (chunk: Buffer, _encoding, callback) => {
        received += chunk.length;
        this.counters.bytes += chunk.length;
        if (this.onProgress) this.emit({ type: 'bytes', url, received, expected, stats: this.stats() });
        callback(null, chunk);
      },
    });
    const chunks: Buffer[] = [];
    const target = sinkStream(sink, chunks);
    const decoder = bodyDecoder(contentEncoding);
    // Counted after decoding, so a small compressed body cannot unpack past the bound.
    let decoded = 0;
    const guard =
      maxBytes === undefined
        ? null
        : new Transform({
            transform: (chunk: Buffer, _encoding, callback) => {
              decoded += chunk.length;
              if (decoded > maxBytes) callback(new BodyTooLarge(maxBytes, decoded));
              else callback(null, chunk);
            },
          });
    // A local failure (disk full, no such folder) is not the server's fault: it is reported, never retried. Which
    // stream failed first tells them apart (the pipeline then destroys the others with the same error).
    let localError: Error | null = null;
    let remoteFailed = false;
    const onRemoteError = (): void => {
      remoteFailed = true;
    };
    response.once('error', onRemoteError);
    counter.once('error', onRemoteError);
    decoder?.once('error', onRemoteError);
    target.once('error', (error: Error) => {
      if (!remoteFailed) localError = error;
    });
    try {
      const streams: (NodeJS.ReadableStream | NodeJS.WritableStream)[] = [response, counter];
      if (decoder) streams.push(decoder);
      if (guard) streams.push(guard);
      streams.push(target);
      await pipeline(streams);
    } catch (error) {
      await closed(target);
      if (error instanceof BodyTooLarge) return { kind: 'too-large', maxBytes: error.maxBytes, found: error.found };
      if (localError) throw localError;
      const detail = error instanceof Error ? describeNetworkError(error as NodeJS.ErrnoException) : String(error);
      const short =
        expected !== null && received < expected ? `truncated body: received ${received} of ${expected} bytes, ${detail}` : detail;
      return { kind: 'retry', status, reason: short, retryAfterMs: null };
    }
    await closed(target);
    if (!response.complete) {
      return { kind: 'retry', status, reason: `truncated body: the connection closed after ${received} bytes`, retryAfterMs: null };
    }
    if (expected !== null && received !== expected) {
      return {
        kind: 'retry',
        status,
        reason: `truncated body: received ${received} bytes but Content-Length said ${expected}`,
        retryAfterMs: null,
      };
    }
    return { kind: 'ok', body: sink.kind === 'memory' ? Buffer.concat(chunks) : null, bytes: received, etag, lastModified };
  }

  private emit(event: FetchProgressEvent): void {
    this.onProgress?.(event);
  }
}

/** A body past `maxBytes`: ends the transfer, never retried. */
class BodyTooLarge extends Error {
  readonly maxBytes: number;
  readonly found: number;
  constructor(maxBytes: number, found: number) {
    super(`the body is larger than ${maxBytes} bytes`);
    this.maxBytes = maxBytes;
    this.found = found;
  }
}

function tooLarge(url: string, maxBytes: number, found: number, tries: number): FetchError {
  return new FetchError(
    'fetch/too-large',
    `${url} is larger than the ${maxBytes} bytes allowed (${found} bytes or more); nothing of it was kept`,
    url,
    200,
    tries,
  );
}

/** Where a body goes: its file, or `chunks` in memory. */
function sinkStream(sink: Sink, chunks: Buffer[]): Writable {
  if (sink.kind === 'file') return createWriteStream(sink.path, { flags: 'w' });
  return new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk);
      callback();
    },
  });
}

/** The decompressor a Content-Encoding calls for, or null for the identity. */
function bodyDecoder(contentEncoding: string | null): Transform | null {
  const encoding = (contentEncoding ?? 'identity').toLowerCase();
  if (encoding === 'gzip' || encoding === 'x-gzip') return createGunzip();
  if (encoding === 'deflate') return createInflate();
  if (encoding === 'br') return createBrotliDecompress();
  return null;
}

function header(response: IncomingMessage, name: string): string | null {
  const value = response.headers[name];
  if (Array.isArray(value)) return value[0] ?? null;
  return value ?? null;
}

/** `Retry-After` as milliseconds from now: delta-seconds or an HTTP date; null when absent or unreadable. */
export function readRetryAfter(value: string | null, now: number = Date.now()): number | null {
  if (value === null) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return null;
  return Math.max(0, date - now);
}

/** Waits until a stream has released its file descriptor (a write stream may still be opening when destroyed). */
async function closed(stream: Writable): Promise<void> {
  if (stream.closed) return;
  await new Promise<void>((resolve) => {
    stream.once('close', resolve);
    if (stream.closed) resolve();
  });
}

async function drain(response: IncomingMessage): Promise<void> {
  await new Promise<void>((resolve) => {
    response.on('end', resolve);
    response.on('close', resolve);
    response.on('error', () => resolve());
    response.resume();
  });
}

function describeStatus(status: number | null): string {
  if (status === null) return 'none';
  const text = STATUS_CODES[status];
  return text ? `${status} ${text}` : String(status);
}

function describeNetworkError(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'ECONNRESET':
      return error.message === 'aborted' ? 'connection dropped mid-body (ECONNRESET)' : 'connection reset by the server (ECONNRESET)';
    case 'ECONNREFUSED':
      return 'connection refused (ECONNREFUSED)';
    case 'ETIMEDOUT':
      return `timed out: ${error.message}`;
    case 'EPIPE':
      return 'connection closed while sending (EPIPE)';
    case 'Z_BUF_ERROR':
    case 'Z_DATA_ERROR':
      return `cannot decompress the body: ${error.message}`;
    default:
      return error.code ? `${error.message} (${error.code})` : error.message;
  }
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortReason(signal));
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(abortReason(signal as AbortSignal));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function trimBase(url: string, name: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new TypeError(`${name} must be an absolute http(s) URL, found "${url}"`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new TypeError(`${name} must be an http(s) URL, found "${url}"`);
  return url.replace(/\/+$/, '');
}

function nonNegative(value: number, name: string): number {
  if (!(value >= 0) || !Number.isFinite(value)) throw new RangeError(`${name} must be a number of 0 or more, found ${value}`);
  return value;
}
