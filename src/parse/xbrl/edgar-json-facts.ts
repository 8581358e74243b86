import { z } from 'zod';
import { type Diagnostic, diagnostic } from '../../core/diagnostic.js';
import { EdgarSyntaxError } from '../../core/edgar-syntax-error.js';
import { locateOffset } from '../../core/location.js';
import type { StoredFact, StoredFactSource } from '../../model/stored-fact.js';
import { decimalParts, type ExactJson, JsonDecimal, jsonPath, parseExactJson, parseJsonIfExact } from '../json/parse-exact-json.js';
import { shiftDecimal } from './inline-transforms.js';

/**
 * EDGAR's XBRL JSON APIs on data.sec.gov, read into the store's fact rows. The shapes are those SEC documents at
 * https://www.sec.gov/search-filings/edgar-application-programming-interfaces:
 *
 * - companyfacts (`/api/xbrl/companyfacts/CIK##########.json`): every concept of one company,
 *   `{cik, entityName, facts: {taxonomy: {tag: {label, description, units: {unit: [fact…]}}}}}`;
 * - companyconcept (`/api/xbrl/companyconcept/CIK##########/us-gaap/AccountsPayableCurrent.json`): one concept of
 *   one company, `{cik, taxonomy, tag, label, description, entityName, units: {unit: [fact…]}}`;
 * - frames (`/api/xbrl/frames/us-gaap/AccountsPayableCurrent/USD/CY2019Q1I.json`): one fact per company for one
 *   calendar period, `{taxonomy, tag, ccp, uom, label, description, pts, data: [{accn, cik, entityName, loc, start?, end, val}]}`;
 *
 * where a fact is `{start?, end, val, accn, fy, fp, form, filed, frame?}`.
 */
export type EdgarJsonKind = 'companyfacts' | 'companyconcept' | 'frames';

/** What one document gave: its facts as the store keeps them, who it is about, and what could not be read exactly. */
export interface EdgarJsonFacts {
  readonly kind: EdgarJsonKind;
  readonly facts: readonly StoredFact[];
  /** The company (companyfacts, companyconcept), ten digits; null for frames, which hold many. */
  readonly cik: string | null;
  readonly entityName: string | null;
  /** The concept (companyconcept, frames): `us-gaap:Revenues`. */
  readonly concept: string | null;
  /** Frames: the calendar period (`CY2019Q1I`) and how many companies SEC says it holds. */
  readonly frame: string | null;
  /** Each fact's diagnostics carry the character offset of its entry in the document. */
  readonly diagnostics: readonly Diagnostic[];
}

export interface ReadEdgarJsonOptions {
  /** Names the input in errors (a URL or a file name). */
  readonly source?: string;
  /** Larger input is refused before it is read (default 128 MiB; the largest companyfacts documents are tens of MB). */
  readonly maxBytes?: number;
}

export const DEFAULT_MAX_EDGAR_JSON_BYTES = 128 * 1024 * 1024;

/** The longest plain decimal kept as a value (digits and zeros the exponent adds); past it the value is null. */
const MAX_VALUE_DIGITS = 400;

const DATE = /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])$/;
const ACCESSION = /^\d{10}-\d{2}-\d{6}$/;
/** A taxonomy prefix or a tag: an XML name without a colon (`us-gaap`, `ifrs-full`, `AccountsPayableCurrent`). */
const NAME = /^[A-Za-z_][\w.-]*$/;

const date = z.string({ error: 'expected a date YYYY-MM-DD' }).regex(DATE, { error: 'expected a date YYYY-MM-DD' });
const optionalDate = date.nullable().optional();
const CIK_ERROR = { error: 'expected a CIK (a whole number of up to 10 digits)' };
const cik = z.union(
  [z.number(CIK_ERROR).int(CIK_ERROR).min(0, CIK_ERROR).max(9_999_999_999, CIK_ERROR), z.string(CIK_ERROR).regex(/^\d{1,10}$/, CIK_ERROR)],
  CIK_ERROR,
);
const value = z.union([z.number(), z.instanceof(JsonDecimal)], { error: 'expected a number' });
const accession = z
  .string({ error: 'expected an accession number like 0001564590-20-004475' })
  .regex(ACCESSION, { error: 'expected an accession number like 0001564590-20-004475' });
