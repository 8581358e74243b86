import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readSeed } from '../../../test/shared-files.js';
import type { Span } from '../../core/span.js';
import type { Block, Choice, DocumentModel, Page, Table } from '../../model/document.js';
import { parseTextDocument } from './parse-text-document.js';

const seed = readSeed().toString('latin1');

/** Every span in the model, with where it was found. */
function spansOf(doc: DocumentModel): Array<[string, Span]> {
  const out: Array<[string, Span]> = [];
  for (const page of doc.pages) {
    out.push([`page ${page.number}`, page.span]);
    page.blocks.forEach((block, b) => {
      const at = `page ${page.number} block ${b} (${block.kind})`;
      out.push([at, block.span]);
      if (block.kind === 'table') {
        for (const row of [...block.headerRows, ...block.rows]) {
          out.push([`${at} row`, row.span]);
          for (const cell of row.cells) out.push([`${at} cell`, cell.span]);
        }
      } else if (block.kind === 'choice') {
        for (const option of block.options) {
          out.push([`${at} option`, option.span]);
          if (option.markSpan !== null) out.push([`${at} mark`, option.markSpan]);
        }
      } else if (block.kind === 'list') {
        for (const item of block.items) out.push([`${at} item`, item.span]);
      }
    });
  }
  return out;
}

/** Spans inside the source, diagnostics at offsets inside it, and table rows exactly as wide as their table. */
function expectValidSpans(doc: DocumentModel): void {
  for (const [where, span] of spansOf(doc)) {
    if (
      !(
        Number.isInteger(span.start) &&
        Number.isInteger(span.end) &&
        0 <= span.start &&
        span.start <= span.end &&
        span.end <= doc.source.length
      )
    ) {
      throw new Error(`${where}: bad span ${JSON.stringify(span)} in a source of ${doc.source.length}`);
    }
  }
  for (const d of doc.diagnostics) {
    if (!(d.offset >= 0 && d.offset <= doc.source.length)) throw new Error(`diagnostic ${d.code} at ${d.offset}`);
  }
  for (const page of doc.pages) {
    for (const block of page.blocks) {
      if (block.kind !== 'table') continue;
      for (const row of [...block.headerRows, ...block.rows]) {
        const width = row.cells.reduce((n, c) => n + c.colspan, 0);
        if (width !== block.columnCount) throw new Error(`a row ${width} columns wide in a table of ${block.columnCount}`);
      }
    }
  }
}

/** The words of a block, for finding text whatever block kind it landed in. */
function textOf(block: Block): string {
  switch (block.kind) {
    case 'heading':
    case 'paragraph':
    case 'preformatted':
      return block.text;
    case 'list':
      return block.items.map((i) => i.text).join('\n');
    case 'table':
      return [...block.headerRows, ...block.rows].map((r) => r.cells.map((c) => c.text).join(' | ')).join('\n');
    case 'choice':
      return block.options.map((o) => o.label).join(' | ');
    case 'rule':
      return '';
  }
}

function pageText(page: Page | undefined): string {
  return (page?.blocks ?? []).map(textOf).join('\n');
}

