import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { corpusPath, projectRoot, readSeed } from '../../test/shared-files.js';
import type { DocumentModel } from '../model/document.js';
import { openDocument } from '../pipeline/open-document.js';
import { documentTables, renderDocumentTableCsv, renderTableCsv } from './render-csv.js';
import { documentOf, page, SourceBuilder, table } from './test-models.js';

function modelOf(bytes: Uint8Array): DocumentModel {
  const read = openDocument(bytes);
  if (read?.kind !== 'model') throw new Error('expected a text or HTML document');
  return read.model;
}

function golden(name: string): string {
  return readFileSync(join(projectRoot, 'testdata', 'golden', 'tables', name), 'utf8');
}

/** A minimal RFC 4180 reader (quoted fields, doubled quotes, line breaks inside quotes), to read the CSV back. */
function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let index = 0; index < text.length; index++) {
    const char = text[index] as string;
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        field += '"';
        index++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += char;
  }
  expect(quoted, 'a quote is never left open').toBe(false);
  expect(field === '' && row.length === 0, 'the last line ends with a line break').toBe(true);
  return rows;
}

describe('the seed 6-K: its two legacy ASCII tables as CSV', () => {
  const model = modelOf(readSeed());

  it('lists the tables with the page each is on and its size', () => {
    const tables = documentTables(model).map(({ table: _table, ...entry }) => entry);
    expect(tables).toEqual([
      { number: 1, page: 2, caption: null, rows: 2, columns: 2 },
      { number: 2, page: 4, caption: null, rows: 3, columns: 2 },
    ]);
  });

  it.each([1, 2])('writes table %i as the golden file read from the filing', (number) => {
    expect(renderDocumentTableCsv(model, number)).toBe(golden(`hanaro-6k-2002-12-table-${number}.csv`));
  });

  it('says how many tables there are when asked for one that does not exist', () => {
    expect(() => renderDocumentTableCsv(model, 3)).toThrow(new RangeError('Table 3 does not exist: the document has 2 tables'));
    expect(() => renderDocumentTableCsv(model, 0)).toThrow(RangeError);
  });
});

describe('tables of the corpus', () => {
  it('keeps numbers with thousands separators whole in a 1995 legacy ASCII table', () => {
    // Read from the selling shareholders table of the 1995 S-3 (0000899681-95-000096): name, shares, shares after, percent.
    const rows = readCsv(renderDocumentTableCsv(modelOf(readFileSync(corpusPath('submissions/0000899681-95-000096.txt'))), 1));
    expect(rows).toContainEqual(['Rebecca G. Ames Trust', '537', '0', '0']);
    expect(rows).toContainEqual(['AmSouth Bank, FBO Margaret Spencer South', '5,530', '0', '0']);
    expect(rows).toContainEqual(['Bariston Paging Partners, L.P.', '17', '0', '0']);
    expect(rows).toContainEqual(['Edwin F. Barber', '1,419', '0', '0']);
    for (const row of rows) expect(row).toHaveLength(4);
  });

  it('writes an HTML table the same way', () => {
    // The signature table of the Alcon 6-K: Date / February 13, 2023 / By: / the signer, as the HTML lays them out.
    const rows = readCsv(renderDocumentTableCsv(modelOf(readFileSync(corpusPath('html/6-k-athena.html'))), 2));
    expect(rows).toContainEqual(['Date:', 'February 13, 2023', 'By:', '/s/ David J. Endicott']);
    expect(rows).toContainEqual(['Date:', 'February 13, 2023', 'By:', '/s/ Timothy C. Stonesifer']);
    expect(rows.map((row) => row.length)).toEqual(rows.map(() => 4));
  });
});

describe('renderTableCsv', () => {
  it('quotes commas, quotes and line breaks, and keeps every value under its column', () => {
    const source = new SourceBuilder();
    const built = table(source, {
      header: [
        [
          { text: 'Item', rowspan: 2 },
          { text: 'Amounts, in $', colspan: 2 },
        ],
        ['2001', '2002'],
      ],
      rows: [
        ['Revenue, net', '$ 1,234', '(56)'],
        ['The "adjusted" figure', 'line one\nline two', 'cr\rlf'],
        [{ text: 'Total', colspan: 2 }, '9'],
        ['short row'],
      ],
      columnCount: 3,
    });
    const csv = renderTableCsv(built);
    expect(csv).toBe(
      [
        'Item,"Amounts, in $",',
        ',2001,2002',
        '"Revenue, net","$ 1,234",(56)',
        '"The ""adjusted"" figure","line one\nline two","cr\rlf"',
        'Total,,9',
        'short row,,',
        '',
      ].join('\n'),
    );
    expect(readCsv(csv)[3]).toEqual(['The "adjusted" figure', 'line one\nline two', 'cr\rlf']);
  });

  it('numbers the tables of a document across its pages, in reading order', () => {
    const source = new SourceBuilder();
    const model = documentOf(source, [
      page(source, 1, null, (s) => [table(s, { rows: [['a']], columnCount: 1 })]),
      page(source, 2, null, () => []),
      page(source, 3, null, (s) => [
        table(s, { rows: [['b', 'c']], columnCount: 2 }),
        table(s, { caption: 'Third', rows: [['d']], columnCount: 1 }),
      ]),
    ]);
    expect(documentTables(model).map(({ number, page: on, caption, columns }) => [number, on, caption, columns])).toEqual([
      [1, 1, null, 1],
      [2, 3, null, 2],
      [3, 3, 'Third', 1],
    ]);
    expect(renderDocumentTableCsv(model, 3)).toBe('d\n');
  });
});
