import type { QueryNode } from '../search-query.js';

/**
 * The user's query (see search-query.ts) as PostgreSQL `to_tsquery` text for the `edgarkit` text-search
 * configuration: every word quoted (nothing a user types is read as tsquery syntax), phrases with `<->`, prefixes
 * with `:*`, and `&`, `|`, `!`. to_tsquery stems each quoted word as the index did, so `bonds` finds `bond`.
 *
 * Matching agrees with SQLite's FTS5 (porter unicode61 remove_diacritics 2) because both sides see the same words:
 * passages are indexed through `searchableText` (runs of anything but letters and digits become one space, marks
 * are dropped from accented letters) and the query's words are split the same way by the parser; both stem with
 * the original Porter algorithm and neither drops stop words. What still differs: FTS5 leaves words of one or two
 * letters unstemmed where PostgreSQL stems them (`us` is `u` here, `us` there).
 */
export function toTsquery(node: QueryNode): string {
  switch (node.kind) {
    case 'term':
      return `${quote(node.text)}${node.prefix ? ':*' : ''}`;
    case 'phrase':
      return node.words.length === 1 ? quote(node.words[0] as string) : `(${node.words.map(quote).join(' <-> ')})`;
    case 'and':
      return `(${node.children.map(toTsquery).join(' & ')})`;
    case 'or':
      return `(${node.children.map(toTsquery).join(' | ')})`;
    case 'not':
      return `(${toTsquery(node.include)} & !${toTsquery(node.exclude)})`;
  }
}

function quote(word: string): string {
  return `'${foldDiacritics(word).replace(/['\\]/g, (char) => `${char}${char === '\\' ? '\\' : "'"}`)}'`;
}

/** Letters that may carry a diacritic (Latin, Greek, Cyrillic… up to U+1FFF) or a combining mark itself. */
const MAYBE_ACCENTED = /[\u00c0-\u1fff]/;
const MARKS = /\p{M}+/gu;
const NOT_WORD = /[^\p{L}\p{N}]+/gu;

/** `é` → `e`, as FTS5's remove_diacritics does; text without accents is returned as is. */
export function foldDiacritics(text: string): string {
  if (!MAYBE_ACCENTED.test(text)) return text;
  return text.normalize('NFD').replace(MARKS, '').normalize('NFC');
}

/**
 * The text the index reads: letters and digits kept, every other run made one space. PostgreSQL's parser would
 * otherwise keep `www.sec.gov`, `3.5` or `6-K` as single tokens (and hyphenated words twice), where FTS5 and the
 * query parser see separate words; NUL, which PostgreSQL text cannot hold, goes with the rest.
 */
export function searchableText(text: string): string {
  return foldDiacritics(text).replace(NOT_WORD, ' ');
}
