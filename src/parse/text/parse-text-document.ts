import { type Diagnostic, diagnostic } from '../../core/diagnostic.js';
import type { DocumentModel, Page } from '../../model/document.js';
import { parsePageLabel } from './page-label.js';
import { parseTaggedTable, type TaggedTableLines } from './tagged-table.js';
import { BlockSink, buildTextBlocks } from './text-blocks.js';
import {
  equalsIgnoreCase,
  indentOf,
  isBlankCode,
  isBlankLine,
  lineTag,
  scanLines,
  type TextContext,
  type TextLines,
  widthOf,
} from './text-lines.js';
import { shiftPage } from './text-stretch.js';

type PageItem = { readonly kind: 'text'; from: number; to: number } | { readonly kind: 'table'; readonly at: TaggedTableLines };

interface PageDraft {
  readonly firstLine: number;
  lastLine: number;
  readonly items: PageItem[];
}

/**
 * Read a legacy ASCII document (the text of a `<TEXT>` element) into pages of blocks.
 *
 * - `<PAGE>` on a line of its own ends a page; a page with no text (before a leading `<PAGE>`, between
 *   two `<PAGE>`s, after a trailing one) is not made. A short page number alone or centred on the last
 *   line of a page (`2`, `- 3 -`, `F-2`, `Page 4`) becomes the page's label.
 * - `<TABLE>` … `</TABLE>` become tables cut at their `<S>`/`<C>` column stops (see `parseTaggedTable`); one
 *   over `MAX_TAGGED_TABLE_CELLS` cells stays preformatted text, with a `text/table-too-large` warning.
 * - The rest is read chunk by chunk (see `buildTextBlocks`).
 * - An outer `<html><body><div>`/`<pre>` wrapper around the ASCII text is skipped.
 *
 * Never throws; problems are reported as diagnostics whose `offset` is a character offset into `text`.
 * Every span is a character range into `text`, which is kept as `source`.
 */
export function parseTextDocument(text: string): DocumentModel {
  const diagnostics: Diagnostic[] = [];
  const [from, to] = innerRange(text);
  const { pages, width } = readPages(text, from, to, { width: null, firstPage: 1, labels: true }, diagnostics);
  const model: DocumentModel = { kind: 'document', sourceFormat: 'text', source: text, pages, diagnostics };
  measuredWidths.set(model, width);
  return model;
}

/** The text width each model `parseTextDocument` built was read with (what `parseTextStretch` needs again). */
const measuredWidths = new WeakMap<DocumentModel, number>();

/**
 * The text width (columns) `parseTextDocument` measured for `model` and read its blocks with; null for a model it
 * did not build. A stretch of the document read again (`parseTextStretch`) must be read with the same width.
 */
export function textWidthOf(model: DocumentModel): number | null {
  return measuredWidths.get(model) ?? null;
}

/**
 * The pages of a stretch of a legacy ASCII document read again on their own: `text` is the document's characters
 * `[offset, offset + text.length)`, whole lines that start where a page or a chunk of lines starts (see
 * `textStretchStart`) and end where one ends, and the pages come out as `parseTextDocument` reads them in the whole
 * document, with every span pointing into the whole document. `width` is the whole document's (`textWidthOf`);
 * `labels` is false when the stretch ends inside a page (its last lines are then not the page's). Diagnostics are
 * left out: they are the whole document's.
 */
export function parseTextStretch(
  text: string,
  offset: number,
  stretch: { readonly width: number; readonly firstPage: number; readonly labels: boolean },
): Page[] {
  const { pages } = readPages(text, 0, text.length, stretch, []);
  return offset === 0 ? pages : pages.map((page) => shiftPage(page, offset));
}

/** How `readPages` reads a range: with the whole document's width, or measuring it; where numbering starts. */
interface PageReading {
  /** The text width to read blocks with; null: measure it from the range's lines. */
  readonly width: number | null;
  /** The number of the first page made. */
  readonly firstPage: number;
  /** Take page labels off the last lines of pages (false when the range ends inside a page). */
  readonly labels: boolean;
}

