import { z } from '@hono/zod-openapi';
import { parseAccessionNumber, parseCik } from '../core/identifiers.js';
import { RENDER_FORMATS } from '../render/index.js';
import { SEARCH_SORTS } from '../store/search.js';
import { MAX_PAGE, type SearchSort } from '../store/store.js';
import { badRequest } from './http-error.js';

/**
 * Every value a URL carries is checked here before anything uses it: identifiers by pattern, numbers by range,
 * text by length. Each check is a zod schema, so the API routes declare them (and the OpenAPI document is generated
 * from them) and the pages read their parameters through the very same schemas with `readParam`/`readQuery`.
 * A bad value is a 400 whose message says what is wrong (the first problem found).
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

/** User text quoted back in a message, kept short. */
function clip(text: unknown): string {
  const value = String(text);
  return value.length > 60 ? `${value.slice(0, 57)}...` : value;
}

/** A query parameter that may be left out or given empty (`?form=`): both mean "not given". */
function optionalQuery<T extends z.ZodType>(schema: T) {
  return z.preprocess((value) => (value === '' ? undefined : value), schema.optional());
}

const ACCESSION_PATTERN = '^(\\d{10}-?\\d{2}-?\\d{6}|local-[0-9a-f]{20})$';

/** A filing id as the store keys it: an accession number (dashed or not), or `local-<20 hex>` for a bare document. */
export const filingIdSchema = z
  .string()
  .transform((text, context) => {
    const accession = parseAccessionNumber(text);
    if (accession) return accession;
    if (/^local-[0-9a-f]{20}$/.test(text)) return text;
    context.addIssue({
      code: 'custom',
      message: `"${clip(text)}" is not an accession number: expected 0000912282-09-000008 (or 18 digits)`,
    });
    return z.NEVER;
  })
  .openapi({
    type: 'string',
    pattern: ACCESSION_PATTERN,
    description:
      'The accession number, dashed or not (`0000912282-09-000008`, `000091228209000008`), or `local-<20 hex>` for a stored bare document.',
    example: '0000912282-09-000008',
  });

export const cikSchema = z
  .string()
  .transform((text, context) => {
    const cik = parseCik(text);
    if (cik) return cik;
    context.addIssue({ code: 'custom', message: `"${clip(text)}" is not a CIK: expected up to 10 digits` });
    return z.NEVER;
  })
  .openapi({
    type: 'string',
    pattern: '^\\d{1,10}$',
    description: 'Central Index Key, with or without leading zeros.',
    example: '0001453015',
  });

export const sha256Schema = z
  .string()
  .regex(/^[0-9a-fA-F]{64}$/, { error: (issue) => `"${clip(issue.input)}" is not a SHA-256: expected 64 hexadecimal digits` })
  .transform((text) => text.toLowerCase())
  .openapi({ type: 'string', pattern: '^[0-9a-fA-F]{64}$', description: 'SHA-256 of the decoded bytes (64 hex digits).' });

/** A document of a filing: its sequence number, or its type (`EX-99.1`). */
export const documentSchema = z
  .string()
  .regex(/^(?:\d{1,6}|[A-Za-z0-9][A-Za-z0-9.-]{0,29})$/, {
    error: (issue) => `"${clip(issue.input)}" is not a document: expected its sequence number (1, 2, …) or its type (EX-99.1)`,
  })
  .openapi({ description: 'The document sequence number, or its type (`EX-99.1`).', example: '1' });

/** An optional whole number in [min, max]. */
export function integerQuery(name: string, min: number, max: number, description: string, fallback?: number) {
  const range = (issue: { input?: unknown }) => `${name} must be between ${min} and ${max}, not ${String(issue.input)}`;
  return optionalQuery(
    z
      .string()
      .regex(/^\d{1,9}$/, { error: (issue) => `${name} must be a whole number, not "${clip(issue.input)}"` })
      .transform(Number)
      .pipe(z.number().min(min, { error: range }).max(max, { error: range })),
  ).openapi({ type: 'integer', minimum: min, maximum: max, description, ...(fallback !== undefined ? { default: fallback } : {}) });
}

