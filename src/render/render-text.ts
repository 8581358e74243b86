import type { Block, Choice, DocumentModel, Heading, ListBlock, Paragraph, Preformatted, Table } from '../model/document.js';
import { selectPages } from './select-pages.js';
import { type GridSlot, isNumericText, layoutTable } from './table-grid.js';
import { trimPreformatted } from './trim-preformatted.js';

/** Options of `renderText`. */
export interface RenderTextOptions {
  /** Render only this 1-based page; a page that does not exist throws a `RangeError`. */
  readonly page?: number;
  /** Wrap running text at this many characters (default 80); 0 turns wrapping and centring off. */
  readonly width?: number;
}

const DEFAULT_WIDTH = 80;
/** Width of a rule when wrapping is off (width 0). */
const UNWRAPPED_RULE_WIDTH = 80;
/** Space between two table columns. */
const COLUMN_GAP = '  ';
/** The narrowest a wrapped text column is made, unless its longest word is narrower. */
const MIN_TEXT_COLUMN = 10;

/**
 * Plain text for reading or diffing: paragraphs wrapped at `width`, centred headings centred,
 * tables as aligned columns (numbers right, text left) with a `---` line under the column headers,
 * choices as `Form 20-F [X]   Form 40-F [ ]`, preformatted text verbatim, rules as a line of `-`.
 *
 * Blocks are separated by one blank line. Each page after the first one shown starts with a marker
 * line `--- page N ---` (N is the page's 1-based position) between blank lines; printed page labels
 * are not repeated. The result ends with a newline unless it is empty.
 */
export function renderText(model: DocumentModel, options: RenderTextOptions = {}): string {
  // Pieces of the output, joined once at the end: a long paragraph goes in as its lines, never as a string of
  // its own that the join would then copy again.
  const out: string[] = [];
  renderTextInto(model, options, (part) => {
    out.push(part);
  });
  return out.join('');
}

/**
 * The text `renderText` returns, given to `emit` piece by piece in order (their join is that text): a shell writes
 * a large document as it goes and never holds its whole rendering. A bad width or page throws before any piece.
 */
export function renderTextInto(model: DocumentModel, options: RenderTextOptions, emit: (part: string) => void): void {
  const width = options.width ?? DEFAULT_WIDTH;
  if (!Number.isInteger(width) || width < 0) {
    throw new RangeError(`Cannot render text: width must be a whole number of at least 0, found ${width}`);
  }
  let any = false;
  let first = true;
  for (const page of selectPages(model, options.page)) {
    if (!first) {
      if (any) emit('\n\n');
      emit(`--- page ${page.number} ---`);
      any = true;
    }
    first = false;
    for (const block of page.blocks) {
      if (block.kind === 'heading' || block.kind === 'paragraph') {
        const lines = alignedLines(block, width);
        if (lines.length === 0) continue;
        if (any) emit('\n\n');
        any = true;
        for (let index = 0; index < lines.length; index++) {
          if (index > 0) emit('\n');
          emit(lines[index] as string);
        }
        continue;
      }
      const text = renderBlock(block, width);
      if (text === '') continue;
      if (any) emit('\n\n');
      any = true;
      emit(text);
    }
  }
  if (any) emit('\n');
}

function renderBlock(block: Block, width: number): string {
  switch (block.kind) {
    case 'heading':
      return renderAligned(block, width);
    case 'paragraph':
      return renderAligned(block, width);
    case 'list':
      return renderList(block, width);
    case 'table':
      return renderTable(block, width);
    case 'choice':
      return renderChoice(block, width);
    case 'preformatted':
      return renderPreformatted(block);
    case 'rule':
      return '-'.repeat(width > 0 ? width : UNWRAPPED_RULE_WIDTH);
  }
}

function renderAligned(block: Heading | Paragraph, width: number): string {
  return alignedLines(block, width).join('\n');
}

function alignedLines(block: Heading | Paragraph, width: number): string[] {
  const lines = wrap(block.text, width, false);
  if (width > 0 && (block.align === 'center' || block.align === 'right')) {
    for (let index = 0; index < lines.length; index++) {
      const line = lines[index] ?? '';
      const room = width - line.length;
      if (room <= 0) continue;
      const pad = block.align === 'center' ? room >> 1 : room;
      lines[index] = ' '.repeat(pad) + line;
    }
  }
  return lines;
}

