import { describe, expect, it } from 'vitest';
import type { Block, Choice } from '../../model/document.js';
import { parseTextDocument } from './parse-text-document.js';

function blocksOf(text: string): Block[] {
  return parseTextDocument(text).pages.flatMap((p) => [...p.blocks]);
}

function choicesOf(text: string): Choice[] {
  return blocksOf(text).filter((b): b is Choice => b.kind === 'choice');
}

/** Options as `[label, marked, text under markSpan]`. */
function options(text: string, choice: Choice | undefined): Array<[string, boolean, string | null]> {
  return (choice?.options ?? []).map((o) => [o.label, o.marked, o.markSpan === null ? null : text.slice(o.markSpan.start, o.markSpan.end)]);
}

describe('check marks over underlines', () => {
  it('reads the seed cover: each underline belongs to the label before it', () => {
    const text = [
      '                           Form 20-F  X   Form 40-F',
      '                                     ---            ---',
      '',
      '                                 Yes      No  X',
      '                                     ---     ---',
    ].join('\n');
    const [forms, yesNo] = choicesOf(text);
    expect(options(text, forms)).toEqual([
      ['Form 20-F', true, 'X'],
      ['Form 40-F', false, null],
    ]);
    expect(options(text, yesNo)).toEqual([
      ['Yes', false, null],
      ['No', true, 'X'],
    ]);
    const first = forms?.options[0];
    expect(first && text.slice(first.span.start, first.span.end)).toBe('Form 20-F');
  });

  it('gives each underline to the label after it when an underline comes first', () => {
    const text = ['          X    YES                 ______  NO', '        -----'].join('\n');
    expect(options(text, choicesOf(text)[0])).toEqual([
      ['YES', true, 'X'],
      ['NO', false, null],
    ]);
  });

  it('reads wider underlines with the mark inside them', () => {
    const text = [
      '                           Form 20-F   X             Form 40-F',
      '                                     ----                       ----',
    ].join('\n');
    expect(options(text, choicesOf(text)[0])).toEqual([
      ['Form 20-F', true, 'X'],
      ['Form 40-F', false, null],
    ]);
  });

  it('is not fooled by a heading over a rule', () => {
    const text = ['Item 7. Financial Statements', '----------------------------'].join('\n');
    expect(choicesOf(text)).toEqual([]);
  });
});

describe('check boxes beside labels', () => {
  it.each([
    [
      '                    Form 20-F [X]              Form 40-F [ ]',
      [
        ['Form 20-F', true, '[X]'],
        ['Form 40-F', false, null],
      ],
    ],
    [
      '                    Form 20-F [X]              Form 40-F[ ]',
      [
        ['Form 20-F', true, '[X]'],
        ['Form 40-F', false, null],
      ],
    ],
    [
      '                    Form 20-F [X]               Form 40-F []',
      [
        ['Form 20-F', true, '[X]'],
        ['Form 40-F', false, null],
      ],
    ],
    [
      '                    Yes[ ]                     No [X]',
      [
        ['Yes', false, null],
        ['No', true, '[X]'],
      ],
    ],
    [
      '                    Yes []                            No [X]',
      [
        ['Yes', false, null],
        ['No', true, '[X]'],
      ],
    ],
    [
      'Yes [_]        No [x]',
      [
        ['Yes', false, null],
        ['No', true, '[x]'],
      ],
    ],
    [
      '|X| Yes    | | No',
      [
        ['Yes', true, '|X|'],
        ['No', false, null],
      ],
    ],
    [
      '(X) Director ( ) 10% Owner ( ) Officer (give title below)',
      [
        ['Director', true, '(X)'],
        ['10% Owner', false, null],
        ['Officer (give title below)', false, null],
      ],
    ],
  ] as const)('%s', (line, expected) => {
    expect(options(line, choicesOf(line)[0])).toEqual(expected);
  });

  it('joins consecutive lines that each start with a box', () => {
    const text = ['   (X) Form filed by One Reporting Person', '   ( ) Form filed by More than One Reporting Person'].join('\n');
    const found = choicesOf(text);
    expect(found).toHaveLength(1);
    expect(options(text, found[0])).toEqual([
      ['Form filed by One Reporting Person', true, '(X)'],
      ['Form filed by More than One Reporting Person', false, null],
    ]);
  });

  it('splits a question from the boxes that answer it', () => {
    const text = '     Indicate by check mark whether the registrant is a shell company:   Yes [ ]   No [X]';
    const blocks = blocksOf(text);
    expect(blocks.map((b) => b.kind)).toEqual(['paragraph', 'choice']);
    expect(blocks[0]?.kind === 'paragraph' && blocks[0].text).toBe('Indicate by check mark whether the registrant is a shell company:');
    expect(options(text, blocks[1] as Choice)).toEqual([
      ['Yes', false, null],
      ['No', true, '[X]'],
    ]);
  });

  it('makes a one-option choice of a check-mark question that ends in a box or a slot', () => {
    const box = [
      '     Indicate by check mark if the registrant is submitting the Form 6-K in',
      'paper as permitted by Regulation S-T Rule 101(b)(1): [ ]',
    ].join('\n');
    expect(options(box, choicesOf(box)[0])).toEqual([
      [
        'Indicate by check mark if the registrant is submitting the Form 6-K in paper as permitted by Regulation S-T Rule 101(b)(1):',
        false,
        null,
      ],
    ]);
    const slot = [
      '         Indicate by check mark if the registrant is submitting the Form 6-K in',
      'paper as permitted by Regulation S-T Rule 101(b)(7):',
      '                                                     ---',
    ].join('\n');
    expect(choicesOf(slot)[0]?.options.map((o) => [o.label, o.marked])).toEqual([
      [
        'Indicate by check mark if the registrant is submitting the Form 6-K in paper as permitted by Regulation S-T Rule 101(b)(7):',
        false,
      ],
    ]);
    const marked = [
      'If any of the securities being registered on this form are to be offered on a',
      'delayed or continuous basis, check the following box. \\ X \\',
    ].join('\n');
    expect(options(marked, choicesOf(marked)[0])).toEqual([
      [
        'If any of the securities being registered on this form are to be offered on a delayed or continuous basis, check the following box.',
        true,
        '\\ X \\',
      ],
    ]);
  });

  it('leaves brackets and enumerations in running text alone', () => {
    expect(choicesOf('See clauses (a) and (x) of Section 4 [1] and [2] of the Agreement.')).toEqual([]);
    expect(choicesOf('PLEASE MARK YOUR VOTE IN BLUE OR BLACK INK AS SHOWN HERE [X]')).toEqual([]);
  });
});
