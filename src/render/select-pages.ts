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
