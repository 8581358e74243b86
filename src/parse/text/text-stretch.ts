import type { Span } from '../../core/span.js';
import type { Block, Page, TableRow } from '../../model/document.js';
import { equalsIgnoreCase, isBlankCode } from './text-lines.js';

/**
 * Where a stretch of a legacy ASCII document can be read again on its own (`parseTextStretch`), and the spans of
 * what it gives moved to where they stand in the whole document.
 *
 * A page's blocks come from its items: `<TABLE>` … `</TABLE>` and the text between, which is read a chunk of
 * non-blank lines at a time, each chunk on its own (a list may go on from one chunk into the next, but a block
 * that starts in a chunk starts there whatever came before). So the lines from the first line of a chunk, or of a
 * `<TABLE>`, to the last line of a chunk, or a `</TABLE>`, give the same blocks read alone as in the whole page;
 * a stretch that starts at a chunk inside a page may give first a piece of a list that began before it.
 */

/**
 * The first line of the chunk that holds offset `at` of `text`: the start of the line after the nearest blank or
 * `<PAGE>`/`<TABLE>`/`</TABLE>` line before it, or of that line itself when `at` is on a `<TABLE>` line; never
 * before `floor` (a page's start). -1 when the chunk starts more than `limit` characters before `at`.
 */
export function textStretchStart(text: string, at: number, floor: number, limit: number): number {
  let lineStart = Math.max(floor, text.lastIndexOf('\n', at - 1) + 1);
  if (isStructureLine(text, lineStart, lineEnd(text, lineStart))) return lineStart;
  while (lineStart > floor) {
    if (at - lineStart > limit) return -1;
    const previous = Math.max(floor, text.lastIndexOf('\n', lineStart - 2) + 1);
    const end = lineStart - 1;
    if (isBlankRange(text, previous, end) || isStructureLine(text, previous, end)) return lineStart;
    lineStart = previous;
  }
  return floor;
}

/**
 * The end of the last line of the chunk that holds offset `at - 1` of `text` (a block's end): before the `\n` of
 * its last line, the line before the next blank or structure line; the end of that line itself when it is a
 * `</TABLE>`; never after `ceiling` (a page's end). -1 when the chunk ends more than `limit` characters after `at`.
 */
export function textStretchEnd(text: string, at: number, ceiling: number, limit: number): number {
  let end = Math.min(ceiling, lineEnd(text, Math.max(0, at - 1)));
  const start = text.lastIndexOf('\n', end - 1) + 1;
  if (isStructureLine(text, start, end)) return end;
  while (end < ceiling) {
    if (end - at > limit) return -1;
    const next = Math.min(ceiling, lineEnd(text, end + 1));
    if (isBlankRange(text, end + 1, next) || isStructureLine(text, end + 1, next)) return end;
    end = next;
  }
  return ceiling;
}

/** Where the line holding `at` ends (its `\n`, or the end of the text). */
function lineEnd(text: string, at: number): number {
  const newline = text.indexOf('\n', at);
  return newline === -1 ? text.length : newline;
}

function isBlankRange(text: string, from: number, to: number): boolean {
  for (let p = from; p < to; p++) if (!isBlankCode(text.charCodeAt(p))) return false;
  return true;
}

/** A line that ends a page's text item: `<PAGE>`, `<TABLE>` or `</TABLE>` alone, as `lineTag` reads them. */
function isStructureLine(text: string, from: number, to: number): boolean {
  let a = from;
  while (a < to && isBlankCode(text.charCodeAt(a))) a++;
  let b = to;
  while (b > a && isBlankCode(text.charCodeAt(b - 1))) b--;
  const n = b - a;
  return (
    (n === 6 && equalsIgnoreCase(text, a, '<page>')) ||
    (n === 7 && equalsIgnoreCase(text, a, '<table>')) ||
    (n === 8 && equalsIgnoreCase(text, a, '</table>'))
  );
}

/** `page` with every span `offset` characters further on. */
export function shiftPage(page: Page, offset: number): Page {
  return { ...page, blocks: page.blocks.map((block) => shiftBlock(block, offset)), span: shift(page.span, offset) };
}

function shift<T extends Span>(span: T, offset: number): T {
  return { ...span, start: span.start + offset, end: span.end + offset };
}

function shiftRow(row: TableRow, offset: number): TableRow {
  return { ...row, cells: row.cells.map((cell) => ({ ...cell, span: shift(cell.span, offset) })), span: shift(row.span, offset) };
}

function shiftBlock(block: Block, offset: number): Block {
  switch (block.kind) {
    case 'heading':
    case 'paragraph':
    case 'preformatted':
    case 'rule':
      return { ...block, span: shift(block.span, offset) };
    case 'list':
      return { ...block, items: block.items.map((item) => ({ ...item, span: shift(item.span, offset) })), span: shift(block.span, offset) };
    case 'table':
      return {
        ...block,
        headerRows: block.headerRows.map((row) => shiftRow(row, offset)),
        rows: block.rows.map((row) => shiftRow(row, offset)),
        span: shift(block.span, offset),
      };
    case 'choice':
      return {
        ...block,
        options: block.options.map((option) => ({
          ...option,
          span: shift(option.span, offset),
          markSpan: option.markSpan === null ? null : shift(option.markSpan, offset),
        })),
        span: shift(block.span, offset),
      };
    default: {
      const unknown: never = block;
      throw new TypeError(`Unknown block kind ${String((unknown as Block).kind)}`);
    }
  }
}
