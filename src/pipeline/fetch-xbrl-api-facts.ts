import type { Diagnostic } from '../core/diagnostic.js';
import type { EdgarClient, RequestOptions } from '../fetch/edgar-client.js';
import { LookupError } from '../fetch/fetch-errors.js';
import { lookupTicker } from '../fetch/fetch-tickers.js';
import { type FetchedXbrlFacts, fetchXbrlFacts, type XbrlFactsRequest } from '../fetch/fetch-xbrl-facts.js';
import type { EdgarJsonKind } from '../parse/xbrl/edgar-json-facts.js';
import type { FactSink } from '../store/store.js';

/** Facts per `writeFacts` call: one transaction each, so a large companyfacts document is written in steps. */
const BATCH = 5000;

/** Which document to fetch into the store: the request of `fetchXbrlFacts`, or a company named by its ticker. */
export type StoreXbrlFactsRequest =
  | XbrlFactsRequest
  | { readonly kind: 'companyfacts'; readonly ticker: string }
  | { readonly kind: 'companyconcept'; readonly ticker: string; readonly concept: string };

export interface StoreXbrlFactsOptions extends RequestOptions {
  /** After each batch written: how many of the document's facts are done. */
  readonly onProgress?: (progress: { readonly done: number; readonly total: number }) => void;
}

/** What one fetch stored: the document's facts, how many were new or changed, how many were already there. */
export interface StoreXbrlFactsResult {
  readonly kind: EdgarJsonKind;
  readonly url: string;
  readonly fromCache: boolean;
  readonly cik: string | null;
  readonly entityName: string | null;
  readonly concept: string | null;
  readonly frame: string | null;
  readonly facts: number;
  readonly written: number;
  readonly unchanged: number;
  /** What could not be read exactly (values kept as text, values left out, duplicates). */
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Fetches one of EDGAR's XBRL JSON documents (companyfacts, companyconcept or frames) through the polite client
 * and writes its facts into the store's fact table, in transactions of 5,000. Idempotent: a second run writes
 * nothing new (`written` 0). A ticker is looked up in SEC's company_tickers.json first.
 */
export async function storeXbrlApiFacts(
  client: EdgarClient,
  sink: FactSink,
  request: StoreXbrlFactsRequest,
  options: StoreXbrlFactsOptions = {},
): Promise<StoreXbrlFactsResult> {
  const { onProgress, ...requestOptions } = options;
  const resolved = await resolveTicker(client, request, requestOptions);
  const document: FetchedXbrlFacts = await fetchXbrlFacts(client, resolved, requestOptions);
  let written = 0;
  let unchanged = 0;
  for (let start = 0; start < document.facts.length; start += BATCH) {
    requestOptions.signal?.throwIfAborted();
    const result = await sink.writeFacts(document.facts.slice(start, start + BATCH));
    written += result.written;
    unchanged += result.unchanged;
    onProgress?.({ done: Math.min(start + BATCH, document.facts.length), total: document.facts.length });
  }
  return {
    kind: document.kind,
    url: document.url,
    fromCache: document.fromCache,
    cik: document.cik,
    entityName: document.entityName,
    concept: document.concept,
    frame: document.frame,
    facts: document.facts.length,
    written,
    unchanged,
    diagnostics: document.diagnostics,
  };
}

async function resolveTicker(client: EdgarClient, request: StoreXbrlFactsRequest, options: RequestOptions): Promise<XbrlFactsRequest> {
  if (!('ticker' in request)) return request;
  const found = await lookupTicker(client, request.ticker, options);
  if (!found) throw new LookupError(`Ticker "${request.ticker}" is not listed in SEC's company_tickers.json`);
  return request.kind === 'companyfacts'
    ? { kind: 'companyfacts', cik: found.cik }
    : { kind: 'companyconcept', cik: found.cik, concept: request.concept };
}
