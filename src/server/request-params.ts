import { z } from '@hono/zod-openapi';
import { RENDER_FORMATS } from '../render/index.js';
import {
  checkChoice,
  checkCik,
  checkConcept,
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
  checkUnit,
  RequestValueError,
  VALUE_PATTERNS,
} from '../store/request-values.js';
import { SEARCH_SORTS } from '../store/search.js';
import { type FactQuery, MAX_FACTS, MAX_OFFSET, MAX_PAGE, type SearchSort } from '../store/store.js';
import { badRequest } from './http-error.js';

/**
 * Every value a URL carries is checked before anything uses it. Each parameter is a zod schema, so the API routes
 * declare them and the OpenAPI document is generated from them, and the pages read their parameters through the
 * very same schemas (`readParam`). The checking itself, and its words, are the store's request checks
 * (store/request-values.ts), the ones the CLI's options use: both shells accept and refuse the same values alike.
 * The `.openapi()` metadata only describes what those checks accept. A bad value is a 400 that says what is wrong.
 */

/** Throws the first problem of a failed check as a 400 (also the OpenAPI routes' validation hook). */
export function throwFirstIssue(error: z.ZodError): never {
  throw badRequest(error.issues[0]?.message ?? 'Bad request');
}

/** Reads one value through a schema, or throws its first problem as a 400. */
export function readParam<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const result = schema.safeParse(value);
  if (!result.success) throwFirstIssue(result.error);
  return result.data;
}

/** A zod transform running one of the shared checks: what the check refuses becomes the issue, in its words. */
function by<T>(check: (text: string) => T) {
  return (text: string, context: z.RefinementCtx): T => {
    try {
      return check(text);
    } catch (error) {
      if (!(error instanceof RequestValueError)) throw error;
      context.addIssue({ code: 'custom', message: error.message });
      return z.NEVER;
    }
  };
}

/** A query parameter that may be left out or given empty (`?form=`): both mean "not given". */
function optionalQuery<T extends z.ZodType>(schema: T) {
  return z.preprocess((value) => (value === '' ? undefined : value), schema.optional());
}

/** A filing id as the store keys it: an accession number (dashed or not), or `local-<20 hex>` for a bare document. */
export const filingIdSchema = z
  .string()
  .transform(by(checkFilingId))
  .openapi({
    type: 'string',
    pattern: `^(\\d{10}-?\\d{2}-?\\d{6}|${VALUE_PATTERNS.localFilingId.source.slice(1, -1)})$`,
    description:
      'The accession number, dashed or not (`0000912282-09-000008`, `000091228209000008`), or `local-<20 hex>` for a stored bare document.',
    example: '0000912282-09-000008',
  });

export const cikSchema = z
  .string()
  .transform(by((text) => checkCik('cik', text)))
  .openapi({
    type: 'string',
    pattern: '^\\d{1,10}$',
    description: 'Central Index Key, with or without leading zeros.',
    example: '0001453015',
  });

export const sha256Schema = z
  .string()
  .transform(by(checkSha256))
  .openapi({ type: 'string', pattern: VALUE_PATTERNS.sha256.source, description: 'SHA-256 of the decoded bytes (64 hex digits).' });

/** A document of a filing: its sequence number, or its type (`EX-99.1`). */
export const documentSchema = z.string().transform(by(checkDocument)).openapi({
  type: 'string',
  pattern: VALUE_PATTERNS.document.source,
  description: 'The document sequence number, or its type (`EX-99.1`).',
  example: '1',
});

/** An optional whole number in [min, max]. */
export function integerQuery(name: string, min: number, max: number, description: string, fallback?: number) {
  return optionalQuery(z.string().transform(by((text) => checkInteger(name, text, min, max)))).openapi({
    type: 'integer',
    minimum: min,
    maximum: max,
    description,
    ...(fallback !== undefined ? { default: fallback } : {}),
  });
}

