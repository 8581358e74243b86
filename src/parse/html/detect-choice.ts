/**
 * Check boxes on cover pages, read from the pieces of one paragraph or one table row:
 *
 *   Form 20-F ☒     Form 40-F ☐           label, then its box
 *   ☐ Form 20-F  ☒ Form 40-F              box, then its label
 *   Yes [  ]   No [X]                     bracket boxes
 *   Form 20-F __X__   Form 40-F _____     underscore blanks, an underlined or lone X
 *   | Form 20-F | X | | Form 40-F |  |    table cells (an empty bordered cell is a blank box)
 *
 * Symbol-font boxes (Wingdings `x` `o`, Wingdings 2 `S` `*`, Webdings…) and `ballot.jpg`-style images arrive
 * here already turned into `☒`/`☐`; glyphs are those of the check-mark vocabulary (core/check-marks.ts). Whether labels stand before or after their boxes is decided by spacing:
 * each box votes for the side where its neighbouring word is closer.
 */
import { EMPTY_GLYPHS, glyphMark, isUnknownGlyph, MARKED_GLYPHS } from '../../core/check-marks.js';
import type { Span } from '../../core/span.js';
import type { Alignment, Block, ChoiceOption } from '../../model/document.js';
import { PIECE_BOX, PIECE_BREAK, PIECE_CELL, PIECE_EXACT, PIECE_UNDERLINE, type Piece } from './inline-run.js';

interface Word {
  text: string;
  start: number;
  end: number;
  /** White space before the word: one per non-breaking space or run of spaces; 50 for a line break, 100 for a cell. */
  gap: number;
  flags: number;
}

/** The word is a blank: an empty underlined stretch or an empty bordered cell. */
const WORD_BLANK = 1;

const GAP_START = 1000;
const GAP_LINE = 50;
const GAP_CELL = 100;

/** What an unreadable symbol-font glyph is called among the words. */
const UNKNOWN_GLYPH = '\ufffd';

/** The lowest character code of the check-mark vocabulary's glyphs: every character below it is none of them. */
const LOWEST_GLYPH = Math.min(...Array.from(MARKED_GLYPHS + EMPTY_GLYPHS, (glyph) => glyph.charCodeAt(0)));

/** A box or mark glyph of the check-mark vocabulary (most characters are letters, answered by the first test). */
function isGlyph(code: number): boolean {
  return code >= LOWEST_GLYPH && glyphMark(code) !== null;
}

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0xa0 || (code >= 0x09 && code <= 0x0d) || code === 0x3000 || (code >= 0x2000 && code <= 0x200a);
}

/**
 * Splits pieces into words with their source ranges and the spacing before each.
 * One pass over the pieces' characters, kept whole because the current word, the gap before it and the underline
 * being read are state every character changes; split, it would be passed around.
 */
function tokenize(pieces: readonly Piece[]): Word[] {
  const words: Word[] = [];
  let gap = GAP_START;
  let current: Word | null = null;
  let inSpaces = false;
  // An underlined stretch with no text in it is a blank to fill in.
  let underlineStart = -1;
  let underlineEnd = -1;
  let underlineText = false;
  let underlineSpaces = 0;
  let underlineGap = 0;
  const endUnderline = (): void => {
    if (underlineStart !== -1 && !underlineText && underlineSpaces >= 2) {
      words.push({ text: '', start: underlineStart, end: underlineEnd, gap: underlineGap, flags: WORD_BLANK });
      gap = 0;
      current = null;
    }
    underlineStart = -1;
  };
  for (const piece of pieces) {
    if (piece.flags & (PIECE_BREAK | PIECE_CELL | PIECE_BOX)) {
      endUnderline();
      current = null;
      inSpaces = false;
      if (piece.flags & PIECE_BREAK) gap += GAP_LINE;
      else if (piece.flags & PIECE_CELL) gap += GAP_CELL;
      else {
        words.push({ text: '', start: piece.start, end: piece.end, gap, flags: WORD_BLANK });
        gap = 0;
      }
      continue;
    }
    const underlined = (piece.flags & PIECE_UNDERLINE) !== 0;
    if (!underlined) endUnderline();
    else if (underlineStart === -1) {
      underlineStart = piece.start;
      underlineText = false;
      underlineSpaces = 0;
      underlineGap = gap;
    }
    if (underlined) underlineEnd = piece.end;
    const exact = (piece.flags & PIECE_EXACT) !== 0;
    const text = piece.text;
    let from = -1;
    for (let index = 0; index < text.length; index++) {
      const code = text.charCodeAt(index);
      if (isSpace(code)) {
        if (from !== -1 && current !== null) current.text += text.slice(from, index);
        from = -1;
        current = null;
        if (code === 0xa0) {
          gap++;
          inSpaces = false;
        } else if (!inSpaces) {
          gap++;
          inSpaces = true;
        }
        if (underlined) underlineSpaces++;
        continue;
      }
      inSpaces = false;
      if (underlined) underlineText = true;
      const start = exact ? piece.start + index : piece.start;
      const end = exact ? start + 1 : piece.end;
      if (isGlyph(code) || isUnknownGlyph(code)) {
        if (from !== -1 && current !== null) current.text += text.slice(from, index);
        from = -1;
        const previous = words[words.length - 1];
        if (isUnknownGlyph(code) && gap === 0 && previous !== undefined && previous.text === UNKNOWN_GLYPH) {
          previous.end = end; // a surrogate pair or a run of them: one glyph
        } else {
          const glyph = isUnknownGlyph(code) ? UNKNOWN_GLYPH : (text[index] ?? '');
          words.push({ text: glyph, start, end, gap, flags: 0 });
        }
        current = null;
        gap = 0;
        continue;
      }
      if (current === null) {
        current = { text: '', start, end, gap, flags: 0 };
        words.push(current);
        gap = 0;
        from = index;
      } else if (from === -1) {
        from = index;
      }
      current.end = end;
    }
    if (from !== -1 && current !== null) current.text += text.slice(from);
  }
  endUnderline();
  return words;
}