describe('the seed: a 2002 Form 6-K in legacy ASCII', () => {
  const doc = parseTextDocument(seed);

  it('keeps the input as source and reads it as text', () => {
    expect(doc.kind).toBe('document');
    expect(doc.sourceFormat).toBe('text');
    expect(doc.source).toBe(seed);
    expectValidSpans(doc);
  });

  it('has exactly 4 pages: the leading <PAGE> makes no empty page', () => {
    expect(doc.pages.map((p) => p.number)).toEqual([1, 2, 3, 4]);
    expect(doc.pages.map((p) => p.label)).toEqual([null, null, null, null]);
  });

  it('reads the cover page: headings and the two check-mark choices', () => {
    const page = doc.pages[0] as Page;
    const text = pageText(page);
    for (const words of ['FORM 6-K', 'For the month of December 2002', 'HANARO TELECOM, INC.']) expect(text).toContain(words);
    const headings = page.blocks.filter((b) => b.kind === 'heading');
    expect(headings.map((h) => h.kind === 'heading' && [h.text, h.align])).toEqual(
      expect.arrayContaining([
        ['FORM 6-K', 'center'],
        ['For the month of December 2002', 'center'],
        ['HANARO TELECOM, INC.', 'center'],
      ]),
    );
    const choices = page.blocks.filter((b): b is Choice => b.kind === 'choice');
    expect(choices.map((c) => c.options.map((o) => ({ label: o.label, marked: o.marked })))).toEqual([
      [
        { label: 'Form 20-F', marked: true },
        { label: 'Form 40-F', marked: false },
      ],
      [
        { label: 'Yes', marked: false },
        { label: 'No', marked: true },
      ],
    ]);
    for (const option of choices.flatMap((c) => c.options)) {
      expect(seed.slice(option.span.start, option.span.end)).toBe(option.label);
      if (option.marked) expect(option.markSpan && seed.slice(option.markSpan.start, option.markSpan.end)).toBe('X');
      else expect(option.markSpan).toBeNull();
    }
    expect(page.blocks.filter((b) => b.kind === 'rule')).toHaveLength(2);
  });

  const exhibit991 =
    'a notice regarding the redemption of convertible bonds issued to Cheil Jedang and Jae-Hyun Lee, filed with Korea Securities Dealers Association Automated Quotation Market ("KOSDAQ") and the Financial Supervisory Commission of Korea on December 24, 2002';
  const exhibit992 =
    'a notice of lease of real estate to an affiliated company, filed with KOSDAQ and the Financial Supervisory Commission of Korea on December 26, 2002.';

  it('reads the first <TABLE> as 2 columns of 2 rows, wrapped descriptions joined', () => {
    const tables = (doc.pages[1]?.blocks ?? []).filter((b): b is Table => b.kind === 'table');
    expect(tables).toHaveLength(1);
    const table = tables[0] as Table;
    expect(table.origin).toBe('tagged');
    expect(table.columnCount).toBe(2);
    expect(table.headerRows).toEqual([]);
    expect(table.rows.map((r) => r.cells.map((c) => c.text))).toEqual([
      ['Exhibit 99.1:', `${exhibit991}; and`],
      ['Exhibit 99.2:', exhibit992],
    ]);
  });

  it('reads the exhibit index <TABLE> with its heading row', () => {
    const tables = (doc.pages[3]?.blocks ?? []).filter((b): b is Table => b.kind === 'table');
    expect(tables).toHaveLength(1);
    const table = tables[0] as Table;
    expect(table.columnCount).toBe(2);
    expect(table.caption).toBeNull();
    expect(table.headerRows.map((r) => r.cells.map((c) => c.text))).toEqual([['Exhibit', 'Description']]);
    expect(table.rows.map((r) => r.cells.map((c) => c.text))).toEqual([
      ['Exhibit 99.1:', `${exhibit991}.`],
      ['Exhibit 99.2:', exhibit992],
    ]);
    expect(pageText(doc.pages[3])).toContain('EXHIBIT INDEX');
  });

  it('keeps every word of the signature block on page 3', () => {
    const text = pageText(doc.pages[2]);
    for (const words of [
      'SIGNATURES',
      'Date: December 27, 2002',
      'By: /s/ Kyu June Hwang',
      'Name:  Kyu June Hwang',
      'Title: Managing Director',
    ]) {
      expect(text).toContain(words);
    }
    expect(text).toContain(
      'Pursuant to the requirements of the Securities Exchange Act of 1934, as amended, the registrant has duly caused this report to be signed on its behalf by the undersigned, thereunto duly authorized.',
    );
  });

  it('reads the same with Windows line ends', () => {
    const crlf = parseTextDocument(seed.replace(/\n/g, '\r\n'));
    expect(crlf.pages.map((p) => p.blocks.map((b) => b.kind))).toEqual(doc.pages.map((p) => p.blocks.map((b) => b.kind)));
    expect(crlf.pages.map(pageText)).toEqual(doc.pages.map(pageText));
  });
});