function renderList(block: ListBlock, width: number): string {
  const lines: string[] = [];
  let number = 0;
  for (const item of block.items) {
    number++;
    const marker = block.ordered ? `${number}. ` : '- ';
    const indent = ' '.repeat(marker.length);
    const wrapped = wrap(item.text, width > 0 ? Math.max(1, width - marker.length) : 0, false);
    if (wrapped.length === 0) wrapped.push('');
    for (let at = 0; at < wrapped.length; at++) lines.push(((at === 0 ? marker : indent) + (wrapped[at] ?? '')).trimEnd());
  }
  return lines.join('\n');
}

function renderChoice(block: Choice, width: number): string {
  const items = block.options.map((option) => `${collapse(option.label)} ${option.marked ? '[X]' : '[ ]'}`);
  const gap = '   ';
  const lines: string[] = [];
  let line = '';
  for (const item of items) {
    if (line !== '' && width > 0 && line.length + gap.length + item.length > width) {
      lines.push(line);
      line = '';
    }
    if (line === '' && width > 0 && item.length > width) {
      // A label longer than the width (a whole cover question with its box) wraps like a paragraph; its mark
      // ends the last line, where the next option may join it.
      const wrapped = wrap(item, width, false);
      line = wrapped.pop() ?? '';
      for (const part of wrapped) lines.push(part);
      continue;
    }
    line = line === '' ? item : line + gap + item;
  }
  if (line !== '') lines.push(line);
  return lines.join('\n');
}

function renderPreformatted(block: Preformatted): string {
  // Verbatim, less the blank lines around it that would double the block separation.
  return trimPreformatted(block.text);
}

interface PlacedCell {
  readonly text: string;
  readonly column: number;
  readonly colspan: number;
  readonly right: boolean;
}

function renderTable(table: Table, width: number): string {
  const grid = layoutTable(table);
  const columns = grid.columnCount;
  const out: string[] = [];
  if (table.caption !== null && table.caption.trim() !== '') out.push(...wrap(table.caption, width, false));

  const place = (row: readonly GridSlot[]): PlacedCell[] => {
    const cells: PlacedCell[] = [];
    for (let column = 0; column < row.length; column++) {
      const slot = row[column];
      if (slot?.kind !== 'cell') continue;
      const text = collapse(slot.cell.text);
      if (text === '') continue;
      const colspan = Math.min(slot.colspan, columns - column);
      const right = colspan === 1 ? grid.numericColumns[column] === true : isNumericText(text);
      cells.push({ text, column, colspan, right });
    }
    return cells;
  };
  const headerRows = grid.headerRows.map(place);
  const bodyRows = grid.rows.map(place);
  const allRows = headerRows.concat(bodyRows);

  // Unwrapped (width 0, the text ingest indexes), no column is narrowed, so its longest word is not looked for.
  const { widths, longestWord } = naturalWidths(allRows, columns, width > 0);
  if (width > 0) shrinkToFit(widths, longestWord, grid.numericColumns, width);

  const starts = columnStarts(widths);

  const renderRow = (row: readonly PlacedCell[]): void => {
    // A row whose every cell fits its room (every row at width 0) is one line, written straight from its cells; the
    // general way below makes an object and an array of lines a cell, then an array of parts a line.
    let line = '';
    let at = 0;
    for (const cell of row) {
      const last = cell.column + cell.colspan - 1;
      const room = Math.max(1, spanWidth(widths, cell.column, last));
      const text = cell.text;
      if (text.length > room) {
        renderWrappedRow(row);
        return;
      }
      const blockStart = firstVisibleStart(widths, starts, cell.column, last);
      const start = cell.right ? blockStart + Math.max(0, room - text.length) : blockStart;
      if (start > at) line += ' '.repeat(start - at);
      else if (at > 0 && start < at) line += ' ';
      line += text;
      at = Math.max(at, start) + text.length;
    }
    if (row.length > 0) out.push(line);
  };

  const renderWrappedRow = (row: readonly PlacedCell[]): void => {
    const blocks = row.map((cell) => {
      const last = cell.column + cell.colspan - 1;
      const room = Math.max(1, spanWidth(widths, cell.column, last));
      const start = firstVisibleStart(widths, starts, cell.column, last);
      // A cell's text is collapsed (see `place`): when it fits its room, wrapping gives it back whole. Unwrapped
      // (width 0) every cell fits, and this skips a scan of every cell's characters.
      const lines = cell.text.length <= room ? [cell.text] : wrap(cell.text, room, true);
      return { start, room, right: cell.right, lines };
    });
    const height = blocks.reduce((most, block) => Math.max(most, block.lines.length), 0);
    for (let lineIndex = 0; lineIndex < height; lineIndex++) {
      const parts: string[] = [];
      let at = 0;
      for (const block of blocks) {
        const text = block.lines[lineIndex];
        if (text === undefined || text === '') continue;
        const start = block.right ? block.start + Math.max(0, block.room - text.length) : block.start;
        if (start > at) parts.push(' '.repeat(start - at));
        else if (at > 0 && start < at) parts.push(' ');
        parts.push(text);
        at = Math.max(at, start) + text.length;
      }
      out.push(parts.join(''));
    }
  };

  for (const row of headerRows) renderRow(row);
  if (headerRows.length > 0) {
    const rule: string[] = [];
    for (let column = 0; column < columns; column++) {
      const columnWidth = widths[column] ?? 0;
      if (columnWidth === 0) continue;
      if (rule.length > 0) rule.push(COLUMN_GAP);
      rule.push('-'.repeat(columnWidth));
    }
    out.push(rule.join(''));
  }
  for (const row of bodyRows) renderRow(row);

  const footnotes = table.footnotes.filter((footnote) => footnote.trim() !== '');
  if (footnotes.length > 0) {
    out.push('');
    for (const footnote of footnotes) out.push(...wrap(footnote, width, false));
  }
  return out.join('\n');
}