interface Mark {
  /** First and last word of the mark (`[`, `X`, `]` is three words). */
  readonly from: number;
  readonly to: number;
  readonly marked: boolean;
  /** A bare underscore blank or empty underlined stretch: a box only where the text is about check marks. */
  readonly weak: boolean;
}

const BRACKET_MARKED = /^\[\s*[xX✓√☒☑]\s*\]$/;
const BRACKET_EMPTY = /^\[[\s_]*\]$/;
const UNDERSCORE_BLANK = /^_{2,}$/;
const UNDERSCORE_MARKED = /^_*[xX✓√]_*$/;
const LONE_X = /^[xX]$/;

/** Labels that stand on their own: the annual-report forms and Yes/No. */
const KNOWN_LABEL = /(?:^|\s)(Form\s+\d{1,3}-[A-Z]{1,2}|Yes|No)$/i;
const KNOWN_LABEL_ONLY = /^(?:Form\s+\d{1,3}-[A-Z]{1,2}|Yes|No)$/i;
/** Text about check boxes: bare blanks (`____`) are boxes only here. */
const CHECK_CONTEXT = /\bcheck(?:\s*mark|\s+the\b|\s+one\b)|\bcheckmark|\bRule\s+101\s*\(\s*b\s*\)\s*\(\s*[17l]\s*\)\s*:/i;
/** Text offering the usual choices: a lone `X` is a mark only here (or in text about check marks). */
const LABEL_CONTEXT = /\b(?:Form\s+\d{1,3}-F|Yes|No)\b/;

function findMarks(words: readonly Word[], context: boolean): Mark[] {
  const marks: Mark[] = [];
  for (let index = 0; index < words.length; index++) {
    const word = words[index] as Word;
    const text = word.text;
    if (word.flags & WORD_BLANK) {
      // An empty underlined stretch or bordered cell: also how fraction bars and totals are drawn.
      marks.push({ from: index, to: index, marked: false, weak: true });
      continue;
    }
    if (text.length === 1 && MARKED_GLYPHS.includes(text)) {
      marks.push({ from: index, to: index, marked: true, weak: false });
      continue;
    }
    if (text.length === 1 && EMPTY_GLYPHS.includes(text)) {
      marks.push({ from: index, to: index, marked: false, weak: false });
      continue;
    }
    if (text === UNKNOWN_GLYPH) {
      // Most likely an empty box drawn in a symbol font that did not survive conversion.
      marks.push({ from: index, to: index, marked: false, weak: true });
      continue;
    }
    if (BRACKET_EMPTY.test(text)) {
      marks.push({ from: index, to: index, marked: false, weak: false });
      continue;
    }
    if (BRACKET_MARKED.test(text)) {
      marks.push({ from: index, to: index, marked: true, weak: false });
      continue;
    }
    if (text === '[') {
      // `[ ]`, `[ X ]`, `[☒]` spread over several words.
      const next = words[index + 1];
      const third = words[index + 2];
      if (next?.text === ']' || next?.text === '_]') {
        marks.push({ from: index, to: index + 1, marked: false, weak: false });
        index += 1;
        continue;
      }
      if (next !== undefined && third?.text === ']' && /^(?:[xX✓√☒☑☐])$/.test(next.text)) {
        marks.push({ from: index, to: index + 2, marked: next.text !== '☐', weak: false });
        index += 2;
        continue;
      }
      if (next !== undefined && /^[xX]\]$/.test(next.text)) {
        marks.push({ from: index, to: index + 1, marked: true, weak: false });
        index += 1;
        continue;
      }
      continue;
    }
    if (text.charCodeAt(0) === 0x5f /* _ */) {
      if (UNDERSCORE_BLANK.test(text)) {
        marks.push({ from: index, to: index, marked: false, weak: true });
        continue;
      }
      if (UNDERSCORE_MARKED.test(text)) {
        marks.push({ from: index, to: index, marked: true, weak: false });
        continue;
      }
    }
    // A lone `X` is a mark where the text offers the usual choices (a formula's `x` is not).
    if (LONE_X.test(text) && context) marks.push({ from: index, to: index, marked: true, weak: false });
  }
  return marks;
}

