import { Parser } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import type { Block, Choice, DocumentModel, Heading, ListBlock, Paragraph, Table } from '../../model/document.js';
import { HtmlModelBuilder } from './html-model-builder.js';
import { isLegacyTextInHtml } from './legacy-text.js';
import { HTML_PARSER_OPTIONS, modelFromBuilder, parseHtmlDocument } from './parse-html-document.js';

function blocks(html: string): Block[] {
  return parseHtmlDocument(html).pages.flatMap((page) => [...page.blocks]);
}

function texts(html: string): string[] {
  return blocks(html).map((block) => ('text' in block ? block.text : block.kind));
}

function only<T extends Block['kind']>(html: string, kind: T): Extract<Block, { kind: T }>[] {
  return blocks(html).filter((block): block is Extract<Block, { kind: T }> => block.kind === kind);
}

function choices(html: string): { label: string; marked: boolean }[][] {
  return only(html, 'choice').map((choice: Choice) => choice.options.map(({ label, marked }) => ({ label, marked })));
}

function cells(table: Table): string[][] {
  return [...table.headerRows, ...table.rows].map((row) => row.cells.map((cell) => cell.text));
}

describe('text', () => {
  it('decodes entities, turns no-break spaces into spaces and collapses white space', () => {
    expect(texts('<p>Smith&nbsp;&amp;&#160;Sons\n   Ltd &#8212; &quot;here&quot;</p>')).toEqual(['Smith & Sons Ltd — "here"']);
  });

  it('reads C1 references and raw C1 characters as Windows-1252', () => {
    expect(texts('<p>a &#151; b &#147;c&#148; &#146;</p>')).toEqual(['a — b “c” ’']);
    const model = parseHtmlDocument('<p>\u0093quoted\u0094 \u0096 dash</p>');
    expect(model.pages[0]?.blocks[0]).toMatchObject({ text: '“quoted” – dash' });
    expect(model.diagnostics.map((found) => found.code)).toContain('html/windows-1252-characters');
  });

  it('removes zero-width spaces and soft hyphens', () => {
    expect(texts('<p>in&#8203;visible co&shy;operate</p>')).toEqual(['invisible cooperate']);
  });

  it('keeps spans as character ranges of the input', () => {
    const html = '<div>  <p>First  paragraph</p><p>Second</p></div>';
    const [first, second] = blocks(html) as [Paragraph, Paragraph];
    expect(html.slice(first.span.start, first.span.end)).toBe('First  paragraph');
    expect(html.slice(second.span.start, second.span.end)).toBe('Second');
  });
});

describe('hidden content', () => {
  it('never shows head, title, script or style', () => {
    const html =
      '<html><head><title>Title text</title><style>p { color: red }</style></head><body><script>var x = 1;</script><p>Body</p></body></html>';
    expect(texts(html)).toEqual(['Body']);
  });

  it('leaves out ix:header and display:none content', () => {
    const html =
      '<body><div style="display:none"><ix:header><ix:hidden><ix:nonNumeric name="dei:AmendmentFlag">false</ix:nonNumeric></ix:hidden>' +
      '<ix:resources><xbrli:context id="c"><xbrli:startDate>2024-01-01</xbrli:startDate></xbrli:context></ix:resources></ix:header></div>' +
      '<p>Shown <span style="display: none">secret</span><ix:nonNumeric name="dei:EntityRegistrantName">ACME CORP</ix:nonNumeric></p>' +
      '<ix:header>also hidden</ix:header><p style="visibility:hidden">&#8203;</p></body>';
    expect(texts(html)).toEqual(['Shown ACME CORP']);
  });

  it('reads each style string for itself, however alike and however many', () => {
    // Same length and the same first, middle and last characters: only a full comparison tells them apart.
    const alike = Array.from({ length: 6 }, (_, index) =>
      index % 2 === 0 ? `<p style="display:none">hidden ${index}</p>` : `<p style="display:nose">shown ${index}</p>`,
    ).join('');
    expect(texts(alike)).toEqual(['shown 1', 'shown 3', 'shown 5']);
    // More distinct styles than any cache holds, each met twice, every third one hiding its text.
    const styles = Array.from({ length: 6000 }, (_, index) => (index % 3 === 0 ? `display:none;width:${index}px` : `width:${index}px`));
    const many = [...styles, ...styles].map((style, index) => `<p style="${style}">p${index}</p>`).join('');
    const expected = [...styles, ...styles].flatMap((style, index) => (style.startsWith('display') ? [] : [`p${index}`]));
    expect(texts(many)).toEqual(expected);
  });

  it('closes XHTML self-closing tags (inline XBRL)', () => {
    const html = '<table><tr><td/><td/></tr><tr><td>Revenue</td><td>1,000</td></tr></table><div/><p>After</p>';
    const table = only(html, 'table')[0] as Table;
    expect(cells(table)).toEqual([['Revenue', '1,000']]);
    expect(texts(html)).toContain('After');
  });
});