/** Natural column widths from single-column cells, then widened where a spanning cell needs room; longest words when asked. */
function naturalWidths(
  rows: readonly (readonly PlacedCell[])[],
  columns: number,
  words: boolean,
): { widths: number[]; longestWord: number[] } {
  const widths = new Array<number>(columns).fill(0);
  const longestWord = new Array<number>(columns).fill(0);
  for (const row of rows) {
    for (const cell of row) {
      if (cell.colspan !== 1) continue;
      widths[cell.column] = Math.max(widths[cell.column] ?? 0, cell.text.length);
      if (words) longestWord[cell.column] = Math.max(longestWord[cell.column] ?? 0, longestWordLength(cell.text));
    }
  }
  for (const row of rows) {
    for (const cell of row) {
      if (cell.colspan === 1) continue;
      const last = cell.column + cell.colspan - 1;
      const have = spanWidth(widths, cell.column, last);
      if (have < cell.text.length) widen(widths, cell.column, last, cell.text.length - have);
    }
  }
  return { widths, longestWord };
}

/** Start offset of every column; empty columns take no room and no gap. */
function columnStarts(widths: readonly number[]): number[] {
  const starts = new Array<number>(widths.length).fill(0);
  let position = 0;
  let anyVisible = false;
  for (let column = 0; column < widths.length; column++) {
    const columnWidth = widths[column] ?? 0;
    if (columnWidth > 0 && anyVisible) position += COLUMN_GAP.length;
    starts[column] = position;
    if (columnWidth > 0) anyVisible = true;
    position += columnWidth;
  }
  return starts;
}

/** Narrows the widest text columns until the table fits `width`, never below their longest word. */
function shrinkToFit(widths: number[], longestWord: readonly number[], numeric: readonly boolean[], width: number): void {
  const visible = widths.filter((value) => value > 0).length;
  let total = widths.reduce((sum, value) => sum + value, 0) + Math.max(0, visible - 1) * COLUMN_GAP.length;
  const floor = widths.map((value, column) =>
    numeric[column] === true ? value : Math.min(value, Math.max(longestWord[column] ?? 0, MIN_TEXT_COLUMN)),
  );
  while (total > width) {
    // The widest column that can still give up room, and the next widest below it.
    let widest = -1;
    let next = 0;
    for (let column = 0; column < widths.length; column++) {
      const value = widths[column] ?? 0;
      if (value <= (floor[column] ?? 0)) continue;
      if (widest < 0 || value > (widths[widest] ?? 0)) {
        if (widest >= 0) next = Math.max(next, widths[widest] ?? 0);
        widest = column;
      } else {
        next = Math.max(next, value);
      }
    }
    if (widest < 0) return;
    const current = widths[widest] ?? 0;
    const target = Math.max(floor[widest] ?? 0, next, current - (total - width));
    const reduced = target < current ? target : current - 1;
    total -= current - reduced;
    widths[widest] = reduced;
  }
}

