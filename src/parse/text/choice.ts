import { EMPTY_GLYPHS, glyphMark, MARKED_GLYPHS } from '../../core/check-marks.js';
import type { Span } from '../../core/span.js';
import type { Choice, ChoiceOption } from '../../model/document.js';
import { collapsedSlice } from './reflow.js';
import { isBlankCode, isRuleLine, ruleRuns, type TextContext } from './text-lines.js';

/** The lowest character code of the check-mark vocabulary's glyphs: every character below it is none of them. */
const LOWEST_GLYPH = Math.min(...Array.from(MARKED_GLYPHS + EMPTY_GLYPHS, (glyph) => glyph.charCodeAt(0)));

interface Word {
  readonly start: number;
  readonly end: number;
}

function wordsOf(text: string, from: number, to: number): Word[] {
  const words: Word[] = [];
  let p = from;
  while (p < to) {
    while (p < to && isBlankCode(text.charCodeAt(p))) p++;
    if (p >= to) break;
    const s = p;
    while (p < to && !isBlankCode(text.charCodeAt(p))) p++;
    words.push({ start: s, end: p });
  }
  return words;
}

function isMarkWord(text: string, w: Word): boolean {
  if (w.end - w.start !== 1) return false;
  const c = text.charCodeAt(w.start);
  return c === 0x58 || c === 0x78 || glyphMark(c) === true;
}

function isBlankRunWord(text: string, w: Word): boolean {
  if (w.end - w.start < 2) return false;
  for (let p = w.start; p < w.end; p++) if (text.charCodeAt(p) !== 0x5f) return false;
  return true;
}

interface Slot {
  /** Columns. */
  readonly start: number;
  readonly end: number;
}

/**
 * Labels on one line with a `---` slot under each, and an `X` over the chosen slot:
 * ```
 * > |                            Form 20-F  X   Form 40-F
 * > |                                      ---            ---
 *                                           ^ the X stands over the first slot; each slot belongs to the
 *                                             label before it (or after it, when a slot comes first)
 * ```
 * Returns null unless every label has exactly one slot and every mark stands over a slot.
 */
export function matchUnderlineChoice(ctx: TextContext, i: number): Choice | null {
  const { text, lines } = ctx;
  if (i + 1 >= lines.count || !isRuleLine(text, lines, i + 1)) return null;
  const lineStart = lines.start[i] ?? 0;
  const words = wordsOf(text, lines.inkStart[i] ?? 0, lines.inkEnd[i] ?? 0);
  const labels: Word[] = [];
  const marks: Word[] = [];
  const slots: Slot[] = [];
  let labelStart = -1;
  let labelEnd = -1;
  const closeLabel = (): void => {
    if (labelStart >= 0) labels.push({ start: labelStart, end: labelEnd });
    labelStart = -1;
  };
  for (const w of words) {
    if (isMarkWord(text, w)) {
      closeLabel();
      marks.push(w);
    } else if (isBlankRunWord(text, w)) {
      closeLabel();
      slots.push({ start: w.start - lineStart, end: w.end - lineStart });
    } else if (labelStart >= 0 && w.start - labelEnd < 2) labelEnd = w.end;
    else {
      closeLabel();
      labelStart = w.start;
      labelEnd = w.end;
    }
  }
  closeLabel();
  if (labels.length < 2 || labels.length > 8 || marks.length > labels.length) return null;
  for (const label of labels) if (label.end - label.start > 40) return null;
  const runs = ruleRuns(text, lines, i + 1);
  for (const run of runs) {
    if (run.end - run.start > 24) return null;
    slots.push(run);
  }
  if (slots.length !== labels.length) return null;
  slots.sort((a, b) => a.start - b.start);
  const col = (w: Word): Slot => ({ start: w.start - lineStart, end: w.end - lineStart });
  const firstLabel = col(labels[0] as Word);
  const slotFirst = (slots[0] as Slot).start < firstLabel.start;
  for (let k = 0; k < labels.length; k++) {
    const label = col(labels[k] as Word);
    const slot = slots[k] as Slot;
    if (slotFirst) {
      if (slot.end > label.start + 1) return null;
      if (k > 0 && slot.start < col(labels[k - 1] as Word).end - 1) return null;
    } else {
      if (slot.start < label.end - 1) return null;
      if (k + 1 < labels.length && slot.start >= col(labels[k + 1] as Word).start) return null;
    }
  }
  const markOf: Array<Word | null> = labels.map(() => null);
  for (const mark of marks) {
    const m = col(mark);
    const k = slots.findIndex((s) => m.start >= s.start - 1 && m.end <= s.end + 1);
    if (k < 0 || markOf[k] !== null) return null;
    markOf[k] = mark;
  }
  const options: ChoiceOption[] = labels.map((label, k) => {
    const mark = markOf[k] ?? null;
    return {
      label: collapsedSlice(text, label.start, label.end),
      marked: mark !== null,
      span: { start: label.start, end: label.end },
      markSpan: mark === null ? null : { start: mark.start, end: mark.end },
    };
  });
  return {
    kind: 'choice',
    options,
    span: { start: lines.inkStart[i] ?? 0, end: lines.inkEnd[i + 1] ?? 0 },
  };
}

