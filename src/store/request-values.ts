import { parseAccessionNumber, parseCik } from '../core/identifiers.js';
import type { FactQuery, StoredFact } from '../model/stored-fact.js';
import { MAX_FACTS, MAX_OFFSET, MAX_PAGE } from './store.js';

/**
 * The checks of every value a request to the store carries, shared by the CLI's options and the HTTP API's
 * parameters so that both accept and refuse the same values with the same words. Each check returns the value
 * in the store's form or throws a RequestValueError naming the value (`--from` in the CLI, `from` in the API);
 * each shell turns that into its own error (exit code 2, HTTP 400) in one place.
 */
export class RequestValueError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RequestValueError';
  }
}

/**
 * The patterns the checks below test, exported so that the API's OpenAPI document states the very patterns that
 * are checked (the checks stay the only judges: a pattern is documentation).
 */
export const VALUE_PATTERNS = {
  form: /^[A-Za-z0-9][A-Za-z0-9\-/. ]{0,19}$/,
  document: /^(?:\d{1,6}|[A-Za-z0-9][A-Za-z0-9.-]{0,29})$/,
  sha256: /^[0-9a-fA-F]{64}$/,
  localFilingId: /^local-[0-9a-f]{20}$/,
  /** An XBRL concept's QName: a prefix and a local name, each an XML name (`us-gaap:Revenues`). */
  concept: /^[A-Za-z_][\w.-]{0,63}:[A-Za-z_][\w.-]{0,199}$/,
  /** A unit: measures (`iso4217:USD`, `USD`), or a ratio of them (`USD/shares`). */
  unit: /^[\w.:-]{1,100}(?:\/[\w.:-]{1,100})?$/,
} as const;

/** User text quoted back in a message, kept short. */
function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** `YYYY-MM-DD` naming a day of the calendar (2009-13-01 and 2009-02-30 do not). */
export function isCalendarDate(text: string): boolean {
  return (
    /^\d{4}-\d{2}-\d{2}$/.test(text) &&
    !Number.isNaN(Date.parse(`${text}T00:00:00Z`)) &&
    new Date(`${text}T00:00:00Z`).toISOString().startsWith(text)
  );
}

/** A real calendar date as `YYYY-MM-DD` (2009-13-01 and 2009-02-30 are refused). */
export function checkDate(name: string, text: string): string {
  const valid = isCalendarDate(text);
  if (!valid) throw new RequestValueError(`${name} must be a date as YYYY-MM-DD, not "${clip(text)}"`);
  return text;
}

/** A date range whose start is not after its end (the names are the shell's: `--from`/`--to` or `from`/`to`). */
export function checkDateRange(fromName: string, from: string | undefined, toName: string, to: string | undefined): void {
  if (from !== undefined && to !== undefined && from > to) throw new RequestValueError(`${fromName} (${from}) is after ${toName} (${to})`);
}

/** A whole number in [min, max]; a value outside is refused with the bounds, never clamped. */
export function checkInteger(name: string, text: string, min: number, max: number): number {
  if (!/^\d{1,9}$/.test(text.trim())) throw new RequestValueError(`${name} must be a whole number, not "${clip(text)}"`);
  const value = Number(text.trim());
  if (value < min || value > max) throw new RequestValueError(`${name} must be between ${min} and ${max}, not ${value}`);
  return value;
}

/** Results per page: 1 to MAX_PAGE (ask for the next page with an offset). */
export function checkLimit(name: string, text: string): number {
  return checkInteger(name, text, 1, MAX_PAGE);
}

/** Rows to skip: 0 to MAX_OFFSET. */
export function checkOffset(name: string, text: string): number {
  return checkInteger(name, text, 0, MAX_OFFSET);
}

/** A CIK, with or without leading zeros, as the store keys it (10 digits). */
export function checkCik(name: string, text: string): string {
  const cik = parseCik(text);
  if (!cik) throw new RequestValueError(`${name}: "${clip(text)}" is not a CIK: expected up to 10 digits`);
  return cik;
}

/** A form type: `6-K`, `20-F/A`, `SC 13G`. */
export function checkForm(name: string, text: string): string {
  const trimmed = text.trim();
  if (!VALUE_PATTERNS.form.test(trimmed))
    throw new RequestValueError(`${name} must be a form type such as 6-K or 20-F, not "${clip(text)}"`);
  return trimmed;
}

