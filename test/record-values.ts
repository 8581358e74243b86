import type { Field } from '../src/forms/field.js';

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
