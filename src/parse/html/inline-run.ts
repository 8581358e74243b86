/**
 * Inline runs: the text between two block boundaries, kept as pieces with their source ranges
 * until the run is closed, then turned into paragraphs, headings, check-box choices or
 * preformatted text.
 *
 * A piece is one `ontext` event of htmlparser2 (a stretch of raw text or one decoded entity), or a
 * marker: a `<br>` line break, a table-cell separator or an empty bordered cell (a blank check box).
 * Pieces are joined and white space collapsed once per block, never per character.
 */
import { EMPTY_GLYPHS, MARKED_GLYPHS } from '../../core/check-marks.js';
import type { Span } from '../../core/span.js';
import type { Alignment, Block } from '../../model/document.js';
import { collapseWhitespace } from './clean-text.js';
import { detectChoice } from './detect-choice.js';

/** The piece is set in bold. */
export const PIECE_BOLD = 1;
/** The piece is underlined. */
export const PIECE_UNDERLINE = 2;
/** `text` has exactly the source's length, so offsets inside it map one to one onto the source. */
export const PIECE_EXACT = 4;
/** The piece is white space only. */
export const PIECE_BLANK = 8;
/** A `<br>`: a line break inside the run. */
export const PIECE_BREAK = 16;
/** A boundary between two table cells (only in the pieces of a table row). */
export const PIECE_CELL = 32;
/** An empty table cell with a bottom border: a blank check box (only in the pieces of a table row). */
export const PIECE_BOX = 64;

export interface Piece {
  /** Clean text ('' for markers). Non-breaking spaces are kept until the text is assembled. */
  readonly text: string;
  readonly start: number;
  readonly end: number;
  readonly flags: number;
}

export interface Run {
  readonly kind: 'run';
  readonly pieces: Piece[];
  readonly align: Alignment | null;
  /** 1–6 when the run is inside `<h1>`…`<h6>`, else 0. */
  readonly heading: number;
  readonly pre: boolean;
  /** Some piece has visible text. */
  hasText: boolean;
  /**
   * Some piece could be part of a check box: a box glyph, `[`, `_`, an unreadable symbol-font glyph,
   * underlining, a check-box image. (A lone `X` is looked for once the block's text is assembled.)
   */
  maybeChoice: boolean;
}

/**
 * A run opened by its first piece: the pieces array is made holding it (most runs keep one piece; an array made empty
 * takes room for 16 at its first push).
 */
export function newRun(align: Alignment | null, heading: number, pre: boolean, first: Piece): Run {
  return { kind: 'run', pieces: [first], align, heading, pre, hasText: false, maybeChoice: false };
}

/**
 * Characters that can make up a check box (box glyphs, `[`, `_`, unreadable symbol-font glyphs), as
 * the inside of a regular-expression character class.
 */
export const MARK_CHARACTERS = `${MARKED_GLYPHS}${EMPTY_GLYPHS}\\[_\\ufffd\\ue000-\\uf8ff`;
const MARK_CHARACTER = new RegExp(`[${MARK_CHARACTERS}]`);

/** A lone `x` or `X` between white space (or the ends of the text). */
export function hasLoneX(text: string): boolean {
  for (const letter of ['x', 'X']) {
    for (let at = text.indexOf(letter); at !== -1; at = text.indexOf(letter, at + 1)) {
      const before = at === 0 ? 0x20 : text.charCodeAt(at - 1);
      const after = at + 1 === text.length ? 0x20 : text.charCodeAt(at + 1);
      if ((before <= 0x20 || before === 0xa0) && (after <= 0x20 || after === 0xa0)) return true;
    }
  }
  return false;
}

/** The text has a check-box character; a lone `X` is looked for once the block's text is assembled. */
export function hasMarkCharacter(text: string): boolean {
  return MARK_CHARACTER.test(text);
}

/** The text could hold a check box: a box character or a lone `X`. */
export function isMarkCandidate(text: string): boolean {
  return MARK_CHARACTER.test(text) || hasLoneX(text);
}

/** The longest run read for check boxes: check-box lines are short. */
const CHOICE_MAX_CHARS = 2000;

/** The clean text of some pieces: joined, white space collapsed, markers as spaces. */
export function piecesText(pieces: readonly Piece[]): string {
  if (pieces.length === 1) return collapseWhitespace(pieces[0]?.text ?? '');
  const parts: string[] = new Array(pieces.length);
  for (let index = 0; index < pieces.length; index++) {
    const piece = pieces[index] as Piece;
    parts[index] = piece.flags & (PIECE_BREAK | PIECE_CELL) ? ' ' : piece.text;
  }
  return collapseWhitespace(parts.join(''));
}

/** The source range of the visible text of some pieces, without leading and trailing white space. */
export function piecesSpan(pieces: readonly Piece[]): Span | null {
  let first = -1;
  let last = -1;
  for (let index = 0; index < pieces.length; index++) {
    const piece = pieces[index] as Piece;
    if (piece.flags & (PIECE_BLANK | PIECE_BREAK | PIECE_CELL)) continue;
    if (first === -1) first = index;
    last = index;
  }
  if (first === -1) return null;
  const head = pieces[first] as Piece;
  const tail = pieces[last] as Piece;
  let start = head.start;
  let end = tail.end;
  if (head.flags & PIECE_EXACT) start += head.text.length - head.text.trimStart().length;
  if (tail.flags & PIECE_EXACT) end -= tail.text.length - tail.text.trimEnd().length;
  return { start, end: Math.max(end, start) };
}