const name = (what: string) => z.string({ error: `expected ${what}` }).regex(NAME, { error: `expected ${what}` });
const text = z.string({ error: 'expected a string' }).nullable().optional();

const unitFact = z.looseObject({
  start: optionalDate,
  end: date,
  val: value,
  accn: accession,
  fy: z.number({ error: 'expected a fiscal year' }).int().nullable().optional(),
  fp: text,
  form: text,
  filed: optionalDate,
  frame: text,
});
/** A record's own message for a bad key, another for a value that is not an object. */
const recordError = (key: string, object: string) => (issue: { code?: string }) =>
  issue.code === 'invalid_key' ? `expected ${key}` : `expected ${object}`;
const units = z.record(z.string().min(1), z.array(unitFact, { error: 'expected an array of facts' }), {
  error: recordError('a unit name', 'an object of units'),
});
const conceptFacts = z.looseObject({ label: text, description: text, units });

export const companyFactsSchema = z.looseObject({
  cik,
  entityName: text,
  facts: z.record(
    name('a taxonomy name'),
    z.record(name('a tag name'), conceptFacts, { error: recordError('a tag name', 'an object of tags') }),
    {
      error: recordError('a taxonomy name', 'an object of taxonomies'),
    },
  ),
});

export const companyConceptSchema = z.looseObject({
  cik,
  taxonomy: name('a taxonomy name'),
  tag: name('a tag name'),
  label: text,
  description: text,
  entityName: text,
  units,
});

const framePoint = z.looseObject({
  accn: accession,
  cik,
  entityName: text,
  loc: text,
  start: optionalDate,
  end: date,
  val: value,
});

export const framesSchema = z.looseObject({
  taxonomy: name('a taxonomy name'),
  tag: name('a tag name'),
  ccp: z.string({ error: 'expected a calendar period like CY2019Q1I' }).regex(/^CY\d{4}(?:Q[1-4]I?)?$/, {
    error: 'expected a calendar period like CY2019Q1I',
  }),
  uom: z.string({ error: 'expected a unit' }).min(1, { error: 'expected a unit' }),
  label: text,
  description: text,
  pts: z.number().int().min(0).nullable().optional(),
  data: z.array(framePoint, { error: 'expected an array of data points' }),
});

const SCHEMAS = { companyfacts: companyFactsSchema, companyconcept: companyConceptSchema, frames: framesSchema } as const;

/**
 * Reads one of EDGAR's XBRL JSON documents into fact rows. Values are exact: a number is kept as the decimal its
 * JSON text writes (`value`), and `number` holds it only when a double holds it exactly; otherwise `number` is null
 * and a diagnostic says so (`facts-json/beyond-double`). A malformed document throws an `EdgarSyntaxError` whose
 * message gives the line, column and JSON path of the problem (`$.facts["us-gaap"].Revenues.units.USD[1].end`).
 */
export function readEdgarJsonFacts(input: Uint8Array | string, kind: EdgarJsonKind, options: ReadEdgarJsonOptions = {}): EdgarJsonFacts {
  const source = options.source ?? `${kind}.json`;
  const text = decodeDocument(input, source, options.maxBytes ?? DEFAULT_MAX_EDGAR_JSON_BYTES);
  // Native parsing when every number is exact; anything to say (an error, a note) is said from the exact reader,
  // which knows where each object stands.
  const fast = parseJsonIfExact(text);
  if (fast) {
    try {
      const read = readParsed({ value: fast.value, offsetOf: () => undefined }, text, source, kind);
      if (read.diagnostics.length === 0) return read;
    } catch (error) {
      if (!(error instanceof EdgarSyntaxError)) throw error;
    }
  }
  return readParsed(parseExactJson(text, { source }), text, source, kind);
}

