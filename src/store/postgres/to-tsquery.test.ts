import { describe, expect, it } from 'vitest';
import { parseSearchQuery } from '../search-query.js';
import { foldDiacritics, searchableText, toTsquery } from './to-tsquery.js';

const compile = (query: string) => {
  const { match } = parseSearchQuery(query);
  if (!match) throw new Error('no match');
  return toTsquery(match);
};

describe('toTsquery', () => {
  it('quotes every word and writes the operators of tsquery', () => {
    expect(compile('hanaro telecom')).toBe("('hanaro' & 'telecom')");
    expect(compile('"convertible bonds"')).toBe("('convertible' <-> 'bonds')");
    expect(compile('redempt*')).toBe("'redempt':*");
    expect(compile('bonds OR notes')).toBe("('bonds' | 'notes')");
    expect(compile('bonds NOT notes')).toBe("('bonds' & !'notes')");
    expect(compile('bonds -notes -"zero coupon"')).toBe("('bonds' & !('notes' | ('zero' <-> 'coupon')))");
    expect(compile('(bonds OR notes) kosdaq')).toBe("(('bonds' | 'notes') & 'kosdaq')");
  });

  it('reads what a user types as words, never as tsquery syntax', () => {
    expect(compile("o'brien & !x | y:*")).toBe("(('o' <-> 'brien') & 'x' & 'y':*)");
    expect(compile('6-K')).toBe("('6' <-> 'k')");
    expect(compile('www.sec.gov')).toBe("('www' <-> 'sec' <-> 'gov')");
  });

  it('folds accents as the SQLite index does', () => {
    expect(compile('Société')).toBe("'societe'");
    expect(foldDiacritics('Hyundai 현대')).toBe('Hyundai 현대');
  });
});

describe('searchableText', () => {
  it('keeps letters and digits and makes every other run one space', () => {
    expect(searchableText('Form 6-K: see www.sec.gov, 3.5% (net)\u0000 — société')).toBe('Form 6 K see www sec gov 3 5 net societe');
  });
});