describe('headings and paragraphs', () => {
  it('reads h1–h6 with their levels', () => {
    const found = only('<h1>One</h1><h3>Three</h3><h6>Six</h6>', 'heading') as Heading[];
    expect(found.map((heading) => [heading.level, heading.text])).toEqual([
      [1, 'One'],
      [3, 'Three'],
      [6, 'Six'],
    ]);
  });

  it('reads a short bold standalone line as a heading, a long or plain one as a paragraph', () => {
    const html =
      '<p align="center"><b>SIGNATURES</b></p><p><b>Item 8.01. Other Events.</b></p><p>Plain text.</p>' +
      `<p><b>${'A long bold sentence that goes on and on. '.repeat(5)}</b></p>`;
    const found = blocks(html);
    expect(found[0]).toMatchObject({ kind: 'heading', level: 2, text: 'SIGNATURES', align: 'center' });
    expect(found[1]).toMatchObject({ kind: 'heading', level: 3, text: 'Item 8.01. Other Events.' });
    expect(found[2]).toMatchObject({ kind: 'paragraph', text: 'Plain text.' });
    expect(found[3]?.kind).toBe('paragraph');
  });

  it('reads font-weight and text-align from styles', () => {
    const found = blocks('<div style="text-align:center"><font style="font-weight:700">ALCON INC.</font></div>');
    expect(found[0]).toMatchObject({ kind: 'heading', level: 2, align: 'center' });
  });

  it('splits <br> runs into lines, joining hard wraps of running text', () => {
    const html =
      '<p>M.J. van Ginneken<br>Koninklijke Philips N.V.<br>Amstelplein 2</p>' +
      '<p>Indicate by check mark whether by furnishing the information contained in this<br>Form, the registrant is also furnishing it.</p>' +
      '<p><strong>Patient safety<br></strong>Strengthening patient safety is the highest priority.</p>';
    expect(texts(html)).toEqual([
      'M.J. van Ginneken',
      'Koninklijke Philips N.V.',
      'Amstelplein 2',
      'Indicate by check mark whether by furnishing the information contained in this Form, the registrant is also furnishing it.',
      'Patient safety',
      'Strengthening patient safety is the highest priority.',
    ]);
  });

  it('makes a line of underscores a rule', () => {
    expect(blocks('<div>_________________</div>')[0]?.kind).toBe('rule');
  });

  it('keeps <pre> layout', () => {
    const found = only('<pre>\n  Revenue    1,000\n  Costs        200\n</pre>', 'preformatted');
    expect(found[0]?.text).toBe('  Revenue    1,000\n  Costs        200');
  });
});

