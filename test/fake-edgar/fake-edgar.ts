import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename, join, relative, sep } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createGzip, gzipSync } from 'node:zlib';
import tarStream from 'tar-stream';
import type { Party } from '../../src/model/submission.js';
import { parseSubmission } from '../../src/parse/sgml/parse-submission.js';
import { corpusPath, projectRoot } from '../shared-files.js';

/**
 * A fake EDGAR for tests and benchmarks: real HTTP on 127.0.0.1, EDGAR's URL layout, content generated from the
 * shared corpus, a log of every request with the time it arrived, and faults on demand.
 */
export interface FakeEdgarOptions {
  /** The day of the feed archive served (default 2002-12-26). */
  readonly feedDate?: string;
  /** How many times the corpus `.nc` files are repeated in the feed archive (default 1; benchmarks use more). */
  readonly feedCopies?: number;
  /** Filings in `filings.recent`; a CIK with more gets its older ones in one page listed in `filings.files` (default 5). */
  readonly recentLimit?: number;
  /** Ticker → CIK for company_tickers.json (default: a few corpus issuers). */
  readonly tickers?: Readonly<Record<string, string>>;
  /** Answer 403 to a request whose User-Agent has no e-mail address, as SEC does (default true). */
  readonly requireUserAgent?: boolean;
  /** Gzip JSON bodies when the client accepts it (default true). */
  readonly gzipJson?: boolean;
}

export type Fault =
  /** Answer with this status (429, 503, …) and an optional Retry-After. */
  | { readonly kind: 'status'; readonly status: number; readonly retryAfter?: string | number }
  /** Wait before answering. */
  | { readonly kind: 'slow'; readonly delayMs: number }
  /** Send the body in small pieces with a pause between them. */
  | { readonly kind: 'slow-body'; readonly chunkBytes: number; readonly delayMs: number }
  /** Send headers and half the body, then destroy the socket. */
  | { readonly kind: 'drop' }
  /** Send the right Content-Length and half the body, then close the connection cleanly. */
  | { readonly kind: 'truncate' }
  /** Send a Content-Length larger than the body, the whole body, then close the connection. */
  | { readonly kind: 'wrong-length'; readonly extraBytes?: number };

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  /** performance.now() when the request's headers arrived: the moment it "started" for the server. */
  readonly time: number;
  readonly userAgent: string | null;
  readonly ifNoneMatch: string | null;
  readonly ifModifiedSince: string | null;
  status: number | null;
  fault: Fault['kind'] | null;
}

export interface FakeFiling {
  readonly accessionNumber: string;
  readonly formType: string;
  /** YYYY-MM-DD. */
  readonly filedAt: string;
  /** Every party CIK (10 digits): EDGAR serves the file under each. */
  readonly ciks: readonly string[];
  readonly names: ReadonlyMap<string, string>;
  /** YYYY-MM-DD, from CONFORMED PERIOD OF REPORT (the JSON's `reportDate`). */
  readonly periodOfReport: string | null;
  /** The header's party blocks. */
  readonly parties: readonly Party[];
  /** The corpus file it came from. */
  readonly source: string;
  readonly bytes: Buffer;
}

export interface FakeEdgar {
  /** `http://127.0.0.1:<port>`: use it as both the archives and the data base URL. */
  readonly url: string;
  readonly requests: RecordedRequest[];
  readonly filings: readonly FakeFiling[];
  readonly feed: { readonly date: string; readonly path: string; readonly bytes: Buffer; readonly members: readonly string[] };
  readonly tickers: Readonly<Record<string, string>>;
  /** Misbehave on the next `times` requests (default 1) whose path matches (any path when absent). */
  inject(fault: Fault, options?: { readonly path?: string | RegExp; readonly times?: number }): void;
  clearFaults(): void;
  resetRequests(): void;
  /** Filings served under a CIK, newest first. */
  filingsOf(cik: string): FakeFiling[];
  /** The most request starts seen in any window of `windowMs` (default 1000). */
  maxStartsPerWindow(windowMs?: number, requests?: readonly RecordedRequest[]): number;
  /** Every path served, for tests that want to look. */
  paths(): string[];
  /** Serves `body` at `path` from now on, in place of what was there (a test's malformed or oversized document). */
  serve(path: string, body: Buffer | string, contentType?: string): void;
  close(): Promise<void>;
}

