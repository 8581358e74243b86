import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot, readCorpus } from '../../../test/shared-files.js';
import type { Choice, DocumentModel, Table, TableRow } from '../../model/document.js';
import { parseTextDocument } from './parse-text-document.js';

/**
 * Golden tests: expectations in `testdata/golden/text/*.json`, written by reading the filings. Cells are
 * written as their text, a spanning cell as `text{colspan}`.
 */

type Rows = string[][];

interface TableExpectation {
  readonly tagged: number;
  readonly columnCount?: number;
  readonly caption?: string | null;
  readonly headerRows?: Rows;
  readonly rows?: Rows;
  readonly rowCount?: number;
  readonly firstRows?: Rows;
  readonly lastRows?: Rows;
  readonly rowsInclude?: Rows;
  readonly footnotes?: string[];
}

interface DocumentExpectation {
  readonly source: string;
  /** Which `<TEXT>` body of the file (0-based), or null for a file that is the document itself. */
  readonly document: number | null;
  readonly taggedTables?: number;
  readonly tables?: TableExpectation[];
  readonly aligned?: Array<{ columnCount: number; rows: Rows }>;
  /** Every choice of the document, in order, as `[label, marked]` pairs. */
  readonly choices?: Array<Array<[string, boolean]>>;
}

interface CoversExpectation {
  readonly covers: Array<{ source: string; document: number; choices: Array<Array<[string, boolean]>> }>;
}

/** The text between the `n`th `<TEXT>` and its `</TEXT>` (the SGML parser is another module's job). */
function textBody(raw: string, n: number): string {
  let from = 0;
  for (let k = 0; ; k++) {
    const open = raw.indexOf('<TEXT>', from);
    if (open < 0) throw new Error(`no <TEXT> number ${n}`);
    const close = raw.indexOf('</TEXT>', open);
    if (k === n) return raw.slice(open + '<TEXT>'.length, close < 0 ? raw.length : close);
    from = open + 1;
  }
}

function load(source: string, document: number | null): DocumentModel {
  const raw = readCorpus(source).toString('latin1');
  return parseTextDocument(document === null ? raw : textBody(raw, document));
}

function grid(rows: readonly TableRow[]): Rows {
  return rows.map((r) => r.cells.map((c) => (c.colspan > 1 ? `${c.text}{${c.colspan}}` : c.text)));
}

function blocksOf<T extends { kind: string }>(doc: DocumentModel, kind: T['kind']): T[] {
  return doc.pages.flatMap((p) => p.blocks.filter((b) => b.kind === kind)) as unknown as T[];
}

function choiceList(choices: readonly Choice[]): Array<Array<[string, boolean]>> {
  return choices.map((c) => c.options.map((o): [string, boolean] => [o.label, o.marked]));
}

const goldenDir = join(projectRoot, 'testdata', 'golden', 'text');
const files = readdirSync(goldenDir).filter((f) => f.endsWith('.json'));

describe('golden legacy ASCII documents', () => {
  for (const file of files) {
    const golden = JSON.parse(readFileSync(join(goldenDir, file), 'utf8')) as DocumentExpectation | CoversExpectation;
    if ('covers' in golden) {
      describe(file, () => {
        for (const cover of golden.covers) {
          it(`${cover.source}: cover choices`, () => {
            const doc = load(cover.source, cover.document);
            const page = doc.pages[0];
            const choices = (page?.blocks ?? []).filter((b): b is Choice => b.kind === 'choice');
            expect(choiceList(choices)).toEqual(cover.choices);
            for (const option of choices.flatMap((c) => c.options)) {
              if (!option.marked) continue;
              const mark = option.markSpan === null ? '' : doc.source.slice(option.markSpan.start, option.markSpan.end);
              expect(['X', '[X]']).toContain(mark);
            }
          });
        }
      });
      continue;
    }
    describe(`${file}: ${golden.source}`, () => {
      const doc = load(golden.source, golden.document);
      const tables = blocksOf<Table>(doc, 'table');
      const tagged = tables.filter((t) => t.origin === 'tagged');

      if (golden.taggedTables !== undefined) {
        it('finds every <TABLE>', () => expect(tagged).toHaveLength(golden.taggedTables as number));
      }
      for (const expected of golden.tables ?? []) {
        it(`reads <TABLE> number ${expected.tagged}`, () => {
          const table = tagged[expected.tagged];
          expect(table).toBeDefined();
          if (table === undefined) return;
          if (expected.columnCount !== undefined) expect(table.columnCount).toBe(expected.columnCount);
          if (expected.caption !== undefined) expect(table.caption).toBe(expected.caption);
          if (expected.headerRows !== undefined) expect(grid(table.headerRows)).toEqual(expected.headerRows);
          const rows = grid(table.rows);
          if (expected.rows !== undefined) expect(rows).toEqual(expected.rows);
          if (expected.rowCount !== undefined) expect(rows).toHaveLength(expected.rowCount);
          if (expected.firstRows !== undefined) expect(rows.slice(0, expected.firstRows.length)).toEqual(expected.firstRows);
          if (expected.lastRows !== undefined) expect(rows.slice(-expected.lastRows.length)).toEqual(expected.lastRows);
          for (const row of expected.rowsInclude ?? []) expect(rows).toContainEqual(row);
          if (expected.footnotes !== undefined) expect(table.footnotes).toEqual(expected.footnotes);
          for (const row of [...table.headerRows, ...table.rows]) {
            expect(row.cells.reduce((n, c) => n + c.colspan, 0)).toBe(table.columnCount);
          }
        });
      }
      if (golden.aligned !== undefined) {
        it('finds the tables aligned with spaces', () => {
          const aligned = tables.filter((t) => t.origin === 'aligned').map((t) => ({ columnCount: t.columnCount, rows: grid(t.rows) }));
          for (const expected of golden.aligned ?? []) expect(aligned).toContainEqual(expected);
        });
      }
      if (golden.choices !== undefined) {
        it('reads the check-mark choices', () => {
          expect(choiceList(blocksOf<Choice>(doc, 'choice'))).toEqual(golden.choices);
        });
      }
    });
  }
});