describe('lists', () => {
  it('reads ul and ol items, nested items after their parent', () => {
    const html = '<ul><li>One</li><li>Two<ul><li>Two a</li></ul></li></ul><ol><li>First</li></ol>';
    const [unordered, ordered] = only(html, 'list') as [ListBlock, ListBlock];
    expect(unordered.ordered).toBe(false);
    expect(unordered.items.map((item) => item.text)).toEqual(['One', 'Two', 'Two a']);
    expect(ordered).toMatchObject({ ordered: true, items: [{ text: 'First' }] });
  });

  it('reads bullet tables as one list', () => {
    const html =
      '<table><tr><td>•</td><td>the first point;</td></tr></table>' + '<table><tr><td>•</td><td>the second point.</td></tr></table>';
    const lists = only(html, 'list');
    expect(lists).toHaveLength(1);
    expect(lists[0]?.items.map((item) => item.text)).toEqual(['the first point;', 'the second point.']);
  });
});

describe('tables', () => {
  it('undoes split $ and ) cells and drops spacer columns', () => {
    const html = `<table>
      <tr><td></td><td colspan="3">2023</td><td></td><td colspan="3">2022</td></tr>
      <tr><td>Revenue</td><td>$</td><td>1,234</td><td></td><td></td><td>$</td><td>1,100</td><td></td></tr>
      <tr><td>Net loss</td><td></td><td>(56</td><td>)</td><td></td><td></td><td>(7</td><td>)</td></tr>
      <tr><td>Margin</td><td></td><td>12.5</td><td>%</td><td></td><td></td><td>(1.5</td><td>)%</td></tr>
      <tr><td>&nbsp;</td><td>&nbsp;</td><td></td><td></td><td></td><td></td><td></td><td></td></tr>
    </table>`;
    const table = only(html, 'table')[0] as Table;
    expect(table.columnCount).toBe(3);
    expect(table.headerRows.map((row) => row.cells.map((cell) => [cell.text, cell.colspan]))).toEqual([
      [
        ['', 1],
        ['2023', 1],
        ['2022', 1],
      ],
    ]);
    expect(table.rows.map((row) => row.cells.map((cell) => cell.text))).toEqual([
      ['Revenue', '$1,234', '$1,100'],
      ['Net loss', '(56)', '(7)'],
      ['Margin', '12.5%', '(1.5)%'],
    ]);
    const merged = table.rows[0]?.cells[1];
    expect(merged && html.slice(merged.span.start, merged.span.end)).toBe('<td>$</td><td>1,234</td>');
  });

  it('leaves a % beside an empty cell alone', () => {
    const table = only(
      '<table><tr><td>Class A</td><td>$1,000</td><td></td><td>%</td></tr><tr><td>B</td><td>2</td><td>3</td><td>4</td></tr></table>',
      'table',
    )[0] as Table;
    expect(cells(table)[0]).toEqual(['Class A', '$1,000', '', '%']);
  });

  it('places cells through colspan and rowspan', () => {
    const html =
      '<table><tr><th rowspan="2">Name</th><th colspan="2">Shares</th></tr><tr><th>Owned</th><th>%</th></tr>' +
      '<tr><td>A. Smith</td><td>1,000</td><td>5.1</td></tr></table>';
    const table = only(html, 'table')[0] as Table;
    expect(table.columnCount).toBe(3);
    expect(table.headerRows).toHaveLength(2);
    expect(table.headerRows[0]?.cells.map((cell) => [cell.text, cell.colspan, cell.rowspan])).toEqual([
      ['Name', 1, 2],
      ['Shares', 2, 1],
    ]);
    expect(cells(table)[2]).toEqual(['A. Smith', '1,000', '5.1']);
  });

  it('tells header rows by the first row of numbers, not by years', () => {
    const html =
      '<table><tr><td></td><td>Year ended December 31,</td></tr><tr><td></td><td>2023</td><td>2022</td></tr>' +
      '<tr><td>Sales</td><td>10</td><td>9</td></tr></table>';
    const table = only(html, 'table')[0] as Table;
    expect(table.headerRows).toHaveLength(2);
    expect(table.rows).toHaveLength(1);
  });

  it('moves footnote rows out and reads the caption', () => {
    const html =
      '<table><caption>Selected data</caption><tr><td>Sales</td><td>10</td></tr><tr><td>Costs</td><td>4</td></tr>' +
      '<tr><td colspan="2">(1) Restated.</td></tr></table>';
    const table = only(html, 'table')[0] as Table;
    expect(table.caption).toBe('Selected data');
    expect(table.footnotes).toEqual(['(1) Restated.']);
    expect(table.rows).toHaveLength(2);
  });

  it('gives a one-column layout table back as paragraphs', () => {
    const html = '<table><tr><td><p>First paragraph.</p><p>Second paragraph.</p></td></tr><tr><td>Third.</td></tr></table>';
    expect(blocks(html).map((block) => block.kind)).toEqual(['paragraph', 'paragraph', 'paragraph']);
  });

  it('keeps a table nested in a layout table', () => {
    const html =
      '<table><tr><td><p>Intro</p><table><tr><td>Sales</td><td>10</td></tr><tr><td>Costs</td><td>4</td></tr></table></td><td>x</td></tr></table>';
    const kinds = blocks(html).map((block) => block.kind);
    expect(kinds).toContain('table');
    expect(cells(only(html, 'table')[0] as Table)).toEqual([
      ['Sales', '10'],
      ['Costs', '4'],
    ]);
  });

  it('drops tables with no text', () => {
    expect(blocks('<table><tr><td>&nbsp;</td><td></td></tr></table>')).toEqual([]);
  });

  it('reports a table without </table>', () => {
    const model = parseHtmlDocument('<table><tr><td>A</td><td>1</td></tr>');
    expect(model.diagnostics.map((found) => found.code)).toContain('html/unclosed-table');
    expect(model.pages[0]?.blocks[0]?.kind).toBe('table');
  });
});

