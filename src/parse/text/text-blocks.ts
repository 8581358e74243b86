import { diagnostic } from '../../core/diagnostic.js';
import type { Alignment, Block, Choice, Heading, ListItem, Paragraph, Preformatted } from '../../model/document.js';
import { matchAlignedTable } from './aligned-table.js';
import { matchBoxChoice, matchUnderlineChoice, trailingBox, trailingOptions } from './choice.js';
import { collapsedSlice, firstWordLength, joinWrapped, reflowRanges } from './reflow.js';
import {
  equalsIgnoreCase,
  gapOf,
  hasFlag,
  indentOf,
  isBlankCode,
  isBlankLine,
  isRuleLine,
  LINE_BOX,
  lineHasDigit,
  lineSlice,
  ruleRuns,
  type TextContext,
  widthOf,
} from './text-lines.js';

/** Blocks of one page, built in order; consecutive bullet items (blank lines between) share one list. */
export class BlockSink {
  readonly blocks: Block[] = [];
  private list: { items: ListItem[]; marker: number; indent: number; span: { start: number; end: number } } | null = null;

  push(block: Block): void {
    this.list = null;
    this.blocks.push(block);
  }

  pushListItem(item: ListItem, marker: number, indent: number): void {
    const list = this.list;
    if (list !== null && list.marker === marker && list.indent === indent) {
      list.items.push(item);
      list.span.end = item.span.end;
      return;
    }
    const items: ListItem[] = [item];
    const span = { start: item.span.start, end: item.span.end };
    this.blocks.push({ kind: 'list', ordered: false, items, span });
    this.list = { items, marker, indent, span };
  }
}

/** A line with a gap of this many blanks inside its text is laid out in columns. */
const LAYOUT_GAP = 6;

/** The longest run of blanks inside a line's text. */
function innerGap(text: string, from: number, to: number): number {
  let longest = 0;
  let run = 0;
  for (let p = from; p < to; p++) {
    if (isBlankCode(text.charCodeAt(p))) run++;
    else {
      if (run > longest) longest = run;
      run = 0;
    }
  }
  return longest;
}

/**
 * Blocks for the lines `[from, to)` of a page that are outside `<TABLE>`s: chunks between blank lines are
 * read as choices, space-aligned tables, rules, centred headings, paragraphs, lists or, failing all of
 * those, preformatted text.
 */
export function buildTextBlocks(ctx: TextContext, from: number, to: number, sink: BlockSink): void {
  const { lines } = ctx;
  let i = from;
  while (i < to) {
    while (i < to && isBlankLine(lines, i)) i++;
    if (i >= to) break;
    let j = i;
    while (j < to && !isBlankLine(lines, j)) j++;
    readChunk(ctx, i, j, sink);
    i = j;
  }
}

function readChunk(ctx: TextContext, from: number, to: number, sink: BlockSink): void {
  const { text, lines } = ctx;
  let segmentStart = from;
  let k = from;
  let tableTriedUntil = from;
  while (k < to) {
    let special: { block: Block; next: number } | null = null;
    const underline = k + 1 < to && isRuleLine(text, lines, k + 1) ? matchUnderlineChoice(ctx, k) : null;
    if (underline !== null) special = { block: underline, next: k + 2 };
    if (special === null && hasFlag(lines, k, LINE_BOX)) {
      const box = matchBoxChoice(ctx, k, to);
      if (box !== null) special = { block: box.choice, next: box.next };
    }
    if (special === null && k >= tableTriedUntil && to - k >= 3 && (lines.maxGap[k] ?? 0) >= 2 && lineHasDigit(text, lines, k)) {
      const aligned = matchAlignedTable(ctx, k, to);
      if (aligned.table !== null) special = { block: aligned.table, next: aligned.next };
      else tableTriedUntil = aligned.next;
    }
    if (special === null) {
      k++;
      continue;
    }
    if (k > segmentStart) readSegment(ctx, segmentStart, k, sink);
    sink.push(special.block);
    k = special.next;
    segmentStart = k;
  }
  if (to > segmentStart) readSegment(ctx, segmentStart, to, sink);
}