function readParsed(parsed: ExactJson, text: string, source: string, kind: EdgarJsonKind): EdgarJsonFacts {
  const result = SCHEMAS[kind].safeParse(parsed.value);
  if (!result.success) throw schemaError(result.error, parsed, text, source, kind);
  // The checked document itself, not zod's copy: diagnostics point at its objects' places in the text.
  const checked: unknown = parsed.value;
  const out = new FactCollector(kind, parsed);
  switch (kind) {
    case 'companyfacts': {
      const document = checked as z.infer<typeof companyFactsSchema>;
      const company = tenDigits(document.cik);
      for (const [taxonomy, tags] of Object.entries(document.facts))
        for (const [tag, concept] of Object.entries(tags)) out.addUnits(company, `${taxonomy}:${tag}`, concept.units);
      return out.result({ cik: company, entityName: document.entityName ?? null, concept: null, frame: null });
    }
    case 'companyconcept': {
      const document = checked as z.infer<typeof companyConceptSchema>;
      const company = tenDigits(document.cik);
      const concept = `${document.taxonomy}:${document.tag}`;
      out.addUnits(company, concept, document.units);
      return out.result({ cik: company, entityName: document.entityName ?? null, concept, frame: null });
    }
    case 'frames': {
      const document = checked as z.infer<typeof framesSchema>;
      const concept = `${document.taxonomy}:${document.tag}`;
      // The frames API writes a ratio as the URL does (`USD-per-shares`); the other two APIs write `USD/shares`.
      const unit = document.uom.replace(/-per-/g, '/');
      for (const point of document.data) out.addFramePoint(concept, unit, document.ccp, point);
      if (typeof document.pts === 'number' && document.pts !== document.data.length)
        out.note(
          'facts-json/point-count-mismatch',
          'warning',
          `pts says ${document.pts} data points, the document holds ${document.data.length}`,
          document,
        );
      return out.result({ cik: null, entityName: null, concept, frame: document.ccp });
    }
  }
}

/** Tells the three documents apart by their keys (`facts`, `units`, `data`), for input whose URL is not known. */
export function detectEdgarJsonKind(value: unknown): EdgarJsonKind | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  if ('facts' in value) return 'companyfacts';
  if ('data' in value && 'ccp' in value) return 'frames';
  if ('units' in value && 'tag' in value) return 'companyconcept';
  return null;
}

function decodeDocument(input: Uint8Array | string, source: string, maxBytes: number): string {
  const size = typeof input === 'string' ? input.length : input.byteLength;
  if (size > maxBytes)
    throw new EdgarSyntaxError(
      'json/too-large',
      `the document is ${size} bytes, more than the ${maxBytes} allowed (maxBytes)`,
      source,
      maxBytes,
      1,
      1,
    );
  return typeof input === 'string' ? input : new TextDecoder('utf-8').decode(input);
}

type UnitFact = z.infer<typeof unitFact>;
type FramePoint = z.infer<typeof framePoint>;

class FactCollector {
  readonly #kind: EdgarJsonKind;
  readonly #source: StoredFactSource;
  readonly #parsed: ExactJson;
  readonly #facts: StoredFact[] = [];
  readonly #diagnostics: Diagnostic[] = [];
  /** Key → value of the facts kept, so a fact listed twice is kept once (and two values for one key are said). */
  readonly #seen = new Map<string, string | null>();

  constructor(kind: EdgarJsonKind, parsed: ExactJson) {
    this.#kind = kind;
    this.#source = kind;
    this.#parsed = parsed;
  }

