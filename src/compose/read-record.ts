import { type InputDocument, type InputPosition, InputSyntaxError } from './input-value.js';
import { readJson } from './read-json.js';
import { readYaml } from './read-yaml.js';
import type { Compose6KRecord, Exhibit6KInput, Regulator6K, Signature6K } from './record-6k.js';
import { checkForm6KSchema } from './schema-6k.js';

/** A problem with the input, at the line of the field it names. */
export interface InputProblem {
  readonly path: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

/** A record read and checked, with warnings and the place of every field; or the problems that stop it, each with line and column. */
export type ReadRecordResult =
  | {
      readonly ok: true;
      readonly record: Compose6KRecord;
      readonly warnings: readonly InputProblem[];
      /** Where each field is in the input, to place later problems (a source file that cannot be read). */
      readonly positions: ReadonlyMap<string, InputPosition>;
    }
  | { readonly ok: false; readonly problems: readonly InputProblem[] };

/** Options of `readCompose6KRecord`: the input's name for messages, and its format (YAML or JSON). */
export interface ReadRecordOptions {
  /** The file name used in messages. */
  readonly source?: string;
  /** How to read the text; default: by the file name (`.json`), else JSON when it starts with `{`, else YAML. */
  readonly format?: 'json' | 'yaml';
}

/** `file:line:column: message`, the way every input problem is shown. */
export function formatProblem(source: string, problem: InputProblem): string {
  return `${source}:${problem.line}:${problem.column}: ${problem.message}`;
}

/**
 * Reads a 6-K record written as JSON or YAML and checks it: against the schema (every field named with its line),
 * then the things a schema cannot say (real dates, one exhibit per number, sources for attached exhibits, the
 * sequence numbers the composer will give). Optional fields come back filled in (null, [], false).
 */
export function readCompose6KRecord(text: string, options: ReadRecordOptions = {}): ReadRecordResult {
  const input = readCompose6KInput(text, options);
  if (!input.ok) return input;
  return checkCompose6KValue(input.document.value, input.document.positions);
}

/**
 * Reads the text of a compose input into a value with the place of every field, without checking it: a record as
 * `extract --record` prints it or as written by hand, or the whole output of `extract --json` (its 6-K record is
 * taken, values without spans, and its `source` kept).
 */
export function readCompose6KInput(
  text: string,
  options: ReadRecordOptions = {},
): { readonly ok: true; readonly document: InputDocument } | { readonly ok: false; readonly problems: readonly InputProblem[] } {
  const source = options.source ?? 'input';
  const format = options.format ?? (/\.json$/i.test(source) || /^\s*[{[]/.test(text) ? 'json' : 'yaml');
  let document: InputDocument;
  try {
    document = format === 'json' ? readJson(text, source) : readYaml(text, source);
  } catch (error) {
    if (error instanceof InputSyntaxError)
      return { ok: false, problems: [{ path: '', line: error.line, column: error.column, message: error.reason }] };
    throw error;
  }
  if (!isExtractOutput(document.value)) return { ok: true, document };
  const envelope = document.value;
  if (
    envelope.record === null ||
    typeof envelope.record !== 'object' ||
    !/^6-K(?:\/A)?$/.test(String((envelope.record as { form?: unknown }).form))
  )
    return {
      ok: false,
      problems: [
        {
          path: 'record',
          ...placeOf(document.positions, 'record'),
          message: `This is the output of edgarkit extract for ${envelope.formType === null ? 'a filing of unknown form' : `a ${String(envelope.formType)}`}, which has no 6-K record to compose`,
        },
      ],
    };
  return { ok: true, document: fromExtractOutput(envelope, document.positions) };
}

interface ExtractOutput {
  readonly source: unknown;
  readonly accessionNumber: unknown;
  readonly formType: unknown;
  readonly record: unknown;
  readonly diagnostics: unknown;
}

/** `edgarkit extract --json`'s shape: `{ source, accessionNumber, formType, record, diagnostics }`. */
function isExtractOutput(value: unknown): value is ExtractOutput {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const keys = Object.keys(value).sort().join(',');
  return keys === 'accessionNumber,diagnostics,formType,record,source';
}

/** The record of an extract output as compose reads it: `{ value, span }` → value; spans and diagnostics dropped. */
function fromExtractOutput(envelope: ExtractOutput, positions: ReadonlyMap<string, InputPosition>): InputDocument {
  const strip = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(strip);
    if (value === null || typeof value !== 'object') return value;
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 2 && Object.hasOwn(value, 'value') && Object.hasOwn(value, 'span')) return (value as { value: unknown }).value;
    return Object.fromEntries(entries.filter(([key]) => key !== 'span' && key !== 'diagnostics').map(([key, item]) => [key, strip(item)]));
  };
  const record = strip(envelope.record) as Record<string, unknown>;
  const value = { source: typeof envelope.source === 'string' ? envelope.source : null, ...record };
  // Places move with the values: `record.registrant.value` is where `registrant` is written.
  const moved = new Map<string, InputPosition>();
  for (const [path, place] of positions) {
    if (path === 'source') moved.set('source', place);
    if (!path.startsWith('record.') && !path.startsWith('record[')) continue;
    const inner = path.slice('record.'.length).replace(/\.value(?=$|[.[])/g, '');
    if (!moved.has(inner) || path.endsWith('.value')) moved.set(inner, place);
  }
  moved.set('', positions.get('record') ?? { line: 1, column: 1 });
  return { value, positions: moved };
}

/**
 * Checks an already parsed value (the server's JSON body); positions are optional.
 * The checks beyond the schema, in the record's order, then the record itself: they share `problems`, `warnings` and
 * the exhibit numbering (`seen`, `sequence`), so they are kept in one function rather than split.
 */
export function checkCompose6KValue(value: unknown, positions: ReadonlyMap<string, InputPosition> = new Map()): ReadRecordResult {
  const place = (path: string): InputPosition => placeOf(positions, path);
  const problem = (path: string, message: string, at = path): InputProblem => ({ path, ...place(at), message });
  const schemaProblems = checkForm6KSchema(value);
  if (schemaProblems.length > 0)
    return { ok: false, problems: schemaProblems.map((found) => problem(found.path, found.message, found.at)) };

  const input = value as Record<string, unknown>;
  const problems: InputProblem[] = [];
  const warnings: InputProblem[] = [];
  const checkDate = (path: string, date: unknown) => {
    if (typeof date === 'string' && !isCalendarDate(date)) problems.push(problem(path, `${path} is not a date of the calendar: ${date}`));
  };

  const exhibits: Exhibit6KInput[] = [];
  const seen = new Map<string, number>();
  let sequence = 2;
  const rawExhibits = input.exhibits as Record<string, unknown>[];
  rawExhibits.forEach((raw, index) => {
    const path = `exhibits[${index}]`;
    const number = raw.number as string;
    const first = seen.get(number);
    if (first !== undefined)
      problems.push(problem(`${path}.number`, `${path}.number: exhibit ${number} is listed twice (also exhibits[${first}])`));
    else seen.set(number, index);
    checkDate(`${path}.date`, raw.date);
    const file = (raw.file as string | null | undefined) ?? null;
    const pdf = (raw.pdf as string | null | undefined) ?? null;
    const graphics = (raw.graphics as string[] | undefined) ?? [];
    const attached = (raw.attached as boolean | undefined) ?? file !== null;
    if (attached && file === null)
      problems.push(
        problem(
          `${path}.file`,
          `${path}.file is missing: the exhibit is attached, so give its source (.txt or .htm), or set attached: false`,
          path,
        ),
      );
    if (!attached && file !== null)
      problems.push(problem(`${path}.attached`, `${path}.attached is false but ${path}.file is given; drop one of them`));
    if (!attached && (pdf !== null || graphics.length > 0))
      problems.push(
        problem(`${path}.${pdf !== null ? 'pdf' : 'graphics'}`, `${path}: a PDF copy or images need the exhibit itself in ${path}.file`),
      );
    const expected = attached ? sequence : null;
    if (attached) sequence += pdf !== null ? 2 : 1;
    const given = (raw.documentSequence as number | null | undefined) ?? null;
    if (given !== null && given !== expected)
      problems.push(
        problem(
          `${path}.documentSequence`,
          expected === null
            ? `${path}.documentSequence is ${given}, but an exhibit that is not attached has no document; write null`
            : `${path}.documentSequence is ${given}, but this exhibit will be document ${expected} of the submission (documents follow the exhibit order); write ${expected} or leave it out`,
        ),
      );
    const filedWith = ((raw.filedWith as Record<string, unknown>[] | undefined) ?? []).map(
      (regulator): Regulator6K => ({ name: regulator.name as string, fullName: (regulator.fullName as string | null | undefined) ?? null }),
    );
    exhibits.push({
      number,
      description: raw.description as string,
      date: (raw.date as string | null | undefined) ?? null,
      filedWith,
      attached,
      documentSequence: expected,
      file,
      pdf,
      graphics,
    });
  });

  const signatures: Signature6K[] = (input.signatures as Record<string, unknown>[]).map((raw, index) => {
    checkDate(`signatures[${index}].date`, raw.date);
    return {
      registrant: (raw.registrant as string | null | undefined) ?? null,
      signature: (raw.signature as string | null | undefined) ?? null,
      name: (raw.name as string | null | undefined) ?? null,
      title: (raw.title as string | null | undefined) ?? null,
      date: (raw.date as string | null | undefined) ?? null,
    };
  });
  if (signatures.length === 0) warnings.push(problem('signatures', 'signatures is empty: a 6-K is signed on behalf of the registrant'));

  const furnishes = (input.furnishesUnderRule12g32b as boolean | null | undefined) ?? null;
  const fileNumber82 = (input.rule12g32bFileNumber as string | null | undefined) ?? null;
  if (fileNumber82 !== null && furnishes !== true)
    problems.push(
      problem(
        'rule12g32bFileNumber',
        'rule12g32bFileNumber is given, but furnishesUnderRule12g32b is not true; the 82- number goes with a "Yes"',
      ),
    );
  if (problems.length > 0) return { ok: false, problems };
  const record: Compose6KRecord = {
    form: input.form as '6-K' | '6-K/A',
    reportMonth: input.reportMonth as string,
    registrant: input.registrant as string,
    address: (input.address as string | null | undefined) ?? null,
    commissionFileNumber: (input.commissionFileNumber as string | null | undefined) ?? null,
    annualReportForm: input.annualReportForm as '20-F' | '40-F' | null,
    furnishesUnderRule12g32b: furnishes,
    rule12g32bFileNumber: fileNumber82,
    paperUnderRule101b1: (input.paperUnderRule101b1 as boolean | null | undefined) ?? null,
    paperUnderRule101b7: (input.paperUnderRule101b7 as boolean | null | undefined) ?? null,
    exhibits,
    signatures,
    furnishing: (input.furnishing as string | null | undefined) ?? null,
  };
  return { ok: true, record, warnings, positions };
}

/** The place of a field in the input (or of the nearest enclosing value that has one). */
export function placeOf(positions: ReadonlyMap<string, InputPosition>, path: string): InputPosition {
  for (let at = path; ; at = parentOf(at)) {
    const found = positions.get(at);
    if (found) return found;
    if (at === '') return { line: 1, column: 1 };
  }
}

function parentOf(path: string): string {
  const match = /^(.*?)(?:\.[^.[\]]+|\[\d+\])$/.exec(path);
  return match ? (match[1] as string) : '';
}

export function isCalendarDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
