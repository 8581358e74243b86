import type { Field, FieldSpan } from '../src/forms/field.js';

/** A record with every `{ value, span }` field replaced by its value and every `span` dropped: what golden files hold. */
export function valuesOf(record: unknown): unknown {
  if (Array.isArray(record)) return record.map(valuesOf);
  if (record === null || typeof record !== 'object') return record;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    if (key === 'span' || key === 'diagnostics') continue;
    if (value !== null && typeof value === 'object' && 'value' in value && 'span' in value) out[key] = (value as Field<unknown>).value;
    else out[key] = valuesOf(value);
  }
  return out;
}

/** Every span of a record (fields' and exhibits'/blocks' own), with the path that leads to it: `signatures.0.title`. */
export function spansOf(record: unknown, path = ''): { path: string; span: FieldSpan }[] {
  if (record === null || typeof record !== 'object') return [];
  const out: { path: string; span: FieldSpan }[] = [];
  for (const [key, value] of Object.entries(record)) {
    const at = path === '' ? key : `${path}.${key}`;
    if (key === 'diagnostics') continue;
    if (key === 'span') {
      if (value !== null) out.push({ path: at, span: value as FieldSpan });
      continue;
    }
    out.push(...spansOf(value, at));
  }
  return out;
}

/** The fields of a record whose value came from the filing but that carry no span (should be none). */
export function fieldsWithoutSpan(record: unknown, path = ''): string[] {
  if (record === null || typeof record !== 'object') return [];
  const out: string[] = [];
  for (const [key, value] of Object.entries(record)) {
    const at = path === '' ? key : `${path}.${key}`;
    if (key === 'diagnostics' || key === 'span') continue;
    if (value !== null && typeof value === 'object' && 'value' in value && 'span' in value) {
      const field = value as Field<unknown>;
      if (field.value !== null && field.span === null) out.push(at);
    } else out.push(...fieldsWithoutSpan(value, at));
  }
  return out;
}