  addUnits(company: string, concept: string, units: Record<string, readonly UnitFact[]>): void {
    for (const [unit, list] of Object.entries(units))
      for (const entry of list)
        this.#add(
          {
            cik: company,
            accession: entry.accn,
            concept,
            periodStart: entry.start ?? null,
            periodEnd: entry.end,
            dimensions: {},
            unit,
            ...this.#value(entry.val, entry, concept),
            decimals: null,
            form: entry.form ?? null,
            filed: entry.filed ?? null,
            fiscalYear: entry.fy ?? null,
            fiscalPeriod: entry.fp ?? null,
            frame: entry.frame ?? null,
            source: this.#source,
          },
          entry,
        );
  }

  addFramePoint(concept: string, unit: string, frame: string, point: FramePoint): void {
    this.#add(
      {
        cik: tenDigits(point.cik),
        accession: point.accn,
        concept,
        periodStart: point.start ?? null,
        periodEnd: point.end,
        dimensions: {},
        unit,
        ...this.#value(point.val, point, concept),
        decimals: null,
        form: null,
        filed: null,
        fiscalYear: null,
        fiscalPeriod: null,
        frame,
        source: this.#source,
      },
      point,
    );
  }

  note(code: string, severity: Diagnostic['severity'], message: string, entry: object): void {
    this.#diagnostics.push(diagnostic(code, severity, message, this.#parsed.offsetOf(entry) ?? 0));
  }

  result(about: Pick<EdgarJsonFacts, 'cik' | 'entityName' | 'concept' | 'frame'>): EdgarJsonFacts {
    return { kind: this.#kind, facts: this.#facts, ...about, diagnostics: this.#diagnostics };
  }

  #add(fact: StoredFact, entry: object): void {
    const key = [fact.cik, fact.concept, fact.unit, fact.periodStart ?? '', fact.periodEnd ?? '', fact.accession].join('\u0000');
    if (this.#seen.has(key)) {
      const kept = this.#seen.get(key);
      if (kept !== fact.value)
        this.note(
          'facts-json/conflicting-duplicate',
          'warning',
          `${fact.concept} ${fact.unit} for ${fact.periodStart ? `${fact.periodStart}..` : ''}${fact.periodEnd} in ${fact.accession} is listed twice with different values (${kept ?? 'null'} kept, ${fact.value ?? 'null'} left out)`,
          entry,
        );
      return;
    }
    this.#seen.set(key, fact.value);
    this.#facts.push(fact);
  }

  /** `value` exact as the JSON text wrote it; `number` only when a double holds exactly that. */
  #value(val: number | JsonDecimal, entry: object, concept: string): Pick<StoredFact, 'value' | 'number'> {
    if (typeof val === 'number') {
      // A double's shortest text is already a plain decimal unless it has an exponent (1e+21, 1e-7).
      const shortest = Object.is(val, -0) ? '0' : String(val);
      if (!shortest.includes('e')) return { value: shortest, number: val };
      return { value: plain(decimalParts(shortest) as NonNullable<ReturnType<typeof decimalParts>>), number: val };
    }
    const parts = decimalParts(val.text);
    const length = parts ? parts.digits.length + Math.abs(parts.exponent) : Number.POSITIVE_INFINITY;
    if (!parts || length > MAX_VALUE_DIGITS) {
      this.note(
        'facts-json/value-out-of-range',
        'error',
        `${concept}: the value ${shorten(val.text)} is beyond any reported amount (more than ${MAX_VALUE_DIGITS} digits written out); it is not kept`,
        entry,
      );
      return { value: null, number: null };
    }
    const exact = plain(parts);
    this.note(
      'facts-json/beyond-double',
      'info',
      `${concept}: the value ${shorten(val.text)} has more digits than a JavaScript number holds; it is kept exactly as text (value ${shorten(exact)}) and number is null`,
      entry,
    );
    return { value: exact, number: null };
  }
}

function plain(parts: NonNullable<ReturnType<typeof decimalParts>>): string {
  return shiftDecimal(`${parts.negative ? '-' : ''}${parts.digits || '0'}`, parts.exponent);
}

function tenDigits(value: number | string): string {
  return String(value).padStart(10, '0');
}

function shorten(text: string): string {
  return text.length > 60 ? `${text.slice(0, 30)}…${text.slice(-20)} (${text.length} characters)` : text;
}

/** The first problem zod found, as `source:line:column: $.path: what was expected, found what`. */
function schemaError(error: z.ZodError, parsed: ExactJson, text: string, source: string, kind: EdgarJsonKind): EdgarSyntaxError {
  const issue = error.issues[0] as z.core.$ZodIssue;
  const path = issue.path.filter((part): part is string | number => typeof part !== 'symbol');
  // The place: the deepest object or array on the path that exists.
  let offset = parsed.offsetOf(parsed.value as object) ?? 0;
  let found: unknown = parsed.value;
  let missing = false;
  for (const part of path) {
    if (typeof found !== 'object' || found === null || !Object.hasOwn(found, part)) {
      missing = true;
      break;
    }
    found = (found as Record<string | number, unknown>)[part];
    if (typeof found === 'object' && found !== null) offset = parsed.offsetOf(found) ?? offset;
  }
  const what = missing
    ? `${issue.message.replace(/^Invalid input: /, '').replace(/, received undefined$/, '')}, but it is missing`
    : `${issue.message.replace(/^Invalid input: /, '').replace(/, received \w+$/, '')}, found ${describe(found)}`;
  const more = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more problem${error.issues.length === 2 ? '' : 's'})` : '';
  const { line, column } = locateOffset(text, offset);
  return new EdgarSyntaxError('json/schema', `not a ${kind} document: ${jsonPath(path)}: ${what}${more}`, source, offset, line, column);
}

function describe(value: unknown): string {
  if (value instanceof JsonDecimal) return value.text;
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object' && value !== null) return 'an object';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
