import { childPath } from './input-value.js';
import type { SchemaNode } from './schema-6k.js';

/** A value that breaks the schema, by path (`exhibits[0].date`). */
export interface SchemaProblem {
  readonly path: string;
  /** The path whose place in the input shows the problem: the value, or for a missing field its parent. */
  readonly at: string;
  readonly message: string;
}

/**
 * Checks a value against the subset of JSON Schema the compose schemas use (`type`, `enum`, `pattern`,
 * `minLength`/`maxLength`, `minimum`/`maximum`, `maxItems`, `required`, `properties`, `additionalProperties:
 * false`, `items`). Every problem is reported, not only the first.
 */
export function checkSchema(value: unknown, schema: SchemaNode, path = ''): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  walk(value, schema, path, problems);
  return problems;
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  return String(value);
}

const TYPE_WORDS: Record<string, string> = {
  string: 'text',
  integer: 'a whole number',
  number: 'a number',
  boolean: 'true or false',
  null: 'null',
  array: 'a list',
  object: 'an object (key: value pairs)',
};

function walk(value: unknown, schema: SchemaNode, path: string, problems: SchemaProblem[]): void {
  const name = path === '' ? 'The record' : path;
  const expected = schema['x-expected'];
  if (schema.enum !== undefined) {
    if (!schema.enum.some((allowed) => allowed === value))
      problems.push({
        path,
        at: path,
        message: `${name} must be ${expected ?? schema.enum.map((item) => JSON.stringify(item)).join(' or ')}; found ${describe(value)}`,
      });
    return;
  }
  if (schema.type !== undefined) {
    const types = typeof schema.type === 'string' ? [schema.type] : schema.type;
    const actual = typeOf(value);
    if (!types.includes(actual) && !(actual === 'integer' && types.includes('number'))) {
      const what = expected ?? types.map((type) => TYPE_WORDS[type] ?? type).join(' or ');
      problems.push({ path, at: path, message: `${name} must be ${what}; found ${describe(value)}` });
      return;
    }
  }
  if (typeof value === 'string') {
    if (schema.minLength !== undefined && value.length < schema.minLength)
      problems.push({
        path,
        at: path,
        message: `${name} must not be empty${schema.type?.includes('null') ? ' (write null when there is none)' : ''}`,
      });
    else if (schema.maxLength !== undefined && value.length > schema.maxLength)
      problems.push({ path, at: path, message: `${name} is ${value.length} characters long; at most ${schema.maxLength} are allowed` });
    else if (schema.pattern !== undefined && !new RegExp(schema.pattern, 'u').test(value))
      problems.push({
        path,
        at: path,
        message: `${name} must be ${expected ?? `text matching ${schema.pattern}`}; found ${describe(value)}`,
      });
  }
  if (typeof value === 'number') {
    if ((schema.minimum !== undefined && value < schema.minimum) || (schema.maximum !== undefined && value > schema.maximum))
      problems.push({
        path,
        at: path,
        message: `${name} must be ${expected ?? `between ${schema.minimum} and ${schema.maximum}`}; found ${value}`,
      });
  }
  if (Array.isArray(value)) {
    if (schema.maxItems !== undefined && value.length > schema.maxItems)
      problems.push({ path, at: path, message: `${name} has ${value.length} entries; at most ${schema.maxItems} are allowed` });
    if (schema.items) for (const [index, item] of value.entries()) walk(item, schema.items, childPath(path, index), problems);
  }
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const record = value as Record<string, unknown>;
    const properties = schema.properties ?? {};
    for (const key of schema.required ?? [])
      if (!Object.hasOwn(record, key))
        problems.push({
          path: childPath(path, key),
          at: path,
          message: `${childPath(path, key)} is missing${path === '' ? '' : ` from ${path}`} (write null if there is none)`,
        });
    for (const [key, item] of Object.entries(record)) {
      const property = properties[key];
      if (property) walk(item, property, childPath(path, key), problems);
      else if (schema.additionalProperties === false) {
        const known = Object.keys(properties);
        const near = known.find((candidate) => candidate.toLowerCase() === key.toLowerCase() || editDistance(candidate, key) <= 2);
        problems.push({
          path: childPath(path, key),
          at: childPath(path, key),
          message: `${childPath(path, key)} is not a field of ${path === '' ? 'the record' : path}${near ? `; did you mean "${near}"?` : `; the fields are ${known.join(', ')}`}`,
        });
      }
    }
  }
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