/** Pages of blocks of `text[from, to)` (see `parseTextDocument`), and the width their blocks were read with. */
function readPages(
  text: string,
  from: number,
  to: number,
  reading: PageReading,
  diagnostics: Diagnostic[],
): { pages: Page[]; width: number } {
  const lines = scanLines(text, from, to);
  const pages: PageDraft[] = [];
  const widths = new Int32Array(258);
  let widthCount = 0;

  let page: PageDraft = { firstLine: 0, lastLine: 0, items: [] };
  let textFrom = 0;
  let openTable = -1;
  let breakInTable = false;
  const closePage = (lastLine: number, nextFirst: number): void => {
    page.lastLine = lastLine;
    pages.push(page);
    page = { firstLine: nextFirst, lastLine: nextFirst, items: [] };
  };
  for (let i = 0; i < lines.count; i++) {
    const tag = lineTag(text, lines, i);
    if (openTable >= 0) {
      if (tag === 'table-end') {
        page.items.push({ kind: 'table', at: { open: openTable, close: i, last: i } });
        openTable = -1;
        textFrom = i + 1;
        if (breakInTable) closePage(i, i + 1);
        breakInTable = false;
      } else if (tag === 'table') {
        page.items.push({ kind: 'table', at: { open: openTable, close: null, last: i - 1 } });
        openTable = i;
      } else if (tag === 'page') breakInTable = true;
      continue;
    }
    if (tag === 'page') {
      page.items.push({ kind: 'text', from: textFrom, to: i });
      textFrom = i + 1;
      closePage(i - 1, i + 1);
    } else if (tag === 'table') {
      page.items.push({ kind: 'text', from: textFrom, to: i });
      openTable = i;
    } else if (tag === 'table-end') {
      diagnostics.push(
        diagnostic('text/stray-table-end', 'info', 'A </TABLE> was found with no <TABLE> open; it was skipped', lines.inkStart[i] ?? 0),
      );
      page.items.push({ kind: 'text', from: textFrom, to: i });
      textFrom = i + 1;
    } else if (!isBlankLine(lines, i)) {
      const w = Math.min(257, widthOf(lines, i));
      widths[w] = (widths[w] ?? 0) + 1;
      widthCount++;
    }
  }
  if (openTable >= 0) page.items.push({ kind: 'table', at: { open: openTable, close: null, last: lines.count - 1 } });
  else page.items.push({ kind: 'text', from: textFrom, to: lines.count });
  closePage(lines.count - 1, lines.count);

  const measured = textWidth(widths, widthCount);
  // Too few long lines to measure (a cover page, an exhibit that is all tables): EDGAR's 80 columns.
  const width = reading.width ?? (measured < 60 ? 80 : measured);
  const ctx: TextContext = { text, lines, width, diagnostics };
  const out: Page[] = [];
  for (const draft of pages) {
    if (!hasInk(lines, draft)) continue;
    const label = reading.labels ? takePageLabel(ctx, draft) : null;
    const sink = new BlockSink();
    for (const item of draft.items) {
      if (item.kind === 'table') sink.push(parseTaggedTable(ctx, item.at));
      else buildTextBlocks(ctx, item.from, item.to, sink);
    }
    const first = Math.min(draft.firstLine, lines.count - 1);
    const last = Math.max(first, Math.min(draft.lastLine, lines.count - 1));
    out.push({
      number: reading.firstPage + out.length,
      label,
      blocks: sink.blocks,
      span: { start: lines.start[first] ?? from, end: Math.max(lines.start[first] ?? from, lines.end[last] ?? to) },
    });
  }
  return { pages: out, width };
}

function hasInk(lines: TextLines, draft: PageDraft): boolean {
  for (const item of draft.items) {
    if (item.kind === 'table') return true;
    for (let i = item.from; i < item.to; i++) if (!isBlankLine(lines, i)) return true;
  }
  return false;
}

