import { isBlankCode } from './text-lines.js';

const HYPHEN = 0x2d;
const BLANK_RUN = /[\s\u00a0]+/g;
const NEEDS_COLLAPSE = /[\t\v\f\r\u00a0]| {2}/;

/** `text[from, to)` with every run of blanks made one space (the range is expected to be trimmed). */
export function collapsedSlice(text: string, from: number, to: number): string {
  const s = text.slice(from, to);
  return NEEDS_COLLAPSE.test(s) ? s.replace(BLANK_RUN, ' ').trim() : s;
}

function isWordCode(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c >= 0xc0;
}

/**
 * Join hard-wrapped lines (each already trimmed and collapsed) into running text.
 *
 * The rule for a hyphen at the end of a line, chosen to lose nothing: when a letter or digit stands before
 * the hyphen and the next line starts with a letter or digit, the lines are joined with no space and the
 * hyphen is kept (`self-` + `regulatory` → `self-regulatory`, `Jae-` + `Hyun` → `Jae-Hyun`, `13a-` + `16` →
 * `13a-16`). A word broken only for the line (`regis-` + `trant`) therefore keeps its hyphen
 * (`regis-trant`): telling such breaks from compounds needs a dictionary, and dropping a real hyphen would
 * change the text. Every other line break becomes one space.
 */
export function joinWrapped(pieces: readonly string[]): string {
  if (pieces.length === 1) return pieces[0] as string;
  let plain = true;
  for (let k = 0; k + 1 < pieces.length && plain; k++) {
    const piece = pieces[k] as string;
    const next = pieces[k + 1] as string;
    if (piece.length === 0 || next.length === 0) plain = false;
    else if (piece.charCodeAt(piece.length - 1) === HYPHEN) plain = false;
  }
  // One flat string when no line ends in a hyphen: the usual case.
  if (plain) return pieces.join(' ');
  // The joined text's last two characters are tracked here: reading them off a growing string would flatten it
  // on every line (quadratic on a long paragraph of hyphenated lines).
  const parts: string[] = [];
  let last = -1;
  let beforeLast = -1;
  for (const piece of pieces) {
    if (piece.length === 0) continue;
    if (parts.length === 0) parts.push(piece);
    else {
      const hyphenBreak = last === HYPHEN && beforeLast !== -1 && isWordCode(beforeLast) && isWordCode(piece.charCodeAt(0));
      if (!hyphenBreak) {
        parts.push(' ');
        last = 0x20;
      }
      parts.push(piece);
    }
    beforeLast = piece.length >= 2 ? piece.charCodeAt(piece.length - 2) : last;
    last = piece.charCodeAt(piece.length - 1);
  }
  return parts.join('');
}

/** Running text of several lines given as trimmed `[from, to)` ranges. */
export function reflowRanges(text: string, ranges: ReadonlyArray<readonly [number, number]>): string {
  const pieces: string[] = [];
  for (const [from, to] of ranges) if (to > from) pieces.push(collapsedSlice(text, from, to));
  return joinWrapped(pieces);
}

/** Length of the first word of `text[from, to)` (up to the first blank). */
export function firstWordLength(text: string, from: number, to: number): number {
  let p = from;
  while (p < to && !isBlankCode(text.charCodeAt(p))) p++;
  return p - from;
}
