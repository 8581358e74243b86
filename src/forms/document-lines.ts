import type { Block, Choice, DocumentModel, Page } from '../model/document.js';
import type { FieldSpan } from './field.js';

/** One visual line of a document, with the block it belongs to and the most precise span known for it. */
export interface DocumentLine {
  readonly text: string;
  readonly page: number;
  readonly start: number;
  readonly end: number;
  readonly block: Block;
  /** Set when the line is a check-box device. */
  readonly choice: Choice | null;
}

export interface DocumentLinesOptions {
  /** Stop once this many lines are collected (the cover needs only the first few dozen). */
  readonly limit?: number;
  /** Skip blocks that end before this character offset (signature pages are read from the end). */
  readonly from?: number;
}

/**
 * The lines of some pages of a document, in reading order. For legacy ASCII each line is a line of the source
 * with its exact character range; for HTML a block's text split at its line breaks, spanning the block.
 * Table rows become one line each, cells separated by two spaces; check-box devices become lines that carry
 * their Choice.
 */
export function documentLines(
  model: DocumentModel,
  pages: readonly Page[] = model.pages,
  options: DocumentLinesOptions = {},
): DocumentLine[] {
  const lines: DocumentLine[] = [];
  const fromSource = model.sourceFormat === 'text';
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  const from = options.from ?? 0;
  for (const page of pages) {
    if (page.span.end < from) continue;
    for (const block of page.blocks) {
      if (lines.length >= limit) return lines.slice(0, limit);
      if (block.span.end < from) continue;
      switch (block.kind) {
        case 'heading':
        case 'paragraph':
        case 'preformatted':
          if (fromSource) pushSourceLines(lines, model.source, block.span.start, block.span.end, page.number, block);
          else for (const text of block.text.split('\n')) pushLine(lines, text, page.number, block.span.start, block.span.end, block, null);
          break;
        case 'list':
          for (const item of block.items) pushLine(lines, item.text, page.number, item.span.start, item.span.end, block, null);
          break;
        case 'table':
          if (block.caption) pushLine(lines, block.caption, page.number, block.span.start, block.span.end, block, null);
          for (const row of [...block.headerRows, ...block.rows]) {
            const text = row.cells
              .map((cell) => cell.text.trim())
              .filter((cell) => cell !== '')
              .join('  ');
            pushLine(lines, text, page.number, row.span.start, row.span.end, block, null);
          }
          break;
        case 'choice': {
          const text = block.options.map((option) => `${option.label} [${option.marked ? 'X' : ' '}]`).join('   ');
          pushLine(lines, text, page.number, block.span.start, block.span.end, block, block);
          break;
        }
        case 'rule':
          break;
      }
    }
  }
  return lines;
}

function pushSourceLines(lines: DocumentLine[], source: string, start: number, end: number, page: number, block: Block): void {
  let at = start;
  while (at < end) {
    let lineEnd = source.indexOf('\n', at);
    if (lineEnd === -1 || lineEnd > end) lineEnd = end;
    let first = at;
    let last = lineEnd;
    while (first < last && isSpace(source.charCodeAt(first))) first++;
    while (last > first && isSpace(source.charCodeAt(last - 1))) last--;
    if (last > first) pushLine(lines, source.slice(first, last), page, first, last, block, null);
    at = lineEnd + 1;
  }
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13 || code === 12 || code === 11 || code === 160;
}

function pushLine(lines: DocumentLine[], raw: string, page: number, start: number, end: number, block: Block, choice: Choice | null): void {
  const text = raw.trim();
  if (text === '' && !choice) return;
  lines.push({ text, page, start, end, block, choice });
}

/** The span of a line, or of a piece of it when the line came from the source verbatim. */
export function lineSpan(line: DocumentLine, document: number, piece?: { index: number; length: number }): FieldSpan {
  const exact = line.end - line.start === line.text.length;
  if (piece && exact) return { document, page: line.page, start: line.start + piece.index, end: line.start + piece.index + piece.length };
  return { document, page: line.page, start: line.start, end: line.end };
}

/**
 * "HANARO TELECOM, INC. (Name of Registrant)": the text before the first match of `label` (a global pattern) that
 * is not at the line's first character, without the blanks before it; null when there is none. Found by searching
 * for the label rather than with a lazy `^(.+?)\s*\(label` pattern, which backtracks over every run of blanks and
 * is quadratic on long lines.
 */
export function textBeforeLabel(text: string, label: RegExp): string | null {
  label.lastIndex = 1;
  const found = label.exec(text);
  return found ? text.slice(0, found.index).trimEnd() : null;
}
