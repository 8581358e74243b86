import { describe, expect, it } from 'vitest';
import type { Block, DocumentModel } from '../model/document.js';
import { renderMarkdown } from './render-markdown.js';
import { choice, documentOf, page, SourceBuilder, sampleDocument, table } from './test-models.js';

function oneBlock(make: (source: SourceBuilder) => Block[]): DocumentModel {
  const source = new SourceBuilder();
  return documentOf(source, [page(source, 1, null, make)]);
}

function paragraphs(texts: readonly string[]): DocumentModel {
  return oneBlock((s) => texts.map((text) => ({ kind: 'paragraph', text, align: null, span: s.add(text) })));
}

/** Cells per table line: pipes that are not escaped, less one. */
function cellCount(line: string): number {
  return line.replace(/\\./g, '').split('|').length - 2;
}

describe('renderMarkdown', () => {
  const model = sampleDocument();

  it('renders the cover page: heading, paragraph and the choice as a task list', () => {
    expect(renderMarkdown(model, { page: 1 })).toBe(
      [
        '<!-- page 1 -->',
        '',
        '# FORM 6-K',
        '',
        'Indicate by check mark whether the registrant files or will file annual reports under cover of Form 20-F or Form 40-F.',
        '',
        '- [x] Form 20-F',
        '- [ ] Form 40-F',
        '',
      ].join('\n'),
    );
  });

  it('renders an exhibit index as a pipe table with the header row', () => {
    expect(renderMarkdown(model, { page: 2 }).split('\n')).toEqual([
      '<!-- page 2 -->',
      '',
      '## EXHIBIT INDEX',
      '',
      '| Exhibit | Description |',
      '| --- | --- |',
      '| Exhibit 99.1: | a notice regarding the resolution of the board of directors of Hanaro Telecom, Inc. to pay an interim dividend for the fiscal year 2002, dated December 20, 2002 |',
      '| Exhibit 99.2: | a press release |',
      '',
    ]);
  });

  it('renders a financial table: italic caption, merged header rows, right-aligned amounts, footnotes', () => {
    expect(renderMarkdown(model, { page: 3 }).split('\n')).toEqual([
      '<!-- page 3 -->',
      '',
      '*CONSOLIDATED STATEMENTS OF INCOME*',
      '',
      '|  | Year ended December 31 2002 | 2001 |',
      '| --- | ---: | ---: |',
      '| Revenue | $ 1,234,567 | $ 987,654 |',
      '| Operating loss | (1,234) | (56) |',
      '| Net income (loss) | $ (1,234) | $ 789 |',
      '',
      '- (1) Restated; see Note 2.',
      '',
    ]);
  });

  it('escapes untrusted markup and pipes, with an empty header row when there is none', () => {
    const lines = renderMarkdown(model, { page: 4 }).split('\n');
    expect(lines).toEqual([
      '<!-- page 4 -->',
      '',
      '\\<script>alert(1)\\</script>',
      '',
      '|  |  |',
      '| --- | --- |',
      '| \\<script>alert(1)\\</script> | a \\| b |',
      '| C:\\\\path | 1 \\* 2 \\_x\\_ |',
      '',
      '- \\# not a heading',
      '- 1\\. not a number',
      '',
      '````',
      '  a ```b``` c',
      '    indented',
      '````',
      '',
      '---',
      '',
    ]);
    for (const line of lines.slice(4, 8)) expect(cellCount(line)).toBe(2);
  });

  it('escapes Markdown specials in paragraph text only where they would change its meaning', () => {
    const texts = [
      '# Title',
      '> quote',
      '- item',
      '+ item',
      '1. one',
      '2) two',
      '*bold* and _it_ and `code`',
      '[link](http://example.com)',
      'AT&T & co &amp; &#39;',
      'a - b + c > d # e 3. f',
      '~~gone~~ C:\\dir',
    ];
    expect(renderMarkdown(paragraphs(texts)).split('\n\n')).toEqual([
      '<!-- page 1 -->',
      '\\# Title',
      '\\> quote',
      '\\- item',
      '\\+ item',
      '1\\. one',
      '2\\) two',
      '\\*bold\\* and \\_it\\_ and \\`code\\`',
      '\\[link](http://example.com)',
      'AT&T & co \\&amp; \\&#39;',
      'a - b + c > d # e 3. f',
      '\\~\\~gone\\~\\~ C:\\\\dir\n',
    ]);
  });

  it('joins wrapped lines in paragraphs and cells so no line starts a new block', () => {
    const doc = paragraphs(['first line\n# not a heading\n  - nor a list']);
    expect(renderMarkdown(doc)).toBe('<!-- page 1 -->\n\nfirst line # not a heading - nor a list\n');
  });

  it('escapes a closing # in a heading and keeps heading levels', () => {
    const doc = oneBlock((s) => [
      { kind: 'heading', level: 3, text: 'Item 5 C#', align: null, span: s.add('Item 5 C#') },
      { kind: 'heading', level: 6, text: '*Notes*', align: 'center', span: s.add('*Notes*') },
    ]);
    expect(renderMarkdown(doc)).toBe('<!-- page 1 -->\n\n### Item 5 C\\#\n\n###### \\*Notes\\*\n');
  });

  it('repeats empty cells for colspan and rowspan so every row has the column count', () => {
    const doc = oneBlock((s) => [
      table(s, {
        header: [
          [
            { text: 'Name', rowspan: 2 },
            { text: 'Quarter', colspan: 2 },
          ],
          ['Q1', 'Q2'],
        ],
        rows: [
          [{ text: 'Sales', rowspan: 2 }, '10', '20'],
          ['30', '40'],
          [{ text: 'Total', colspan: 2 }, '100'],
        ],
        columnCount: 3,
      }),
    ]);
    expect(renderMarkdown(doc).split('\n').slice(2)).toEqual([
      '| Name | Quarter Q1 | Q2 |',
      '| --- | ---: | ---: |',
      '| Sales | 10 | 20 |',
      '|  | 30 | 40 |',
      '| Total |  | 100 |',
      '',
    ]);
  });

  it('keeps adjacent lists apart and fences code longer than any backtick run inside', () => {
    const doc = oneBlock((s) => [
      { kind: 'list', ordered: false, items: [{ text: 'one', span: s.add('one') }], span: s.add('') },
      choice(s, [
        ['Yes', false],
        ['No', true],
      ]),
      { kind: 'preformatted', text: 'x ````` y\n', span: s.add('x') },
    ]);
    expect(renderMarkdown(doc)).toBe('<!-- page 1 -->\n\n- one\n\n<!-- -->\n\n- [ ] Yes\n- [x] No\n\n``````\nx ````` y\n``````\n');
  });

  it('separates pages with page comments and renders one page on request', () => {
    const markdown = renderMarkdown(model);
    expect(markdown.startsWith('<!-- page 1 -->\n\n# FORM 6-K\n')).toBe(true);
    expect(markdown).toContain('- [ ] Form 40-F\n\n<!-- page 2 -->\n\n## EXHIBIT INDEX\n');
    expect(markdown).toContain('\n\n<!-- page 4 -->\n\n');
    expect(markdown).not.toContain('F-2');
    expect(renderMarkdown(model, { page: 3 }).startsWith('<!-- page 3 -->\n\n*CONSOLIDATED')).toBe(true);
  });

  it('throws a RangeError for a page that does not exist', () => {
    expect(() => renderMarkdown(model, { page: 7 })).toThrow(new RangeError('Page 7 does not exist: the document has 4 pages'));
  });
});
