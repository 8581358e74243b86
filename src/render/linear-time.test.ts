import { describe, expect, it } from 'vitest';
import { expectLinear } from '../../test/scaling.js';
import type { DocumentModel } from '../model/document.js';
import { parseHtmlDocument } from '../parse/html/parse-html-document.js';
import { parseTextDocument } from '../parse/text/parse-text-document.js';
import { MAX_TAGGED_TABLE_CELLS } from '../parse/text/tagged-table.js';
import { renderHtml, renderJson, renderMarkdown, renderText } from './index.js';

/**
 * The shapes the fuzz harness (bench/fuzz.ts) found slowest, read and rendered every way, must grow in linear time:
 * CPU time (`process.cpuUsage`, which a loaded machine disturbs less than wall time) for input of size n and 2n.
 */

function renderAll(model: DocumentModel): void {
  renderText(model);
  renderMarkdown(model);
  renderHtml(model);
  renderJson(model);
}

/** A legacy `<TABLE>` of `rows` 15-byte rows of signs and figures (the fuzz harness's hostile body 11). */
const signTable = (rows: number): string => `<TABLE>\n<S> <C> <C>\n${'$ ( 1 , 2 ) % \n'.repeat(rows)}</TABLE>\n`;

describe('read and rendered in linear time', () => {
  it('a legacy <TABLE> read as a grid', () => {
    const rows = Math.floor(MAX_TAGGED_TABLE_CELLS / 3 / 2) - 10;
    expect(2 * rows * 3).toBeLessThan(MAX_TAGGED_TABLE_CELLS);
    expectLinear((n) => {
      const text = signTable(n);
      return () => renderAll(parseTextDocument(text));
    }, rows);
  });

  it('a legacy <TABLE> too large for a grid, kept as preformatted text', () => {
    const rows = MAX_TAGGED_TABLE_CELLS;
    expect(parseTextDocument(signTable(rows)).diagnostics.map((d) => d.code)).toContain('text/table-too-large');
    expectLinear((n) => {
      const text = signTable(n);
      return () => renderAll(parseTextDocument(text));
    }, rows);
  });

  it('a legacy 13F holdings <TABLE> of thousands of rows, read as a grid of twelve columns', () => {
    const holdings = (rows: number): string => {
      const lines = [
        '<TABLE>',
        '<CAPTION>',
        '                                                 VALUE    SHRS OR  SH/ INVSTMT  OTHER     VOTING AUTHORITY',
        'NAME OF ISSUER              TITLE OF CLASS CUSIP (X$1000)  PRN AMT  PRN DSCRETN  MANAGERS  SOLE   SHARED  NONE',
        '<S>                         <C>            <C>   <C>       <C>      <C> <C>      <C>       <C>    <C>     <C>',
      ];
      for (let i = 0; i < rows; i++)
        lines.push(
          `${`ISSUER ${i} INC`.padEnd(28)}COM            ${String(100000000 + i * 7)} ${String(i % 9999).padStart(6)}  ${String(i * 100).padStart(7)}  SH  SOLE     1         ${String(i).padStart(6)}       0     0`,
        );
      lines.push('</TABLE>');
      return lines.join('\n');
    };
    const rows = Math.floor(MAX_TAGGED_TABLE_CELLS / 11 / 2) - 10;
    const table = parseTextDocument(holdings(2 * rows))
      .pages.flatMap((page) => page.blocks)
      .find((block) => block.kind === 'table');
    expect(table?.kind === 'table' && table.rows.length).toBe(2 * rows);
    expectLinear(
      (n) => {
        const text = holdings(n);
        return () => renderAll(parseTextDocument(text));
      },
      // A quarter of the rows: on a machine where fresh memory is slow, the collector's share of reading the grid
      // grew with its size (per row 7 us at 676 rows, 18 at 2,706, 77 at 5,412, 40% of it collection): see
      // docs/scaling.md, "Measuring on a loaded machine".
      Math.floor(rows / 4),
    );
  });

  it('HTML text of `<` that opens no tag, handed over a character at a time', () => {
    // Joined into one piece, the text and its span are those of the source.
    const html = `<p>a${'<'.repeat(50)} 1 &amp; c</p>`;
    const [block] = parseHtmlDocument(html).pages.flatMap((page) => page.blocks);
    expect(block?.kind === 'paragraph' && block.text).toBe(`a${'<'.repeat(50)} 1 & c`);
    expect(block && html.slice(block.span.start, block.span.end)).toBe(`a${'<'.repeat(50)} 1 &amp; c`);
    expectLinear((n) => {
      const html = `<p>${'<'.repeat(n)}</p>`;
      return () => renderAll(parseHtmlDocument(html));
    }, 100_000);
  });

  it('an HTML table of many rows of split signs and figures', () => {
    expectLinear((n) => {
      const html = `<table>${'<tr><td>$</td><td>(1,234</td><td>)%</td></tr>'.repeat(n)}</table>`;
      return () => renderAll(parseHtmlDocument(html));
    }, 2_000);
  });
});