/** Lines with no choice or table among them: preformatted when laid out in columns, else line by line. */
function readSegment(ctx: TextContext, from: number, to: number, sink: BlockSink): void {
  const { text, lines } = ctx;
  for (let i = from; i < to; i++) {
    if ((lines.maxGap[i] ?? 0) < 2 || isRuleLine(text, lines, i) || gapOf(text, lines, i) < LAYOUT_GAP) continue;
    const a = lines.inkStart[i] ?? 0;
    const b = lines.inkEnd[i] ?? 0;
    // The blanks after a list marker (`(a)      Not applicable.`) are not layout.
    const afterMarker = markerOf(text, a, b)?.textStart ?? a;
    if (innerGap(text, afterMarker, b) >= LAYOUT_GAP) {
      sink.push(preformatted(ctx, from, to));
      return;
    }
  }
  let prose: number[] = [];
  const flushProse = (): void => {
    if (prose.length > 0) readProse(ctx, prose, sink);
    prose = [];
  };
  let i = from;
  while (i < to) {
    if (isRuleLine(text, lines, i)) {
      const last = prose[prose.length - 1];
      if (last !== undefined && last === i - 1 && slotAfter(ctx, prose, i)) {
        emitCheckSlotChoice(ctx, prose, false, null, undefined, sink);
        prose = [];
      } else if (last !== undefined && last === i - 1 && isUnderlineOf(ctx, i, last)) {
        // A line standing alone with a rule under it is a heading; elsewhere the rule is decoration
        // (a signature line) and is dropped.
        const alone = prose.length === 1 && i + 1 >= to;
        prose.pop();
        flushProse();
        if (alone) sink.push(heading(ctx, last, 3));
        else prose.push(last);
        flushProse();
      } else if (last === undefined && i > from && isUnderlineOf(ctx, i, i - 1)) {
        // Underlines a centred heading already written.
      } else {
        flushProse();
        sink.push({ kind: 'rule', span: { start: lines.inkStart[i] ?? 0, end: lines.inkEnd[i] ?? 0 } });
      }
      i++;
      continue;
    }
    // A centred line right under prose is its wrapped continuation, centred by chance.
    if (prose.length === 0 && isCentred(ctx, i)) {
      let j = i;
      while (j < to && !isRuleLine(text, lines, j) && isCentred(ctx, j)) j++;
      flushProse();
      readCentred(ctx, i, j, sink);
      i = j;
      continue;
    }
    prose.push(i);
    i++;
  }
  flushProse();
}

/** A rule under a line of text and no wider than it (give or take four columns) underlines it. */
function isUnderlineOf(ctx: TextContext, rule: number, line: number): boolean {
  const { lines } = ctx;
  const ra = indentOf(lines, rule);
  const rb = widthOf(lines, rule);
  const ta = indentOf(lines, line);
  const tb = widthOf(lines, line);
  return ra >= ta - 4 && rb <= tb + 4 && rb - ra >= (tb - ta) / 2;
}

/**
 * A centred line: blank margins of six columns or more on both sides that differ by no more than
 * `max(3, 5% of the width)`.
 */
function isCentred(ctx: TextContext, i: number): boolean {
  const left = indentOf(ctx.lines, i);
  const right = ctx.width - widthOf(ctx.lines, i);
  return left >= 6 && right >= 6 && Math.abs(left - right) <= Math.max(3, ctx.width * 0.05);
}

function letterCase(text: string, from: number, to: number): { upper: number; lower: number } {
  let upper = 0;
  let lower = 0;
  for (let p = from; p < to; p++) {
    const c = text.charCodeAt(p);
    if (c >= 0x41 && c <= 0x5a) upper++;
    else if (c >= 0x61 && c <= 0x7a) lower++;
  }
  return { upper, lower };
}

function isUppercaseLine(text: string, from: number, to: number): boolean {
  const { upper, lower } = letterCase(text, from, to);
  return upper >= 2 && upper >= (upper + lower) * 0.8;
}

