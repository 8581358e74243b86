import { describe, expect, it } from 'vitest';
import { assemblePage, type MatchedDocument, prepareSearch, tidyMarks } from './search.js';
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

describe('assemblePage with filings replaced between the window and the detail read', () => {
  // 30 filings of two documents each, filing k (1..30) filed on day k of 2009, of company k % 4, form 6-K or 20-F.
  const found = (): MatchedDocument[] =>
    Array.from({ length: 30 }, (_, index) => index + 1).flatMap((key) =>
      [0, 1].map((position) => ({
        documentId: key * 2 + position,
        rank: -(key * 10 + position), // later filings rank better
        filingKey: key,
        filingId: '',
        accessionNumber: null,
        formType: key % 2 === 0 ? '6-K' : '20-F',
        filedAt: `2009-01-${String(key).padStart(2, '0')}`,
        companyName: null,
        cik: String(key % 4),
        sequence: null,
        position,
        type: null,
        description: null,
      })),
    );
  /** A `complete` that has lost the filings in `gone` (null for their documents) and records what it was asked. */
  const completer = (gone: ReadonlySet<number>, asked: number[][]) => async (documents: readonly MatchedDocument[]) => {
    asked.push(documents.map((document) => document.documentId as number));
    return documents.map((document) =>
      gone.has(document.filingKey) ? null : { ...document, filingId: `F${document.filingKey}`, companyName: `Company ${document.cik}` },
    );
  };
  const page = (gone: ReadonlySet<number>, sort: 'relevance' | 'newest', asked: number[][] = [], ranked: number[][] = []) =>
    assemblePage(
      { ...prepareSearch({ text: 'word', limit: 10, sort }) },
      { documents: found(), more: false, rankCapped: false, complete: completer(gone, asked) },
      async (documents) => documents.map(() => 'snippet'),
      sort === 'relevance'
        ? undefined
        : async (documents) => {
            ranked.push(documents.map((document) => document.documentId as number));
            return new Map(documents.map((document) => [document.documentId as number, document.documentId as number]));
          },
    );

  for (const sort of ['relevance', 'newest'] as const) {
    it(`drops a filing that is gone and fills the page from the next ones (${sort})`, async () => {
      // Filing 28 is on the first page (both sorts: newest first); 5 is beyond it and not the first of its company,
      // so never read again: counted as found (its id most likely names its replacement now).
      const gone = new Set([28, 5]);
      const asked: number[][] = [];
      const ranked: number[][] = [];
      const result = await page(gone, sort, asked, ranked);
      const expected = Array.from({ length: 30 }, (_, index) => 30 - index).filter((key) => key !== 28);
      expect(result.hits.map((hit) => hit.filingId)).toEqual(expected.slice(0, 10).map((key) => `F${key}`));
      expect(result.hits.every((hit) => hit.filingId !== '' && hit.companyName !== null)).toBe(true);
      expect(result.total).toBe(29);
      expect(result.totalExact).toBe(true);
      const forms = Object.fromEntries(result.facets.forms.map((facet) => [facet.value, facet.count]));
      expect(forms).toEqual({ '6-K': 14, '20-F': 15 });
      const companies = Object.fromEntries(result.facets.companies.map((facet) => [facet.value, facet.count]));
      // Company 0 lost filing 28.
      expect(companies).toEqual({ '0': 6, '1': 8, '2': 8, '3': 7 });
      expect(result.facets.companies.every((facet) => facet.label === `Company ${facet.value}`)).toBe(true);
      // A second turn read only the filing that came onto the page (20), each document once in all.
      const all = asked.flat();
      expect(new Set(all).size).toBe(all.length);
      expect(all).toEqual(expect.arrayContaining([40, 41]));
      expect(all).not.toContain(38); // filing 19: not shown, its company already named
      if (sort === 'newest') {
        expect(ranked.flat().sort((a, b) => a - b)).toEqual(
          [30, 29, 28, 27, 26, 25, 24, 23, 22, 21, 20].flatMap((key) => [key * 2, key * 2 + 1]).sort((a, b) => a - b),
        );
        expect(result.hits[0]?.documents[0]?.score).toBe(-60);
      }
    });
  }

  it('gives an empty page, total 0, when every filing found is gone', async () => {
    const everything = new Set(Array.from({ length: 30 }, (_, index) => index + 1));
    const result = await page(everything, 'relevance');
    expect(result.hits).toEqual([]);
    expect(result.total).toBe(0);
    expect(result.facets.forms).toEqual([]);
  });
});

describe('prepareSearch: dates written in the query', () => {
  it('refuses a date that is no day of the calendar, as --from and ?from= do, saying where', () => {
    for (const [text, at, value] of [
      ['bonds from:2010-02-30', 7, 'from: needs a date as YYYY-MM-DD, not "2010-02-30"'],
      ['bonds to:2010-13-45', 7, 'to: needs a date as YYYY-MM-DD, not "2010-13-45"'],
      ['to:2009-02-29 bonds', 1, 'to: needs a date as YYYY-MM-DD, not "2009-02-29"'],
    ] as const) {
      expect(() => prepareSearch({ text }), text).toThrow(`Cannot read the search query at character ${at}: ${value}`);
    }
    // A real leap day is a date.
    expect(prepareSearch({ text: 'bonds from:2008-02-29' }).filters.from).toBe('2008-02-29');
  });

  it('refuses a range whose start is after its end, wherever each bound was written', () => {
    expect(() => prepareSearch({ text: 'bonds from:2010-05-01 to:2010-01-01' })).toThrow('from (2010-05-01) is after to (2010-01-01)');
    expect(() => prepareSearch({ text: 'bonds from:2010-05-01', to: '2010-01-01' })).toThrow('from (2010-05-01) is after to (2010-01-01)');
    expect(prepareSearch({ text: 'bonds from:2010-01-01 to:2010-01-01' }).filters).toMatchObject({ from: '2010-01-01', to: '2010-01-01' });
  });
});
