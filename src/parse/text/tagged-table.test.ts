import { describe, expect, it } from 'vitest';
import type { Table, TableRow } from '../../model/document.js';
import { parseTextDocument } from './parse-text-document.js';
import { MAX_TAGGED_TABLE_CELLS } from './tagged-table.js';

function tablesOf(text: string): Table[] {
  return parseTextDocument(text).pages.flatMap((p) => p.blocks.filter((b): b is Table => b.kind === 'table'));
}

/** Rows as cell texts, a spanning cell written `text{colspan}`. */
function grid(rows: readonly TableRow[]): string[][] {
  return rows.map((r) => r.cells.map((c) => (c.colspan > 1 ? `${c.text}{${c.colspan}}` : c.text)));
}

describe('<TABLE> with <CAPTION>, <S> and <C>', () => {
  it('cuts rows at the marker positions, drops leader dots and keeps signs with their figures', () => {
    const text = [
      '<TABLE>',
      '<CAPTION>',
      '                                               1998         1997',
      '<S>                                        <C>          <C>',
      'Revenues .................................  $ 12,345     $ 11,002',
      'Net income (loss) ........................    (1,234)         456',
      '</TABLE>',
    ].join('\n');
    const [table] = tablesOf(text);
    expect(table?.origin).toBe('tagged');
    expect(table?.columnCount).toBe(3);
    expect(grid(table?.headerRows ?? [])).toEqual([['', '1998', '1997']]);
    expect(grid(table?.rows ?? [])).toEqual([
      ['Revenues', '$12,345', '$11,002'],
      ['Net income (loss)', '(1,234)', '456'],
    ]);
    expect(table?.rows[1]?.cells[1]?.align).toBe('right');
    const cell = table?.rows[0]?.cells[1];
    expect(cell && text.slice(cell.span.start, cell.span.end)).toBe('$ 12,345');
  });

  it('merges wrapped headings, drops their underlines, takes a centred title as caption and keeps <FN> notes', () => {
    const text = [
      '<TABLE>',
      '<CAPTION>',
      '                       CONSOLIDATED BALANCE SHEETS',
      '                                     December 31,    December 31,',
      '                                         1998            1997',
      '                                     ------------    ------------',
      '<S>                                  <C>             <C>',
      'Cash and cash equivalents .......... $    1,234      $     987',
      'Accounts receivable, net of',
      '  allowance of $12 and $10 ........       5,678          4,321',
      '                                          -----          -----',
      '    Total current assets ........... $    6,912      $   5,308',
      '<FN>',
      '(1) Restated; see Note 2.',
      '(2) Unaudited for the period',
      '    ended March 31.',
      '</TABLE>',
    ].join('\n');
    const [table] = tablesOf(text);
    expect(table?.caption).toBe('CONSOLIDATED BALANCE SHEETS');
    expect(grid(table?.headerRows ?? [])).toEqual([['', 'December 31, 1998', 'December 31, 1997']]);
    expect(grid(table?.rows ?? [])).toEqual([
      ['Cash and cash equivalents', '$1,234', '$987'],
      ['Accounts receivable, net of allowance of $12 and $10', '5,678', '4,321'],
      ['Total current assets', '$6,912', '$5,308'],
    ]);
    expect(table?.footnotes).toEqual(['(1) Restated; see Note 2.', '(2) Unaudited for the period ended March 31.']);
  });

  it('joins wrapped descriptions into the row above and starts a row where the stub starts again', () => {
    const text = [
      '<TABLE>',
      '',
      '<S>             <C>',
      'Exhibit 99.1:   a notice regarding the redemption of convertible bonds issued',
      '                to Cheil Jedang and Jae-Hyun Lee; and',
      '',
      'Exhibit 99.2:   a notice of lease of real estate to an affiliated company,',
      '                filed with KOSDAQ.',
      '</TABLE>',
    ].join('\n');
    const [table] = tablesOf(text);
    expect(table?.headerRows).toEqual([]);
    expect(grid(table?.rows ?? [])).toEqual([
      ['Exhibit 99.1:', 'a notice regarding the redemption of convertible bonds issued to Cheil Jedang and Jae-Hyun Lee; and'],
      ['Exhibit 99.2:', 'a notice of lease of real estate to an affiliated company, filed with KOSDAQ.'],
    ]);
  });

  it('joins a stub wrapped over two lines', () => {
    const text = [
      '<TABLE>',
      '<S>                            <C>                              <C>',
      '',
      'Rebecca G. Ames Trust           537                              0',
      '',
      'AmSouth Bank, FBO',
      'Margaret Spencer South          5,530                            0',
      '',
      'Trust pass-through securities (TRUPS) and',
      'monthly income preferred stock    553                            0',
      'Data per common share',
      '   Net income                     1.57                           0.68',
      '</TABLE>',
    ].join('\n');
    expect(grid(tablesOf(text)[0]?.rows ?? [])).toEqual([
      ['Rebecca G. Ames Trust', '537', '0'],
      ['AmSouth Bank, FBO Margaret Spencer South', '5,530', '0'],
      ['Trust pass-through securities (TRUPS) and monthly income preferred stock', '553', '0'],
      ['Data per common share', '', ''],
      ['Net income', '1.57', '0.68'],
    ]);
  });

  it('keeps figures whole when they overflow a stop, and reports overflows of more than two characters', () => {
    const text = [
      '<TABLE>',
      '<S>          <C>            <C>',
      '     I-1F    1,184,000.00   1,156,444.26',
      '     I-MF  386,100,000.00 383,371,981.77',
      'TOTAL    12,345,678,901.00   1,156,444.26',
      '</TABLE>',
    ].join('\n');
    const doc = parseTextDocument(text);
    const table = doc.pages[0]?.blocks[0] as Table;
    expect(grid(table.rows)).toEqual([
      ['I-1F', '1,184,000.00', '1,156,444.26'],
      ['I-MF', '386,100,000.00', '383,371,981.77'],
      ['TOTAL', '12,345,678,901.00', '1,156,444.26'],
    ]);
    expect(doc.diagnostics.map((d) => d.code)).toContain('text/ragged-column');
  });

  it('puts a heading over several columns in a spanning cell above the column headings', () => {
    const text = [
      '<TABLE>',
      '<CAPTION>',
      '                                    Years ended December 31,',
      '                              ------------------------------------',
      '                                  2000         1999         1998',
      '<S>                           <C>          <C>          <C>',
      'Premium income                   20,771       14,980       11,550',
      '</TABLE>',
    ].join('\n');
    const [table] = tablesOf(text);
    expect(table?.caption).toBeNull();
    expect(grid(table?.headerRows ?? [])).toEqual([
      ['', 'Years ended December 31,{3}'],
      ['', '2000', '1999', '1998'],
    ]);
  });

  it('merges a column that holds only $ signs into the figures after it', () => {
    const text = [
      '<TABLE>',
      '<CAPTION>',
      '                               1998           1997',
      '<S>                      <C>  <C>      <C>  <C>',
      'Net sales                $    1,000    $      900',
      'Cost of sales                   600           500',
      '</TABLE>',
    ].join('\n');
    const [table] = tablesOf(text);
    expect(table?.columnCount).toBe(3);
    expect(grid(table?.headerRows ?? [])).toEqual([['', '1998', '1997']]);
    expect(grid(table?.rows ?? [])).toEqual([
      ['Net sales', '$1,000', '$900'],
      ['Cost of sales', '600', '500'],
    ]);
  });

  it('reads a second <CAPTION> section with its own stops as more rows of the same table', () => {
    const text = [
      '<TABLE>',
      '<CAPTION>',
      '                                 2000     1999',
      '<S>                            <C>      <C>',
      'Life insurance                  4,744    4,058',
      '<CAPTION>',
      '                       Balance     Balance',
      '<S>                    <C>         <C>         <C>',
      'Provisions gross       108,603     (731)       114,637',
      '</TABLE>',
    ].join('\n');
    const tables = tablesOf(text);
    expect(tables).toHaveLength(1);
    expect(tables[0]?.columnCount).toBe(4);
    expect(grid(tables[0]?.rows ?? [])).toEqual([
      ['Life insurance', '4,744', '4,058', ''],
      ['', 'Balance', 'Balance', ''],
      ['Provisions gross', '108,603', '(731)', '114,637'],
    ]);
  });

  it('infers columns when the marker line is missing, and reports it', () => {
    const doc = parseTextDocument(['<TABLE>', 'Name        Value', 'One         1', 'Two         2', '</TABLE>'].join('\n'));
    const table = doc.pages[0]?.blocks[0] as Table;
    expect(grid(table.rows)).toEqual([
      ['Name', 'Value'],
      ['One', '1'],
      ['Two', '2'],
    ]);
    expect(doc.diagnostics.map((d) => d.code)).toEqual(['text/missing-column-markers']);
  });

  it('ends an unclosed table at the end of the text, and reports it', () => {
    const text = ['<TABLE>', '<S>    <C>', 'One    1', '', ''].join('\n');
    const doc = parseTextDocument(text);
    expect(doc.pages[0]?.blocks.map((b) => b.kind)).toEqual(['table']);
    const found = doc.diagnostics.find((d) => d.code === 'text/unclosed-table');
    expect(found?.offset).toBe(text.indexOf('1') + 1);
  });

  it('ends an unclosed table where the next one opens', () => {
    const text = ['<TABLE>', '<S>    <C>', 'One    1', '<TABLE>', '<S>    <C>', 'Two    2', '</TABLE>'].join('\n');
    expect(tablesOf(text).map((t) => grid(t.rows))).toEqual([[['One', '1']], [['Two', '2']]]);
  });

  it('gives the table a span from <TABLE> to </TABLE>', () => {
    const text = 'Before\n<TABLE>\n<S>  <C>\nA    1\n</TABLE>\nAfter';
    const [table] = tablesOf(text);
    expect(table && text.slice(table.span.start, table.span.end)).toBe('<TABLE>\n<S>  <C>\nA    1\n</TABLE>');
  });
});