function heading(ctx: TextContext, i: number, level: 2 | 3, align: Alignment | null = null): Heading {
  const { text, lines } = ctx;
  const a = lines.inkStart[i] ?? 0;
  const b = lines.inkEnd[i] ?? 0;
  return { kind: 'heading', level, text: collapsedSlice(text, a, b), align: align ?? alignOf(ctx, i), span: { start: a, end: b } };
}

function alignOf(ctx: TextContext, i: number): Alignment | null {
  if (isCentred(ctx, i)) return 'center';
  if (indentOf(ctx.lines, i) >= 20 && ctx.width - widthOf(ctx.lines, i) <= 2) return 'right';
  return null;
}

/**
 * A run of centred lines (a cover page): a line in capitals is a heading; a line in parentheses (the
 * caption under a name) is a paragraph of its own; other lines are joined into centred paragraphs. A lone
 * centred line that is not a sentence is a heading.
 */
function readCentred(ctx: TextContext, from: number, to: number, sink: BlockSink): void {
  const { text, lines } = ctx;
  if (to - from === 1) {
    const a = lines.inkStart[from] ?? 0;
    const b = lines.inkEnd[from] ?? 0;
    const last = text.charCodeAt(b - 1);
    const parenthesized = text.charCodeAt(a) === 0x28 && last === 0x29;
    const sentence = last === 0x2e || last === 0x3a || last === 0x3b || last === 0x2c;
    if (!parenthesized && !sentence) {
      sink.push(heading(ctx, from, isUppercaseLine(text, a, b) ? 2 : 3, 'center'));
      return;
    }
  }
  let run: number[] = [];
  const flush = (): void => {
    if (run.length > 0) sink.push(paragraph(ctx, run, 'center'));
    run = [];
  };
  for (let i = from; i < to; i++) {
    const a = lines.inkStart[i] ?? 0;
    const b = lines.inkEnd[i] ?? 0;
    if (isUppercaseLine(text, a, b)) {
      flush();
      sink.push(heading(ctx, i, 2, 'center'));
    } else if (text.charCodeAt(a) === 0x28 && text.charCodeAt(b - 1) === 0x29) {
      flush();
      run.push(i);
      flush();
    } else run.push(i);
  }
  flush();
}

function paragraph(ctx: TextContext, which: readonly number[], align: Alignment | null, firstFrom?: number, lastTo?: number): Paragraph {
  const { text, lines } = ctx;
  const pieces: string[] = [];
  const n = which.length;
  for (let k = 0; k < n; k++) {
    const i = which[k] as number;
    const from = k === 0 && firstFrom !== undefined ? firstFrom : (lines.inkStart[i] ?? 0);
    const to = k === n - 1 && lastTo !== undefined ? lastTo : (lines.inkEnd[i] ?? 0);
    pieces.push(lineSlice(text, lines, i, from, to));
  }
  const first = which[0] as number;
  const last = which[n - 1] as number;
  return {
    kind: 'paragraph',
    text: joinWrapped(pieces),
    align,
    span: { start: lines.inkStart[first] ?? 0, end: lastTo ?? lines.inkEnd[last] ?? 0 },
  };
}

/** Lines `[from, to)` as they stand, less the indentation they all share. */
function preformatted(ctx: TextContext, from: number, to: number): Preformatted {
  const { text, lines } = ctx;
  let indent = Number.POSITIVE_INFINITY;
  for (let i = from; i < to; i++) if (!isBlankLine(lines, i)) indent = Math.min(indent, indentOf(lines, i));
  const parts: string[] = [];
  for (let i = from; i < to; i++) {
    const start = (lines.start[i] ?? 0) + indent;
    const end = lines.inkEnd[i] ?? 0;
    parts.push(end > start ? text.slice(start, end) : '');
  }
  return {
    kind: 'preformatted',
    text: parts.join('\n'),
    span: { start: lines.inkStart[from] ?? 0, end: lines.inkEnd[to - 1] ?? 0 },
  };
}

