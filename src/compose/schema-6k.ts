import { z } from 'zod';
import { type Form6KFieldMeta, form6KRecordSchema, metaOf } from '../model/form-6k-record.js';
import { childPath } from './input-value.js';

/**
 * The JSON Schema (draft 2020-12) of the composer's 6-K input, generated from the record's one zod definition
 * (model/form-6k-record.ts): `edgarkit compose --schema` prints it, and testdata/compose/form-6k-record.schema.json
 * is a copy of it (a test keeps the two equal). `x-expected` is our own annotation: the words an error message
 * uses for what a field must be. The input reader checks records with the zod schema itself (`checkForm6KSchema`),
 * so the published schema and the checks cannot drift.
 */
export const FORM_6K_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'urn:edgarkit:schema:compose:6-k:1',
  ...z.toJSONSchema(form6KRecordSchema, {
    target: 'draft-2020-12',
    io: 'input',
    // Only the annotations a reader of the schema needs; labels and form wording stay in the zod definition.
    override: (context) => {
      const schema = context.jsonSchema as Record<string, unknown>;
      for (const key of ['label', 'question', 'hint', 'composeOnly', 'inputType']) delete schema[key];
    },
  }),
} as const;

/** A value that breaks the schema, by path (`exhibits[0].date`). */
export interface SchemaProblem {
  readonly path: string;
  /** The path whose place in the input shows the problem: the value, or for a missing field its parent. */
  readonly at: string;
  readonly message: string;
}

/** Checks a value against the 6-K record's zod schema; every problem is reported, not only the first, in our words. */
export function checkForm6KSchema(value: unknown): SchemaProblem[] {
  const result = form6KRecordSchema.safeParse(value, { reportInput: true });
  if (result.success) return [];
  // zod reports in the schema's order; problems are listed in the input's, as a reader goes down the file.
  const problems = result.error.issues.flatMap((issue) => problemsOf(issue, value));
  const orders = new Map(problems.map((problem) => [problem, inputOrder(value, problem.path)]));
  return problems.sort((a, b) => compareOrders(orders.get(a) ?? [], orders.get(b) ?? []));
}

/** Where a path comes in the input: at each level the index of its key (-1 for a key the input lacks). */
function inputOrder(root: unknown, path: string): number[] {
  const order: number[] = [];
  let at = root;
  for (const [, key, index] of path.matchAll(/(?:^|\.)([^.[\]]+)|\[(\d+)\]/g)) {
    if (index !== undefined) {
      order.push(Number(index));
      at = Array.isArray(at) ? at[Number(index)] : undefined;
    } else if (isObject(at) && key !== undefined) {
      order.push(Object.keys(at).indexOf(key));
      at = at[key];
    } else order.push(-1);
  }
  return order;
}

function compareOrders(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return (a[i] as number) - (b[i] as number);
  return a.length - b.length;
}

type Issue = z.core.$ZodIssue & { readonly input?: unknown };