interface Resource {
  readonly body: Buffer;
  readonly gzipped: Buffer | null;
  readonly contentType: string;
  readonly etag: string;
  readonly lastModified: string;
}

interface PendingFault {
  readonly fault: Fault;
  readonly path: string | RegExp | undefined;
  remaining: number;
}

/**
 * SEC's ticker list as the fake serves it by default: written by hand in the documented shape of
 * https://www.sec.gov/files/company_tickers.json (`{"0":{"cik_str":320193,"ticker":"AAPL","title":"Apple Inc."}}`),
 * with corpus issuers (Acergy under two tickers, main one first) and one company with no corpus filing (TM).
 */
const TICKER_FILE = join(projectRoot, 'testdata', 'fake-edgar', 'company_tickers.json');

/** Ticker → 10-digit CIK, in the file's order. */
function readTickerFile(bytes: Buffer): Record<string, string> {
  const tickers: Record<string, string> = {};
  for (const entry of Object.values(JSON.parse(bytes.toString('utf8')) as Record<string, { cik_str: number; ticker: string }>))
    tickers[entry.ticker] = String(entry.cik_str).padStart(10, '0');
  return tickers;
}

export async function startFakeEdgar(options: FakeEdgarOptions = {}): Promise<FakeEdgar> {
  const feedDate = options.feedDate ?? '2002-12-26';
  const recentLimit = options.recentLimit ?? 5;
  const tickerFile = options.tickers ? null : readFileSync(TICKER_FILE);
  const tickers = options.tickers ?? readTickerFile(tickerFile as Buffer);
  const requireUserAgent = options.requireUserAgent ?? true;
  const gzipJson = options.gzipJson ?? true;
  const startedAt = new Date(Math.floor(Date.now() / 1000) * 1000 - 86_400_000).toUTCString();

  const filings = loadFilings();
  const resources = new Map<string, Resource>();
  const put = (path: string, body: Buffer | string, contentType: string, lastModified = startedAt): void => {
    const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
    const gzipped = gzipJson && contentType === 'application/json' ? gzipSync(bytes) : null;
    const etag = `"${createHash('sha1').update(bytes).digest('hex').slice(0, 20)}"`;
    resources.set(path, { body: bytes, gzipped, contentType, etag, lastModified });
  };

  const byCik = new Map<string, FakeFiling[]>();
  for (const filing of filings) {
    for (const cik of filing.ciks) {
      put(
        `/Archives/edgar/data/${Number(cik)}/${filing.accessionNumber.replaceAll('-', '')}/${filing.accessionNumber}.txt`,
        filing.bytes,
        'text/plain',
        new Date(`${filing.filedAt}T17:30:00Z`).toUTCString(),
      );
      const list = byCik.get(cik) ?? [];
      list.push(filing);
      byCik.set(cik, list);
    }
  }
  for (const list of byCik.values()) list.sort(newestFirst);

  // Index files: one row per filer, per quarter (full-index) and per day (daily-index), in three layouts.
  const rows = filings.flatMap((filing) => filing.ciks.map((cik) => ({ filing, cik, name: filing.names.get(cik) ?? '' })));
  const quarters = groupBy(rows, (row) => `${row.filing.filedAt.slice(0, 4)}/QTR${Math.ceil(Number(row.filing.filedAt.slice(5, 7)) / 3)}`);
  for (const [quarter, quarterRows] of quarters) {
    for (const kind of ['form', 'company', 'master'] as const) {
      const text = formatIndex(kind, quarterRows, false, quarter);
      put(`/Archives/edgar/full-index/${quarter}/${kind}.idx`, text, 'text/plain');
      put(`/Archives/edgar/full-index/${quarter}/${kind}.gz`, gzipSync(Buffer.from(text, 'utf8')), 'application/x-gzip');
    }
  }
  const days = groupBy(rows, (row) => row.filing.filedAt);
  for (const [day, dayRows] of days) {
    const quarter = `${day.slice(0, 4)}/QTR${Math.ceil(Number(day.slice(5, 7)) / 3)}`;
    const compact = day.replaceAll('-', '');
    for (const kind of ['form', 'company', 'master'] as const) {
      const text = formatIndex(kind, dayRows, true, day);
      put(`/Archives/edgar/daily-index/${quarter}/${kind}.${compact}.idx`, text, 'text/plain');
      put(`/Archives/edgar/daily-index/${quarter}/${kind}.${compact}.idx.gz`, gzipSync(Buffer.from(text, 'utf8')), 'application/x-gzip');
    }
  }

  // Submissions JSON: the newest `recentLimit` filings in `filings.recent`, the rest in one older page.
  for (const [cik, list] of byCik) {
    const recent = list.slice(0, recentLimit);
    const older = list.slice(recentLimit);
    const pageName = `CIK${cik}-submissions-001.json`;
    const latestName = list[0]?.names.get(cik) ?? '';
    const ownTickers = Object.entries(tickers)
      .filter(([, tickerCik]) => tickerCik === cik)
      .map(([ticker]) => ticker);
    const facts = companyFacts(cik, list);
    const main = {
      cik: String(Number(cik)),
      entityType: 'operating',
      ...facts,
      name: latestName,
      tickers: ownTickers,
      exchanges: ownTickers.map(() => 'OTC'),
      filings: {
        recent: submissionColumns(recent, cik),
        files: older.length
          ? [
              {
                name: pageName,
                filingCount: older.length,
                filingFrom: older[older.length - 1]?.filedAt,
                filingTo: older[0]?.filedAt,
              },
            ]
          : [],
      },
    };
    put(`/submissions/CIK${cik}.json`, JSON.stringify(main), 'application/json');
    if (older.length) put(`/submissions/${pageName}`, JSON.stringify(submissionColumns(older, cik)), 'application/json');
  }

  if (tickerFile) put('/files/company_tickers.json', tickerFile, 'application/json');
  else {
    const tickerJson: Record<string, { cik_str: number; ticker: string; title: string }> = {};
    Object.entries(tickers).forEach(([ticker, cik], index) => {
      tickerJson[String(index)] = { cik_str: Number(cik), ticker, title: byCik.get(cik)?.[0]?.names.get(cik) ?? ticker };
    });
    put('/files/company_tickers.json', JSON.stringify(tickerJson), 'application/json');
  }

  // EDGAR's XBRL JSON APIs (companyfacts, companyconcept, frames): hand-written documents under testdata, at their URL paths.
  for (const [path, bytes] of readXbrlApiFiles()) put(path, bytes, 'application/json');

  const feed = await buildFeed(feedDate, options.feedCopies ?? 1);
  put(feed.path, feed.bytes, 'application/x-gzip');

  const requests: RecordedRequest[] = [];
  let faults: PendingFault[] = [];

  const takeFault = (path: string): Fault | null => {
    for (const pending of faults) {
      if (pending.remaining <= 0) continue;
      const matches = pending.path === undefined || (typeof pending.path === 'string' ? pending.path === path : pending.path.test(path));
      if (!matches) continue;
      pending.remaining--;
      faults = faults.filter((item) => item.remaining > 0);
      return pending.fault;
    }
    return null;
  };

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const path = new URL(request.url ?? '/', 'http://fake-edgar').pathname;
    const record: RecordedRequest = {
      method: request.method ?? 'GET',
      path,
      time: performance.now(),
      userAgent: one(request.headers['user-agent']),
      ifNoneMatch: one(request.headers['if-none-match']),
      ifModifiedSince: one(request.headers['if-modified-since']),
      status: null,
      fault: null,
    };
    requests.push(record);
    response.on('error', () => undefined);
    const send = (status: number, headers: Record<string, string | number>, body?: Buffer | string): void => {
      record.status = status;
      response.writeHead(status, headers);
      response.end(body);
    };
    if (requireUserAgent && !/@/.test(record.userAgent ?? '')) {
      send(403, { 'Content-Type': 'text/plain' }, 'Your request originates from an undeclared automated tool. Declare a User-Agent.\n');
      return;
    }
    const fault = takeFault(path);
    record.fault = fault?.kind ?? null;
    if (fault?.kind === 'status') {
      const headers: Record<string, string | number> = { 'Content-Type': 'text/plain' };
      if (fault.retryAfter !== undefined) headers['Retry-After'] = String(fault.retryAfter);
      send(fault.status, headers, `${fault.status} (injected)\n`);
      return;
    }
    if (fault?.kind === 'slow') {
      await delay(fault.delayMs);
      if (response.destroyed) return;
    }
    const resource = resources.get(path);
    if (!resource || (request.method !== 'GET' && request.method !== 'HEAD')) {
      send(404, { 'Content-Type': 'text/plain' }, 'Not Found\n');
      return;
    }
    const validators = { ETag: resource.etag, 'Last-Modified': resource.lastModified };
    const ifModifiedSince = record.ifModifiedSince ? Date.parse(record.ifModifiedSince) : Number.NaN;
    if (
      record.ifNoneMatch?.split(/\s*,\s*/).includes(resource.etag) ||
      (record.ifNoneMatch === null && !Number.isNaN(ifModifiedSince) && ifModifiedSince >= Date.parse(resource.lastModified))
    ) {
      send(304, validators);
      return;
    }
    const gzip = resource.gzipped !== null && /\bgzip\b/.test(one(request.headers['accept-encoding']) ?? '');
    const body = gzip ? (resource.gzipped as Buffer) : resource.body;
    const headers: Record<string, string | number> = { ...validators, 'Content-Type': resource.contentType, 'Content-Length': body.length };
    if (gzip) headers['Content-Encoding'] = 'gzip';
    record.status = 200;
    switch (fault?.kind) {
      case 'drop':
        response.writeHead(200, headers);
        response.write(body.subarray(0, body.length >> 1), () => request.socket.destroy());
        return;
      case 'truncate':
        response.writeHead(200, { ...headers, Connection: 'close' });
        response.write(body.subarray(0, body.length >> 1), () => request.socket.end());
        return;
      case 'wrong-length':
        response.writeHead(200, { ...headers, 'Content-Length': body.length + (fault.extraBytes ?? 1000), Connection: 'close' });
        response.write(body, () => request.socket.end());
        return;
      case 'slow-body': {
        response.writeHead(200, headers);
        for (let start = 0; start < body.length; start += fault.chunkBytes) {
          if (response.destroyed) return;
          response.write(body.subarray(start, start + fault.chunkBytes));
          await delay(fault.delayMs);
        }
        if (!response.destroyed) response.end();
        return;
      }
      default:
        response.writeHead(200, headers);
        response.end(request.method === 'HEAD' ? undefined : body);
    }
  };

  const server = http.createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500).end(String(error));
      else response.destroy();
    });
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    filings,
    feed,
    tickers,
    inject(fault, injectOptions = {}) {
      faults.push({ fault, path: injectOptions.path, remaining: injectOptions.times ?? 1 });
    },
    clearFaults() {
      faults = [];
    },
    resetRequests() {
      requests.length = 0;
    },
    filingsOf(cik) {
      return [...(byCik.get(cik.padStart(10, '0')) ?? [])];
    },
    maxStartsPerWindow(windowMs = 1000, list = requests) {
      const times = list.map((item) => item.time).sort((a, b) => a - b);
      let most = 0;
      let first = 0;
      for (let last = 0; last < times.length; last++) {
        while ((times[last] as number) - (times[first] as number) >= windowMs) first++;
        most = Math.max(most, last - first + 1);
      }
      return most;
    },
    paths() {
      return [...resources.keys()].sort();
    },
    serve(path, body, contentType = 'application/json') {
      put(path, body, contentType);
    },
    close() {
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

/** The hand-written XBRL API documents (`testdata/fake-edgar/api`, see its README), keyed by the path data.sec.gov serves them at. */
const XBRL_API_DIRECTORY = join(projectRoot, 'testdata', 'fake-edgar', 'api');

function readXbrlApiFiles(): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const entry of readdirSync(join(XBRL_API_DIRECTORY, 'xbrl'), { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.json')) continue;
    const file = join(entry.parentPath, entry.name);
    files.set(`/api/${relative(XBRL_API_DIRECTORY, file).split(sep).join('/')}`, readFileSync(file));
  }
  return files;
}

function loadFilings(): FakeFiling[] {
  const filings: FakeFiling[] = [];
  for (const folder of ['fpi', 'submissions']) {
    const directory = corpusPath(folder);
    for (const name of readdirSync(directory).sort()) {
      if (!name.endsWith('.txt')) continue;
      const source = join(directory, name);
      const bytes = readFileSync(source);
      const header = parseSubmission(bytes).header;
      if (!header?.accessionNumber || !header.formType || !header.filedAt) continue;
      const names = new Map<string, string>();
      for (const party of header.parties) {
        const cik = party.company?.cik;
        if (cik && !names.has(cik)) names.set(cik, party.company?.name ?? '');
      }
      if (names.size === 0) continue;
      filings.push({
        accessionNumber: header.accessionNumber,
        formType: header.formType,
        filedAt: header.filedAt,
        ciks: [...names.keys()],
        names,
        periodOfReport: header.periodOfReport,
        parties: header.parties,
        source,
        bytes,
      });
    }
  }
  return filings;
}

/**
 * What the submissions JSON says of a company, in its own shape (`addresses.business.stateOrCountry`, `phone`,
 * `formerNames[].to`), taken from the company's party block in its newest filing, and its former names from all
 * of its filings, as EDGAR keeps them.
 */
function companyFacts(cik: string, newestFirstList: readonly FakeFiling[]): Record<string, unknown> {
  const parties = newestFirstList.flatMap((filing) => filing.parties.filter((party) => party.company?.cik === cik));
  const newest = parties[0];
  const address = (found: Party['businessAddress']) =>
    found
      ? {
          street1: found.street1,
          street2: found.street2,
          city: found.city,
          stateOrCountry: found.state,
          zipCode: found.zip,
          stateOrCountryDescription: null,
        }
      : null;
  const formerNames = new Map<string, { name: string; from: null; to: string | null }>();
  for (const party of parties)
    for (const former of party.formerCompanies) {
      const key = `${former.name}\u0000${former.dateChanged ?? ''}`;
      if (!formerNames.has(key))
        formerNames.set(key, { name: former.name, from: null, to: former.dateChanged ? `${former.dateChanged}T05:00:00.000Z` : null });
    }
  return {
    sic: newest?.company?.sic ?? '',
    sicDescription: newest?.company?.sicDescription ?? '',
    stateOfIncorporation: newest?.company?.stateOfIncorporation ?? '',
    fiscalYearEnd: newest?.company?.fiscalYearEnd ?? '',
    phone: newest?.businessAddress?.phone ?? null,
    addresses: { mailing: address(newest?.mailAddress ?? null), business: address(newest?.businessAddress ?? null) },
    formerNames: [...formerNames.values()],
  };
}

function newestFirst(a: FakeFiling, b: FakeFiling): number {
  if (a.filedAt !== b.filedAt) return a.filedAt < b.filedAt ? 1 : -1;
  return a.accessionNumber < b.accessionNumber ? 1 : -1;
}

function submissionColumns(list: readonly FakeFiling[], cik: string): Record<string, unknown[]> {
  return {
    accessionNumber: list.map((filing) => filing.accessionNumber),
    filingDate: list.map((filing) => filing.filedAt),
    reportDate: list.map((filing) => filing.periodOfReport ?? ''),
    acceptanceDateTime: list.map((filing) => `${filing.filedAt}T16:05:00.000Z`),
    act: list.map(() => '34'),
    form: list.map((filing) => filing.formType),
    fileNumber: list.map(() => ''),
    filmNumber: list.map(() => ''),
    items: list.map(() => ''),
    size: list.map((filing) => filing.bytes.length),
    isXBRL: list.map(() => 0),
    isInlineXBRL: list.map(() => 0),
    primaryDocument: list.map((filing) => `${filing.accessionNumber}.txt`),
    primaryDocDescription: list.map(() => (cik ? 'Complete submission' : '')),
  };
}

type IndexEntry = { readonly filing: FakeFiling; readonly cik: string; readonly name: string };

/** EDGAR's index layouts: fixed-width `form.idx`/`company.idx` and pipe-separated `master.idx`. */
function formatIndex(kind: 'form' | 'company' | 'master', entries: readonly IndexEntry[], daily: boolean, period: string): string {
  const sorted = [...entries].sort((a, b) => {
    const keyA =
      kind === 'form' ? [a.filing.formType, a.name] : kind === 'company' ? [a.name, a.filing.formType] : [Number(a.cik), a.filing.formType];
    const keyB =
      kind === 'form' ? [b.filing.formType, b.name] : kind === 'company' ? [b.name, b.filing.formType] : [Number(b.cik), b.filing.formType];
    for (let index = 0; index < keyA.length; index++) {
      const x = keyA[index] as string | number;
      const y = keyB[index] as string | number;
      if (x !== y) return x < y ? -1 : 1;
    }
    return a.filing.accessionNumber < b.filing.accessionNumber ? -1 : 1;
  });
  const what = kind === 'master' ? '' : kind === 'form' ? ' by Form Type' : ' by Company Name';
  const lines = [
    `Description:           ${daily ? 'Daily' : 'Master'} Index of EDGAR Dissemination Feed${what}`,
    `Last Data Received:    ${period}`,
    'Comments:              webmaster@sec.gov',
    'Anonymous FTP:         ftp://ftp.sec.gov/edgar/',
    ' ',
    ' ',
    ' ',
  ];
  const date = (filing: FakeFiling): string => (daily ? filing.filedAt.replaceAll('-', '') : filing.filedAt);
  const fileName = (entry: IndexEntry): string => `edgar/data/${Number(entry.cik)}/${entry.filing.accessionNumber}.txt`;
  if (kind === 'master') {
    lines.push('CIK|Company Name|Form Type|Date Filed|Filename', '-'.repeat(80));
    for (const entry of sorted)
      lines.push(`${Number(entry.cik)}|${entry.name}|${entry.filing.formType}|${entry.filing.filedAt}|${fileName(entry)}`);
  } else {
    lines.push(
      kind === 'form'
        ? `${'Form Type'.padEnd(12)}${'Company Name'.padEnd(62)}${'CIK'.padEnd(12)}${'Date Filed'.padEnd(12)}File Name`
        : `${'Company Name'.padEnd(62)}${'Form Type'.padEnd(12)}${'CIK'.padEnd(12)}${'Date Filed'.padEnd(12)}File Name`,
      '-'.repeat(141),
    );
    for (const entry of sorted) {
      const first =
        kind === 'form'
          ? entry.filing.formType.padEnd(12) + entry.name.padEnd(62)
          : entry.name.padEnd(62) + entry.filing.formType.padEnd(12);
      lines.push(`${first}${String(Number(entry.cik)).padEnd(12)}${date(entry.filing).padEnd(12)}${fileName(entry)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

async function buildFeed(date: string, copies: number): Promise<FakeEdgar['feed']> {
  const compact = date.replaceAll('-', '');
  const quarter = Math.ceil(Number(date.slice(5, 7)) / 3);
  const directory = corpusPath('nc');
  const files = readdirSync(directory)
    .filter((name) => name.endsWith('.nc'))
    .sort()
    .map((name) => ({ name, bytes: readFileSync(join(directory, name)) }));
  // Packed and gzipped as a stream: only the compressed archive is held, whatever the number of copies.
  const pack = tarStream.pack();
  const gzip = createGzip({ level: 1 });
  const chunks: Buffer[] = [];
  gzip.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    gzip.on('end', resolve);
    gzip.on('error', reject);
    pack.on('error', reject);
  });
  pack.pipe(gzip);
  const members: string[] = [];
  for (let copy = 0; copy < copies; copy++) {
    for (const file of files) {
      const name = copy === 0 ? file.name : `${basename(file.name, '.nc')}-copy${copy}.nc`;
      members.push(name);
      await new Promise<void>((resolve, reject) =>
        pack.entry({ name, size: file.bytes.length }, file.bytes, (error) => (error ? reject(error) : resolve())),
      );
    }
  }
  pack.finalize();
  await ended;
  return {
    date,
    path: `/Archives/edgar/Feed/${date.slice(0, 4)}/QTR${quarter}/${compact}.nc.tar.gz`,
    bytes: Buffer.concat(chunks),
    members,
  };
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const name = key(item);
    const list = groups.get(name) ?? [];
    list.push(item);
    groups.set(name, list);
  }
  return groups;
}

function one(value: string | string[] | undefined): string | null {
  if (Array.isArray(value)) return value[0] ?? null;
  return value ?? null;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