/** Free text with a length bound (a company name, a search query); blank is no value. */
export function checkText(name: string, text: string, maxLength: number): string | undefined {
  if (text.length > maxLength) throw new RequestValueError(`${name} must be at most ${maxLength} characters, not ${text.length}`);
  const trimmed = text.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** A filing id as the store keys it: an accession number (dashed or not), or `local-<20 hex>` for a bare document. */
export function checkFilingId(text: string): string {
  const accession = parseAccessionNumber(text);
  if (accession) return accession;
  if (VALUE_PATTERNS.localFilingId.test(text)) return text;
  throw new RequestValueError(`"${clip(text)}" is not an accession number: expected 0000912282-09-000008 (or 18 digits)`);
}

/** A document of a filing: its sequence number, or its type (`EX-99.1`). */
export function checkDocument(text: string): string {
  if (VALUE_PATTERNS.document.test(text)) return text;
  throw new RequestValueError(`"${clip(text)}" is not a document: expected its sequence number (1, 2, …) or its type (EX-99.1)`);
}

export function checkSha256(text: string): string {
  if (!VALUE_PATTERNS.sha256.test(text)) throw new RequestValueError(`"${clip(text)}" is not a SHA-256: expected 64 hexadecimal digits`);
  return text.toLowerCase();
}

export function checkChoice<const T extends string>(name: string, text: string, choices: readonly T[]): T {
  if ((choices as readonly string[]).includes(text)) return text as T;
  throw new RequestValueError(`${name} must be one of ${choices.join(', ')}, not "${clip(text)}"`);
}

/** An XBRL concept as the store keys it: its QName, as written (XBRL names are case-sensitive). */
export function checkConcept(name: string, text: string): string {
  const trimmed = text.trim();
  if (!VALUE_PATTERNS.concept.test(trimmed)) {
    const hint = /^[A-Za-z_][\w.-]*$/.test(trimmed) ? ` (a local name alone: write its prefix too, us-gaap:${trimmed})` : '';
    throw new RequestValueError(`${name} must be a concept QName such as us-gaap:Revenues, not "${clip(text)}"${hint}`);
  }
  return trimmed;
}

/** A unit of measure: `USD`, `iso4217:USD`, `shares`, `USD/shares`. */
export function checkUnit(name: string, text: string): string {
  const trimmed = text.trim();
  if (!VALUE_PATTERNS.unit.test(trimmed))
    throw new RequestValueError(`${name} must be a unit such as USD, iso4217:USD, shares or USD/shares, not "${clip(text)}"`);
  return trimmed;
}

/**
 * A fact query checked as a whole, in the store's form (the CIK as 10 digits): the adapters run it on every query,
 * so a program calling the store directly gets the same words as the CLI and the API.
 */
export function checkFactQuery(query: FactQuery): FactQuery {
  if (typeof query?.concept !== 'string') throw new RequestValueError('concept is required: a QName such as us-gaap:Revenues');
  const from = query.from === undefined ? undefined : checkDate('from', query.from);
  const to = query.to === undefined ? undefined : checkDate('to', query.to);
  checkDateRange('from', from, 'to', to);
  if (query.dimensions !== undefined) checkChoice('dimensions', query.dimensions, ['none', 'any']);
  if (query.limit !== undefined && !(Number.isInteger(query.limit) && query.limit >= 1 && query.limit <= MAX_FACTS))
    throw new RequestValueError(`limit must be between 1 and ${MAX_FACTS}, not ${query.limit}`);
  return {
    concept: checkConcept('concept', query.concept),
    ...(query.cik !== undefined ? { cik: checkCik('cik', query.cik) } : {}),
    ...(from !== undefined ? { from } : {}),
    ...(to !== undefined ? { to } : {}),
    ...(query.unit !== undefined ? { unit: checkUnit('unit', query.unit) } : {}),
    dimensions: query.dimensions ?? 'none',
    limit: query.limit ?? MAX_FACTS,
  };
}

const FACT_SOURCES: readonly StoredFact['source'][] = ['inline', 'instance', 'companyfacts', 'companyconcept', 'frames'];
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Facts given to `writeFacts`, checked before any is written: a fact with a CIK that is not 10 digits, a concept that
 * is not a QName, a date that is not YYYY-MM-DD or an unknown source could never be found by a query, so it is
 * refused (naming the fact) rather than stored.
 */
export function checkStoredFacts(facts: readonly StoredFact[]): void {
  facts.forEach((fact, index) => {
    const where = `fact ${index + 1} (${clip(String(fact?.concept))})`;
    if (typeof fact?.cik !== 'string' || !/^\d{10}$/.test(fact.cik))
      throw new RequestValueError(`${where}: cik must be 10 digits, not "${clip(String(fact?.cik))}"`);
    if (typeof fact.concept !== 'string' || !VALUE_PATTERNS.concept.test(fact.concept))
      throw new RequestValueError(`${where}: concept must be a QName such as us-gaap:Revenues`);
    for (const [name, value] of [
      ['periodStart', fact.periodStart],
      ['periodEnd', fact.periodEnd],
      ['filed', fact.filed],
    ] as const)
      if (value !== null && (typeof value !== 'string' || !DAY.test(value)))
        throw new RequestValueError(`${where}: ${name} must be a date as YYYY-MM-DD or null, not "${clip(String(value))}"`);
    if (!FACT_SOURCES.includes(fact.source))
      throw new RequestValueError(`${where}: source must be one of ${FACT_SOURCES.join(', ')}, not "${clip(String(fact.source))}"`);
  });
}
