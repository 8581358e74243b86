import { describe, expect, it } from 'vitest';
import { collapsedSlice, joinWrapped, reflowRanges } from './reflow.js';

describe('joinWrapped', () => {
  it('joins hard-wrapped lines with single spaces', () => {
    expect(joinWrapped(['Pursuant to the requirements of the', 'Securities Exchange Act of 1934,'])).toBe(
      'Pursuant to the requirements of the Securities Exchange Act of 1934,',
    );
  });

  it('joins a line-end hyphen between letters or digits with no space and keeps the hyphen', () => {
    expect(joinWrapped(['the self-', 'regulatory organization'])).toBe('the self-regulatory organization');
    expect(joinWrapped(['Cheil Jedang and Jae-', 'Hyun Lee'])).toBe('Cheil Jedang and Jae-Hyun Lee');
    expect(joinWrapped(['Rule 13a-', '16 or 15d-16'])).toBe('Rule 13a-16 or 15d-16');
    // A word broken only for the line keeps its hyphen: telling it from a compound needs a dictionary.
    expect(joinWrapped(['the regis-', 'trant'])).toBe('the regis-trant');
  });

  it('keeps the space after a dash that stands alone or ends a number range', () => {
    expect(joinWrapped(['London, England -', 'April 1, 2009'])).toBe('London, England - April 1, 2009');
    expect(joinWrapped(['a term of', '- three years'])).toBe('a term of - three years');
  });

  it('skips empty pieces', () => {
    expect(joinWrapped(['', 'one', '', 'two'])).toBe('one two');
  });
});

describe('collapsedSlice and reflowRanges', () => {
  it('collapses runs of blanks, tabs and no-break spaces', () => {
    const text = 'amended,  the  Registrant\thas\u00a0duly';
    expect(collapsedSlice(text, 0, text.length)).toBe('amended, the Registrant has duly');
  });

  it('reflows trimmed ranges of a text', () => {
    const text = '     Pursuant to the\nrequirements of the Act.';
    expect(
      reflowRanges(text, [
        [5, 20],
        [21, text.length],
      ]),
    ).toBe('Pursuant to the requirements of the Act.');
  });
});
