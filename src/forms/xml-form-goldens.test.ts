import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractSource, fieldsOf, saysValue, textAt } from '../../test/form-spans.js';
import { fieldsWithoutSpan, valuesOf } from '../../test/record-values.js';
import { projectRoot, readCorpus } from '../../test/shared-files.js';
import type { FieldSpan } from './field.js';

/**
 * Ownership (3/4/5) and 13F records against goldens written by reading the filings (testdata/golden/ownership,
 * testdata/golden/13f), and the invariant every field keeps: its value is what the filing says at its span.
 */

interface Golden {
  readonly name: string;
  readonly source: string;
  readonly diagnostics: readonly string[];
  readonly expected: Record<string, unknown>;
}

function goldens(folder: string): Golden[] {
  const dir = join(projectRoot, 'testdata', 'golden', folder);
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => {
      const raw = JSON.parse(readFileSync(join(dir, name), 'utf8')) as Record<string, unknown>;
      return {
        name: `${folder}/${name}`,
        source: raw._source as string,
        diagnostics: (raw._diagnostics as string[] | undefined) ?? [],
        expected: Object.fromEntries(Object.entries(raw).filter(([key]) => !key.startsWith('_'))),
      };
    });
}

describe('ownership and 13F goldens (written by reading the filings)', () => {
  const all = [...goldens('ownership'), ...goldens('13f')];

  it('cover the corpus: four XML Form 4s, the 2000 text Form 4 and both 13F-HRs', () => {
    expect(all.filter((golden) => golden.name.startsWith('ownership/')).length).toBe(5);
    expect(all.filter((golden) => golden.name.startsWith('13f/')).length).toBe(2);
  });

  for (const golden of all) {
    it(`${golden.name}: the record states what the filing states`, () => {
      const { result } = extractSource(readCorpus(golden.source));
      expect(valuesOf(result.record)).toEqual(golden.expected);
      const codes = [...(result.record?.diagnostics ?? []), ...result.diagnostics].map((found) => found.code).sort();
      expect(codes).toEqual([...golden.diagnostics].sort());
    });

    it(`${golden.name}: every value is what the filing says at its span`, () => {
      const { result, documents } = extractSource(readCorpus(golden.source));
      expect(fieldsWithoutSpan(result.record)).toEqual([]);
      const fields = fieldsOf(result.record).filter(({ field }) => field.value !== null);
      expect(fields.length).toBeGreaterThan(10);
      for (const { path, field } of fields) {
        if (path.startsWith('exhibits.')) continue; // an exhibit's description comes from its document's <DESCRIPTION>
        const at = textAt(documents, field.span as FieldSpan);
        expect(at, path).not.toBeNull();
        expect(saysValue(at?.text ?? '', field.value, at?.xml ?? false), `${path}: ${JSON.stringify(field.value)} at "${at?.text}"`).toBe(
          true,
        );
      }
    });
  }
});