describe('a <TABLE> too large to read as a grid', () => {
  /** A `<TABLE>` of `rows` lines under a three-column marker line. */
  const bigTable = (rows: number): string => {
    const lines = ['<TABLE>', '<CAPTION>', '                Amount   Share', '<S>            <C>      <C>'];
    for (let i = 0; i < rows; i++) lines.push(`Holding ${String(i).padStart(6, '0')}  ${String(i * 7).padStart(7)}  ${(i % 100) + 1}%`);
    lines.push('</TABLE>');
    return lines.join('\n');
  };
  // Lines counted are the non-blank lines between <TABLE> and </TABLE> (the caption and marker lines too).
  const rowsAtCap = Math.floor(MAX_TAGGED_TABLE_CELLS / 3) - 3;

  it('is read as a grid up to MAX_TAGGED_TABLE_CELLS cells', () => {
    const doc = parseTextDocument(bigTable(rowsAtCap));
    const tables = doc.pages.flatMap((p) => p.blocks.filter((b): b is Table => b.kind === 'table'));
    expect(tables).toHaveLength(1);
    expect(tables[0]?.rows).toHaveLength(rowsAtCap);
    expect(doc.diagnostics.map((d) => d.code)).not.toContain('text/table-too-large');
  });

  it('past it, is kept whole as preformatted text with a text/table-too-large warning', () => {
    const text = bigTable(rowsAtCap + 1);
    const doc = parseTextDocument(text);
    const blocks = doc.pages.flatMap((p) => p.blocks);
    expect(blocks.some((b) => b.kind === 'table')).toBe(false);
    const kept = blocks.filter((b) => b.kind === 'preformatted');
    expect(kept).toHaveLength(1);
    const lines = kept[0]?.kind === 'preformatted' ? kept[0].text.split('\n') : [];
    // Every row line as it stands, the heading line too; the tag lines are markup, not content.
    expect(lines).toHaveLength(rowsAtCap + 2);
    expect(lines[0]).toBe('                Amount   Share');
    expect(lines[1]).toBe(`Holding 000000  ${'0'.padStart(7)}  1%`);
    expect(lines.at(-1)).toBe(
      `Holding ${String(rowsAtCap).padStart(6, '0')}  ${String(rowsAtCap * 7).padStart(7)}  ${(rowsAtCap % 100) + 1}%`,
    );
    expect(lines.some((line) => /<S>|<C>|<CAPTION>|<\/?TABLE>/.test(line))).toBe(false);
    const warning = doc.diagnostics.find((d) => d.code === 'text/table-too-large');
    expect(warning?.severity).toBe('warning');
    expect(warning?.message).toContain(`${rowsAtCap + 4} lines by 3 column(s)`);
    expect(warning?.offset).toBe(0);
    const span = kept[0]?.span;
    expect(span && text.slice(span.start, span.end).endsWith('</TABLE>')).toBe(true);
  });

  it('when never closed, also says so', () => {
    const doc = parseTextDocument(bigTable(rowsAtCap + 10).replace('</TABLE>', '\n\n'));
    expect(doc.diagnostics.map((d) => d.code)).toEqual(['text/table-too-large', 'text/unclosed-table']);
  });
});