describe('pages', () => {
  it('breaks pages at page-break styles on any element and at full-width <hr>', () => {
    const html =
      '<p>One</p><div style="page-break-after: always"><p>Two</p></div><p>Three</p>' +
      '<p style="PAGE-BREAK-BEFORE:ALWAYS">Four</p><hr noshade size="3"><p>Five</p><hr width="100%"><p>Six</p>';
    const model = parseHtmlDocument(html);
    expect(model.pages.map((page) => page.blocks.map((block) => ('text' in block ? block.text : block.kind)))).toEqual([
      ['One', 'Two'],
      ['Three'],
      ['Four'],
      ['Five'],
      ['Six'],
    ]);
    expect(model.pages.map((page) => page.number)).toEqual([1, 2, 3, 4, 5]);
  });

  it('keeps a narrow <hr> as a rule', () => {
    const model = parseHtmlDocument('<p>A</p><hr style="width: 50%"><hr width="10%"><p>B</p>');
    expect(model.pages).toHaveLength(1);
    expect(model.pages[0]?.blocks.map((block) => block.kind)).toEqual(['paragraph', 'rule', 'rule', 'paragraph']);
  });

  it('reads page numbers at the foot (or head) of a page as labels', () => {
    const html =
      '<p>Text one</p><p align="center">1</p><hr><p>Text two</p><p align="center">- 2 -</p><hr>' +
      '<p>Text F</p><p>F-3</p><hr><p>Page 4</p><p>Text four</p><hr><p>Text five</p><p>ii</p>';
    const model = parseHtmlDocument(html);
    expect(model.pages.map((page) => page.label)).toEqual(['1', '2', 'F-3', '4', 'ii']);
    expect(model.pages.map((page) => page.blocks.length)).toEqual([1, 1, 1, 1, 1]);
  });

  it('drops empty pages and covers the whole source with page spans', () => {
    const html = '<hr><hr><p>Only</p><hr><hr>';
    const model = parseHtmlDocument(html);
    expect(model.pages).toHaveLength(1);
    expect(model.pages[0]?.span).toEqual({ start: 0, end: html.length });
  });

  it('breaks at legacy <PAGE> tags', () => {
    expect(parseHtmlDocument('<p>A</p><PAGE><p>B</p>').pages).toHaveLength(2);
  });

  it('gives an empty document one empty page', () => {
    const model: DocumentModel = parseHtmlDocument('');
    expect(model.pages).toEqual([{ number: 1, label: null, blocks: [], span: { start: 0, end: 0 } }]);
  });
});

