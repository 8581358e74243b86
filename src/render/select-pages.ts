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
