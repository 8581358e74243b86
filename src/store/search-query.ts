/**
 * The one search language users write, parsed once and compiled per database (FTS5 here, PostgreSQL tsquery
 * later) so the same query finds the same filings everywhere.
 *
 *   hanaro telecom              both words (AND is implied)
 *   "convertible bonds"         a phrase
 *   redempt*                    a prefix
 *   bonds OR notes              either
 *   bonds NOT notes, -notes     exclusion
 *   (bonds OR notes) kosdaq     grouping
 *   form:6-K cik:1123 company:hanaro from:2002-01-01 to:2002-12-31   filters
 */
import { isCalendarDate } from './request-values.js';

export type QueryNode =
  | { readonly kind: 'term'; readonly text: string; readonly prefix: boolean }
  | { readonly kind: 'phrase'; readonly words: readonly string[] }
  | { readonly kind: 'and'; readonly children: readonly QueryNode[] }
  | { readonly kind: 'or'; readonly children: readonly QueryNode[] }
  | { readonly kind: 'not'; readonly include: QueryNode; readonly exclude: QueryNode };

/** The filters of a query (`form:`, `cik:`, `company:`, `from:`, `to:`). */
export interface QueryFilters {
  readonly form?: string;
  readonly cik?: string;
  readonly company?: string;
  readonly from?: string;
  readonly to?: string;
}

/** A search query read: its words, phrases and boolean structure, and its filters. */
export interface ParsedQuery {
  /** Null when the query holds filters only. */
  readonly match: QueryNode | null;
  readonly filters: QueryFilters;
}

/** A malformed search query, with the character where reading stopped. */
export class QuerySyntaxError extends SyntaxError {
  readonly position: number;
  constructor(message: string, position: number) {
    super(`Cannot read the search query at character ${position + 1}: ${message}`);
    this.name = 'QuerySyntaxError';
    this.position = position;
  }
}

type Token =
  | { type: 'word'; text: string; prefix: boolean; at: number; negated: boolean }
  | { type: 'phrase'; words: string[]; at: number; negated: boolean }
  | { type: 'op'; op: 'AND' | 'OR' | 'NOT'; at: number }
  | { type: 'open'; at: number; negated: boolean }
  | { type: 'close'; at: number }
  | { type: 'filter'; key: keyof QueryFilters; value: string; at: number };

const FILTER_KEYS = new Set(['form', 'cik', 'company', 'from', 'to']);
/** Words as the full-text indexes split them: letters and digits, anything else separates. */
const WORD_PIECES = /[\p{L}\p{N}]+/gu;

/**
 * Reads the query language of `edgarkit search` into its structure and filters; throws a QuerySyntaxError that says what and where.
 *
 * @example
 * ```ts
 * const { filters } = parseSearchQuery('dividend form:6-K company:stolt');
 * filters.form; // '6-K'
 * ```
 */
export function parseSearchQuery(input: string): ParsedQuery {
  if (input.length > 1000) throw new QuerySyntaxError('the query is longer than 1000 characters', 1000);
  const skipped: { raw: string; at: number }[] = [];
  const tokens = tokenize(input, skipped);
  const filters: Record<string, string> = {};
  const rest: Token[] = [];
  for (const token of tokens) {
    if (token.type === 'filter') {
      if (token.key === 'from' || token.key === 'to') {
        if (!isCalendarDate(token.value))
          throw new QuerySyntaxError(`${token.key}: needs a date as YYYY-MM-DD, not "${token.value}"`, token.at);
      }
      if (token.key === 'cik' && !/^\d{1,10}$/.test(token.value))
        throw new QuerySyntaxError(`cik: needs digits, not "${token.value}"`, token.at);
      filters[token.key] = token.key === 'cik' ? token.value.padStart(10, '0') : token.value;
    } else rest.push(token);
  }
  const parser = new TokenParser(rest, input.length);
  const match = rest.length === 0 ? null : parser.parseAll();
  // Punctuation alone searches for nothing; it must not become a query of filters only, which lists every filing.
  const punctuation = skipped[0];
  if (match === null && punctuation)
    throw new QuerySyntaxError(`"${punctuation.raw}" has no letters or digits to search for`, punctuation.at);
  if (match && onlyExcludes(match)) throw new QuerySyntaxError('a query needs at least one word to look for, not only words to exclude', 0);
  return { match, filters };
}