function problemsOf(issue: Issue, root: unknown): SchemaProblem[] {
  const path = issue.path.reduce<string>((at, key) => childPath(at, typeof key === 'number' ? key : String(key)), '');
  const parentPath = issue.path.slice(0, -1).reduce<string>((at, key) => childPath(at, typeof key === 'number' ? key : String(key)), '');
  const name = path === '' ? 'The record' : path;
  const field = schemaAt(issue.path);
  const fieldMeta: Form6KFieldMeta = metaOf(field);
  const expected = fieldMeta['x-expected'];
  const parent = valueAt(root, issue.path.slice(0, -1));
  const key = issue.path[issue.path.length - 1];
  const input = issue.input;
  if (issue.code === 'unrecognized_keys') {
    const known = Object.keys(objectShape(field) ?? {});
    return issue.keys.map((unknownKey) => {
      const at = childPath(path, unknownKey);
      const near = known.find(
        (candidate) => candidate.toLowerCase() === unknownKey.toLowerCase() || editDistance(candidate, unknownKey) <= 2,
      );
      return {
        path: at,
        at,
        message: `${at} is not a field of ${path === '' ? 'the record' : path}${near ? `; did you mean "${near}"?` : `; the fields are ${known.join(', ')}`}`,
      };
    });
  }
  if (typeof key === 'string' && isObject(parent) && !Object.hasOwn(parent, key))
    return [
      {
        path,
        at: parentPath,
        message: `${path} is missing${parentPath === '' ? '' : ` from ${parentPath}`} (write null if there is none)`,
      },
    ];
  const problem = (message: string): SchemaProblem[] => [{ path, at: path, message }];
  switch (issue.code) {
    case 'invalid_value':
      return problem(
        `${name} must be ${expected ?? issue.values.map((item) => JSON.stringify(item)).join(' or ')}; found ${describe(input)}`,
      );
    case 'invalid_type':
      return problem(`${name} must be ${expected ?? typeWords(field)}; found ${describe(input)}`);
    case 'too_small':
      if (issue.origin === 'string')
        return problem(`${name} must not be empty${field?.safeParse(null).success ? ' (write null when there is none)' : ''}`);
      return problem(`${name} must be ${expected ?? `at least ${issue.minimum}`}; found ${describe(input)}`);
    case 'too_big':
      if (issue.origin === 'string')
        return problem(`${name} is ${String(input).length} characters long; at most ${issue.maximum} are allowed`);
      if (issue.origin === 'array')
        return problem(`${name} has ${Array.isArray(input) ? input.length : '?'} entries; at most ${issue.maximum} are allowed`);
      return problem(`${name} must be ${expected ?? `at most ${issue.maximum}`}; found ${describe(input)}`);
    case 'invalid_format':
      return problem(`${name} must be ${expected ?? `text matching ${issue.format}`}; found ${describe(input)}`);
    default:
      return problem(`${name}: ${issue.message}`);
  }
}

/** The zod schema of the field at a path, through objects, arrays and their optional/nullable wrappers. */
function schemaAt(path: readonly PropertyKey[]): z.ZodType | undefined {
  let at: z.ZodType | undefined = form6KRecordSchema;
  for (const key of path) {
    const inner = bare(at);
    if (inner instanceof z.ZodArray && typeof key === 'number') at = inner.element as z.ZodType;
    else if (inner instanceof z.ZodObject && typeof key === 'string') at = (inner.shape as Record<string, z.ZodType>)[key];
    else return undefined;
  }
  return at;
}

function bare(schema: z.ZodType | undefined): z.ZodType | undefined {
  let at = schema;
  while (at instanceof z.ZodOptional || at instanceof z.ZodNullable) at = at.unwrap() as z.ZodType;
  return at;
}

function objectShape(schema: z.ZodType | undefined): Record<string, z.ZodType> | undefined {
  const inner = bare(schema);
  return inner instanceof z.ZodObject ? (inner.shape as Record<string, z.ZodType>) : undefined;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let at = root;
  for (const key of path) {
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Record<PropertyKey, unknown>)[key];
  }
  return at;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

const TYPE_WORDS: Readonly<Record<string, string>> = {
  string: 'text',
  number: 'a number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object (key: value pairs)',
};

function typeWords(schema: z.ZodType | undefined): string {
  const inner = bare(schema);
  const kind =
    inner instanceof z.ZodString
      ? 'string'
      : inner instanceof z.ZodNumber
        ? 'number'
        : inner instanceof z.ZodBoolean
          ? 'boolean'
          : inner instanceof z.ZodArray
            ? 'array'
            : 'object';
  return `${TYPE_WORDS[kind]}${schema?.safeParse(null).success ? ' or null' : ''}`;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  return String(value);
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0] as number;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const saved = row[j] as number;
      row[j] = Math.min((row[j] as number) + 1, (row[j - 1] as number) + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = saved;
    }
  }
  return row[b.length] as number;
}
