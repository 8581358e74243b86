/**
 * What a container (the page flow, a table cell, a list item) holds while the document streams:
 * finished blocks, runs whose reading is put off until the container's role is known (a cell's
 * text may end up as a table cell, a check-box row, or — in a layout table — ordinary paragraphs),
 * and page breaks.
 */
import type { Block } from '../../model/document.js';
import { collapseWhitespace } from './clean-text.js';
import { piecesText, type Run } from './inline-run.js';

/** A page break at `offset`: the page before it ends there. */
export interface PageBreak {
  readonly kind: 'page-break';
  readonly offset: number;
}

export type Item = Block | Run | PageBreak;

/** The plain text of a block, as it reads inside a table cell or list item. */
export function blockText(block: Block): string {
  switch (block.kind) {
    case 'heading':
    case 'paragraph':
    case 'preformatted':
      return block.text;
    case 'list':
      return block.items.map((item) => item.text).join(' ');
    case 'table': {
      const parts: string[] = [];
      if (block.caption !== null) parts.push(block.caption);
      for (const rows of [block.headerRows, block.rows])
        for (const row of rows) for (const cell of row.cells) if (cell.text !== '') parts.push(cell.text);
      for (const footnote of block.footnotes) parts.push(footnote);
      return parts.join(' ');
    }
    case 'choice':
      return block.options.map((option) => `${option.label} ${option.marked ? '☒' : '☐'}`).join(' ');
    case 'rule':
      return '';
  }
}

/** The plain text of a container's items, white space collapsed. */
export function itemsText(items: readonly Item[]): string {
  // Most table cells are empty spacers.
  if (items.length === 0) return '';
  if (items.length === 1) {
    const item = items[0] as Item;
    if (item.kind === 'run') return piecesText(item.pieces);
  }
  const parts: string[] = [];
  for (const item of items) {
    if (item.kind === 'page-break') continue;
    const text = item.kind === 'run' ? piecesText(item.pieces) : blockText(item);
    if (text !== '') parts.push(text);
  }
  return collapseWhitespace(parts.join(' '));
}
