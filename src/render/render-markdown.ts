import type { Block, Choice, DocumentModel, Heading, ListBlock, Preformatted, Table } from '../model/document.js';
import { selectPages } from './select-pages.js';
import { type GridSlot, layoutTable } from './table-grid.js';
import { trimPreformatted } from './trim-preformatted.js';

/** Options of `renderMarkdown`. */
export interface RenderMarkdownOptions {
  /** Render only this 1-based page; a page that does not exist throws a `RangeError`. */
  readonly page?: number;
}

/**
 * GitHub-flavoured Markdown: `#` headings, paragraphs, lists, pipe tables (caption as an italic line
 * above, footnotes as a list below), choices as task lists, preformatted text as fenced code, rules
 * as `---`. Every page starts with a `<!-- page N -->` comment (N is the page's 1-based position).
 *
 * Text from the filing is escaped wherever a character would otherwise become markup, so raw HTML,
 * links, emphasis and `|` in table cells all come out as the literal characters.
 * Alignment is not expressible in GFM and is dropped. The result ends with a newline unless empty.
 */
export function renderMarkdown(model: DocumentModel, options: RenderMarkdownOptions = {}): string {
  const out: string[] = [];
  renderMarkdownInto(model, options, (part) => {
    out.push(part);
  });
  return out.join('');
}

/**
 * The Markdown `renderMarkdown` returns, given to `emit` in order (their join is that Markdown), a block at a time: a
 * shell writes a large document as it goes and holds no more of its rendering than one block. A missing page throws
 * before any piece.
 */
export function renderMarkdownInto(model: DocumentModel, options: RenderMarkdownOptions, emit: (part: string) => void): void {
  const pages = selectPages(model, options.page);
  // Every piece is followed by a blank line, but the last by a single newline: the separator is owed until more comes.
  let owed = false;
  const piece = (parts: readonly string[]): void => {
    if (owed) emit('\n\n');
    for (const part of parts) emit(part);
    owed = true;
  };
  const block: string[] = [];
  for (const page of pages) {
    piece([`<!-- page ${page.number} -->`]);
    // The list marker the previous block ended with: two adjacent lists would merge into one.
    let openList: string | null = null;
    for (const current of page.blocks) {
      const marker = listMarker(current);
      block.length = 0;
      renderBlock(current, block);
      if (block.length === 0) continue;
      if (marker !== null && marker === openList) piece(['<!-- -->']);
      piece(block);
      openList = current.kind === 'table' ? (hasFootnotes(current) ? '-' : null) : marker;
    }
  }
  if (owed) emit('\n');
}

function listMarker(block: Block): string | null {
  if (block.kind === 'choice') return block.options.length > 0 ? '-' : null;
  if (block.kind === 'list') return block.items.length === 0 ? null : block.ordered ? '.' : '-';
  return null;
}

function hasFootnotes(table: Table): boolean {
  return table.footnotes.some((footnote) => footnote.trim() !== '');
}

/** Appends the block's Markdown (without a trailing newline) to `out`, or nothing for an empty block. */
function renderBlock(block: Block, out: string[]): void {
  switch (block.kind) {
    case 'heading':
      renderHeading(block, out);
      return;
    case 'paragraph': {
      const text = escapeBlockText(block.text);
      if (text !== '') out.push(text);
      return;
    }
    case 'list':
      renderList(block, out);
      return;
    case 'table':
      renderTable(block, out);
      return;
    case 'choice':
      renderChoice(block, out);
      return;
    case 'preformatted':
      renderPreformatted(block, out);
      return;
    case 'rule':
      out.push('---');
      return;
  }
}

const HASHES = ['#', '##', '###', '####', '#####', '######'] as const;

function renderHeading(block: Heading, out: string[]): void {
  let text = escapeInline(block.text);
  if (text === '') return;
  // A closing run of `#` would be taken as the optional closing sequence.
  if (text.endsWith('#')) text = `${text.slice(0, -1)}\\#`;
  const level = Math.min(6, Math.max(1, Math.floor(block.level) || 1));
  out.push(HASHES[level - 1] ?? '#', ' ', text);
}

function renderList(block: ListBlock, out: string[]): void {
  let number = 0;
  for (const item of block.items) {
    number++;
    if (number > 1) out.push('\n');
    out.push(block.ordered ? `${number}. ` : '- ', escapeBlockText(item.text));
  }
}

