import { isBlankCode } from './text-lines.js';

const DOT = 0x2e;
const PIPE = 0x7c;
const SPACE = 0x20;

/** A run of ink on one line: words separated by single blanks. Offsets into the document. */
export interface Phrase {
  readonly start: number;
  readonly end: number;
}

export interface PhraseOptions {
  /** Runs of three or more leader dots (`Revenues .......`, `Total . . . .`) separate phrases and are dropped. */
  readonly leaders?: boolean;
  /** `|` separates phrases and is dropped (Form 3/4/5 tables drawn with pipes). */
  readonly pipes?: boolean;
  /** Column stops: a single blank just before or at a stop also separates phrases. */
  readonly stops?: Uint8Array;
}

/**
 * Split `text[from, to)` (part of the line that starts at `lineStart`) into phrases: runs of ink separated
 * by two or more blanks.
 * ```
 * > | Revenues .........  $ 12,345     (1,234)
 *     ^^^^^^^^            ^^^^^^^^     ^^^^^^^  three phrases; the leader dots are a gap
 * ```
 */
export function splitPhrases(text: string, lineStart: number, from: number, to: number, options: PhraseOptions = {}): Phrase[] {
  const out: Phrase[] = [];
  const leaders = options.leaders === true;
  const pipes = options.pipes === true;
  const stops = options.stops;
  let phraseStart = -1;
  let inkEnd = -1;
  let p = from;
  while (p < to) {
    const c = text.charCodeAt(p);
    if (c > SPACE && c !== PIPE && c !== DOT && c !== 0xa0) {
      // Ordinary ink, the common case: run through it.
      if (phraseStart < 0) phraseStart = p;
      p++;
      while (p < to) {
        const d = text.charCodeAt(p);
        if (d <= SPACE || d === PIPE || d === DOT || d === 0xa0) break;
        p++;
      }
      inkEnd = p;
      continue;
    }
    if (isBlankCode(c) || (pipes && c === PIPE)) {
      const gapStart = p;
      let sawPipe = false;
      while (p < to) {
        const g = text.charCodeAt(p);
        if (isBlankCode(g)) p++;
        else if (pipes && g === PIPE) {
          sawPipe = true;
          p++;
        } else break;
      }
      if (phraseStart >= 0) {
        const split =
          sawPipe ||
          p - gapStart >= 2 ||
          p >= to ||
          (stops !== undefined && (isStop(stops, gapStart - lineStart) || isStop(stops, p - lineStart)));
        if (split) {
          out.push({ start: phraseStart, end: inkEnd });
          phraseStart = -1;
        }
      }
      continue;
    }
    if (leaders && c === DOT) {
      const leaderEnd = scanLeader(text, p, to);
      if (leaderEnd > p) {
        if (phraseStart >= 0) out.push({ start: phraseStart, end: inkEnd });
        phraseStart = -1;
        p = leaderEnd;
        continue;
      }
    }
    if (phraseStart < 0) phraseStart = p;
    p++;
    inkEnd = p;
  }
  if (phraseStart >= 0) out.push({ start: phraseStart, end: inkEnd });
  return out;
}

function isStop(stops: Uint8Array, column: number): boolean {
  return column >= 0 && column < stops.length && stops[column] === 1;
}

/** End of a leader (`....` or `. . . .`, three dots or more) starting at `p`, or `p` when there is none. */
function scanLeader(text: string, p: number, to: number): number {
  let q = p;
  let dots = 0;
  let last = p;
  while (q < to) {
    const c = text.charCodeAt(q);
    if (c === DOT) {
      dots++;
      q++;
      last = q;
    } else if (c === SPACE && q + 1 < to && text.charCodeAt(q + 1) === DOT) q++;
    else break;
  }
  return dots >= 3 ? last : p;
}

/**
 * The text of phrases joined with single spaces; blanks other than the space inside a phrase become
 * spaces when `oddBlanks` says the line has some.
 */
export function phraseText(text: string, phrases: readonly Phrase[], oddBlanks = true): string {
  let out = '';
  for (const phrase of phrases) {
    const raw = text.slice(phrase.start, phrase.end);
    const s = oddBlanks ? cleanBlanks(raw) : raw;
    out = out === '' ? s : `${out} ${s}`;
  }
  return out;
}

const HAS_OTHER_BLANK = /[\t\v\f\r\u00a0]/;
const OTHER_BLANKS = /[\t\v\f\r\u00a0]/g;

function cleanBlanks(s: string): string {
  return HAS_OTHER_BLANK.test(s) ? s.replace(OTHER_BLANKS, ' ') : s;
}

