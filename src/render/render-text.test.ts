import { describe, expect, it } from 'vitest';
import type { Block, DocumentModel } from '../model/document.js';
import { renderText } from './render-text.js';
import { choice, documentOf, page, SourceBuilder, sampleDocument, table } from './test-models.js';

function oneBlock(make: (source: SourceBuilder) => Block[]): DocumentModel {
  const source = new SourceBuilder();
  return documentOf(source, [page(source, 1, null, make)]);
}

describe('renderText', () => {
  const model = sampleDocument();

  it('centres the cover heading, wraps the paragraph and writes the choice on one line', () => {
    expect(renderText(model, { page: 1 })).toBe(
      [
        `${' '.repeat(36)}FORM 6-K`,
        '',
        'Indicate by check mark whether the registrant files or will file annual reports',
        'under cover of Form 20-F or Form 40-F.',
        '',
        'Form 20-F [X]   Form 40-F [ ]',
        '',
      ].join('\n'),
    );
  });

  it('lays out an exhibit index in two columns, wrapping the description under its column', () => {
    expect(renderText(model, { page: 2 }).split('\n')).toEqual([
      `${' '.repeat(33)}EXHIBIT INDEX`,
      '',
      'Exhibit        Description',
      `-------------  ${'-'.repeat(65)}`,
      'Exhibit 99.1:  a notice regarding the resolution of the board of directors of',
      '               Hanaro Telecom, Inc. to pay an interim dividend for the fiscal',
      '               year 2002, dated December 20, 2002',
      'Exhibit 99.2:  a press release',
      '',
    ]);
  });

  it('narrows the text column further for a smaller width', () => {
    const lines = renderText(model, { page: 2, width: 50 }).split('\n');
    expect(lines.slice(2, 5)).toEqual([
      'Exhibit        Description',
      `-------------  ${'-'.repeat(35)}`,
      'Exhibit 99.1:  a notice regarding the resolution',
    ]);
    expect(Math.max(...lines.map((line) => line.length))).toBeLessThanOrEqual(50);
  });

  it('does not wrap or centre with width 0', () => {
    const lines = renderText(model, { page: 2, width: 0 }).split('\n');
    expect(lines[0]).toBe('EXHIBIT INDEX');
    expect(lines[4]).toBe(
      `Exhibit 99.1:  a notice regarding the resolution of the board of directors of Hanaro Telecom, Inc. to pay an interim dividend for the fiscal year 2002, dated December 20, 2002`,
    );
  });

  it('right-aligns amounts in a financial table and puts a spanning header over its columns', () => {
    expect(renderText(model, { page: 3 }).split('\n')).toEqual([
      'CONSOLIDATED STATEMENTS OF INCOME',
      '                   Year ended December 31',
      '                          2002       2001',
      '-----------------  -----------  ---------',
      'Revenue            $ 1,234,567  $ 987,654',
      'Operating loss         (1,234)       (56)',
      'Net income (loss)    $ (1,234)      $ 789',
      '',
      '(1) Restated; see Note 2.',
      '',
    ]);
  });

  it('keeps untrusted text literally, a table without header rows, lists, preformatted text and rules', () => {
    expect(renderText(model, { page: 4 }).split('\n')).toEqual([
      '<script>alert(1)</script>',
      '',
      '<script>alert(1)</script>  a | b',
      'C:\\path                    1 * 2 _x_',
      '',
      '- # not a heading',
      '- 1. not a number',
      '',
      '  a ```b``` c',
      '    indented',
      '',
      '-'.repeat(80),
      '',
    ]);
  });

  it('separates pages with a marker line and does not repeat page labels', () => {
    const text = renderText(model);
    expect(text).toContain('Form 20-F [X]   Form 40-F [ ]\n\n--- page 2 ---\n\n');
    expect(text).toContain('\n\n--- page 3 ---\n\nCONSOLIDATED STATEMENTS OF INCOME\n');
    expect(text).toContain('\n\n--- page 4 ---\n\n<script>');
    expect(text).not.toContain('--- page 1 ---');
    expect(text).not.toContain('F-2');
    expect(text.endsWith(`${'-'.repeat(80)}\n`)).toBe(true);
  });

  it('throws a RangeError for a page that does not exist, and for a bad width', () => {
    expect(() => renderText(model, { page: 7 })).toThrow(new RangeError('Page 7 does not exist: the document has 4 pages'));
    expect(() => renderText(model, { page: 0 })).toThrow(RangeError);
    expect(() => renderText(model, { width: -1 })).toThrow(
      new RangeError('Cannot render text: width must be a whole number of at least 0, found -1'),
    );
  });

  it('wraps list items with a hanging indent and right-aligns right-aligned paragraphs', () => {
    const doc = oneBlock((s) => [
      {
        kind: 'list',
        ordered: true,
        items: [
          { text: 'first item that is long enough to wrap', span: s.add('a') },
          { text: 'second', span: s.add('b') },
        ],
        span: s.add('ab'),
      },
      { kind: 'paragraph', text: 'Seoul, Korea', align: 'right', span: s.add('Seoul, Korea') },
      { kind: 'rule', span: s.add('---') },
    ]);
    expect(renderText(doc, { width: 20 }).split('\n')).toEqual([
      '1. first item that',
      '   is long enough to',
      '   wrap',
      '2. second',
      '',
      '        Seoul, Korea',
      '',
      '-'.repeat(20),
      '',
    ]);
  });

  it('lays out rowspan and colspan cells on one grid', () => {
    const doc = oneBlock((s) => [
      table(s, {
        header: [['Name', 'Q1', 'Q2']],
        rows: [
          [{ text: 'Sales', rowspan: 2 }, '10', '20'],
          ['30', '40'],
          [{ text: 'Total for the year', colspan: 2 }, '100'],
        ],
        columnCount: 3,
      }),
    ]);
    expect(renderText(doc).split('\n')).toEqual([
      'Name            Q1   Q2',
      '---------  -------  ---',
      'Sales           10   20',
      '                30   40',
      'Total for the year  100',
      '',
    ]);
  });

  it('renders an empty document as an empty string', () => {
    expect(renderText(documentOf(new SourceBuilder(), []))).toBe('');
  });

  it('wraps a check-box question longer than the width, its mark on the last line, like the paragraphs around it', () => {
    // The 6-K cover's paper question, as 2009 legacy-ASCII 6-Ks write it: one choice whose label is the question.
    const question =
      'Indicate by check mark if the registrant is submitting the Form 6-K in paper as permitted by Regulation S-T Rule 101(b)(1):';
    const doc = oneBlock((s) => [choice(s, [[question, false]])]);
    const lines = renderText(doc).trimEnd().split('\n');
    expect(lines).toEqual([
      'Indicate by check mark if the registrant is submitting the Form 6-K in paper as',
      'permitted by Regulation S-T Rule 101(b)(1): [ ]',
    ]);
    // Short options still share a line; width 0 still writes one line.
    const two = oneBlock((s) => [
      choice(s, [
        ['Yes', false],
        ['No', true],
      ]),
    ]);
    expect(renderText(two)).toBe('Yes [ ]   No [X]\n');
    expect(renderText(doc, { width: 0 })).toBe(`${question} [ ]\n`);
  });
});
