import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { corpusPath, readCorpus, readSeed } from '../../test/shared-files.js';
import { prepareFiling } from '../pipeline/prepare-filing.js';
import { formRecordLines, isRecordField, recordFieldLabel } from './form-record-text.js';

/** Every corpus file up to 5 MB (the records' shapes, not the big documents, are what is tried) and the seed. */
function corpusRecords(): { source: string; record: Record<string, unknown> }[] {
  const files: string[] = [];
  const walk = (relative: string) => {
    for (const name of readdirSync(corpusPath(relative))) {
      const path = join(relative, name);
      const stats = statSync(corpusPath(path));
      if (stats.isDirectory()) walk(path);
      else if (stats.size <= 5_000_000 && /\.(txt|nc)$/.test(name)) files.push(path);
    }
  };
  walk('.');
  const inputs = [...files.map((file) => ({ source: file, bytes: readCorpus(file) })), { source: 'seed', bytes: readSeed() }];
  return inputs.flatMap(({ source, bytes }) => {
    try {
      const json = prepareFiling(bytes, source).formRecordJson;
      return json === null ? [] : [{ source, record: JSON.parse(json) as Record<string, unknown> }];
    } catch {
      return []; // not a filing (a README, an index file): nothing to show
    }
  });
}

const HIDDEN = new Set(['form', 'formType', 'source', 'schemaVersion', 'diagnostics', 'filingDiagnostics']);

describe('formRecordLines', () => {
  const records = corpusRecords();

  it('shows every field of every corpus record: its value where one was read, else "—" and the reason given', () => {
    const forms = new Set(records.map(({ record }) => record.form));
    // 6-K, 20-F, 8-K, 10-K, 13F, ownership, other: the sweep must see every kind of record.
    expect(forms.size).toBeGreaterThanOrEqual(6);
    let checked = 0;
    for (const { source, record } of records) {
      const lines = formRecordLines(record, { maxLineChars: 1_000_000, maxItems: 1_000_000 });
      const text = lines.join('\n');
      const diagnostics = (record.diagnostics as { message: string }[]) ?? [];
      for (const [key, value] of Object.entries(record)) {
        if (HIDDEN.has(key)) continue;
        const line = lines.find((candidate) => candidate.startsWith(`${recordFieldLabel(key)}:`));
        expect(line, `${source}: ${key}`).toBeDefined();
        if (Array.isArray(value)) {
          expect(line, `${source}: ${key}`).toContain(value.length === 0 ? 'none' : String(value.length));
          // One line per item, all of them when nothing is cut.
          const at = lines.indexOf(line as string);
          expect(lines.slice(at + 1, at + 1 + value.length).every((item) => item.startsWith('  - ')), `${source}: ${key}`).toBe(true);
        } else if (isRecordField(value)) {
          checked++;
          if (value.value === null) {
            expect(line, `${source}: ${key}`).toContain('—');
            const reason = diagnostics.find((found) => found.message.startsWith(`${key}: `));
            if (reason) expect(line, `${source}: ${key}`).toContain(reason.message.slice(key.length + 2));
          } else if (typeof value.value === 'string') {
            expect(line, `${source}: ${key}`).toContain(value.value.replace(/\s+/g, ' ').trim());
            const span = value.span;
            if (span) expect(line).toContain(`[document ${span.document}, page ${span.page}]`);
          }
        }
      }
      // Every diagnostic is shown, beside its field or in the notes.
      for (const found of diagnostics) {
        const message = found.message.replace(/^[A-Za-z0-9]+: /, '');
        expect(text, `${source}: ${found.message}`).toContain(message);
      }
    }
    expect(checked).toBeGreaterThan(200);
  });

  it('cuts long lists and long lines, and says so', () => {
    const holdings = records.find(({ record }) => Array.isArray(record.holdings) && (record.holdings as unknown[]).length > 12);
    expect(holdings).toBeDefined();
    const count = ((holdings?.record.holdings ?? []) as unknown[]).length;
    const lines = formRecordLines(holdings?.record, { maxItems: 5, maxLineChars: 60 });
    const at = lines.findIndex((line) => line.startsWith('Holdings:'));
    expect(lines.slice(at + 1, at + 6).every((line) => line.startsWith('  - '))).toBe(true);
    expect(lines[at + 6]).toBe(`  … and ${count - 5} more (--json shows every one)`);
    expect(lines.every((line) => line.length <= 60)).toBe(true);
    expect(lines.some((line) => line.endsWith('…'))).toBe(true);
  });

  it('reads any stored JSON without throwing (a record is untrusted data)', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (value) => {
        const lines = formRecordLines(value);
        expect(Array.isArray(lines)).toBe(true);
        for (const line of lines) expect(typeof line).toBe('string');
      }),
      { numRuns: 500 },
    );
    // A span that is not a span is not shown as one.
    const shown = formRecordLines({ name: { value: 'x', span: { document: 'a', page: 1, start: 0, end: 1 } } }).join('\n');
    expect(shown).toContain('x');
    expect(shown).not.toContain('[document');
  });
});