describe('a 13F holdings table of thousands of rows', () => {
  /** A legacy 13F-HR information table: a two-line heading over twelve `<C>` columns, one line per holding. */
  const holdings = (rows: number): string => {
    const lines = [
      '<TABLE>',
      '<CAPTION>',
      '                                                            VALUE    SHRS OR  SH/ PUT/ INVSTMT  OTHER     VOTING AUTHORITY',
      'NAME OF ISSUER              TITLE OF CLASS    CUSIP       (X$1000)  PRN AMT  PRN CALL DSCRETN  MANAGERS  SOLE   SHARED  NONE',
      '<S>                         <C>               <C>         <C>       <C>      <C> <C>  <C>      <C>       <C>    <C>     <C>',
    ];
    for (let i = 0; i < rows; i++) lines.push(holdingLine(i));
    lines.push('</TABLE>');
    return lines.join('\n');
  };
  const holdingLine = (i: number): string =>
    `${`ISSUER ${String(i).padStart(5, '0')} INC`.padEnd(28)}COM               ${String(100000000 + i * 7)}   ${String((i * 13) % 99999).padStart(8)}  ${String(i * 100).padStart(7)}  SH       SOLE     1         ${String(i).padStart(6)}       0     0`;
  /** The twelve fields of holding `i`, as the line above writes them (the PUT/CALL column is empty). */
  const fields = (i: number): string[] => [
    `ISSUER ${String(i).padStart(5, '0')} INC`,
    'COM',
    String(100000000 + i * 7),
    String((i * 13) % 99999),
    String(i * 100),
    'SH',
    '',
    'SOLE',
    '1',
    String(i),
    '0',
    '0',
  ];
  const rows = 4990;

  it('keeps its columns: every holding a row of its twelve fields, under the column headings', () => {
    // Heading and marker lines count too.
    expect((rows + 3) * 12).toBeLessThanOrEqual(MAX_TAGGED_TABLE_CELLS);
    const doc = parseTextDocument(holdings(rows));
    expect(doc.diagnostics.map((d) => d.code)).toEqual([]);
    const tables = doc.pages.flatMap((p) => p.blocks.filter((b): b is Table => b.kind === 'table'));
    expect(tables).toHaveLength(1);
    const table = tables[0] as Table;
    expect(table.columnCount).toBe(12);
    expect(table.headerRows.at(-1)?.cells.map((cell) => cell.text)).toEqual([
      'NAME OF ISSUER',
      'TITLE OF CLASS',
      'CUSIP',
      'VALUE (X$1000)',
      'SHRS OR PRN AMT',
      'SH/ PRN',
      'PUT/ CALL',
      'INVSTMT DSCRETN',
      'OTHER MANAGERS',
      'SOLE',
      'SHARED',
      'NONE',
    ]);
    expect(table.rows).toHaveLength(rows);
    for (let i = 0; i < rows; i++) expect(table.rows[i]?.cells.map((cell) => cell.text)).toEqual(fields(i));
  });
});