/**
 * The width most lines keep within: the widest width that at least 2% of the non-blank lines (and at
 * least two) reach. Long stray lines do not move it; a page of short centred lines does not shrink it.
 */
function textWidth(widths: Int32Array, count: number): number {
  const threshold = Math.max(2, Math.ceil(count * 0.02));
  let seen = 0;
  for (let w = widths.length - 1; w > 0; w--) {
    seen += widths[w] ?? 0;
    if (seen >= threshold) return w;
  }
  for (let w = widths.length - 1; w > 0; w--) if ((widths[w] ?? 0) > 0) return w;
  return 80;
}

/** A page number on the page's last text line, alone after a blank line or centred: taken off as the label. */
function takePageLabel(ctx: TextContext, draft: PageDraft): string | null {
  const { text, lines } = ctx;
  const item = draft.items[draft.items.length - 1];
  if (item === undefined || item.kind !== 'text') return null;
  let last = item.to - 1;
  while (last >= item.from && isBlankLine(lines, last)) last--;
  if (last < item.from) return null;
  const a = lines.inkStart[last] ?? 0;
  const b = lines.inkEnd[last] ?? 0;
  if (b - a > 20) return null;
  const label = parsePageLabel(text.slice(a, b));
  if (label === null) return null;
  const alone = last === item.from || isBlankLine(lines, last - 1);
  const left = indentOf(lines, last);
  const right = ctx.width - widthOf(lines, last);
  const centred = left >= 6 && Math.abs(left - right) <= Math.max(4, ctx.width * 0.08);
  if (!alone && !centred) return null;
  item.to = last;
  return label;
}

const WRAPPER_TAGS = ['<html', '<body', '<div', '<pre', '<!doctype'] as const;
const WRAPPER_ENDS = ['</html>', '</body>', '</div>', '</pre>'] as const;

/**
 * The range of `text` inside an outer HTML wrapper (`<html><body><div>` … `</div></body></html>`, or `<pre>`)
 * put around legacy ASCII, or the whole text when there is none.
 */
function innerRange(text: string): [number, number] {
  let p = 0;
  let found = false;
  for (;;) {
    let q = p;
    while (q < text.length && isBlankCode(text.charCodeAt(q))) q++;
    if (text.charCodeAt(q) !== 0x3c) break;
    let matched = false;
    if (equalsIgnoreCase(text, q, '<head')) {
      const lower = text.indexOf('</head>', q);
      const upper = text.indexOf('</HEAD>', q);
      const close = lower < 0 ? upper : upper < 0 ? lower : Math.min(lower, upper);
      if (close < 0) break;
      p = close + 7;
      matched = true;
    } else {
      for (const tag of WRAPPER_TAGS) {
        if (!equalsIgnoreCase(text, q, tag)) continue;
        const after = text.charCodeAt(q + tag.length);
        if (after !== 0x3e && !isBlankCode(after) && tag !== '<!doctype') continue;
        const close = text.indexOf('>', q);
        if (close < 0) break;
        p = close + 1;
        matched = true;
        break;
      }
    }
    if (!matched) break;
    found = true;
  }
  if (!found) return [0, text.length];
  // Start on a fresh line when the rest of the tag's line is blank, so columns stay true.
  let q = p;
  while (q < text.length && text.charCodeAt(q) !== 0x0a && isBlankCode(text.charCodeAt(q))) q++;
  if (q < text.length && text.charCodeAt(q) === 0x0a) p = q + 1;
  let end = text.length;
  for (;;) {
    while (end > p && isBlankCode(text.charCodeAt(end - 1))) end--;
    const tag = WRAPPER_ENDS.find((t) => end - t.length >= p && equalsIgnoreCase(text, end - t.length, t));
    if (tag === undefined) break;
    end -= tag.length;
  }
  return [p, Math.max(p, end)];
}