describe('check boxes', () => {
  const annual = [
    { label: 'Form 20-F', marked: true },
    { label: 'Form 40-F', marked: false },
  ];

  it('reads ☒/☐ after their labels, with the question as a paragraph', () => {
    const html =
      '<div>Indicate by check mark whether the registrant files annual reports:  Form 20-F &#9746; &#160;&#160;Form 40-F &#9744;</div>';
    expect(choices(html)).toEqual([annual]);
    expect(texts(html)[0]).toBe('Indicate by check mark whether the registrant files annual reports:');
    const choice = only(html, 'choice')[0] as Choice;
    const [first] = choice.options;
    expect(first && html.slice(first.span.start, first.span.end)).toBe('Form 20-F');
    expect(first?.markSpan && html.slice(first.markSpan.start, first.markSpan.end)).toBe('&#9746;');
  });

  it('reads boxes before their labels', () => {
    expect(choices('<p>[&#160; ]&#160; YES&#160; [X]&#160; &#160; NO</p>')).toEqual([
      [
        { label: 'YES', marked: false },
        { label: 'NO', marked: true },
      ],
    ]);
    expect(
      choices(
        '<p>40-F:&nbsp;&nbsp;<img src="ballot.jpg">&nbsp;Form 20-F&nbsp;&nbsp;&nbsp;&nbsp;<img src="ballotx.jpg">&nbsp;Form 40-F</p>',
      ),
    ).toEqual([
      [
        { label: 'Form 20-F', marked: false },
        { label: 'Form 40-F', marked: true },
      ],
    ]);
  });

  it('reads Wingdings boxes from face attributes and font-family styles', () => {
    expect(choices('<p>Form 20-F <font face="Wingdings">x</font>&#160;&#160; Form 40-F <font face="Wingdings">o</font></p>')).toEqual([
      annual,
    ]);
    expect(
      choices(
        '<p>Yes <span style="font-family: Wingdings">&#168;</span>&#160;&#160;&#160;No <span style="font-family:Wingdings">&#254;</span></p>',
      ),
    ).toEqual([
      [
        { label: 'Yes', marked: false },
        { label: 'No', marked: true },
      ],
    ]);
    expect(texts('<p>Form 20-F <font face="Wingdings">x</font></p>')).toEqual(['choice']);
  });

  it('reads [X] and [ ] and an unreadable box', () => {
    expect(choices('<p>Form 20-F [X]&#160;&#160;&#160;&#160;&#160;Form 40-F [&#160;&#160;]</p>')).toEqual([annual]);
    expect(choices('<p>Yes &#56256;&#56453;&nbsp;&nbsp;&nbsp;&nbsp;No [X]</p>')).toEqual([
      [
        { label: 'Yes', marked: false },
        { label: 'No', marked: true },
      ],
    ]);
  });

  it('reads underlined and underscored X marks against blanks', () => {
    expect(
      choices('<p>Form 20-F&#160;<u>&#160;&#160;X&#160;&#160;</u>&#160;&#160;&#160;Form 40-F <u>&#160;&#160;&#160;&#160;</u></p>'),
    ).toEqual([annual]);
    expect(choices('<p>Form 20-F __X__&#160;&#160;&#160;&#160;Form 40-F _____</p>')).toEqual([annual]);
    expect(choices('<p>Form 20-F X&#160;&#160;&#160;&#160;Form 40-F</p>')).toEqual([annual]);
  });

  it('reads a label with no box as unmarked', () => {
    expect(choices('<p>Form 20-F <font face="Wingdings">x</font>&#160; Form 40-F</p>')).toEqual([annual]);
  });

  it('reads boxes in table cells, an empty bordered cell being a blank box', () => {
    const html =
      '<table><tr><td>Form 20-F</td><td style="border-bottom: black 2px solid">X</td><td>&#160;</td>' +
      '<td>Form 40-F</td><td style="border-bottom: black 2px solid">&#160;</td></tr></table>';
    expect(choices(html)).toEqual([annual]);
    expect(only(html, 'table')).toEqual([]);
    const eightK =
      '<table><tr><td>&#9744;</td><td>Written communications pursuant to Rule 425</td></tr>' +
      '<tr><td>&#9746;</td><td>Soliciting material pursuant to Rule 14a-12</td></tr></table>';
    expect(choices(eightK)).toEqual([
      [{ label: 'Written communications pursuant to Rule 425', marked: false }],
      [{ label: 'Soliciting material pursuant to Rule 14a-12', marked: true }],
    ]);
  });

  it('reads a single box after a sentence as one option', () => {
    expect(choices('<p>Indicate by check mark if the registrant is submitting the Form 6-K in paper: &#9744;</p>')).toEqual([
      [{ label: 'Indicate by check mark if the registrant is submitting the Form 6-K in paper', marked: false }],
    ]);
  });

  it('does not see boxes in ordinary text', () => {
    expect(only('<p>Signature: ____________</p><p>Exhibit X to the agreement</p><p>[Reserved]</p>', 'choice')).toEqual([]);
    expect(only('<p>If yes, indicate the file number: 82-_______</p>', 'choice')).toEqual([]);
  });
});

