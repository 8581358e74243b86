import type { Compose6KRecord } from '../compose/record-6k.js';
import { extractableValues } from '../compose/record-6k.js';
import { extractFiling } from '../forms/extract-filing.js';
import { parseSubmissionDocuments } from '../parse/parse-document.js';
import { parseSubmission } from '../parse/sgml/parse-submission.js';

/**
 * The 6-K record edgarkit's own reader gets back from a filing: parse, extract, and keep the values (no spans, no
 * diagnostics). Null when the filing is not read as a 6-K.
 */
export function readBack6K(submission: Uint8Array | string): Record<string, unknown> | null {
  const parsed = parseSubmission(submission);
  const result = extractFiling({ header: parsed.header, documents: parseSubmissionDocuments(parsed) });
  const record = result.record;
  if (!record || (record.form !== '6-K' && record.form !== '6-K/A')) return null;
  return valuesOnly(record) as Record<string, unknown>;
}

/** A record with `{ value, span }` fields replaced by their values, and spans and diagnostics dropped. */
export function valuesOnly(record: unknown): unknown {
  if (Array.isArray(record)) return record.map(valuesOnly);
  if (record === null || typeof record !== 'object') return record;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    if (key === 'span' || key === 'diagnostics') continue;
    if (value !== null && typeof value === 'object' && 'value' in value && 'span' in value) out[key] = (value as { value: unknown }).value;
    else out[key] = valuesOnly(value);
  }
  return out;
}

/** A field where what was composed and what reads back differ. */
export interface RoundTripDifference {
  readonly path: string;
  readonly composed: unknown;
  readonly readBack: unknown;
}

/** The fields where the record read back from `submission` differs from `record` (empty: a perfect round trip). */
export function compareRoundTrip(record: Compose6KRecord, submission: Uint8Array | string): RoundTripDifference[] {
  const back = readBack6K(submission);
  const expected = extractableValues(record);
  if (back === null) return [{ path: 'form', composed: record.form, readBack: null }];
  return differences(expected, back, '');
}

function differences(expected: unknown, actual: unknown, path: string): RoundTripDifference[] {
  if (Array.isArray(expected) && Array.isArray(actual)) {
    const out: RoundTripDifference[] = [];
    for (let i = 0; i < Math.max(expected.length, actual.length); i++) out.push(...differences(expected[i], actual[i], `${path}[${i}]`));
    return out;
  }
  if (
    expected !== null &&
    actual !== null &&
    typeof expected === 'object' &&
    typeof actual === 'object' &&
    !Array.isArray(expected) &&
    !Array.isArray(actual)
  ) {
    const out: RoundTripDifference[] = [];
    const keys = new Set([...Object.keys(expected), ...Object.keys(actual)]);
    for (const key of keys)
      out.push(
        ...differences(
          (expected as Record<string, unknown>)[key],
          (actual as Record<string, unknown>)[key],
          path === '' ? key : `${path}.${key}`,
        ),
      );
    return out;
  }
  return Object.is(expected, actual) || (expected === undefined && actual === null)
    ? []
    : [{ path: path || '(record)', composed: expected, readBack: actual }];
}