function joinWords(words: readonly Word[], from: number, to: number): string {
  let text = '';
  for (let index = from; index <= to; index++) {
    const word = words[index] as Word;
    if (index > from && word.gap > 0) text += ' ';
    text += word.text;
  }
  return text;
}

const ABBREVIATION = /^(?:Inc|Corp|Co|Ltd|No|Nos|Mr|Ms|Mrs|Dr|St|Jr|Sr|vs|etc|approx)\.$|(?:^|[^\p{L}])(?:\p{L}\.)+$/iu;

/** The word ends a clause: `.` `:` `;` `?` `!` (not an abbreviation). */
function endsClause(word: Word): boolean {
  const last = word.text.charCodeAt(word.text.length - 1);
  if (last === 0x3a || last === 0x3b || last === 0x3f || last === 0x21) return true;
  return last === 0x2e && !ABBREVIATION.test(word.text);
}

/** Start of the last clause of words `from..to`. */
function lastClauseStart(words: readonly Word[], from: number, to: number): number {
  for (let index = to - 1; index >= from; index--) {
    const word = words[index] as Word;
    const next = words[index + 1] as Word;
    if (endsClause(word) || next.gap >= 4) return index + 1;
  }
  return from;
}

/** End of the first clause of words `from..to`. */
function firstClauseEnd(words: readonly Word[], from: number, to: number): number {
  for (let index = from; index < to; index++) {
    const word = words[index] as Word;
    const next = words[index + 1] as Word;
    if (endsClause(word) || next.gap >= 4) return index;
  }
  return to;
}

