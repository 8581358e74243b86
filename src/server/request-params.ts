import {
  checkChoice,
  checkCik,
  checkDate,
  checkDateRange,
  checkDocument,
  checkFilingId,
  checkForm,
  checkInteger,
  checkLimit,
  checkOffset,
  checkSha256,
  checkText,
  RequestValueError,
} from '../store/request-values.js';
import { badRequest } from './http-error.js';

/**
 * Every value a URL carries is checked before anything uses it, by the same checks the CLI's options use
 * (store/request-values.ts): identifiers by pattern, numbers by range, text by length. A bad value is a 400 that
 * says what is wrong.
 */

/** Runs a check; what it refuses becomes a 400 with its message. */
function checked<T>(check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (error instanceof RequestValueError) throw badRequest(error.message);
    throw error;
  }
}

/** A filing id as the store keys it: an accession number (dashed or not), or `local-<20 hex>` for a bare document. */
export function filingIdParam(text: string): string {
  return checked(() => checkFilingId(text));
}

export function cikParam(text: string): string {
  return checked(() => checkCik('cik', text));
}

export function sha256Param(text: string): string {
  return checked(() => checkSha256(text));
}

/** A document of a filing: its sequence number, or its type (`EX-99.1`). */
export function documentParam(text: string): string {
  return checked(() => checkDocument(text));
}

type Query = Readonly<Record<string, string | undefined>>;

/** The parameter's text, or undefined when it is absent or empty. */
function given(query: Query, name: string): string | undefined {
  const text = query[name];
  return text === undefined || text === '' ? undefined : text;
}

/** An optional whole number in [min, max]. */
export function integerParam(query: Query, name: string, min: number, max: number): number | undefined {
  const text = given(query, name);
  return text === undefined ? undefined : checked(() => checkInteger(name, text, min, max));
}

export interface Paging {
  readonly limit: number;
  readonly offset: number;
}

/** `limit` (1 to MAX_PAGE) and `offset` (0 to MAX_OFFSET). */
export function pagingParams(query: Query, fallbackLimit: number): Paging {
  const limit = given(query, 'limit');
  const offset = given(query, 'offset');
  return {
    limit: limit === undefined ? fallbackLimit : checked(() => checkLimit('limit', limit)),
    offset: offset === undefined ? 0 : checked(() => checkOffset('offset', offset)),
  };
}

export function dateParam(query: Query, name: string): string | undefined {
  const text = given(query, name);
  return text === undefined ? undefined : checked(() => checkDate(name, text));
}

/** `from` and `to` together: the start may not be after the end. */
export function dateRangeParams(from: string | undefined, to: string | undefined): void {
  checked(() => checkDateRange('from', from, 'to', to));
}

/** A form type: `6-K`, `20-F/A`, `SC 13G`. */
export function formParam(query: Query, name = 'form'): string | undefined {
  const text = query[name]?.trim();
  return text === undefined || text === '' ? undefined : checked(() => checkForm(name, text));
}

/** Free text with a length bound (a company name, a search query). */
export function textParam(query: Query, name: string, maxLength: number): string | undefined {
  const text = query[name];
  return text === undefined ? undefined : checked(() => checkText(name, text, maxLength));
}

export function choiceParam<const T extends string>(query: Query, name: string, choices: readonly T[], fallback: T): T {
  const text = given(query, name);
  return text === undefined ? fallback : checked(() => checkChoice(name, text, choices));
}