/** `limit` (1 to MAX_PAGE) and `offset` (0 to MAX_OFFSET). */
export function pagingQuery(fallbackLimit: number) {
  return {
    limit: optionalQuery(z.string().transform(by((text) => checkLimit('limit', text))))
      .transform((value) => value ?? fallbackLimit)
      .openapi({
        type: 'integer',
        minimum: 1,
        maximum: MAX_PAGE,
        default: fallbackLimit,
        description: `Results per page (default ${fallbackLimit}, at most ${MAX_PAGE}).`,
      }),
    offset: optionalQuery(z.string().transform(by((text) => checkOffset('offset', text))))
      .transform((value) => value ?? 0)
      .openapi({ type: 'integer', minimum: 0, maximum: MAX_OFFSET, default: 0, description: 'Results to skip.' }),
  };
}

export function dateQuery(name: string, description: string) {
  return optionalQuery(z.string().transform(by((text) => checkDate(name, text)))).openapi({ type: 'string', format: 'date', description });
}

/** A form type: `6-K`, `20-F/A`, `SC 13G` (trimmed; blank is "not given"). */
export const formQuery = z
  .string()
  .optional()
  .transform((text, context) =>
    text === undefined || text.trim() === '' ? undefined : by((given) => checkForm('form', given))(text, context),
  )
  .openapi({ type: 'string', pattern: VALUE_PATTERNS.form.source, description: 'Only this form type (case-insensitive), e.g. `6-K`.' });

/** Free text with a length bound (a company name, a search query); blank is "not given". */
export function textQuery(name: string, maxLength: number, description: string) {
  return z
    .string()
    .optional()
    .transform((text, context) => (text === undefined ? undefined : by((given) => checkText(name, given, maxLength))(text, context)))
    .openapi({ type: 'string', maxLength, description });
}

/** One of `choices` (left out or empty: not given). */
export function choiceQuery<const T extends string>(name: string, choices: readonly T[], description: string) {
  return optionalQuery(z.string().transform(by((text) => checkChoice(name, text, choices)))).openapi({
    type: 'string',
    enum: [...choices],
    description,
  });
}

/** `cik` as a filter: blank is "not given", anything else must be a CIK. */
const cikQuery = textQuery('cik', 20, 'Only filings with a party of this CIK.')
  .transform((text, context) => (text === undefined ? undefined : by((given) => checkCik('cik', given))(text, context)))
  .openapi({ type: 'string', pattern: '^\\d{1,10}$', description: 'Only filings with a party of this CIK.' });

export const renderFormatQuery = choiceQuery('format', RENDER_FORMATS, 'How to render it.')
  .transform((value) => value ?? 'text')
  .openapi({ type: 'string', enum: [...RENDER_FORMATS], default: 'text', description: 'How to render it.' });

/** `q`, `form`, `cik`, `company`, `from`, `to`, `limit`, `offset`: the search API's and the search page's parameters. */
export function searchQuery(fallbackLimit = 20) {
  return z
    .object({
      q: textQuery('q', 1000, 'The search query (at most 1000 characters).').openapi({ example: '"convertible bonds"' }),
      form: formQuery,
      cik: cikQuery,
      company: textQuery('company', 200, 'Only filings with a party whose name contains this.'),
      from: dateQuery('from', 'Filed on or after this date.'),
      to: dateQuery('to', 'Filed on or before this date.'),
      sort: choiceQuery(
        'sort',
        SEARCH_SORTS,
        'Best first (`relevance`, the default when there are words to rank), or by filing date (`newest`, `oldest`).',
      ),
      ...pagingQuery(fallbackLimit),
    })
    .superRefine((query, context) => dateRange(query.from, query.to, context));
}

/** `from` and `to` together: the start may not be after the end (the shared check). */
export function dateRange(from: string | undefined, to: string | undefined, context: z.RefinementCtx): void {
  by(() => checkDateRange('from', from, 'to', to))('', context);
}

export interface SearchParams {
  readonly text: string;
  readonly form?: string;
  readonly cik?: string;
  readonly company?: string;
  readonly from?: string;
  readonly to?: string;
  readonly sort?: SearchSort;
  readonly limit: number;
  readonly offset: number;
}

const SEARCH_QUERIES = new Map<number, ReturnType<typeof searchQuery>>();

/** The checked search parameters as the store takes them (`q` becomes `text`; what is not given is left out). */
export function searchParams(query: Readonly<Record<string, string | undefined>>, fallbackLimit = 20): SearchParams {
  let schema = SEARCH_QUERIES.get(fallbackLimit);
  if (!schema) {
    schema = searchQuery(fallbackLimit);
    SEARCH_QUERIES.set(fallbackLimit, schema);
  }
  return toSearchParams(readParam(schema, query));
}