function allBold(pieces: readonly Piece[]): boolean {
  for (const piece of pieces) {
    if (piece.flags & (PIECE_BLANK | PIECE_BREAK | PIECE_CELL)) continue;
    if (!(piece.flags & PIECE_BOLD)) return false;
  }
  return true;
}

const ENDS_SENTENCE = /[.:;!?"”)]$/;
const STARTS_ITEM = /^(?:[•●▪➢❖·*-]|\(?[0-9a-zA-Z]{1,3}[.)])\s/;

/**
 * Splits a run at its `<br>` line breaks into paragraphs. A blank line always ends a paragraph;
 * a single break is a hard wrap (joined) when the line before it is long and does not end a sentence
 * and the next line does not start a list item — otherwise it ends a line of its own
 * (address lines, a bold title over its text, a check-box line under its question).
 */
export function splitParagraphs(run: Run): Piece[][] {
  const pieces = run.pieces;
  let hasBreak = false;
  for (const piece of pieces) {
    if (piece.flags & PIECE_BREAK) {
      hasBreak = true;
      break;
    }
  }
  if (!hasBreak) return [pieces];
  const lines: Piece[][] = [];
  let line: Piece[] = [];
  for (const piece of pieces) {
    if (piece.flags & PIECE_BREAK) {
      lines.push(line);
      line = [];
    } else {
      line.push(piece);
    }
  }
  lines.push(line);
  const groups: Piece[][] = [];
  let group: Piece[] | null = null;
  let groupText = '';
  let groupBold = false;
  for (const current of lines) {
    const text = piecesText(current);
    if (text === '') {
      group = null;
      continue;
    }
    const bold = allBold(current);
    if (
      group !== null &&
      groupText.length >= 40 &&
      !ENDS_SENTENCE.test(groupText) &&
      !STARTS_ITEM.test(text) &&
      !(groupBold && !bold) &&
      !isMarkCandidate(text)
    ) {
      group.push({ text: ' ', start: current[0]?.start ?? 0, end: current[0]?.start ?? 0, flags: PIECE_BLANK });
      for (const piece of current) group.push(piece);
      groupText = text;
      groupBold = groupBold && bold;
      continue;
    }
    group = current.slice();
    groups.push(group);
    groupText = text;
    groupBold = bold;
  }
  return groups;
}

const LETTER = /\p{L}/u;
/** A line drawn with characters: `_____`, `-----`, `=====`, `*****`. */
const RULE_LINE = /^(?:[_]{3,}|[-]{3,}|[=]{3,}|[*]{3,}|[─━—–]{3,})$/;

/** A short standalone line set in bold (or centred capitals) reads as a heading: its level, or 0. */
function impliedHeading(text: string, pieces: readonly Piece[], align: Alignment | null): number {
  if (text.length > 120 || !LETTER.test(text)) return 0;
  if (allBold(pieces)) return align === 'center' ? 2 : 3;
  if (align === 'center' && text.length <= 80 && text === text.toUpperCase() && /\p{Lu}.*\p{Lu}/u.test(text) && !text.startsWith('(')) {
    return 3;
  }
  return 0;
}

/** Turns a closed run into blocks, appended to `out`. */
export function runToBlocks(run: Run, out: Block[]): void {
  if (!run.hasText) return;
  if (run.pre) {
    preformatted(run, out);
    return;
  }
  for (const pieces of splitParagraphs(run)) {
    const text = piecesText(pieces);
    if (text === '') continue;
    if ((run.maybeChoice || hasLoneX(text)) && text.length <= CHOICE_MAX_CHARS && detectChoice(pieces, out, run.align)) continue;
    const span = piecesSpan(pieces);
    if (span === null) continue;
    if (RULE_LINE.test(text)) {
      out.push({ kind: 'rule', span });
      continue;
    }
    const level = run.heading > 0 ? run.heading : impliedHeading(text, pieces, run.align);
    if (level > 0) {
      out.push({ kind: 'heading', level: level as 1 | 2 | 3 | 4 | 5 | 6, text, align: run.align, span });
    } else {
      out.push({ kind: 'paragraph', text, align: run.align, span });
    }
  }
}

/** `<pre>` text keeps its line layout: breaks become newlines, trailing spaces and blank edges go. */
function preformatted(run: Run, out: Block[]): void {
  const parts: string[] = [];
  for (const piece of run.pieces) parts.push(piece.flags & PIECE_BREAK ? '\n' : piece.text);
  const lines = parts
    .join('')
    .replace(/\u00a0/g, ' ')
    .split(/\r\n?|\n/)
    .map((line) => line.trimEnd());
  let first = 0;
  let last = lines.length - 1;
  while (first <= last && lines[first] === '') first++;
  while (last >= first && lines[last] === '') last--;
  if (first > last) return;
  const span = piecesSpan(run.pieces);
  if (span === null) return;
  out.push({ kind: 'preformatted', text: lines.slice(first, last + 1).join('\n'), span });
}
