import { type EdgarJsonFacts, type EdgarJsonKind, readEdgarJsonFacts } from '../parse/xbrl/edgar-json-facts.js';
import type { EdgarClient, RequestOptions } from './edgar-client.js';
import { companyConceptPath, companyFactsPath, framesPath, readConcept, requireCik } from './edgar-paths.js';
import { FetchError, LookupError } from './fetch-errors.js';

/** The most bytes one XBRL API document may have, by default (the largest companyfacts documents are tens of MB). */
export const DEFAULT_MAX_XBRL_JSON_BYTES = 128 * 1024 * 1024;

/** A document of EDGAR's XBRL APIs, read: its facts as the store keeps them, and the URL it came from. */
export interface FetchedXbrlFacts extends EdgarJsonFacts {
  readonly url: string;
  /** True when the HTTP cache answered (304). */
  readonly fromCache: boolean;
}

/** Which document to fetch: a company's facts, one concept of a company, or one frame of every company. */
export type XbrlFactsRequest =
  | { readonly kind: 'companyfacts'; readonly cik: string }
  | { readonly kind: 'companyconcept'; readonly cik: string; readonly concept: string }
  | { readonly kind: 'frames'; readonly concept: string; readonly unit: string; readonly period: string };

/**
 * Every XBRL fact EDGAR holds for a company (`/api/xbrl/companyfacts/CIK##########.json`). A company EDGAR has
 * no XBRL data for (404) is a `LookupError` saying so.
 */
export function fetchCompanyFacts(client: EdgarClient, cik: string, options: RequestOptions = {}): Promise<FetchedXbrlFacts> {
  return fetchXbrlFacts(client, { kind: 'companyfacts', cik }, options);
}

/** One concept of a company (`/api/xbrl/companyconcept/CIK##########/us-gaap/Revenues.json`). */
export function fetchCompanyConcept(
  client: EdgarClient,
  cik: string,
  concept: string,
  options: RequestOptions = {},
): Promise<FetchedXbrlFacts> {
  return fetchXbrlFacts(client, { kind: 'companyconcept', cik, concept }, options);
}

/** One frame: a concept, unit and calendar period (`CY2019`, `CY2019Q1`, `CY2019Q1I`) for every company that reported it. */
export function fetchFrames(
  client: EdgarClient,
  concept: string,
  unit: string,
  period: string,
  options: RequestOptions = {},
): Promise<FetchedXbrlFacts> {
  return fetchXbrlFacts(client, { kind: 'frames', concept, unit, period }, options);
}

/** Fetches one XBRL API document through the polite client and reads it; its size is bounded (`maxBytes`). */
export async function fetchXbrlFacts(
  client: EdgarClient,
  request: XbrlFactsRequest,
  options: RequestOptions = {},
): Promise<FetchedXbrlFacts> {
  const url = client.dataUrl(xbrlFactsPath(request));
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_XBRL_JSON_BYTES;
  let body: Buffer;
  let fromCache: boolean;
  try {
    ({ body, fromCache } = await client.get(url, { ...options, maxBytes }));
  } catch (error) {
    if (error instanceof FetchError && error.status === 404) throw new LookupError(`${notFound(request)} (404 Not Found at ${url})`);
    throw error;
  }
  const kind: EdgarJsonKind = request.kind;
  return { ...readEdgarJsonFacts(body, kind, { source: url, maxBytes }), url, fromCache };
}

/** The data.sec.gov path of a request; a malformed CIK, concept, unit or period is a RangeError. */
export function xbrlFactsPath(request: XbrlFactsRequest): string {
  switch (request.kind) {
    case 'companyfacts':
      return companyFactsPath(request.cik);
    case 'companyconcept': {
      const { taxonomy, tag } = readConcept(request.concept);
      return companyConceptPath(request.cik, taxonomy, tag);
    }
    case 'frames': {
      const { taxonomy, tag } = readConcept(request.concept);
      return framesPath(taxonomy, tag, request.unit, request.period);
    }
  }
}

function notFound(request: XbrlFactsRequest): string {
  switch (request.kind) {
    case 'companyfacts':
      return `No XBRL data for CIK ${requireCik(request.cik)} on EDGAR: it has filed no financial statements in XBRL`;
    case 'companyconcept':
      return `No XBRL data for CIK ${requireCik(request.cik)} and ${request.concept} on EDGAR: the company has not reported that concept`;
    case 'frames':
      return `No frame ${request.concept} in ${request.unit} for ${request.period} on EDGAR`;
  }
}
