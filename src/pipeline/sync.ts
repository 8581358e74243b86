import { parseCik } from '../core/identifiers.js';
import type { EdgarClient, RequestOptions } from '../fetch/edgar-client.js';
import { type FilingEvent, fetchFilingsToDirectory } from '../fetch/fetch-filings-to-directory.js';
import { type CompanyTicker, fetchCompanyTickers } from '../fetch/fetch-tickers.js';
import type { FilingSink, Store, TickerSink } from '../store/store.js';
import { type IngestFailure, ingestPaths } from './ingest.js';

/** Options of `syncCompanies`: forms, where downloads go, concurrency, a signal and progress callbacks. */
export interface SyncOptions {
  /** Only these form types (all when empty). */
  readonly forms?: readonly string[];
  /** Where the downloaded `<accession>.txt` files are kept (a re-run skips the complete ones). */
  readonly outDir: string;
  /** Downloads in flight at once (the client's rate limit still decides when each starts). */
  readonly concurrency?: number;
  readonly signal?: AbortSignal;
  /** Each filing fetched, skipped or failed, with the company's place in the run. */
  readonly onFiling?: (event: FilingEvent, company: { readonly cik: string; readonly index: number; readonly total: number }) => void;
  /** Each input that could not be ingested. */
  readonly onFailure?: (failure: IngestFailure) => void;
}

/** What a sync did: companies visited, filings fetched and ingested, failures. */
export interface SyncSummary {
  readonly companies: number;
  readonly fetched: number;
  /** Filings new or changed in the database. */
  readonly ingested: number;
  /** Downloads and inputs that failed. */
  readonly failed: number;
}

/** The companies to keep current: those named (as 10-digit CIKs, once each), else every company in the database. */
export async function companiesToSync(store: Store, ciks: readonly string[] = []): Promise<string[]> {
  const chosen: string[] = ciks.map((cik) => parseCik(cik) ?? cik.trim());
  if (chosen.length === 0) {
    for (let offset = 0; ; offset += 200) {
      const page = await store.listCompanies({ limit: 200, offset });
      chosen.push(...page.map((company) => company.cik));
      if (page.length < 200) break;
    }
  }
  return [...new Set(chosen)];
}

/**
 * Keeps a database current: for each company, fetches the filings EDGAR lists since the newest one stored and
 * ingests them. Safe to interrupt and re-run (complete downloads are kept and skipped; ingest is idempotent).
 */
export async function syncCompanies(
  store: Store & FilingSink,
  client: EdgarClient,
  ciks: readonly string[],
  options: SyncOptions,
): Promise<SyncSummary> {
  let fetched = 0;
  let failed = 0;
  let ingested = 0;
  for (const [index, cik] of ciks.entries()) {
    const newest = (await store.listFilings({ cik, limit: 1 }))[0]?.filedAt ?? undefined;
    const result = await fetchFilingsToDirectory(client, {
      cik,
      forms: options.forms ?? [],
      ...(newest ? { from: newest } : {}),
      outDir: options.outDir,
      ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      onFiling: (event) => options.onFiling?.(event, { cik, index, total: ciks.length }),
    });
    fetched += result.fetched.length;
    failed += result.failed.length;
    if (result.paths.length === 0) continue;
    // Only complete files are listed in `paths`: a partial download is never ingested.
    const summary = await ingestPaths(store, result.paths, options.onFailure ? { onFailure: options.onFailure } : {});
    ingested += summary.ingested + summary.replaced;
    failed += summary.failed.length;
  }
  return { companies: ciks.length, fetched, ingested, failed };
}

/**
 * Fetches SEC's ticker list (`/files/company_tickers.json`) and stores it whole in place of the one stored, so
 * that `companies TM`, `company:TM` and `edgar.company('TM')` find companies by ticker offline. Returns the
 * list as fetched (ticker → entry, in SEC's order) and how many entries were stored.
 */
export async function syncTickers(
  sink: TickerSink,
  client: EdgarClient,
  options: RequestOptions = {},
): Promise<{ readonly tickers: ReadonlyMap<string, CompanyTicker>; readonly stored: number }> {
  const tickers = await fetchCompanyTickers(client, options);
  const stored = await sink.replaceTickers(
    [...tickers.values()].map((entry) => ({ ticker: entry.ticker, cik: entry.cik, title: entry.title })),
  );
  return { tickers, stored };
}