/** Shares `extra` characters out evenly over the non-empty columns of a span (the last of them when none is). */
function widen(widths: number[], first: number, last: number, extra: number): void {
  const visible: number[] = [];
  for (let column = first; column <= last; column++) if ((widths[column] ?? 0) > 0) visible.push(column);
  if (visible.length === 0) {
    widths[last] = (widths[last] ?? 0) + extra;
    return;
  }
  const share = Math.floor(extra / visible.length);
  let remainder = extra - share * visible.length;
  // The remainder goes to the right-most columns, one each.
  for (let index = visible.length - 1; index >= 0; index--) {
    const column = visible[index] ?? last;
    widths[column] = (widths[column] ?? 0) + share + (remainder > 0 ? 1 : 0);
    if (remainder > 0) remainder--;
  }
}

function spanWidth(widths: readonly number[], first: number, last: number): number {
  let sum = 0;
  let visible = 0;
  for (let column = first; column <= last; column++) {
    const value = widths[column] ?? 0;
    if (value === 0) continue;
    sum += value;
    visible++;
  }
  return sum + Math.max(0, visible - 1) * COLUMN_GAP.length;
}

function firstVisibleStart(widths: readonly number[], starts: readonly number[], first: number, last: number): number {
  for (let column = first; column <= last; column++) if ((widths[column] ?? 0) > 0) return starts[column] ?? 0;
  return starts[first] ?? 0;
}

function longestWordLength(text: string): number {
  // A scan, not `split`: a table of many thousand cells would make an array per cell.
  let longest = 0;
  let start = 0;
  for (let at = text.indexOf(' '); at !== -1; at = text.indexOf(' ', start)) {
    if (at - start > longest) longest = at - start;
    start = at + 1;
  }
  return Math.max(longest, text.length - start);
}

/** Whitespace runs (line breaks included) as single spaces, trimmed. */
function collapse(text: string): string {
  return /\s\s|[\t\n\r\f\v]/.test(text) ? text.replace(/\s+/g, ' ').trim() : text.trim();
}

/** True for the characters `\s` matches (what `collapse` folds into one space). */
function isSpaceCode(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  if (code < 0xa0) return false;
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

/**
 * Greedy word wrap of `text` (whitespace collapsed) at `width`; 0 means one line.
 * A word longer than the width gets a line of its own, or is cut when `breakWords` is set.
 *
 * Words are found by scanning `text` in place and each line is one slice of it (collapsed only when it holds
 * more than single spaces), so a paragraph of hundreds of megabytes is wrapped without a copy of it, or an
 * array of its words, ever existing.
 */
function wrap(text: string, width: number, breakWords: boolean): string[] {
  if (width <= 0) {
    const clean = collapse(text);
    return clean === '' ? [] : [clean];
  }
  const lines: string[] = [];
  const length = text.length;
  // The line being built is text[lineStart, lineEnd) with `lineWidth` characters once collapsed.
  let lineStart = -1;
  let lineEnd = -1;
  let lineWidth = 0;
  let lineCollapses = false;
  const flush = (): void => {
    if (lineStart === -1) return;
    const slice = text.slice(lineStart, lineEnd);
    lines.push(lineCollapses ? collapse(slice) : slice);
    lineStart = -1;
    lineWidth = 0;
    lineCollapses = false;
  };
  let at = 0;
  while (at < length) {
    const gapStart = at;
    while (at < length && isSpaceCode(text.charCodeAt(at))) at++;
    if (at >= length) break;
    const singleSpace = at - gapStart === 1 && text.charCodeAt(gapStart) === 0x20;
    let wordStart = at;
    while (at < length && !isSpaceCode(text.charCodeAt(at))) at++;
    const wordEnd = at;
    if (breakWords) {
      while (wordEnd - wordStart > width) {
        flush();
        lines.push(text.slice(wordStart, wordStart + width));
        wordStart += width;
      }
    }
    const wordWidth = wordEnd - wordStart;
    if (wordWidth === 0) continue;
    if (lineStart !== -1 && lineWidth + 1 + wordWidth <= width) {
      if (!singleSpace) lineCollapses = true;
      lineEnd = wordEnd;
      lineWidth += 1 + wordWidth;
      continue;
    }
    flush();
    lineStart = wordStart;
    lineEnd = wordEnd;
    lineWidth = wordWidth;
  }
  flush();
  return lines;
}