/** `limit` (1 to MAX_PAGE) and `offset` (0 to 1,000,000). */
export function pagingQuery(fallbackLimit: number) {
  return {
    limit: integerQuery('limit', 1, MAX_PAGE, `Results per page (default ${fallbackLimit}, at most ${MAX_PAGE}).`, fallbackLimit).transform(
      (value) => value ?? fallbackLimit,
    ),
    offset: integerQuery('offset', 0, 1_000_000, 'Results to skip.', 0).transform((value) => value ?? 0),
  };
}

export function dateQuery(name: string, description: string) {
  return optionalQuery(
    z.string().refine(isDate, { error: (issue) => `${name} must be a date as YYYY-MM-DD, not "${clip(issue.input)}"` }),
  ).openapi({ type: 'string', format: 'date', description });
}

function isDate(text: string): boolean {
  return (
    /^\d{4}-\d{2}-\d{2}$/.test(text) &&
    !Number.isNaN(Date.parse(`${text}T00:00:00Z`)) &&
    new Date(`${text}T00:00:00Z`).toISOString().startsWith(text)
  );
}

const FORM_PATTERN = /^[A-Za-z0-9][A-Za-z0-9\-/. ]{0,19}$/;

/** A form type: `6-K`, `20-F/A`, `SC 13G` (trimmed). */
export const formQuery = z
  .string()
  .optional()
  .transform((text, context) => {
    const trimmed = text?.trim();
    if (trimmed === undefined || trimmed === '') return undefined;
    if (FORM_PATTERN.test(trimmed)) return trimmed;
    context.addIssue({ code: 'custom', message: `form must be a form type such as 6-K or 20-F, not "${clip(text)}"` });
    return z.NEVER;
  })
  .openapi({ type: 'string', pattern: FORM_PATTERN.source, description: 'Only this form type (case-insensitive), e.g. `6-K`.' });

/** Free text with a length bound (a company name, a search query); blank is "not given". */
export function textQuery(name: string, maxLength: number, description: string) {
  return z
    .string()
    .max(maxLength, { error: (issue) => `${name} must be at most ${maxLength} characters, not ${String(issue.input).length}` })
    .optional()
    .transform((text) => {
      const trimmed = text?.trim();
      return trimmed === '' ? undefined : trimmed;
    })
    .openapi({ type: 'string', maxLength, description });
}

/** `cik` as a filter: blank is "not given", anything else must be a CIK. */
const cikQuery = textQuery('cik', 20, 'Only filings with a party of this CIK.')
  .transform((text, context) => {
    if (text === undefined) return undefined;
    const cik = parseCik(text);
    if (cik) return cik;
    context.addIssue({ code: 'custom', message: `"${clip(text)}" is not a CIK: expected up to 10 digits` });
    return z.NEVER;
  })
  .openapi({ type: 'string', pattern: '^\\d{1,10}$', description: 'Only filings with a party of this CIK.' });

export const renderFormatQuery = optionalQuery(
  z.enum(RENDER_FORMATS, { error: (issue) => `format must be one of ${RENDER_FORMATS.join(', ')}, not "${clip(issue.input)}"` }),
)
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
      sort: optionalQuery(
        z.enum(SEARCH_SORTS as [SearchSort, ...SearchSort[]], {
          error: (issue) => `sort must be one of ${SEARCH_SORTS.join(', ')}, not "${clip(issue.input)}"`,
        }),
      ).openapi({
        type: 'string',
        enum: [...SEARCH_SORTS],
        description: 'Best first (`relevance`, the default when there are words to rank), or by filing date (`newest`, `oldest`).',
      }),
      ...pagingQuery(fallbackLimit),
    })
    .superRefine((query, context) => {
      if (query.from && query.to && query.from > query.to)
        context.addIssue({ code: 'custom', message: `from (${query.from}) is after to (${query.to})` });
    });
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
    ...(read.sort !== undefined ? { sort: read.sort as SearchSort } : {}),
    limit: read.limit,
    offset: read.offset,
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

export function choiceParam<const T extends string>(query: Query, name: string, choices: readonly [T, ...T[]], fallback: T): T {
  const schema = optionalQuery(
    z.enum(choices, { error: (issue) => `${name} must be one of ${choices.join(', ')}, not "${clip(issue.input)}"` }),
  );
  return (readParam(schema, query[name]) as T | undefined) ?? fallback;
}