/** A list marker at the start of a line. */
interface Marker {
  readonly kind: 'bullet' | 'number';
  /** Character code of a bullet, or 0. */
  readonly bullet: number;
  /** Offset of the text after the marker. */
  readonly textStart: number;
  /** Two blanks or more after the marker, or a bullet: surely an item, not a wrapped word. */
  readonly strong: boolean;
}

const NUMBER_MARKER = /^(?:\((?:\d{1,3}|[a-zA-Z]|[ivxlcIVXLC]{1,6})\)|(?:\d{1,3}|[a-zA-Z]|[ivxlcIVXLC]{1,6})[.)])( +)/;

function isWordChar(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

function markerOf(text: string, from: number, to: number): Marker | null {
  const c = text.charCodeAt(from);
  if (c === 0x2022 || c === 0xb7) {
    let p = from + 1;
    while (p < to && isBlankCode(text.charCodeAt(p))) p++;
    return p > from + 1 && p < to ? { kind: 'bullet', bullet: c, textStart: p, strong: true } : null;
  }
  if (c === 0x6f || c === 0x2d || c === 0x2a) {
    let p = from + 1;
    while (p < to && isBlankCode(text.charCodeAt(p))) p++;
    return p >= from + 3 && p < to ? { kind: 'bullet', bullet: c, textStart: p, strong: true } : null;
  }
  if (c === 0x28 || (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) {
    if (c !== 0x28) {
      // Cheap test first: a short run of letters or digits, then `.` or `)`.
      let p = from + 1;
      while (p < to && p < from + 7 && isWordChar(text.charCodeAt(p))) p++;
      const after = text.charCodeAt(p);
      if (after !== 0x2e && after !== 0x29) return null;
    }
    const m = NUMBER_MARKER.exec(text.slice(from, Math.min(to, from + 12)));
    if (m === null) return null;
    const blanks = m[1]?.length ?? 0;
    const textStart = from + m[0].length;
    if (textStart >= to) return null;
    return { kind: 'number', bullet: 0, textStart, strong: blanks >= 2 };
  }
  return null;
}

interface ProseParagraph {
  readonly lines: number[];
  readonly marker: Marker | null;
}

/**
 * A second line indented to `column` continues the first (hanging indentation) when the first line's text
 * after its list marker, or any word after its first, starts there: `Chairman   : Mr. Mark` / `Company`.
 */
function hangsAt(ctx: TextContext, p: ProseParagraph, column: number): boolean {
  const { text, lines } = ctx;
  const i = p.lines[0] as number;
  const lineStart = lines.start[i] ?? 0;
  if (p.marker !== null && p.marker.textStart - lineStart === column) return true;
  const at = lineStart + column;
  return (
    at > (lines.inkStart[i] ?? 0) &&
    at < (lines.inkEnd[i] ?? 0) &&
    isBlankCode(text.charCodeAt(at - 1)) &&
    !isBlankCode(text.charCodeAt(at))
  );
}

function endsSentence(text: string, end: number): boolean {
  const c = text.charCodeAt(end - 1);
  return c === 0x2e || c === 0x3a || c === 0x3b;
}

/**
 * Split prose lines into paragraphs: a list marker starts one (a bare `(a)` with one blank after it only
 * after a line that ended short or with `.`, `:` or `;`), and so does a line indented past the
 * paragraph's wrapped lines (an indented first line), or one that steps back out of a hanging indent.
 */
function readProse(ctx: TextContext, which: readonly number[], sink: BlockSink): void {
  const { text, lines } = ctx;
  let wrap = 0;
  for (const i of which) wrap = Math.max(wrap, widthOf(lines, i));
  const paragraphs: ProseParagraph[] = [];
  let current: ProseParagraph | null = null;
  for (const i of which) {
    const a = lines.inkStart[i] ?? 0;
    const b = lines.inkEnd[i] ?? 0;
    const indent = indentOf(lines, i);
    const marker = markerOf(text, a, b);
    let fresh = current === null;
    if (current !== null) {
      const prev = current.lines[current.lines.length - 1] as number;
      const prevEnd = lines.inkEnd[prev] ?? 0;
      if (marker !== null) {
        const hardBreak = widthOf(lines, prev) + 1 + firstWordLength(text, a, b) <= wrap;
        fresh = marker.strong || hardBreak || endsSentence(text, prevEnd);
      } else if (current.lines.length === 1) {
        fresh = indent > indentOf(lines, prev) + 1 && !hangsAt(ctx, current, indent);
      } else {
        const first = current.lines[0] as number;
        const body = indentOf(lines, current.lines[1] as number);
        fresh = indent > body + 1 || (body > indentOf(lines, first) + 1 && indent < body - 1);
      }
    }
    if (fresh) {
      current = { lines: [i], marker };
      paragraphs.push(current);
    } else current?.lines.push(i);
  }
  for (const p of paragraphs) emitParagraph(ctx, p, wrap, sink);
}

function emitParagraph(ctx: TextContext, p: ProseParagraph, wrap: number, sink: BlockSink): void {
  const { text, lines } = ctx;
  const first = p.lines[0] as number;
  const last = p.lines[p.lines.length - 1] as number;
  if (p.lines.length >= 2) {
    let hard = 0;
    for (let k = 0; k + 1 < p.lines.length; k++) {
      const i = p.lines[k] as number;
      const next = p.lines[k + 1] as number;
      const nextA = lines.inkStart[next] ?? 0;
      if (widthOf(lines, i) + 1 + firstWordLength(text, nextA, lines.inkEnd[next] ?? 0) <= wrap) hard++;
    }
    if (hard * 2 > p.lines.length - 1) {
      sink.push(preformatted(ctx, first, last + 1));
      return;
    }
  }
  if (p.marker !== null && p.marker.kind === 'bullet') {
    const para = paragraph(ctx, p.lines, null, p.marker.textStart);
    sink.pushListItem({ text: para.text, span: para.span }, p.marker.bullet, indentOf(lines, first));
    return;
  }
  const a = lines.inkStart[first] ?? 0;
  const b = lines.inkEnd[first] ?? 0;
  if (
    p.lines.length === 1 &&
    p.marker === null &&
    indentOf(lines, first) < 10 &&
    b - a <= 60 &&
    !endsSentence(text, b) &&
    text.charCodeAt(b - 1) !== 0x2c &&
    isUppercaseLine(text, a, b)
  ) {
    sink.push(heading(ctx, first, 2, 'left'));
    return;
  }
  const lastA = lines.inkStart[last] ?? 0;
  const lastB = lines.inkEnd[last] ?? 0;
  const box = hasFlag(lines, last, LINE_BOX) ? trailingBox(text, lastA, lastB) : null;
  const blank = box === null ? trailingBlank(text, lastA, lastB) : null;
  if ((box !== null || blank !== null) && asksForCheck(ctx, p.lines)) {
    const labelled = box !== null ? trailingOptions(text, lastA, lastB) : null;
    if (labelled !== null) {
      // `… a shell company: Yes [ ] No [X]`: the question, then its options.
      if (labelled.questionEnd > lastA || p.lines.length > 1) {
        const question = labelled.questionEnd > lastA ? p.lines : p.lines.slice(0, -1);
        const end = labelled.questionEnd > lastA ? labelled.questionEnd : undefined;
        sink.push(paragraph(ctx, question, null, undefined, end));
      }
      const optionsStart = labelled.options[0]?.span.start ?? lastA;
      sink.push({ kind: 'choice', options: labelled.options, span: { start: optionsStart, end: lastB } });
      return;
    }
    if (box !== null) {
      const mark = box.marked ? { start: box.start, end: box.end } : null;
      emitCheckSlotChoice(ctx, p.lines, box.marked, mark, box.start, sink);
    } else emitCheckSlotChoice(ctx, p.lines, false, null, blank ?? undefined, sink);
    return;
  }
  if (p.lines.length > MAX_PARAGRAPH_LINES) {
    // A paragraph no filing writes (real ones run to a few hundred lines): reflowed in parts, so no one string,
    // nor the renderer's lines of it, grows with the whole input.
    ctx.diagnostics.push(
      diagnostic(
        'text/paragraph-too-long',
        'info',
        `A paragraph of ${p.lines.length} lines was split into paragraphs of at most ${MAX_PARAGRAPH_LINES} lines`,
        lines.inkStart[first] ?? 0,
      ),
    );
    for (let at = 0; at < p.lines.length; at += MAX_PARAGRAPH_LINES)
      sink.push(paragraph(ctx, p.lines.slice(at, at + MAX_PARAGRAPH_LINES), null));
    return;
  }
  sink.push(paragraph(ctx, p.lines, p.lines.length === 1 ? alignOf(ctx, first) : null));
}

/** The most lines one paragraph is reflowed from (about 800 KB of text at 80 columns). */
export const MAX_PARAGRAPH_LINES = 10_000;

const CHECK_QUESTION = /\bcheck\b/i;

/** Lines that ask for a check mark: "Indicate by check mark …", "… please check the following box." */
function asksForCheck(ctx: TextContext, which: readonly number[]): boolean {
  const { text, lines } = ctx;
  for (const i of which) if (CHECK_QUESTION.test(text.slice(lines.inkStart[i] ?? 0, lines.inkEnd[i] ?? 0))) return true;
  return false;
}

/** A line ending in a fill-in blank `__`: the blank's offset. */
function trailingBlank(text: string, from: number, to: number): number | null {
  let p = to;
  while (p > from && text.charCodeAt(p - 1) === 0x5f) p--;
  if (to - p < 2 || p === from || !isBlankCode(text.charCodeAt(p - 1))) return null;
  return p;
}

/**
 * A `---` slot under the end of an "Indicate by check mark" question, standing right of its last line:
 * ```
 * > | paper as permitted by Regulation S-T Rule 101(b)(1):
 * > |                                                      ---
 * ```
 */
function slotAfter(ctx: TextContext, prose: readonly number[], rule: number): boolean {
  const { text, lines } = ctx;
  const first = prose[0] as number;
  const last = prose[prose.length - 1] as number;
  if (!equalsIgnoreCase(text, lines.inkStart[first] ?? 0, 'indicate by check mark') && !asksForCheck(ctx, prose)) {
    return false;
  }
  const runs = ruleRuns(text, lines, rule);
  if (runs.length !== 1) return false;
  const run = runs[0] as { start: number; end: number };
  return run.end - run.start <= 20 && run.start >= widthOf(lines, last) - 2;
}

/** An "Indicate by check mark …" question with one box or slot: a choice of one option, the question. */
function emitCheckSlotChoice(
  ctx: TextContext,
  prose: readonly number[],
  marked: boolean,
  markSpan: { start: number; end: number } | null,
  labelEnd: number | undefined,
  sink: BlockSink,
): void {
  const { text, lines } = ctx;
  let from = 0;
  for (let k = 0; k < prose.length; k++) {
    if (equalsIgnoreCase(text, lines.inkStart[prose[k] as number] ?? 0, 'indicate by check mark')) from = k;
  }
  const before = prose.slice(0, from);
  const question = prose.slice(from);
  if (before.length > 0) readProse(ctx, before, sink);
  const lastLine = question[question.length - 1] as number;
  const stop = labelEnd ?? markSpan?.start;
  const ranges = question.map((i): [number, number] => {
    let end = lines.inkEnd[i] ?? 0;
    if (i === lastLine && stop !== undefined) {
      end = stop;
      while (end > (lines.inkStart[i] ?? 0) && isBlankCode(text.charCodeAt(end - 1))) end--;
    }
    return [lines.inkStart[i] ?? 0, end];
  });
  const span = { start: lines.inkStart[question[0] as number] ?? 0, end: ranges[ranges.length - 1]?.[1] ?? 0 };
  const choice: Choice = {
    kind: 'choice',
    options: [{ label: reflowRanges(text, ranges), marked, span, markSpan }],
    span: { start: span.start, end: lines.inkEnd[lastLine] ?? span.end },
  };
  sink.push(choice);
}