describe('pages', () => {
  it('splits at <PAGE> lines in any case and makes no empty pages', () => {
    const doc = parseTextDocument('<PAGE>\nOne\n<page>\n\n<Page>\nTwo\n<PAGE>\n');
    expect(doc.pages.map(pageText)).toEqual(['One', 'Two']);
    expect(doc.pages.map((p) => p.number)).toEqual([1, 2]);
  });

  it('does not split at <PAGE> inside a line', () => {
    expect(parseTextDocument('See <PAGE> tags\nin the manual.').pages).toHaveLength(1);
  });

  it.each([
    ['                                       2', '2'],
    ['                                     - 3 -', '3'],
    ['                                      -14-', '14'],
    ['                                      F-2', 'F-2'],
    ['                                    Page 4', '4'],
    ['ii', 'ii'],
  ])('takes the page number %j at the foot of a page as its label', (foot, label) => {
    const doc = parseTextDocument(`Some text of the page.\n\n${foot}\n<PAGE>\nNext page.`);
    expect(doc.pages[0]?.label).toBe(label);
    expect(pageText(doc.pages[0])).toBe('Some text of the page.');
    expect(doc.pages[1]?.label).toBeNull();
  });

  it('does not take the last line of a paragraph for a page number', () => {
    const doc = parseTextDocument('The total for the year was\n1998\n<PAGE>\nNext.');
    expect(doc.pages[0]?.label).toBeNull();
  });

  it('gives each page a span from after its <PAGE> line to before the next', () => {
    const text = 'One\n<PAGE>\nTwo\nlines\n<PAGE>\nThree';
    const doc = parseTextDocument(text);
    expect(doc.pages.map((p) => text.slice(p.span.start, p.span.end))).toEqual(['One', 'Two\nlines', 'Three']);
  });
});

describe('running text', () => {
  it('reflows hard-wrapped paragraphs and splits at blank lines and indented first lines', () => {
    const text = [
      '     Certain statements set forth above and contained in the press release furnished',
      'pursuant to this Form 6-K may include "forward-looking statements" within the',
      'meaning of Section 27A of the Securities Act of 1933 and the self-',
      'regulatory organization rules.',
      '     The forward-looking statements reflect our current views and assumptions and',
      'are subject to risks and uncertainties.',
      '',
      'The attached press release shall not be deemed "filed" for purposes of Section',
      '18 of the Securities Exchange Act of 1934.',
    ].join('\n');
    const blocks = parseTextDocument(text).pages[0]?.blocks ?? [];
    expect(blocks.map((b) => [b.kind, textOf(b)])).toEqual([
      [
        'paragraph',
        'Certain statements set forth above and contained in the press release furnished pursuant to this Form 6-K may include "forward-looking statements" within the meaning of Section 27A of the Securities Act of 1933 and the self-regulatory organization rules.',
      ],
      ['paragraph', 'The forward-looking statements reflect our current views and assumptions and are subject to risks and uncertainties.'],
      [
        'paragraph',
        'The attached press release shall not be deemed "filed" for purposes of Section 18 of the Securities Exchange Act of 1934.',
      ],
    ]);
  });

  it('reads centred lines as headings, stand-alone rules as rules, and bullets as a list', () => {
    const text = [
      '===============================================================================',
      '',
      '                                   SIGNATURES',
      '',
      '     o    Jean Cahuzac - Chief Executive Officer',
      '     o    Stuart Jackson - Chief Financial Officer',
      '',
      '     o    A copy of the first quarter results press release, to be found on the',
      '          website of the company',
    ].join('\n');
    const blocks = parseTextDocument(text).pages[0]?.blocks ?? [];
    expect(blocks.map((b) => b.kind)).toEqual(['rule', 'heading', 'list']);
    expect(blocks[1]).toMatchObject({ kind: 'heading', text: 'SIGNATURES', align: 'center' });
    expect(blocks[2]?.kind === 'list' && blocks[2].items.map((i) => i.text)).toEqual([
      'Jean Cahuzac - Chief Executive Officer',
      'Stuart Jackson - Chief Financial Officer',
      'A copy of the first quarter results press release, to be found on the website of the company',
    ]);
  });

  it('keeps layout in columns and address blocks as preformatted text', () => {
    const text = [
      'Contacts:',
      'Karen Menzel',
      'Acergy S.A.',
      '+44 (0)20 8210 5568',
      '',
      'C. BONVALET  C. MATHU                J. HOSS                M. WOOLVERIDGE',
      '    Ballot-judges                   Secretary                  Chairman',
    ].join('\n');
    const blocks = parseTextDocument(text).pages[0]?.blocks ?? [];
    expect(blocks.map((b) => [b.kind, textOf(b)])).toEqual([
      ['preformatted', 'Contacts:\nKaren Menzel\nAcergy S.A.\n+44 (0)20 8210 5568'],
      [
        'preformatted',
        'C. BONVALET  C. MATHU                J. HOSS                M. WOOLVERIDGE\n    Ballot-judges                   Secretary                  Chairman',
      ],
    ]);
  });

  it('makes a heading of a line with a rule under it', () => {
    const text = [
      'Item 7. FINANCIAL STATEMENTS AND EXHIBITS.',
      '        ---------------------------------',
      '',
      '(a)      Not applicable.',
    ].join('\n');
    const blocks = parseTextDocument(text).pages[0]?.blocks ?? [];
    expect(blocks.map((b) => [b.kind, textOf(b)])).toEqual([
      ['heading', 'Item 7. FINANCIAL STATEMENTS AND EXHIBITS.'],
      ['paragraph', '(a) Not applicable.'],
    ]);
  });
});

