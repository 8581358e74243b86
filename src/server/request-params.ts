import { parseAccessionNumber, parseCik } from '../core/identifiers.js';
import { MAX_PAGE } from '../store/store.js';
import { badRequest } from './http-error.js';

/**
 * Every value a URL carries is checked here before anything uses it: identifiers by pattern, numbers by range,
 * text by length. A bad value is a 400 that says what is wrong.
 */

/** A filing id as the store keys it: an accession number (dashed or not), or `local-<20 hex>` for a bare document. */
export function filingIdParam(text: string): string {
  const accession = parseAccessionNumber(text);
  if (accession) return accession;
  if (/^local-[0-9a-f]{20}$/.test(text)) return text;
  throw badRequest(`"${clip(text)}" is not an accession number: expected 0000912282-09-000008 (or 18 digits)`);
}

export function cikParam(text: string): string {
  const cik = parseCik(text);
  if (!cik) throw badRequest(`"${clip(text)}" is not a CIK: expected up to 10 digits`);
  return cik;
}

export function sha256Param(text: string): string {
  if (!/^[0-9a-fA-F]{64}$/.test(text)) throw badRequest(`"${clip(text)}" is not a SHA-256: expected 64 hexadecimal digits`);
  return text.toLowerCase();
}

/** A document of a filing: its sequence number, or its type (`EX-99.1`). */
export function documentParam(text: string): string {
  if (/^\d{1,6}$/.test(text) || /^[A-Za-z0-9][A-Za-z0-9.-]{0,29}$/.test(text)) return text;
  throw badRequest(`"${clip(text)}" is not a document: expected its sequence number (1, 2, …) or its type (EX-99.1)`);
}

type Query = Readonly<Record<string, string | undefined>>;

/** An optional whole number in [min, max]. */
export function integerParam(query: Query, name: string, min: number, max: number): number | undefined {
  const text = query[name];
  if (text === undefined || text === '') return undefined;
  if (!/^\d{1,9}$/.test(text)) throw badRequest(`${name} must be a whole number, not "${clip(text)}"`);
  const value = Number(text);
  if (value < min || value > max) throw badRequest(`${name} must be between ${min} and ${max}, not ${value}`);
  return value;
}

export interface Paging {
  readonly limit: number;
  readonly offset: number;
}

/** `limit` (1 to MAX_PAGE) and `offset` (0 to 1,000,000). */
export function pagingParams(query: Query, fallbackLimit: number): Paging {
  return {
    limit: integerParam(query, 'limit', 1, MAX_PAGE) ?? fallbackLimit,
    offset: integerParam(query, 'offset', 0, 1_000_000) ?? 0,
  };
}

export function dateParam(query: Query, name: string): string | undefined {
  const text = query[name];
  if (text === undefined || text === '') return undefined;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const valid =
    match !== null && !Number.isNaN(Date.parse(`${text}T00:00:00Z`)) && new Date(`${text}T00:00:00Z`).toISOString().startsWith(text);
  if (!valid) throw badRequest(`${name} must be a date as YYYY-MM-DD, not "${clip(text)}"`);
  return text;
}

/** A form type: `6-K`, `20-F/A`, `SC 13G`. */
export function formParam(query: Query, name = 'form'): string | undefined {
  const text = query[name]?.trim();
  if (text === undefined || text === '') return undefined;
  if (!/^[A-Za-z0-9][A-Za-z0-9\-/. ]{0,19}$/.test(text))
    throw badRequest(`${name} must be a form type such as 6-K or 20-F, not "${clip(text)}"`);
  return text;
}

/** Free text with a length bound (a company name, a search query). */
export function textParam(query: Query, name: string, maxLength: number): string | undefined {
  const text = query[name];
  if (text === undefined) return undefined;
  if (text.length > maxLength) throw badRequest(`${name} must be at most ${maxLength} characters, not ${text.length}`);
  const trimmed = text.trim();
  return trimmed === '' ? undefined : trimmed;
}

export function choiceParam<const T extends string>(query: Query, name: string, choices: readonly T[], fallback: T): T {
  const text = query[name];
  if (text === undefined || text === '') return fallback;
  if ((choices as readonly string[]).includes(text)) return text as T;
  throw badRequest(`${name} must be one of ${choices.join(', ')}, not "${clip(text)}"`);
}

/** User text quoted back in a message, kept short. */
function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