/** A check box: `[X]`, `[ ]`, `[]`, `[_]`, `|X|`, `| |`, `(X)`, `( )`, `\\ X \\` (1990s), or one of `☐ ☑ ☒`. */
export interface Box {
  readonly start: number;
  readonly end: number;
  readonly marked: boolean;
}

function isMarkCode(c: number): boolean {
  return c === 0x58 || c === 0x78 || c === 0x2713 || c === 0x2714 || c === 0x221a;
}

/** The box starting at `p`, if one does. */
export function boxAt(text: string, p: number, to: number): Box | null {
  const open = text.charCodeAt(p);
  const glyph = glyphMark(open);
  if (glyph !== null) return { start: p, end: p + 1, marked: glyph };
  const close = open === 0x5b ? 0x5d : open === 0x7c ? 0x7c : open === 0x28 ? 0x29 : open === 0x5c ? 0x5c : -1;
  if (close < 0) return null;
  let marked = false;
  let q = p + 1;
  const limit = Math.min(to, p + 5);
  while (q < limit) {
    const c = text.charCodeAt(q);
    if (c === close) break;
    if (c === 0x20 || c === 0x5f || c === 0xa0) {
      q++;
      continue;
    }
    // `(x)` is a roman numeral far more often than a check mark; only `(X)` counts in parentheses.
    if (isMarkCode(c) && !(open === 0x28 && c === 0x78)) {
      if (marked) return null;
      marked = true;
      q++;
      continue;
    }
    return null;
  }
  if (q >= limit || text.charCodeAt(q) !== close) return null;
  if (q === p + 1 && open !== 0x5b) return null; // `()`, `||` and `\\` are not boxes; `[]` is
  return { start: p, end: q + 1, marked };
}

/** Boxes on `text[from, to)`, in order. */
export function boxesOn(text: string, from: number, to: number): Box[] {
  const boxes: Box[] = [];
  let p = from;
  while (p < to) {
    const c = text.charCodeAt(p);
    if (c === 0x5b || c === 0x7c || c === 0x28 || c === 0x5c || (c >= LOWEST_GLYPH && glyphMark(c) !== null)) {
      const box = boxAt(text, p, to);
      if (box !== null) {
        boxes.push(box);
        p = box.end;
        continue;
      }
    }
    p++;
  }
  return boxes;
}

function labelSpan(text: string, from: number, to: number): Span | null {
  let a = from;
  let b = to;
  while (a < b && isBlankCode(text.charCodeAt(a))) a++;
  while (b > a && isBlankCode(text.charCodeAt(b - 1))) b--;
  return b > a ? { start: a, end: b } : null;
}

function option(text: string, span: Span, box: Box): ChoiceOption {
  return {
    label: collapsedSlice(text, span.start, span.end),
    marked: box.marked,
    span,
    markSpan: box.marked ? { start: box.start, end: box.end } : null,
  };
}

/** Options of one line whose labels come before their boxes: `Form 20-F [X]     Form 40-F [ ]`. */
function labelsBeforeBoxes(text: string, from: number, to: number, boxes: readonly Box[]): ChoiceOption[] | null {
  const options: ChoiceOption[] = [];
  let cursor = from;
  for (const box of boxes) {
    const span = labelSpan(text, cursor, box.start);
    if (span === null || span.end - span.start > 60) return null;
    options.push(option(text, span, box));
    cursor = box.end;
  }
  return labelSpan(text, cursor, to) === null ? options : null;
}