function onlyExcludes(node: QueryNode): boolean {
  return node.kind === 'not' && node.include.kind === 'and' && node.include.children.length === 0;
}

function splitWords(text: string): string[] {
  return text.match(WORD_PIECES)?.map((word) => word.toLowerCase()) ?? [];
}

function tokenize(input: string, skipped: { raw: string; at: number }[]): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  while (at < input.length) {
    const char = input[at] as string;
    if (/\s/.test(char)) {
      at++;
      continue;
    }
    let negated = false;
    let start = at;
    if (char === '-' && at + 1 < input.length && !/\s/.test(input[at + 1] as string)) {
      negated = true;
      at++;
      start = at;
    }
    const current = input[at] as string;
    if (current === '(') {
      tokens.push({ type: 'open', at, negated });
      at++;
      continue;
    }
    if (current === ')') {
      if (negated) throw new QuerySyntaxError('"-" must stand before a word, a phrase or "("', at - 1);
      tokens.push({ type: 'close', at });
      at++;
      continue;
    }
    if (current === '"') {
      const close = input.indexOf('"', at + 1);
      if (close === -1) throw new QuerySyntaxError('a phrase opened with " is never closed', at);
      const words = splitWords(input.slice(at + 1, close));
      if (words.length === 0) throw new QuerySyntaxError('an empty phrase ""', at);
      tokens.push({ type: 'phrase', words, at: start, negated });
      at = close + 1;
      continue;
    }
    let end = at;
    while (end < input.length && !/[\s()"]/.test(input[end] as string)) end++;
    const raw = input.slice(at, end);
    const colon = raw.indexOf(':');
    if (colon > 0 && FILTER_KEYS.has(raw.slice(0, colon).toLowerCase())) {
      const key = raw.slice(0, colon).toLowerCase() as keyof QueryFilters;
      let value = raw.slice(colon + 1);
      if (value === '' && input[end] === '"') {
        const close = input.indexOf('"', end + 1);
        if (close === -1) throw new QuerySyntaxError('a phrase opened with " is never closed', end);
        value = input.slice(end + 1, close);
        end = close + 1;
      }
      if (value === '') throw new QuerySyntaxError(`${key}: needs a value`, at);
      tokens.push({ type: 'filter', key, value, at });
      at = end;
      continue;
    }
    if (!negated && (raw === 'AND' || raw === 'OR' || raw === 'NOT')) {
      tokens.push({ type: 'op', op: raw, at });
      at = end;
      continue;
    }
    const prefix = raw.endsWith('*');
    const words = splitWords(prefix ? raw.slice(0, -1) : raw);
    if (words.length === 0) {
      if (raw === '*' || prefix) throw new QuerySyntaxError('"*" must end a word, as in redempt*', at);
      skipped.push({ raw: input.slice(negated ? at - 1 : at, end), at: negated ? at - 1 : at });
      at = end;
      continue;
    }
    if (words.length === 1) tokens.push({ type: 'word', text: words[0] as string, prefix, at: start, negated });
    // `Jae-Hyun` or `6-K` is read as the phrase of its pieces, as the index splits them.
    else tokens.push({ type: 'phrase', words, at: start, negated });
    at = end;
  }
  return tokens;
}

/** Precedence: NOT binds tighter than AND (implicit or written), which binds tighter than OR. */
class TokenParser {
  #at = 0;
  readonly #tokens: Token[];
  readonly #length: number;
  constructor(tokens: Token[], length: number) {
    this.#tokens = tokens;
    this.#length = length;
  }

  parseAll(): QueryNode {
    const node = this.#parseOr();
    const left = this.#tokens[this.#at];
    if (left) throw new QuerySyntaxError(left.type === 'close' ? 'a ")" has no "(" before it' : 'unexpected text', left.at);
    return node;
  }

  #peek(): Token | undefined {
    return this.#tokens[this.#at];
  }

  #parseOr(): QueryNode {
    const children = [this.#parseAnd()];
    while (this.#peek()?.type === 'op' && (this.#peek() as { op: string }).op === 'OR') {
      const op = this.#peek() as Token;
      this.#at++;
      if (!this.#startsOperand()) throw new QuerySyntaxError('OR needs something after it', op.at);
      children.push(this.#parseAnd());
    }
    return children.length === 1 ? (children[0] as QueryNode) : { kind: 'or', children };
  }

  #startsOperand(): boolean {
    const token = this.#peek();
    return token !== undefined && (token.type === 'word' || token.type === 'phrase' || token.type === 'open');
  }

  #parseAnd(): QueryNode {
    const include: QueryNode[] = [];
    const exclude: QueryNode[] = [];
    for (;;) {
      const token = this.#peek();
      if (!token || token.type === 'close') break;
      if (token.type === 'op' && token.op === 'OR') break;
      if (token.type === 'op' && token.op === 'AND') {
        this.#at++;
        if (!this.#startsOperand()) throw new QuerySyntaxError('AND needs something after it', token.at);
        continue;
      }
      if (token.type === 'op' && token.op === 'NOT') {
        this.#at++;
        if (!this.#startsOperand()) throw new QuerySyntaxError('NOT needs something after it', token.at);
        exclude.push(this.#parseOperand());
        continue;
      }
      const negated = 'negated' in token && token.negated;
      const operand = this.#parseOperand();
      (negated ? exclude : include).push(operand);
    }
    if (include.length === 0 && exclude.length === 0) {
      const token = this.#peek();
      throw new QuerySyntaxError(token?.type === 'close' ? 'empty parentheses' : 'nothing to search for here', token?.at ?? this.#length);
    }
    const included: QueryNode = include.length === 1 ? (include[0] as QueryNode) : { kind: 'and', children: include };
    if (exclude.length === 0) return included;
    const excluded: QueryNode = exclude.length === 1 ? (exclude[0] as QueryNode) : { kind: 'or', children: exclude };
    return { kind: 'not', include: included, exclude: excluded };
  }

  #parseOperand(): QueryNode {
    const token = this.#peek() as Token;
    this.#at++;
    switch (token.type) {
      case 'word':
        return { kind: 'term', text: token.text, prefix: token.prefix };
      case 'phrase':
        return { kind: 'phrase', words: token.words };
      case 'open': {
        const inner = this.#parseOr();
        const close = this.#peek();
        if (close?.type !== 'close') throw new QuerySyntaxError('a "(" is never closed', token.at);
        this.#at++;
        return inner;
      }
      default:
        throw new QuerySyntaxError('expected a word, a phrase or "("', token.at);
    }
  }
}

/** The query as an FTS5 MATCH expression: every word quoted, so nothing a user types is read as FTS5 syntax. */
export function toFts5(node: QueryNode): string {
  switch (node.kind) {
    case 'term':
      return `"${node.text}"${node.prefix ? '*' : ''}`;
    case 'phrase':
      return `"${node.words.join(' ')}"`;
    case 'and':
      return node.children.map((child) => wrap(child)).join(' AND ');
    case 'or':
      return node.children.map((child) => wrap(child)).join(' OR ');
    case 'not':
      return `${wrap(node.include)} NOT ${wrap(node.exclude)}`;
  }
}

function wrap(node: QueryNode): string {
  return node.kind === 'term' || node.kind === 'phrase' ? toFts5(node) : `(${toFts5(node)})`;
}
