import type { Block, Choice, DocumentModel, Page, TableRow } from '../model/document.js';
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
  if (pages === model.pages && options.limit === undefined && options.from === undefined) return wholeLines(model).lines.slice();
  const whole = WHOLE.get(model);
  if (whole && isPrefix(pages, model.pages)) return fromWhole(whole, pages, options);
  const lines: DocumentLine[] = [];
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  const from = options.from ?? 0;
  for (const page of pages) {
    if (page.span.end < from) continue;
    for (const block of page.blocks) {
      if (lines.length >= limit) return lines.slice(0, limit);
      if (block.span.end < from) continue;
      pushBlockLines(lines, model, page, block);
    }
  }
  return lines;
}

/** A whole document's lines, and where each block's lines end (blocks counted over every page in order). */
interface WholeLines {
  readonly lines: readonly DocumentLine[];
  readonly blockEnds: readonly number[];
  /** The index in `blockEnds` of each page's first block. */
  readonly pageFirstBlock: readonly number[];
}

/**
 * The lines of a whole document, kept while its model lives: the exhibit index, the 8-K items, the report sections
 * and the signatures all read them, and the lines of the first pages (the cover) or of the pages from an offset on
 * (the signatures) are then taken from them rather than built again.
 */
const WHOLE = new WeakMap<DocumentModel, WholeLines>();

function wholeLines(model: DocumentModel): WholeLines {
  const known = WHOLE.get(model);
  if (known) return known;
  const lines: DocumentLine[] = [];
  const blockEnds: number[] = [];
  const pageFirstBlock: number[] = [];
  for (const page of model.pages) {
    pageFirstBlock.push(blockEnds.length);
    for (const block of page.blocks) {
      pushBlockLines(lines, model, page, block);
      blockEnds.push(lines.length);
    }
  }
  const whole = { lines, blockEnds, pageFirstBlock };
  WHOLE.set(model, whole);
  return whole;
}

function isPrefix(pages: readonly Page[], all: readonly Page[]): boolean {
  if (pages.length > all.length) return false;
  for (let i = 0; i < pages.length; i++) if (pages[i] !== all[i]) return false;
  return true;
}

/** Exactly what the loop of `documentLines` gives for the first `pages.length` pages, block by block. */
function fromWhole(whole: WholeLines, pages: readonly Page[], options: DocumentLinesOptions): DocumentLine[] {
  const out: DocumentLine[] = [];
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  const from = options.from ?? 0;
  for (let p = 0; p < pages.length; p++) {
    const page = pages[p] as Page;
    if (page.span.end < from) continue;
    let b = whole.pageFirstBlock[p] as number;
    let start = b === 0 ? 0 : (whole.blockEnds[b - 1] as number);
    for (const block of page.blocks) {
      if (out.length >= limit) return out.slice(0, limit);
      const end = whole.blockEnds[b++] as number;
      if (block.span.end >= from) for (let i = start; i < end; i++) out.push(whole.lines[i] as DocumentLine);
      start = end;
    }
  }
  return out;
}

function pushBlockLines(lines: DocumentLine[], model: DocumentModel, page: Page, block: Block): void {
  switch (block.kind) {
    case 'heading':
    case 'paragraph':
    case 'preformatted':
      if (model.sourceFormat === 'text') pushSourceLines(lines, model.source, block.span.start, block.span.end, page.number, block);
      else if (block.kind === 'preformatted') pushPreLines(lines, model.source, block, page.number);
      else if (!block.text.includes('\n')) pushLine(lines, block.text, page.number, block.span.start, block.span.end, block, null);
      else for (const text of block.text.split('\n')) pushLine(lines, text, page.number, block.span.start, block.span.end, block, null);
      break;
    case 'list':
      for (const item of block.items) pushLine(lines, item.text, page.number, item.span.start, item.span.end, block, null);
      break;
    case 'table':
      if (block.caption) pushLine(lines, block.caption, page.number, block.span.start, block.span.end, block, null);
      for (const row of block.headerRows) pushLine(lines, rowText(row), page.number, row.span.start, row.span.end, block, null);
      for (const row of block.rows) pushLine(lines, rowText(row), page.number, row.span.start, row.span.end, block, null);
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

/** A table row as one line: its cells' texts, trimmed, the empty ones left out, two spaces between. */
function rowText(row: TableRow): string {
  let text = '';
  for (const cell of row.cells) {
    const cellText = cell.text.trim();
    if (cellText === '') continue;
    text = text === '' ? cellText : `${text}  ${cellText}`;
  }
  return text;
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

/**
 * The lines of an HTML `<pre>` block, each with the range of its own source line: a `<pre>` keeps its line breaks,
 * so the block's lines are found in order among the source's lines (tags dropped, letters and digits compared).
 * Where one is not found (a tag written over lines, an entity spelt otherwise) the rest take the block's span, as
 * every line of a paragraph does; the source is read once, so this stays linear.
 */
function pushPreLines(lines: DocumentLine[], source: string, block: Block, page: number): void {
  const text = (block as { readonly text: string }).text;
  let at = block.span.start;
  let inTag = false;
  let found = true;
  for (const raw of text.split('\n')) {
    const wanted = found ? letterKey(raw) : '';
    if (!found || wanted === '') {
      pushLine(lines, raw, page, block.span.start, block.span.end, block, null);
      continue;
    }
    found = false;
    while (at < block.span.end) {
      let lineEnd = source.indexOf('\n', at);
      if (lineEnd === -1 || lineEnd > block.span.end) lineEnd = block.span.end;
      const shown = shownLine(source, at, lineEnd, inTag);
      inTag = shown.inTag;
      const lineStart = at;
      at = lineEnd + 1;
      if (letterKey(shown.text) !== wanted) continue;
      let first = lineStart;
      let last = lineEnd;
      while (first < last && isSpace(source.charCodeAt(first))) first++;
      while (last > first && isSpace(source.charCodeAt(last - 1))) last--;
      pushLine(lines, raw, page, first, last, block, null);
      found = true;
      break;
    }
    if (!found) pushLine(lines, raw, page, block.span.start, block.span.end, block, null);
  }
}

const NAMED_ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** A source line's text with its tags dropped (a tag may run on from the line before) and common entities read. */
function shownLine(source: string, start: number, end: number, inTag: boolean): { text: string; inTag: boolean } {
  const line = source.slice(start, end);
  let out = '';
  let at = start;
  let tag = inTag;
  while (at < end) {
    // Searched within the line only: an indexOf over the rest of the source would make this quadratic.
    if (tag) {
      const close = line.indexOf('>', at - start);
      if (close === -1) return { text: out, inTag: true };
      at = start + close + 1;
      tag = false;
      continue;
    }
    const open = line.indexOf('<', at - start);
    const stop = open === -1 ? end : start + open;
    out += source.slice(at, stop);
    if (stop === end) break;
    at = stop + 1;
    tag = true;
  }
  const text = out.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] !== '#') return NAMED_ENTITIES[name.toLowerCase()] ?? whole;
    const code = name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
  return { text, inTag: tag };
}

/** Letters and digits only, lower case, accents dropped: what a line and its source have in common. */
function letterKey(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
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