/** `-`, `--`, `===`, an em or en dash, `*`, `nil`, `n/a`, `na`, `none`: a figure's place kept empty. */
function isPlaceholder(text: string, from: number, to: number, first: number): boolean {
  const n = to - from;
  if (first === 0x2d || first === 0x3d) {
    for (let k = from + 1; k < to; k++) if (text.charCodeAt(k) !== first) return false;
    return true;
  }
  if (n === 1) return first === 0x2014 || first === 0x2013 || first === 0x2a;
  if ((first | 0x20) !== 0x6e || n > 4) return false;
  const lower = text.slice(from, to).toLowerCase();
  return lower === 'nil' || lower === 'n/a' || lower === 'na' || lower === 'none';
}

/**
 * A figure as tables print them: `12,345`, `$ 1.5`, `(1,234)`, `9.5%`, or a dash standing for zero.
 * Grammar: [sign] [US] [$] [(] [sign] [$] digits[,ddd]* [.digits] [)] [%] [*], blanks between the parts.
 */
export function looksNumeric(s: string): boolean {
  return looksNumericAt(s, 0, s.length);
}

/** `looksNumeric` on `text[from, to)`, without slicing it out. */
export function looksNumericAt(text: string, from: number, to: number): boolean {
  if (to - from <= 0 || to - from > 40) return false;
  const first = text.charCodeAt(from);
  // Most cells start with a letter that no figure, dash or `n/a` starts with.
  if (((first >= 0x41 && first <= 0x5a) || (first >= 0x61 && first <= 0x7a)) && first !== 0x55 && first !== 0x4e && first !== 0x6e) {
    return false;
  }
  if (isPlaceholder(text, from, to, first)) return true;
  let i = from;
  let c = first;
  if (c === 0x2d || c === 0x2b) c = ++i < to ? text.charCodeAt(i) : -1;
  if (c === 0x55 && i + 1 < to && text.charCodeAt(i + 1) === 0x53) {
    i++;
    c = ++i < to ? text.charCodeAt(i) : -1;
  }
  if (c === 0x24) c = ++i < to ? text.charCodeAt(i) : -1;
  while (c === 0x20) c = ++i < to ? text.charCodeAt(i) : -1;
  if (c === 0x28) c = ++i < to ? text.charCodeAt(i) : -1;
  while (c === 0x20) c = ++i < to ? text.charCodeAt(i) : -1;
  if (c === 0x2d || c === 0x2b) c = ++i < to ? text.charCodeAt(i) : -1;
  if (c === 0x24) c = ++i < to ? text.charCodeAt(i) : -1;
  while (c === 0x20) c = ++i < to ? text.charCodeAt(i) : -1;
  let digits = 0;
  let group = 0;
  let commas = 0;
  while (i < to) {
    if (c >= 0x30 && c <= 0x39) {
      digits++;
      group++;
    } else if (c === 0x2c) {
      if (group === 0 || (commas === 0 ? group > 3 : group !== 3)) return false;
      commas++;
      group = 0;
    } else break;
    c = ++i < to ? text.charCodeAt(i) : -1;
  }
  if (commas > 0 && group !== 3) return false;
  if (c === 0x2e) {
    c = ++i < to ? text.charCodeAt(i) : -1;
    let decimals = 0;
    while (c >= 0x30 && c <= 0x39) {
      decimals++;
      c = ++i < to ? text.charCodeAt(i) : -1;
    }
    if (decimals === 0) return false;
    digits += decimals;
  }
  if (digits === 0) return false;
  while (c === 0x20) c = ++i < to ? text.charCodeAt(i) : -1;
  if (c === 0x29) c = ++i < to ? text.charCodeAt(i) : -1;
  while (c === 0x20) c = ++i < to ? text.charCodeAt(i) : -1;
  if (c === 0x25) c = ++i < to ? text.charCodeAt(i) : -1;
  if (c === 0x2a) c = ++i < to ? text.charCodeAt(i) : -1;
  return i >= to;
}

/**
 * Clean a cell's text: `$ 12,345` becomes `$12,345`, `( 1,234 )` becomes `(1,234)`, `12 %` becomes `12%`,
 * so a figure reads the same however it was spaced to line up.
 */
export function normalizeCellText(s: string): string {
  if (s.indexOf(' ') === -1) return s;
  if (s.indexOf('$') === -1 && s.indexOf('(') === -1 && s.indexOf('%') === -1 && s.indexOf(')') === -1) return s;
  return s
    .replace(/\$\s+(?=[\d(.])/g, '$')
    .replace(/\(\s+(?=[\d$.])/g, '(')
    .replace(/(\d)\s+(?=[%)])/g, '$1');
}
