import type { DocumentModel, Page } from '../model/document.js';

/**
 * The pages a renderer should show: all of them, or the one page whose 1-based `number` is `page`.
 * Throws a `RangeError` naming the page count when that page does not exist.
 */
export function selectPages(model: DocumentModel, page: number | undefined): readonly Page[] {
  if (page === undefined) return model.pages;
  // Pages are numbered by position, so the direct index is almost always the answer.
  const direct = Number.isInteger(page) ? model.pages[page - 1] : undefined;
  const found = direct?.number === page ? direct : model.pages.find((candidate) => candidate.number === page);
  if (found === undefined) {
    const count = model.pages.length;
    throw new RangeError(`Page ${page} does not exist: the document has ${count} ${count === 1 ? 'page' : 'pages'}`);
  }
  return [found];
}

/**
 * The part of a document between two character offsets of its source (a section, as `findSections` gives it):
 * the same model with only the blocks that overlap `[start, end)`, on their pages; pages left empty are dropped.
 * The pages keep their numbers and labels, so page anchors still say where in the whole document a block is.
 */
export function selectRange(model: DocumentModel, range: { readonly start: number; readonly end: number }): DocumentModel {
  const pages: Page[] = [];
  for (const page of model.pages) {
    if (page.span.end <= range.start || page.span.start >= range.end) continue;
    const blocks = page.blocks.filter((block) => block.span.end > range.start && block.span.start < range.end);
    if (blocks.length > 0) pages.push({ ...page, blocks });
  }
  return { ...model, pages };
}

/** One part of a long document: its pages from `from` to `to` (1-based page numbers, both included). */
export interface PageRange {
  readonly from: number;
  readonly to: number;
}

/**
 * The document cut into parts of whole pages, in order, each of at most `maxChars` characters of source (a page
 * larger than that is a part of its own): what a reader is shown at a time, so a render holds one part, not the
 * document. A document within `maxChars` is one part; a document without pages has none.
 */
export function pageRanges(model: DocumentModel, maxChars: number): PageRange[] {
  const ranges: PageRange[] = [];
  let from = -1;
  let to = -1;
  // Where the part being built starts in the source: a part is measured from there to its last page's end.
  let start = 0;
  for (const page of model.pages) {
    if (from !== -1 && page.span.end - start > maxChars) {
      ranges.push({ from, to });
      from = -1;
    }
    if (from === -1) {
      from = page.number;
      start = page.span.start;
    }
    to = page.number;
  }
  if (from !== -1) ranges.push({ from, to });
  return ranges;
}

/** The same model with only the pages of `range` (by page number), for rendering one part of a long document. */
export function selectPageRange(model: DocumentModel, range: PageRange): DocumentModel {
  return { ...model, pages: model.pages.filter((page) => page.number >= range.from && page.number <= range.to) };
}