describe('legacy ASCII in an HTML wrapper', () => {
  const legacy =
    '<html><body><div>\n                FORM 20-F\n<TABLE>\n<CAPTION>\n<S>            <C>\nRevenue        1,000\n</TABLE>\n<PAGE>\n   Page two text\n</div></body></html>';

  it('is told from HTML', () => {
    expect(isLegacyTextInHtml(legacy)).toBe(true);
    const html = '<p>One</p><p>Two</p><p>Three</p><table><tr><td>Four</td><td>Five</td><td><S>Six</td></tr></table><PAGE><PAGE><PAGE>';
    expect(isLegacyTextInHtml(html)).toBe(false);
  });

  it('keeps its layout as preformatted text, paged at <PAGE>', () => {
    const model = parseHtmlDocument(legacy);
    expect(model.pages).toHaveLength(2);
    expect(model.pages[0]?.blocks.map((block) => block.kind)).toEqual(['preformatted', 'preformatted']);
    expect(model.pages[0]?.blocks[0]).toMatchObject({ text: '                FORM 20-F' });
    expect(model.pages[0]?.blocks[1]).toMatchObject({ text: expect.stringContaining('Revenue        1,000') });
    expect(model.pages[1]?.blocks[0]).toMatchObject({ text: '   Page two text' });
  });
});

describe('streaming', () => {
  function chunked(html: string, sizes: () => number): DocumentModel {
    const builder = new HtmlModelBuilder({ preformatted: isLegacyTextInHtml(html) });
    const parser = new Parser(builder, HTML_PARSER_OPTIONS);
    for (let at = 0; at < html.length; ) {
      const size = Math.max(1, sizes());
      parser.write(html.slice(at, at + size));
      at += size;
    }
    parser.end();
    return modelFromBuilder(builder, html);
  }

  const sample =
    '<html><head><title>t</title></head><body><p align=center><b>COVER</b></p><div>Form 20-F <font face="Wingdings">x</font>&nbsp;&nbsp;Form 40-F <font face="Wingdings">o</font></div>' +
    '<table><tr><td>Revenue</td><td>$</td><td>1,234</td></tr><tr><td>Loss</td><td></td><td>(5</td><td>)</td></tr></table>' +
    '<hr><p>Caf&eacute; &amp; more&#151;text</p><ul><li>a</li><li>b</li></ul></body></html>';

  it('gives the same model whole, one character at a time, and in random chunks', () => {
    const whole = parseHtmlDocument(sample);
    expect(chunked(sample, () => 1)).toEqual(whole);
    let seed = 7;
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return 1 + (seed % 17);
    };
    expect(chunked(sample, random)).toEqual(whole);
  });
});