function cleanLabel(text: string): string {
  let label = text.replace(/\s*\ufffd\s*/g, ' ');
  // A closing colon and the blanks before it (`/\s*[:：]$/` would retry from every blank of a long run).
  if (label.endsWith(':') || label.endsWith('：')) label = label.slice(0, -1).trimEnd();
  return label.replace(/^["“”']+|["“”']+$/g, '').trim();
}

function paragraph(words: readonly Word[], from: number, to: number, align: Alignment | null): Block | null {
  if (from > to) return null;
  const text = joinWords(words, from, to).replace(/\s+/g, ' ').trim();
  if (text === '') return null;
  return { kind: 'paragraph', text, align, span: { start: (words[from] as Word).start, end: (words[to] as Word).end } };
}

interface Option {
  label: string;
  marked: boolean;
  span: Span;
  markSpan: Span | null;
}

/**
 * Reads check boxes from `pieces`. When there are, appends to `out` the question before them as a
 * paragraph, the `Choice`, and any text after them as a paragraph, and returns true.
 * One function because its steps (vote which side the labels are on, cut the options, place the question and the
 * trailing text) work on the same words and marks and move the same cut positions `questionEnd` and `trailingStart`;
 * split, they would pass all of them around.
 */
export function detectChoice(pieces: readonly Piece[], out: Block[], align: Alignment | null = null): boolean {
  const words = tokenize(pieces);
  if (words.length === 0) return false;
  const all = joinWords(words, 0, words.length - 1);
  const checkContext = CHECK_CONTEXT.test(all);
  let marks = findMarks(words, checkContext || LABEL_CONTEXT.test(all));
  if (marks.length === 0) return false;
  let strong = false;
  for (const mark of marks) if (!mark.weak) strong = true;
  if (!strong && !checkContext) return false;

  // Labels before or after their boxes: each box votes for the side with the closer word; a box with
  // words on one side only (or only across a line or cell boundary) votes twice. Where there are
  // real boxes, blanks (`____`) do not vote.
  let votes = 0;
  for (let index = 0; index < marks.length; index++) {
    const mark = marks[index] as Mark;
    if (strong && mark.weak) continue;
    const previous = marks[index - 1];
    const next = marks[index + 1];
    const hasBefore = mark.from > (previous === undefined ? 0 : previous.to + 1);
    const hasAfter = mark.to < (next === undefined ? words.length - 1 : next.from - 1);
    const before = hasBefore ? (words[mark.from] as Word).gap : Number.POSITIVE_INFINITY;
    const after = hasAfter ? (words[mark.to + 1] as Word).gap : Number.POSITIVE_INFINITY;
    if (before === after) continue;
    const far = Math.max(before, after) >= GAP_LINE && Math.min(before, after) < GAP_LINE;
    const weight = !hasBefore || !hasAfter || far ? 2 : 1;
    votes += before < after ? weight : -weight;
  }
  // Boxes first, labels after: a blank inside a label is a space to fill in (`for the period ____ to ____`).
  if (votes < 0 && strong) marks = marks.filter((mark) => !mark.weak);
  const labelsBefore = votes >= 0;

  const options: Option[] = [];
  let questionEnd = -1;
  let trailingStart = words.length;
  const first = marks[0] as Mark;
  const last = marks[marks.length - 1] as Mark;
  const markSpan = (mark: Mark): Span => ({ start: (words[mark.from] as Word).start, end: (words[mark.to] as Word).end });
  const addOption = (from: number, to: number, mark: Mark | null): void => {
    if (from > to) return;
    const label = cleanLabel(joinWords(words, from, to));
    if (label === '') return;
    options.push({
      label,
      marked: mark?.marked ?? false,
      span: { start: (words[from] as Word).start, end: (words[to] as Word).end },
      markSpan: mark === null ? null : markSpan(mark),
    });
  };

  if (labelsBefore) {
    for (let index = 0; index < marks.length; index++) {
      const mark = marks[index] as Mark;
      const from = index === 0 ? 0 : (marks[index - 1] as Mark).to + 1;
      const to = mark.from - 1;
      let labelFrom = from;
      if (index === 0 && from <= to) {
        labelFrom = lastClauseStart(words, from, to);
        const known = KNOWN_LABEL.exec(joinWords(words, labelFrom, to));
        if (known !== null) {
          const count = (known[1] ?? '').split(/\s+/).length;
          labelFrom = Math.max(labelFrom, to - count + 1);
        }
        questionEnd = labelFrom - 1;
        // A known label standing alone before it, with no box of its own (`Yes   No [X]`).
        if (questionEnd >= 0) {
          const clause = lastClauseStart(words, 0, questionEnd);
          if (KNOWN_LABEL_ONLY.test(cleanLabel(joinWords(words, clause, questionEnd)))) {
            addOption(clause, questionEnd, null);
            questionEnd = clause - 1;
          }
        }
      }
      addOption(labelFrom, to, mark);
    }
    // Words after the last box: a further unmarked option when they are a known label, else text.
    const from = last.to + 1;
    if (from < words.length) {
      const rest = joinWords(words, from, words.length - 1);
      if (KNOWN_LABEL_ONLY.test(cleanLabel(rest))) addOption(from, words.length - 1, null);
      else trailingStart = from;
    }
  } else {
    questionEnd = first.from - 1;
    for (let index = 0; index < marks.length; index++) {
      const mark = marks[index] as Mark;
      const from = mark.to + 1;
      const next = marks[index + 1];
      let to = next === undefined ? words.length - 1 : next.from - 1;
      if (next === undefined && from <= to) {
        to = firstClauseEnd(words, from, to);
        trailingStart = to + 1;
      }
      addOption(from, to, mark);
    }
  }
  if (options.length === 0) return false;

  const question = paragraph(words, 0, questionEnd, align);
  if (question !== null) out.push(question);
  let start = Number.POSITIVE_INFINITY;
  let end = 0;
  for (const option of options) {
    start = Math.min(start, option.span.start, option.markSpan?.start ?? Number.POSITIVE_INFINITY);
    end = Math.max(end, option.span.end, option.markSpan?.end ?? 0);
  }
  const choiceOptions: ChoiceOption[] = options;
  out.push({ kind: 'choice', options: choiceOptions, span: { start, end } });
  const trailing = paragraph(words, trailingStart, words.length - 1, align);
  if (trailing !== null) out.push(trailing);
  return true;
}
