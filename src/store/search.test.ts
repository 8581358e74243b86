import { describe, expect, it } from 'vitest';
import { tidyMarks } from './search.js';
import { SNIPPET_MARK } from './store.js';

const mark = (text: string) => text.replaceAll('[', SNIPPET_MARK.open).replaceAll(']', SNIPPET_MARK.close);

describe('tidyMarks', () => {
  it.each([
    // FTS5 marks a phrase as one run ending at its last word: the bracket it opened is closed inside.
    ['under Rule [13a-15(f]) of the Act', 'under Rule [13a-15(f)] of the Act'],
    // PostgreSQL marks each word: runs joined across the punctuation between them.
    ['Rule [13a]-[15]([f]) of', 'Rule [13a-15(f)] of'],
    ['[convertible] [bonds] issued', '[convertible bonds] issued'],
    ['a [bond] and a [note]', 'a [bond] and a [note]'],
    ['no marks at all', 'no marks at all'],
    ['[(a]) b', '[(a)] b'],
    ['[f] (x)', '[f] (x)'],
  ])('%s', (input, expected) => {
    expect(tidyMarks(mark(input))).toBe(mark(expected));
  });

  it('runs in linear time on a long snippet', () => {
    const long = mark('[a] ('.repeat(50_000));
    const started = performance.now();
    tidyMarks(long);
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});
