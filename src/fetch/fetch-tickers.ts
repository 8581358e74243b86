import type { Cik } from '../core/identifiers.js';
import { parseCik } from '../core/identifiers.js';
import type { EdgarClient, RequestOptions } from './edgar-client.js';
import { COMPANY_TICKERS_PATH } from './edgar-paths.js';

/** One entry of SEC's ticker list: the ticker as listed, its CIK and the company's title. */
export interface CompanyTicker {
  readonly ticker: string;
  readonly cik: Cik;
  readonly title: string;
}

/** SEC's ticker → CIK map (`/files/company_tickers.json`), keyed by upper-case ticker. */
export async function fetchCompanyTickers(client: EdgarClient, options: RequestOptions = {}): Promise<ReadonlyMap<string, CompanyTicker>> {
  const url = client.archivesUrl(COMPANY_TICKERS_PATH);
  const fetched = await client.get(url, options);
  let parsed: unknown;
  try {
    parsed = JSON.parse(fetched.body.toString('utf8'));
  } catch (error) {
    throw new Error(`${url}: Cannot read JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const map = new Map<string, CompanyTicker>();
  if (typeof parsed !== 'object' || parsed === null) return map;
  // `{ "0": { "cik_str": 320193, "ticker": "AAPL", "title": "Apple Inc." }, … }`
  for (const entry of Object.values(parsed as Record<string, unknown>)) {
    if (typeof entry !== 'object' || entry === null) continue;
    const { cik_str: cikValue, ticker, title } = entry as Record<string, unknown>;
    const cik = typeof cikValue === 'number' || typeof cikValue === 'string' ? parseCik(String(cikValue)) : null;
    if (!cik || typeof ticker !== 'string' || ticker === '') continue;
    const key = ticker.toUpperCase();
    if (!map.has(key)) map.set(key, { ticker, cik, title: typeof title === 'string' ? title : '' });
  }
  return map;
}

/** The CIK of a ticker (case-insensitive); null when SEC's map does not list it. */
export async function lookupTicker(client: EdgarClient, ticker: string, options: RequestOptions = {}): Promise<CompanyTicker | null> {
  const map = await fetchCompanyTickers(client, options);
  return map.get(ticker.trim().toUpperCase()) ?? null;
}
