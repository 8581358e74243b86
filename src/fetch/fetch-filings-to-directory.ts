import { mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Cik } from '../core/identifiers.js';
import type { EdgarClient } from './edgar-client.js';
import { submissionTextPath } from './edgar-paths.js';
import { abortReason, FetchError, LookupError } from './fetch-errors.js';
import { type CompanyFiling, fetchCompanySubmissions } from './fetch-submissions.js';
import { lookupTicker } from './fetch-tickers.js';

/** Which filings of one company `fetchFilingsToDirectory` downloads (by CIK or ticker, forms and dates), where to, and how many at once. */
export interface FetchFilingsOptions {
  /** Whose filings: a CIK, or a ticker looked up in company_tickers.json. */
  readonly cik?: string;
  readonly ticker?: string;
  /** Keep only these form types (exact, case-insensitive); all when absent or empty. */
  readonly forms?: readonly string[];
  /** Inclusive filing-date bounds, YYYY-MM-DD. */
  readonly from?: string;
  readonly to?: string;
  /** Keep only the newest this many of the filings that match (all when absent). */
  readonly limit?: number;
  /** Where `<accession>.txt` files go; created when missing. */
  readonly outDir: string;
  /** Downloads in flight at once (default 4); the shared rate limiter still decides when each starts. */
  readonly concurrency?: number;
  readonly signal?: AbortSignal;
  readonly onFiling?: (event: FilingEvent) => void;
}

/** One filing fetched, skipped or failed, with the run's progress. */
export interface FilingEvent {
  readonly type: 'fetched' | 'skipped' | 'failed';
  readonly filing: CompanyFiling;
  readonly path: string;
  readonly bytes: number;
  readonly error?: Error;
  /** Filings finished so far (this one included) and how many were selected. */
  readonly done: number;
  readonly total: number;
}

/** What `fetchFilingsToDirectory` did: the filings selected, fetched, skipped (complete already) and failed, and the complete files. */
export interface FetchFilingsResult {
  readonly cik: Cik;
  readonly name: string | null;
  /** The filings that matched the filters, newest first (at most `limit`). */
  readonly selected: readonly CompanyFiling[];
  /** How many matched the filters before `limit`. */
  readonly matched: number;
  /** Complete files downloaded by this run. */
  readonly fetched: readonly string[];
  /** Complete files already in the directory, left as they were. */
  readonly skipped: readonly string[];
  readonly failed: readonly { readonly filing: CompanyFiling; readonly url: string; readonly error: Error }[];
  /** Every complete file for the selection (fetched and skipped), in selection order: what a caller would ingest. */
  readonly paths: readonly string[];
}

/**
 * Downloads the complete submission `.txt` of each selected filing into `outDir` as `<accession>.txt`. Resumable:
 * a file is renamed to its final name only once complete, so a file that exists is complete and is skipped; an
 * interrupted run leaves at most `.partial` files, which the next run overwrites. Throws the abort reason when
 * `signal` aborts (after in-flight downloads have cleaned up); one filing failing does not stop the others.
 */
export async function fetchFilingsToDirectory(client: EdgarClient, options: FetchFilingsOptions): Promise<FetchFilingsResult> {
  const { signal } = options;
  const requestOptions = signal ? { signal } : {};
  let cikText = options.cik;
  if (!cikText) {
    if (!options.ticker) throw new LookupError('Give a CIK or a ticker');
    const found = await lookupTicker(client, options.ticker, requestOptions);
    if (!found) throw new LookupError(`Ticker "${options.ticker}" is not listed in SEC's company_tickers.json`);
    cikText = found.cik;
  }
  const company = await fetchCompanySubmissions(client, cikText, requestOptions);
  const forms = new Set((options.forms ?? []).map((form) => form.trim().toUpperCase()).filter(Boolean));
  const matching = company.filings.filter(
    (filing) =>
      (forms.size === 0 || forms.has(filing.form.toUpperCase())) &&
      (!options.from || filing.filingDate >= options.from) &&
      (!options.to || filing.filingDate <= options.to),
  );
  const selected = options.limit !== undefined ? matching.slice(0, Math.max(0, options.limit)) : matching;
  await mkdir(options.outDir, { recursive: true });
  const fetched: string[] = [];
  const skipped: string[] = [];
  const failed: { filing: CompanyFiling; url: string; error: Error }[] = [];
  const complete = new Set<string>();
  let next = 0;
  let done = 0;
  const report = (type: FilingEvent['type'], filing: CompanyFiling, path: string, bytes: number, error?: Error): void => {
    done++;
    options.onFiling?.({ type, filing, path, bytes, ...(error ? { error } : {}), done, total: selected.length });
  };
  const worker = async (): Promise<void> => {
    for (;;) {
      if (signal?.aborted) return;
      const filing = selected[next++];
      if (!filing) return;
      const path = join(options.outDir, `${filing.accessionNumber}.txt`);
      const existing = await stat(path).catch(() => null);
      if (existing?.isFile()) {
        skipped.push(path);
        complete.add(path);
        report('skipped', filing, path, existing.size);
        continue;
      }
      const url = client.archivesUrl(submissionTextPath(company.cik, filing.accessionNumber));
      try {
        const result = await client.download(url, path, requestOptions);
        fetched.push(path);
        complete.add(path);
        report('fetched', filing, path, result.bytes);
      } catch (error) {
        if (signal?.aborted || !(error instanceof FetchError)) throw error;
        failed.push({ filing, url, error });
        report('failed', filing, path, 0, error);
      }
    }
  };
  const workers = Math.max(1, Math.min(options.concurrency ?? 4, 16));
  const outcomes = await Promise.allSettled(Array.from({ length: workers }, () => worker()));
  const rejected = outcomes.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
  if (signal?.aborted) throw abortReason(signal);
  if (rejected) throw rejected.reason;
  const paths = selected.map((filing) => join(options.outDir, `${filing.accessionNumber}.txt`)).filter((path) => complete.has(path));
  return { cik: company.cik, name: company.name, selected, matched: matching.length, fetched, skipped, failed, paths };
}