function renderChoice(block: Choice, out: string[]): void {
  let first = true;
  for (const option of block.options) {
    if (!first) out.push('\n');
    first = false;
    out.push(option.marked ? '- [x] ' : '- [ ] ', escapeInline(option.label));
  }
}

function renderPreformatted(block: Preformatted, out: string[]): void {
  const text = trimPreformatted(block.text);
  let longest = 0;
  for (const match of text.matchAll(/`+/g)) if (match[0].length > longest) longest = match[0].length;
  const fence = '`'.repeat(Math.max(3, longest + 1));
  out.push(fence, '\n');
  if (text !== '') out.push(text, '\n');
  out.push(fence);
}

function renderTable(table: Table, out: string[]): void {
  const grid = layoutTable(table);
  const columns = grid.columnCount;
  const caption = table.caption === null ? '' : escapeInline(table.caption);
  if (caption !== '') out.push('*', caption, '*');
  if (columns > 0) {
    if (caption !== '') out.push('\n\n');
    // Header: every header row merged, per column, with spaces; blank cells when there is none.
    const header: string[] = new Array<string>(columns).fill('');
    for (const row of grid.headerRows) {
      for (let column = 0; column < columns; column++) {
        const text = cellText(row[column]);
        if (text === '') continue;
        const previous = header[column] ?? '';
        header[column] = previous === '' ? text : `${previous} ${text}`;
      }
    }
    pushRow(header, out);
    out.push('\n|');
    for (let column = 0; column < columns; column++) out.push(grid.numericColumns[column] ? ' ---: |' : ' --- |');
    const cells: string[] = new Array<string>(columns);
    for (const row of grid.rows) {
      for (let column = 0; column < columns; column++) cells[column] = cellText(row[column]);
      out.push('\n');
      pushRow(cells, out);
    }
  }
  let first = true;
  for (const footnote of table.footnotes) {
    const text = escapeBlockText(footnote);
    if (text === '') continue;
    if (first && (caption !== '' || columns > 0)) out.push('\n\n');
    else if (!first) out.push('\n');
    first = false;
    out.push('- ', text);
  }
}

/** One row as one string: a table is mostly short cells, and one piece per row keeps `out` small. */
function pushRow(cells: readonly string[], out: string[]): void {
  let line = '|';
  for (const cell of cells) line += cell === '' ? '  |' : ` ${cell} |`;
  out.push(line);
}

function cellText(slot: GridSlot | undefined): string {
  return slot?.kind === 'cell' ? escapeCell(slot.cell.text) : '';
}

// Characters that are markup anywhere in a line: backslash escapes, code spans, emphasis, links,
// raw HTML and autolinks, strikethrough; and `&` where it would start an entity reference.
const INLINE_SPECIAL = /[\\`*_[<~]|&(?=#?[0-9A-Za-z]+;)/g;
const CELL_SPECIAL = /[\\`*_[<~|]|&(?=#?[0-9A-Za-z]+;)/g;
const NEEDS_COLLAPSE = /[\t\n\r\f\v]/;
// At the start of a block: ATX heading, block quote, bullet list or thematic break, ordered list.
const LEADING_SPECIAL = /^(?:[#>+-]|\d{1,9}[.)])/;

function collapse(text: string): string {
  return NEEDS_COLLAPSE.test(text) ? text.replace(/\s+/g, ' ').trim() : text.trim();
}

// Fast paths: most text has nothing to collapse or escape.
const INLINE_WORK = /[\\`*_[<~&\t\n\r\f\v]/;
const CELL_WORK = /[\\`*_[<~|&\t\n\r\f\v]/;

function escapeInline(text: string): string {
  return INLINE_WORK.test(text) ? collapse(text).replace(INLINE_SPECIAL, '\\$&') : text.trim();
}

function escapeCell(text: string): string {
  return CELL_WORK.test(text) ? collapse(text).replace(CELL_SPECIAL, '\\$&') : text.trim();
}

/** Text that starts a block of its own (a paragraph, a list item): its first character matters too. */
function escapeBlockText(text: string): string {
  const escaped = escapeInline(text);
  const match = LEADING_SPECIAL.exec(escaped);
  if (match === null) return escaped;
  const at = match[0].length - 1;
  return `${escaped.slice(0, at)}\\${escaped.slice(at)}`;
}
