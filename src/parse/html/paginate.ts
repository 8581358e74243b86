/**
 * The page flow cut into pages at its page breaks. A page number printed at the foot of a page
 * (`3`, `- 3 -`, `F-2`, `Page 3`, `ii`) — or, when the foot has none, at its head — becomes the
 * page's label and leaves the blocks; pages left
 * with nothing on them are dropped (their source range goes to the next page).
 */
import type { Span } from '../../core/span.js';
import type { Block, Page, TableRow } from '../../model/document.js';
import type { PageBreak } from './items.js';

const PAGE_NUMBER = /^(?:page\s+)?[-–—]?\s*((?:[A-Z]{1,3}\s?[-–—.]\s?)?\d{1,3})\s*[-–—]?(?:\s+of\s+\d{1,4})?$/i;
const MAX_LABEL_LINE = 120;
const ROMAN_PAGE_NUMBER = /^(?:page\s+)?[-–—]?\s*([ivxlc]{1,7})\s*[-–—]?$/;

/** The page number a line shows, or null. */
export function pageNumberLabel(text: string): string | null {
  // A page label is short; the patterns' adjacent `\s*` groups backtrack quadratically on a long line of blanks.
  if (text.length > MAX_LABEL_LINE) return null;
  const match = PAGE_NUMBER.exec(text) ?? ROMAN_PAGE_NUMBER.exec(text);
  if (match === null) return null;
  return (match[1] ?? '').replace(/\s+/g, '').replace(/[–—]/g, '-');
}

/**
 * Takes the page number out of block `index` when it is one: a paragraph or heading that is only
 * a page number, or the first/last line of preformatted text. Returns the label, or null.
 */
function takeLabel(blocks: Block[], index: number, edge: 'first' | 'last'): string | null {
  const block = blocks[index];
  if (block === undefined) return null;
  if (block.kind === 'paragraph' || block.kind === 'heading') {
    const label = pageNumberLabel(block.text);
    if (label !== null) blocks.splice(index, 1);
    return label;
  }
  if (block.kind !== 'preformatted') return null;
  const lines = block.text.split('\n');
  const line = edge === 'last' ? lines[lines.length - 1] : lines[0];
  const label = pageNumberLabel((line ?? '').trim());
  if (label === null) return null;
  if (edge === 'last') lines.pop();
  else lines.shift();
  while (lines.length > 0 && (lines[0] ?? '').trim() === '') lines.shift();
  while (lines.length > 0 && (lines[lines.length - 1] ?? '').trim() === '') lines.pop();
  if (lines.length === 0) blocks.splice(index, 1);
  else blocks[index] = { ...block, text: lines.join('\n') };
  return label;
}

export function paginate(flow: readonly (Block | PageBreak)[], sourceLength: number): Page[] {
  const pages: Page[] = [];
  let blocks: Block[] = [];
  let start = 0;
  const close = (end: number): void => {
    // At the foot of the page, or failing that at its head.
    let label = takeLabel(blocks, blocks.length - 1, 'last');
    if (label === null) label = takeLabel(blocks, 0, 'first');
    if (blocks.length === 0 && label === null) return;
    pages.push({ number: pages.length + 1, label, blocks, span: { start, end: Math.max(start, end) } });
    blocks = [];
    start = Math.max(start, end);
  };
  for (const item of flow) {
    if (item.kind === 'page-break') close(Math.min(item.offset, sourceLength));
    else blocks.push(withinSource(item, sourceLength));
  }
  close(sourceLength);
  const lastPage = pages[pages.length - 1];
  if (lastPage === undefined) return [{ number: 1, label: null, blocks: [], span: { start: 0, end: sourceLength } }];
  if (lastPage.span.end < sourceLength) pages[pages.length - 1] = { ...lastPage, span: { start: lastPage.span.start, end: sourceLength } };
  return pages;
}

function clampSpan(span: Span, length: number): Span {
  return span.end <= length ? span : { start: Math.min(span.start, length), end: length };
}

/**
 * The block with every span cut to the source's length. htmlparser2 can report an element closed
 * at the end of the input one character past it (after an unterminated comment); nothing else does,
 * so blocks are only copied when that happened.
 */
function withinSource(block: Block, length: number): Block {
  if (block.span.end <= length) return block;
  const span = clampSpan(block.span, length);
  switch (block.kind) {
    case 'table': {
      const rows = (list: readonly TableRow[]): TableRow[] =>
        list.map((row) => ({
          span: clampSpan(row.span, length),
          cells: row.cells.map((cell) => ({ ...cell, span: clampSpan(cell.span, length) })),
        }));
      return { ...block, span, headerRows: rows(block.headerRows), rows: rows(block.rows) };
    }
    case 'list':
      return { ...block, span, items: block.items.map((item) => ({ ...item, span: clampSpan(item.span, length) })) };
    case 'choice':
      return {
        ...block,
        span,
        options: block.options.map((option) => ({
          ...option,
          span: clampSpan(option.span, length),
          markSpan: option.markSpan === null ? null : clampSpan(option.markSpan, length),
        })),
      };
    default:
      return { ...block, span };
  }
}
