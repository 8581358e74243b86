import { z } from 'zod';
import {
  checkCik,
  checkDate,
  checkDateRange,
  checkDocument,
  checkFilingId,
  checkForm,
  checkInteger,
  checkText,
  RequestValueError,
  VALUE_PATTERNS,
} from '../store/request-values.js';

/**
 * The tools' arguments as zod schemas: the JSON Schema an assistant is shown is generated from them, and every
 * value is checked by the store's request checks (store/request-values.ts), the ones the CLI's options and the
 * HTTP API's parameters use, so all three shells accept and refuse the same values in the same words. Objects are
 * strict: a misspelt argument is refused, never ignored.
 */

/** A zod transform running one of the shared checks: what the check refuses becomes the issue, in its words. */
export function by<I, T>(check: (value: I) => T) {
  return (value: I, context: z.RefinementCtx): T => {
    try {
      return check(value);
    } catch (error) {
      if (!(error instanceof RequestValueError)) throw error;
      context.addIssue({ code: 'custom', message: error.message });
      return z.NEVER;
    }
  };
}

/** A value of the wrong JSON type, described for a message. */
function shown(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return `"${value.length > 40 ? `${value.slice(0, 37)}...` : value}"`;
  if (typeof value === 'object') return 'an object';
  return String(value);
}

/** The message for a value of the wrong type (or a missing one). */
function typeError(name: string, expected: string) {
  return {
    error: (issue: { readonly input?: unknown }) =>
      issue.input === undefined ? `${name} is required` : `${name} must be ${expected}, not ${shown(issue.input)}`,
  };
}

/** Free text of at most `maxLength` characters; blank is "not given". */
export function textInput(name: string, maxLength: number, description: string) {
  return z
    .string(typeError(name, 'a string'))
    .transform(by((text: string) => checkText(name, text, maxLength)))
    .meta({ description, maxLength });
}

/** A whole number in [min, max], refused (never clamped) outside. */
export function integerInput(name: string, min: number, max: number, description: string) {
  return z
    .number(typeError(name, 'a whole number'))
    .int(typeError(name, 'a whole number'))
    .transform(by((value: number) => checkInteger(name, String(value), min, max)))
    .meta({ description, minimum: min, maximum: max });
}

/** `limit` and `offset` of a page: `limit` up to `maxLimit` (each tool's bound on its output), `offset` from 0. */
export function pagingInputs(fallbackLimit: number, maxLimit: number, what: string) {
  return {
    limit: integerInput('limit', 1, maxLimit, `${what} per page (default ${fallbackLimit}, at most ${maxLimit}).`).default(fallbackLimit),
    offset: integerInput('offset', 0, 1_000_000, `${what} to skip: the next page starts at offset + limit (default 0).`).default(0),
  };
}

export function dateInput(name: string, description: string) {
  return z
    .string(typeError(name, 'a date as YYYY-MM-DD'))
    .transform(by((text: string) => checkDate(name, text.trim())))
    .meta({ description, format: 'date' });
}

/** A CIK, with or without leading zeros; a number is taken as its digits. */
export function cikInput(description: string) {
  return z
    .union([z.string(), z.number()], typeError('cik', 'a CIK (up to 10 digits)'))
    .transform(by((value: string | number) => checkCik('cik', String(value))))
    .meta({ description, pattern: '^\\d{1,10}$' });
}

/** A form type: `6-K`, `20-F/A`, `SC 13G`. */
export function formInput(name: string, description: string) {
  return z
    .string(typeError(name, 'a form type such as 6-K'))
    .transform(by((text: string) => checkForm(name, text)))
    .meta({ description, pattern: VALUE_PATTERNS.form.source });
}

/** A stored filing: its accession number (dashed or not), or `local-<20 hex>` for a stored bare document. */
export const accessionInput = z
  .string(typeError('accession', 'an accession number such as 0000950127-09-000120'))
  .transform(by((text: string) => checkFilingId(text.trim())))
  .meta({
    description:
      'The filing: its accession number, dashed or not (0000950127-09-000120), or the local-… id that search and list_filings give for a stored bare document.',
  });

/** A document of a filing: its sequence number, or its type (`EX-99.1`). */
export const documentInput = z
  .union([z.string(), z.number()], typeError('document', 'a sequence number (1, 2, …) or a document type (EX-99.1)'))
  .transform(by((value: string | number) => checkDocument(String(value).trim())))
  .meta({ description: 'The document: its sequence number (1, 2, …) or its type (EX-99.1). Default: the first document.' });

/** A choice among `choices`, with the refusal in the shared words. */
export function choiceInput<const T extends string>(name: string, choices: readonly [T, ...T[]], description: string) {
  return z
    .enum(choices, {
      error: (issue: { readonly input?: unknown }) => `${name} must be one of ${choices.join(', ')}, not ${shown(issue.input)}`,
    })
    .meta({ description });
}

export function booleanInput(name: string, description: string) {
  return z.boolean(typeError(name, 'true or false')).meta({ description });
}

/**
 * A strict object of arguments: an argument the tool does not take is refused with the list of those it takes.
 */
export function toolArguments<const Shape extends z.ZodRawShape>(shape: Shape) {
  const names = Object.keys(shape);
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `unknown argument${issue.keys.length === 1 ? '' : 's'} ${issue.keys.map((key) => `"${key}"`).join(', ')}: this tool takes ${names.join(', ')}`
        : `the arguments must be an object with ${names.join(', ')}`,
  });
}

/** `from` not after `to` (the shared check), as a refinement of an object of arguments. */
export function checkRange(
  value: { readonly from?: string | undefined; readonly to?: string | undefined },
  context: z.RefinementCtx,
): void {
  by(() => checkDateRange('from', value.from, 'to', value.to))(undefined, context);
}

/** Exactly one of two arguments, as a refinement. */
export function exactlyOne(value: Readonly<Record<string, unknown>>, first: string, second: string, context: z.RefinementCtx): void {
  const given = [first, second].filter((name) => value[name] !== undefined);
  if (given.length !== 1)
    context.addIssue({
      code: 'custom',
      message: given.length === 0 ? `give ${first} or ${second}` : `give one of ${first} and ${second}, not both`,
    });
}
