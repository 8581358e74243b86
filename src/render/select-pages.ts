import type { Block, DocumentModel, Page } from '../model/document.js';

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

/**
 * One part of a long document: its pages from `from` to `to` (1-based page numbers, both included), and where in
 * the source it starts and ends. A page longer than a part on its own is cut between its blocks into pieces
 * (`piece`): then `from` and `to` are that page and the part holds its blocks `[piece.start, piece.end)`.
 */
export interface PageRange {
  readonly from: number;
  readonly to: number;
  /**
   * The part's offsets of the source: it ends where its last page or block does and starts where the part before
   * it ends (0 for the first), so the parts cover the source without gaps.
   */
  readonly start: number;
  readonly end: number;
  readonly piece?: PagePiece;
}

/** Blocks `[start, end)` of a page cut into `of` pieces, this being piece `number` (1-based). */
export interface PagePiece {
  readonly start: number;
  readonly end: number;
  readonly number: number;
  readonly of: number;
}

/**
 * The document cut into parts, in order, each of at most `maxChars` characters of source: whole pages where they
 * fit, and a page longer than that cut between its blocks (a block longer than that is a part of its own). What a
 * reader is shown at a time, so a render holds one part, not the document. A document within `maxChars` is one
 * part; a document without pages has none.
 */
export function pageRanges(model: DocumentModel, maxChars: number): PageRange[] {
  const ranges: PageRange[] = [];
  // Parts meet: what lies between one part's last block and the next one's first (a page break, blank lines)
  // belongs to the next, so every offset of the source is in exactly one part.
  const push = (range: Omit<PageRange, 'start'>) => ranges.push({ ...range, start: ranges.at(-1)?.end ?? 0 });
  // The part being built, and where its first page starts (what its size is measured from).
  let open: { from: number; to: number; end: number; pagesStart: number } | null = null;
  for (const page of model.pages) {
    if (open !== null && page.span.end - open.pagesStart > maxChars) {
      push(open);
      open = null;
    }
    if (open === null && page.span.end - page.span.start > maxChars && page.blocks.length > 1) {
      for (const piece of pagePieces(page, maxChars)) push(piece);
      continue;
    }
    if (open === null) open = { from: page.number, to: page.number, end: page.span.end, pagesStart: page.span.start };
    else {
      open.to = page.number;
      open.end = page.span.end;
    }
  }
  if (open !== null) push(open);
  return ranges;
}

/** A page too long for one part, cut between blocks into pieces of at most `maxChars` characters of source each. */
function pagePieces(page: Page, maxChars: number): Omit<PageRange, 'start'>[] {
  const cuts: { start: number; end: number }[] = [];
  let first = 0;
  for (let index = 1; index <= page.blocks.length; index++) {
    const block = page.blocks[index];
    const pieceStart = (page.blocks[first] as Block).span.start;
    if (block === undefined || block.span.end - pieceStart > maxChars) {
      cuts.push({ start: first, end: index });
      first = index;
    }
  }
  // The last piece ends where the page does.
  return cuts.map((cut, index) => ({
    from: page.number,
    to: page.number,
    end: index === cuts.length - 1 ? page.span.end : (page.blocks[cut.end - 1] as Block).span.end,
    piece: { start: cut.start, end: cut.end, number: index + 1, of: cuts.length },
  }));
}

/** The 1-based part that holds `offset` of the source: the first part that ends after it, else the last. */
export function partHolding(parts: readonly PageRange[], offset: number): number {
  const index = parts.findIndex((range) => offset < range.end);
  return index === -1 ? Math.max(1, parts.length) : index + 1;
}

/** The same model with only the pages (or the piece of a page) of `range`, for rendering one part of a long document. */
export function selectPageRange(model: DocumentModel, range: PageRange): DocumentModel {
  const pages = model.pages.filter((page) => page.number >= range.from && page.number <= range.to);
  const { piece } = range;
  if (piece === undefined) return { ...model, pages };
  return { ...model, pages: pages.map((page) => ({ ...page, blocks: page.blocks.slice(piece.start, piece.end) })) };
}