/** Options of one line whose boxes come first: `(X) Director ( ) 10% Owner`. */
function boxesBeforeLabels(text: string, from: number, to: number, boxes: readonly Box[]): ChoiceOption[] | null {
  if (labelSpan(text, from, (boxes[0] as Box).start) !== null) return null;
  const options: ChoiceOption[] = [];
  for (let k = 0; k < boxes.length; k++) {
    const box = boxes[k] as Box;
    const next = k + 1 < boxes.length ? (boxes[k + 1] as Box).start : to;
    const span = labelSpan(text, box.end, next);
    if (span === null || span.end - span.start > 80) return null;
    options.push(option(text, span, box));
  }
  return options;
}

/**
 * Check boxes beside labels: one line with two boxes or more (`Form 20-F [X]   Form 40-F [ ]`,
 * `Yes [ ]   No [X]`, `(X) Director ( ) 10% Owner`), or consecutive lines that each start with a box.
 * Returns the choice and the line after it.
 */
export function matchBoxChoice(ctx: TextContext, i: number, to: number): { choice: Choice; next: number } | null {
  const { text, lines } = ctx;
  const a = lines.inkStart[i] ?? 0;
  const b = lines.inkEnd[i] ?? 0;
  const boxes = boxesOn(text, a, b);
  if (boxes.length === 0) return null;
  const startsWithBox = (boxes[0] as Box).start === a;
  if (!startsWithBox) {
    if (boxes.length < 2) return null;
    const options = labelsBeforeBoxes(text, a, b, boxes);
    return options === null ? null : { choice: { kind: 'choice', options, span: { start: a, end: b } }, next: i + 1 };
  }
  const options: ChoiceOption[] = [];
  let j = i;
  let end = b;
  while (j < to && j - i < 12) {
    const ja = lines.inkStart[j] ?? 0;
    const jb = lines.inkEnd[j] ?? 0;
    const jBoxes = j === i ? boxes : boxesOn(text, ja, jb);
    if (jBoxes.length === 0 || (jBoxes[0] as Box).start !== ja) break;
    const lineOptions = boxesBeforeLabels(text, ja, jb, jBoxes);
    if (lineOptions === null) break;
    options.push(...lineOptions);
    end = jb;
    j++;
  }
  if (options.length < 2) return null;
  return { choice: { kind: 'choice', options, span: { start: a, end } }, next: j };
}

/**
 * A question ending in labelled boxes on its last line: `… a shell company: Yes [ ] No [X]`. The first
 * label is what follows the last `:` or `?` (or run of blanks, or else the last word) before the first box.
 * Returns where the question's text ends on that line and the options, or null.
 */
export function trailingOptions(text: string, from: number, to: number): { questionEnd: number; options: ChoiceOption[] } | null {
  const boxes = boxesOn(text, from, to);
  if (boxes.length < 2) return null;
  const first = (boxes[0] as Box).start;
  let b = first;
  while (b > from && isBlankCode(text.charCodeAt(b - 1))) b--;
  let cut = -1;
  for (let p = b - 1; p > from; p--) {
    const c = text.charCodeAt(p);
    if (c === 0x3a || c === 0x3f || (c === 0x20 && text.charCodeAt(p - 1) === 0x20)) {
      cut = p + 1;
      break;
    }
  }
  if (cut < 0) {
    cut = b;
    while (cut > from && !isBlankCode(text.charCodeAt(cut - 1))) cut--;
  }
  const options = labelsBeforeBoxes(text, cut, to, boxes);
  if (options === null) return null;
  let questionEnd = cut;
  while (questionEnd > from && isBlankCode(text.charCodeAt(questionEnd - 1))) questionEnd--;
  return { questionEnd, options };
}

/** A box closing a line (`... Rule 101(b)(1): [ ]`), with the text before it. */
export function trailingBox(text: string, from: number, to: number): Box | null {
  if (to - from < 2) return null;
  const last = text.charCodeAt(to - 1);
  if (glyphMark(last) !== null) return boxAt(text, to - 1, to);
  if (last !== 0x5d && last !== 0x7c && last !== 0x29 && last !== 0x5c) return null;
  for (let p = to - 2; p >= Math.max(from, to - 6); p--) {
    const box = boxAt(text, p, to);
    if (box !== null && box.end === to) return box;
  }
  return null;
}