export function toSearchParams(read: z.output<ReturnType<typeof searchQuery>>): SearchParams {
  return {
    text: read.q ?? '',
    ...(read.form !== undefined ? { form: read.form } : {}),
    ...(read.cik !== undefined ? { cik: read.cik } : {}),
    ...(read.company !== undefined ? { company: read.company } : {}),
    ...(read.from !== undefined ? { from: read.from } : {}),
    ...(read.to !== undefined ? { to: read.to } : {}),
    ...(read.sort !== undefined ? { sort: read.sort } : {}),
    limit: read.limit,
    offset: read.offset,
  };
}

/** An XBRL concept's QName (`us-gaap:Revenues`), required. */
const conceptQuery = z
  .string({ error: () => 'concept is required: a QName such as us-gaap:Revenues' })
  .transform(by((text) => checkConcept('concept', text)))
  .openapi({
    type: 'string',
    pattern: VALUE_PATTERNS.concept.source,
    description: 'The concept, as a QName: `us-gaap:Revenues`, `dei:EntityCommonStockSharesOutstanding`.',
    example: 'us-gaap:Revenues',
  });

/** `concept`, `cik`, `from`, `to`, `unit`, `dimensions`, `limit`: the facts API's and the company page's series parameters. */
export function factQuery() {
  return z
    .object({
      concept: conceptQuery,
      cik: textQuery('cik', 20, 'Only this company.')
        .transform((text, context) => (text === undefined ? undefined : by((given) => checkCik('cik', given))(text, context)))
        .openapi({
          type: 'string',
          pattern: '^\\d{1,10}$',
          description: 'Only facts of this company (CIK, with or without leading zeros).',
        }),
      from: dateQuery('from', 'Periods ending on or after this date.'),
      to: dateQuery('to', 'Periods ending on or before this date.'),
      unit: optionalQuery(z.string().transform(by((text) => checkUnit('unit', text)))).openapi({
        type: 'string',
        pattern: VALUE_PATTERNS.unit.source,
        description: 'Only this unit: `USD` and `iso4217:USD` alike (units are matched by their local names), `shares`, `USD/shares`.',
      }),
      dimensions: choiceQuery(
        'dimensions',
        ['none', 'any'] as const,
        '`none` (default): facts of the whole entity only; `any`: facts of segments and other members too.',
      ),
      limit: integerQuery('limit', 1, MAX_FACTS, `At most this many facts, oldest periods first (default and at most ${MAX_FACTS}).`),
    })
    .superRefine((query, context) => dateRange(query.from, query.to, context));
}

/** The checked series parameters as the store takes them (what is not given is left out). */
export function toFactQuery(read: z.output<ReturnType<typeof factQuery>>): FactQuery {
  return {
    concept: read.concept,
    ...(read.cik !== undefined ? { cik: read.cik } : {}),
    ...(read.from !== undefined ? { from: read.from } : {}),
    ...(read.to !== undefined ? { to: read.to } : {}),
    ...(read.unit !== undefined ? { unit: read.unit } : {}),
    ...(read.dimensions !== undefined ? { dimensions: read.dimensions } : {}),
    ...(read.limit !== undefined ? { limit: read.limit } : {}),
  };
}

export const filingIdParam = (text: string): string => readParam(filingIdSchema, text);
export const cikParam = (text: string): string => readParam(cikSchema, text);
export const documentParam = (text: string): string => readParam(documentSchema, text);

type Query = Readonly<Record<string, string | undefined>>;

/** The pages' reads of single query parameters, through the same schemas as the API's. */
export function integerParam(query: Query, name: string, min: number, max: number): number | undefined {
  return readParam(integerQuery(name, min, max, name), query[name]);
}

export function formParam(query: Query): string | undefined {
  return readParam(formQuery, query.form);
}

export function textParam(query: Query, name: string, maxLength: number): string | undefined {
  return readParam(textQuery(name, maxLength, name), query[name]);
}

export function choiceParam<const T extends string>(query: Query, name: string, choices: readonly T[], fallback: T): T {
  return readParam(choiceQuery(name, choices, name), query[name]) ?? fallback;
}
