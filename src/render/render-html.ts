import { escapeUTF8 } from 'entities';
import type { Span } from '../core/span.js';
import type { Alignment, Block, DocumentModel, Page, Table, TableRow } from '../model/document.js';
import { selectPages } from './select-pages.js';
import { clampColspan, clampRowspan, isNumericText } from './table-grid.js';

/** Options of `renderHtml`. */
export interface RenderHtmlOptions {
  /** Render only this 1-based page; a page that does not exist throws a `RangeError`. */
  readonly page?: number;
  /** Return only the `<section>` elements, for embedding in a page of one's own. */
  readonly fragment?: boolean;
  /** Put before every `id` (and the `#` links to them), so several documents can share one page. */
  readonly idPrefix?: string;
  /**
   * Named places to jump to (a document's sections): an empty `<a class="section-anchor" id="…">` goes before the
   * first block that reaches each `start`. Ids are escaped and prefixed like every other id.
   */
  readonly anchors?: readonly { readonly id: string; readonly start: number }[];
}

/**
 * Semantic, safe HTML. Every string from the model is escaped and no markup from the filing is ever
 * passed through, so the output can be put into a web page as it is.
 *
 * Each page is a `<section class="page" id="page-N" data-page="N">` that starts with a link to itself;
 * every element made from a block (and every table row, cell, list item and choice option) carries
 * `data-start`/`data-end`, the block's span in `model.source`. Tables get `<caption>`, `<thead>`,
 * `<tbody>` (both with the span of their rows), colspan/rowspan, `class="num"` on numeric cells and footnotes in `<tfoot>`. Choices are a
 * `<ul class="choice">` of `☒`/`☐` items. Without `fragment` the sections come in a minimal document
 * with a tiny inline stylesheet and a Content-Security-Policy that allows nothing else.
 */
export function renderHtml(model: DocumentModel, options: RenderHtmlOptions = {}): string {
  const out: string[] = [];
  writeHtml(model, options, out);
  return out.join('');
}

/**
 * The HTML `renderHtml` returns, given to `emit` piece by piece in order (their join is that HTML): a shell writes a
 * large document as it goes and holds no more of its rendering than one piece. A missing page throws before any piece.
 */
export function renderHtmlInto(model: DocumentModel, options: RenderHtmlOptions, emit: (part: string) => void): void {
  writeHtml(model, options, {
    push: (...parts: string[]) => {
      for (const part of parts) emit(part);
    },
  });
}

function writeHtml(model: DocumentModel, options: RenderHtmlOptions, out: Out): void {
  const pages = selectPages(model, options.page);
  const prefix = escapeHtml(options.idPrefix ?? '');
  if (options.fragment !== true) {
    out.push(
      '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n',
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">\n`,
      '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
      '<title>',
      escapeHtml(documentTitle(pages)),
      '</title>\n<style>',
      STYLESHEET,
      '</style>\n</head>\n<body>\n<main class="document" data-source-format="',
      escapeHtml(model.sourceFormat),
      '">\n',
    );
  }
  const anchors = [...(options.anchors ?? [])].sort((a, b) => a.start - b.start);
  const cursor = { next: 0 };
  for (const page of pages) renderPage(page, prefix, out, anchors, cursor);
  if (options.fragment !== true) out.push('</main>\n</body>\n</html>\n');
}

/** Where the pieces go: an array to join, or straight to a writer. */
interface Out {
  push(...parts: string[]): unknown;
}

const STYLESHEET =
  'body{font:16px/1.5 system-ui,sans-serif;color:#111;max-width:60rem;margin:0 auto;padding:1rem}' +
  '.page{border-bottom:1px dashed #bbb;padding:1rem 0}' +
  '.page-anchor{font-size:.75rem;color:#777}' +
  'table{border-collapse:collapse;margin:1rem 0}' +
  'th,td{border:1px solid #ccc;padding:.2rem .5rem;vertical-align:top;text-align:left}' +
  '.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}' +
  'caption{font-style:italic;text-align:left}' +
  'tfoot td{border:0;font-size:.875rem}' +
  '.choice{list-style:none;padding:0}.choice li{display:inline-block;margin-right:2rem}' +
  'pre{overflow-x:auto;background:#f6f6f6;padding:.5rem}' +
  '.align-center{text-align:center}.align-right{text-align:right}';

function documentTitle(pages: readonly Page[]): string {
  for (const page of pages) {
    for (const block of page.blocks) {
      if (block.kind === 'heading' && block.text.trim() !== '') return block.text.replace(/\s+/g, ' ').trim();
    }
  }
  return 'Document';
}

function renderPage(
  page: Page,
  prefix: string,
  out: Out,
  anchors: readonly { readonly id: string; readonly start: number }[] = [],
  cursor: { next: number } = { next: 0 },
): void {
  const number = int(page.number);
  out.push(`<section class="page" id="${prefix}page-${number}" data-page="${number}"`);
  if (page.label !== null) out.push(' data-label="', escapeHtml(page.label), '"');
  out.push(spanAttributes(page.span), '>\n');
  out.push(`<a class="page-anchor" href="#${prefix}page-${number}">Page ${number}</a>\n`);
  for (const block of page.blocks) {
    // Anchors before this block's end belong here (one pass: both lists are in document order).
    while (cursor.next < anchors.length && (anchors[cursor.next] as { start: number }).start < block.span.end) {
      out.push(`<a class="section-anchor" id="${prefix}${escapeHtml((anchors[cursor.next] as { id: string }).id)}"></a>\n`);
      cursor.next++;
    }
    renderBlock(block, out);
  }
  out.push('</section>\n');
}