describe('an HTML wrapper around legacy ASCII', () => {
  it('is skipped and the ASCII inside is read, spans still into the whole input', () => {
    const text =
      '<html><body><div>\n\n                                   FORM 20-F\n<TABLE>\n<S>    <C>\nOne    1\n</TABLE>\nDate: March 28, 2001</div></body></html>';
    const doc = parseTextDocument(text);
    const blocks = doc.pages[0]?.blocks ?? [];
    expect(blocks.map((b) => [b.kind, textOf(b)])).toEqual([
      ['heading', 'FORM 20-F'],
      ['table', 'One | 1'],
      ['paragraph', 'Date: March 28, 2001'],
    ]);
    expectValidSpans(doc);
  });
});

describe('never throws', () => {
  const alphabet = fc.constantFrom(
    '<PAGE>',
    '<TABLE>',
    '</TABLE>',
    '<CAPTION>',
    '<S>',
    '<C>',
    '<FN>',
    '<F1>',
    '[X]',
    '[ ]',
    '(X)',
    '|',
    '\\',
    '---',
    '===',
    'X',
    '  ',
    '        ',
    '\n',
    '\r\n',
    '\t',
    ' ',
    '1,234',
    '(5)',
    '$',
    '%',
    '.....',
    'Form 20-F',
    'Yes',
    'No',
    'self-',
    'o  ',
    '(a) ',
    '<html>',
    '</div>',
    '\u00a0',
    '\u2612',
  );

  it('on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (s) => {
        const doc = parseTextDocument(s);
        expect(doc.source).toBe(s);
        expectValidSpans(doc);
      }),
      { numRuns: 400 },
    );
  });

  it('on strings made of the pieces of legacy filings', () => {
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 300 }), (pieces) => {
        expectValidSpans(parseTextDocument(pieces.join('')));
      }),
      { numRuns: 400 },
    );
  });

  it('on mutated versions of the seed', () => {
    const edit = fc.record({ at: fc.nat(seed.length), remove: fc.nat(40), insert: fc.oneof(fc.string({ maxLength: 20 }), alphabet) });
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 12 }), (edits) => {
        let text = seed;
        for (const e of edits) {
          const at = Math.min(e.at, text.length);
          text = text.slice(0, at) + e.insert + text.slice(at + e.remove);
        }
        expectValidSpans(parseTextDocument(text));
      }),
      { numRuns: 200 },
    );
  });
});