function renderBlock(block: Block, out: Out): void {
  switch (block.kind) {
    case 'heading': {
      const level = Math.min(6, Math.max(1, Math.floor(block.level) || 1));
      out.push(`<h${level}`, alignClass(block.align), spanAttributes(block.span), '>');
      out.push(escapeHtml(block.text), `</h${level}>\n`);
      return;
    }
    case 'paragraph':
      out.push('<p', alignClass(block.align), spanAttributes(block.span), '>', escapeHtml(block.text), '</p>\n');
      return;
    case 'list': {
      const tag = block.ordered ? 'ol' : 'ul';
      out.push('<', tag, spanAttributes(block.span), '>\n');
      for (const item of block.items) {
        out.push('<li', spanAttributes(item.span), '>', escapeHtml(item.text), '</li>\n');
      }
      out.push('</', tag, '>\n');
      return;
    }
    case 'table':
      renderTable(block, out);
      return;
    case 'choice':
      out.push('<ul class="choice"', spanAttributes(block.span), '>\n');
      for (const option of block.options) {
        out.push(option.marked ? '<li class="marked"' : '<li', spanAttributes(option.span));
        if (option.markSpan !== null) {
          out.push(` data-mark-start="${int(option.markSpan.start)}" data-mark-end="${int(option.markSpan.end)}"`);
        }
        out.push(option.marked ? '>☒ ' : '>☐ ', escapeHtml(option.label), '</li>\n');
      }
      out.push('</ul>\n');
      return;
    case 'preformatted':
      // A newline right after `<pre>` is dropped by HTML parsers: double it to keep it.
      out.push('<pre', spanAttributes(block.span), /^[\r\n]/.test(block.text) ? '>\n' : '>');
      out.push(escapeHtml(block.text), '</pre>\n');
      return;
    case 'rule':
      out.push('<hr', spanAttributes(block.span), '>\n');
      return;
  }
}

function renderTable(table: Table, out: Out): void {
  out.push('<table', spanAttributes(table.span), ' data-origin="', escapeHtml(table.origin), '">\n');
  if (table.caption !== null && table.caption.trim() !== '') {
    out.push('<caption>', escapeHtml(table.caption), '</caption>\n');
  }
  if (table.headerRows.length > 0) {
    out.push('<thead', rowsSpan(table.headerRows), '>\n');
    for (const row of table.headerRows) renderRow(row, 'th', out);
    out.push('</thead>\n');
  }
  out.push('<tbody', rowsSpan(table.rows), '>\n');
  for (const row of table.rows) renderRow(row, 'td', out);
  out.push('</tbody>\n');
  const footnotes = table.footnotes.filter((footnote) => footnote.trim() !== '');
  if (footnotes.length > 0) {
    const colspan = clampColspan(table.columnCount);
    out.push('<tfoot>\n');
    for (const footnote of footnotes) {
      out.push('<tr><td class="footnote"', colspan > 1 ? ` colspan="${colspan}"` : '', '>');
      out.push(escapeHtml(footnote), '</td></tr>\n');
    }
    out.push('</tfoot>\n');
  }
  out.push('</table>\n');
}

function renderRow(row: TableRow, tag: 'th' | 'td', out: Out): void {
  out.push('<tr', spanAttributes(row.span), '>');
  for (const cell of row.cells) {
    out.push('<', tag);
    if (tag === 'th') out.push(' scope="col"');
    if (isNumericText(cell.text)) out.push(' class="num"');
    else if (cell.align === 'center' || cell.align === 'right') out.push(alignClass(cell.align));
    const colspan = clampColspan(cell.colspan);
    const rowspan = clampRowspan(cell.rowspan);
    if (colspan > 1) out.push(` colspan="${colspan}"`);
    if (rowspan > 1) out.push(` rowspan="${rowspan}"`);
    out.push(spanAttributes(cell.span), '>', escapeHtml(cell.text), '</', tag, '>');
  }
  out.push('</tr>\n');
}

/** The span from the first row's start to the last row's end, or nothing for no rows. */
function rowsSpan(rows: readonly TableRow[]): string {
  const first = rows[0];
  const last = rows[rows.length - 1];
  return first === undefined || last === undefined ? '' : spanAttributes({ start: first.span.start, end: last.span.end });
}

function alignClass(align: Alignment | null): string {
  if (align === 'center') return ' class="align-center"';
  if (align === 'right') return ' class="align-right"';
  return '';
}

function spanAttributes(span: Span): string {
  return ` data-start="${int(span.start)}" data-end="${int(span.end)}"`;
}

/** A number for an attribute: whatever the model holds, only digits (and a sign) reach the output. */
function int(value: number): number {
  return Number.isFinite(value) ? Math.trunc(value) : 0;
}

/** Text safe both between tags and inside a quoted attribute: `&<>"'` escaped by the entities package (as in htmlparser2). */
export function escapeHtml(text: string): string {
  return escapeUTF8(text);
}
