import { isUtf8 } from 'node:buffer';
import type { Diagnostic } from '../core/diagnostic.js';
import type { ByteRange, Span } from '../core/span.js';
import type { Block, DocumentModel, Page } from '../model/document.js';
import { decodeWindows1252, type TextEncoding } from '../parse/sgml/decode-text.js';
import { parseTextStretch, textWidthOf } from '../parse/text/parse-text-document.js';
import { textStretchEnd, textStretchStart } from '../parse/text/text-stretch.js';
import { type PageRange, partHolding, renderDocument } from '../render/index.js';
import type { ReadDocument } from './read-filing.js';
import type { DocumentInfo, RenderedDocument, RenderRequest, SectionLink, TableSummary } from './render-stored-document.js';

/**
 * A long legacy ASCII document rendered a part at a time without its whole model. The first part asked for is
 * rendered from the whole model as before, and gives the document's skeleton: what every part's answer holds
 * beside its rendering (pages, tables, sections, parts, diagnostics) and, for each part, the stretch of the
 * document's text to read again on its own to build that part's pages (`PartRecipe`). A later part is then read
 * from its stretch's bytes alone: decoded, read into pages (`parseTextStretch`), checked against the skeleton and
 * rendered, so its work and memory follow the part, not the document.
 *
 * Only legacy ASCII text read as such has a skeleton. HTML has none: a slice of HTML cannot be read out of the
 * elements that enclose it. Neither has ASCII unwrapped from an HTML wrapper (its spans point into the unwrapped
 * text, not the bytes), nor a document with a `<TABLE>` left unclosed (such a table runs on over page breaks to the
 * next `<TABLE>` or the end, so where its stretch ends is not known from its block): they are rendered from the
 * whole model each time.
 */

/** What a part's pages are read again from, and what the whole model says they hold (to check the reading). */
export interface PartRecipe {
  /** The document's characters to read: whole lines from where a page or a chunk of lines starts to where one ends. */
  readonly chars: Span;
  /** The same characters as bytes of the document's body. */
  readonly bytes: ByteRange;
  /** The number of the stretch's first page. */
  readonly firstPage: number;
  /** The part is a piece of a page (its stretch is some chunks of lines of that page), not whole pages. */
  readonly piece: boolean;
  /** False when the stretch ends inside a page (its label, on the page's last line, is then not read). */
  readonly labels: boolean;
  /** The part's pages as the whole model has them, with how many blocks the part shows and where the first starts. */
  readonly pages: readonly RecipePage[];
}

export interface RecipePage {
  readonly number: number;
  readonly label: string | null;
  readonly span: Span;
  /** Blocks of the page the part shows (all of them, or a piece's). */
  readonly blocks: number;
  /** Where the first of them starts (-1 when none). */
  readonly first: number;
}

/** Everything a part's answer holds beside its rendering, and how to read each part alone. Plain data. */
export interface DocumentSkeleton {
  /** The part size the parts were cut with. */
  readonly partChars: number;
  readonly document: DocumentInfo;
  readonly pages: readonly { readonly number: number; readonly label: string | null }[];
  readonly tables: readonly TableSummary[];
  readonly sections: readonly SectionLink[];
  readonly parts: readonly PageRange[];
  /** The whole document's diagnostics (the JSON rendering of a part shows them). */
  readonly diagnostics: readonly Diagnostic[];
  /** The text width the whole document was read with. */
  readonly width: number;
  readonly encoding: TextEncoding;
  /** How to read each part alone; null for a part read from the whole model (its stretch would be far larger than it). */
  readonly recipes: readonly (PartRecipe | null)[];
  /** About how many bytes of memory the skeleton takes. */
  readonly size: number;
}

/** What a render thread needs to render one part from its stretch's bytes. Plain data. */
export interface PartTask {
  readonly recipe: PartRecipe;
  readonly width: number;
  readonly encoding: TextEncoding;
  readonly format: NonNullable<RenderRequest['format']>;
  readonly fragment: boolean;
  readonly anchors: readonly { readonly id: string; readonly start: number }[];
  readonly diagnostics: readonly Diagnostic[];
}

/** True when `request` asks for a part's rendering and nothing else: what a skeleton can answer. */
export function skeletonServes(request: RenderRequest): boolean {
  return (
    (request.part !== undefined || request.partAt !== undefined) &&
    request.format !== null &&
    request.page === undefined &&
    request.table === undefined &&
    !request.includeText &&
    !request.everyPage
  );
}

/**
 * The skeleton of a legacy ASCII document of more than one part, from its whole model: null when it has none (see
 * above). `original` is the submission's bytes the document was read from (its body must be a view of them).
 */
export function documentSkeleton(input: {
  readonly original: Uint8Array;
  readonly loaded: Extract<ReadDocument, { kind: 'model' }>;
  readonly document: DocumentInfo;
  readonly parts: readonly PageRange[];
  readonly sections: readonly SectionLink[];
  readonly tables: readonly TableSummary[];
  readonly partChars: number;
}): DocumentSkeleton | null {
  const { original, loaded, parts, partChars } = input;
  const { model, text } = loaded;
  const width = textWidthOf(model);
  const { body, bodyRange } = loaded.document;
  if (loaded.format !== 'text' || model.source !== text || width === null || parts.length < 2) return null;
  if (model.diagnostics.some((problem) => problem.code === 'text/unclosed-table')) return null;
  const isView =
    body.buffer === original.buffer &&
    body.byteOffset === original.byteOffset + bodyRange.start &&
    body.byteLength === bodyRange.end - bodyRange.start;
  if (!isView) return null;
  const encoding: TextEncoding = isUtf8(body) ? 'utf-8' : 'windows-1252';
  const recipes = parts.map((range) => partRecipe(model, range, partChars));
  const byteOf = byteOffsets(
    text,
    body,
    encoding,
    recipes.flatMap((recipe) => (recipe ? [recipe.chars.start, recipe.chars.end] : [])),
  );
  const withBytes = recipes.map((recipe) =>
    recipe ? { ...recipe, bytes: { start: byteOf(recipe.chars.start), end: byteOf(recipe.chars.end) } } : null,
  );
  const skeleton: Omit<DocumentSkeleton, 'size'> = {
    partChars,
    document: input.document,
    pages: model.pages.map((page) => ({ number: page.number, label: page.label })),
    tables: input.tables,
    sections: input.sections,
    parts,
    diagnostics: model.diagnostics,
    width,
    encoding,
    recipes: withBytes,
  };
  return { ...skeleton, size: 2 * JSON.stringify(skeleton).length + 1024 };
}

/** The most characters a stretch may reach beyond its part on either side before the part is read from the whole model. */
function stretchLimit(partChars: number): number {
  return Math.max(partChars, 64 * 1024);
}

function partRecipe(model: DocumentModel, range: PageRange, partChars: number): Omit<PartRecipe, 'bytes'> | null {
  const first = model.pages[range.from - 1];
  const last = model.pages[range.to - 1];
  if (first?.number !== range.from || last?.number !== range.to) return null;
  const { piece } = range;
  if (piece === undefined) {
    const pages = model.pages.slice(range.from - 1, range.to).map((page) => recipePage(page, 0, page.blocks.length));
    return { chars: { start: first.span.start, end: last.span.end }, firstPage: range.from, piece: false, labels: true, pages };
  }
  const limit = stretchLimit(partChars);
  const firstBlock = first.blocks[piece.start] as Block;
  const lastBlock = first.blocks[piece.end - 1] as Block;
  const start = piece.start === 0 ? first.span.start : textStretchStart(model.source, firstBlock.span.start, first.span.start, limit);
  const end = piece.end === first.blocks.length ? first.span.end : textStretchEnd(model.source, lastBlock.span.end, first.span.end, limit);
  if (start < 0 || end < 0) return null;
  return {
    chars: { start, end },
    firstPage: first.number,
    piece: true,
    labels: end === first.span.end,
    pages: [recipePage(first, piece.start, piece.end)],
  };
}

function recipePage(page: Page, from: number, to: number): RecipePage {
  return { number: page.number, label: page.label, span: page.span, blocks: to - from, first: page.blocks[from]?.span.start ?? -1 };
}

/** Character offsets of `text` (decoded from `body`) to byte offsets of `body`, for the offsets in `wanted`. */
function byteOffsets(text: string, body: Uint8Array, encoding: TextEncoding, wanted: readonly number[]): (offset: number) => number {
  // Windows-1252 is a byte a character; UTF-8 that is ASCII too, after a byte-order mark the decoder took off.
  const bom = encoding === 'utf-8' && body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf ? 3 : 0;
  if (body.byteLength - bom === text.length) return (offset) => offset + bom;
  const sorted = [...new Set(wanted)].sort((a, b) => a - b);
  const bytes = new Map<number, number>();
  let char = 0;
  let byte = bom;
  for (const offset of sorted) {
    byte += Buffer.byteLength(text.slice(char, offset), 'utf8');
    char = offset;
    bytes.set(offset, byte);
  }
  return (offset) => bytes.get(offset) ?? -1;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * One part rendered from its stretch's bytes (`task.recipe.bytes` of the document's body): read into pages as the
 * whole document reads them, checked against what the whole model held, and rendered as `renderStoredDocument`
 * renders a part. Null when the reading does not give the part the skeleton describes (then the part is rendered
 * from the whole model).
 */
export function renderPartTask(bytes: Uint8Array, task: PartTask): string | null {
  const model = partModel(bytes, task);
  if (model === null) return null;
  return renderDocument(model, task.format, { ...(task.fragment ? { fragment: true } : {}), anchors: [...task.anchors] });
}

/** The part's model read from its stretch's bytes, or null when it is not the part the recipe describes. */
export function partModel(bytes: Uint8Array, task: Pick<PartTask, 'recipe' | 'width' | 'encoding' | 'diagnostics'>): DocumentModel | null {
  const { recipe } = task;
  let text: string;
  try {
    text = task.encoding === 'utf-8' ? strictUtf8.decode(bytes) : decodeWindows1252(bytes);
  } catch {
    return null;
  }
  if (text.length !== recipe.chars.end - recipe.chars.start) return null;
  const read = parseTextStretch(text, recipe.chars.start, { width: task.width, firstPage: recipe.firstPage, labels: recipe.labels });
  if (read.length !== recipe.pages.length) return null;
  const pages: Page[] = [];
  for (const [index, expected] of recipe.pages.entries()) {
    const page = read[index] as Page;
    if (page.number !== expected.number) return null;
    // A piece's stretch may start and end inside its page: it has the page's label only when it ends the page.
    if (
      recipe.piece ? recipe.labels && page.label !== expected.label : !sameSpan(page.span, expected.span) || page.label !== expected.label
    )
      return null;
    const at = expected.first === -1 ? 0 : page.blocks.findIndex((block) => block.span.start === expected.first);
    if (at === -1 || at + expected.blocks > page.blocks.length) return null;
    if (!recipe.piece && (at !== 0 || expected.blocks !== page.blocks.length)) return null;
    pages.push({
      number: expected.number,
      label: expected.label,
      blocks: page.blocks.slice(at, at + expected.blocks),
      span: expected.span,
    });
  }
  return { kind: 'document', sourceFormat: 'text', source: '', pages, diagnostics: task.diagnostics };
}

function sameSpan(a: Span, b: Span): boolean {
  return a.start === b.start && a.end === b.end;
}

/** The part `request` asks for (1-based; it may not exist) and its page range. */
export function skeletonPart(skeleton: DocumentSkeleton, request: RenderRequest): { part: number; range: PageRange | undefined } {
  const part = request.part ?? partHolding(skeleton.parts, request.partAt ?? 0);
  return { part, range: skeleton.parts[part - 1] };
}

/** What a render thread is given to render part `part` (which exists), or null when it is read from the whole model. */
export function partTask(skeleton: DocumentSkeleton, part: number, request: RenderRequest): PartTask | null {
  const recipe = skeleton.recipes[part - 1];
  const range = skeleton.parts[part - 1];
  if (!recipe || !range || request.format === null) return null;
  return {
    recipe,
    width: skeleton.width,
    encoding: skeleton.encoding,
    format: request.format,
    fragment: request.fragment ?? false,
    // As renderStoredDocument gives them: a part's first block takes no anchor of a section that starts before it.
    anchors: skeleton.sections
      .filter((section) => section.start >= range.start)
      .map((section) => ({ id: section.anchor, start: section.start })),
    diagnostics: request.format === 'json' ? skeleton.diagnostics : [],
  };
}

/** The answer to a part request, from the skeleton and the part's rendering (null when the part does not exist). */
export function assemblePart(skeleton: DocumentSkeleton, part: number, body: string | null): Extract<RenderedDocument, { kind: 'model' }> {
  return {
    kind: 'model',
    document: skeleton.document,
    sourceFormat: 'text',
    pages: skeleton.pages,
    tables: skeleton.tables,
    body,
    pageBodies: null,
    text: null,
    spansIntoText: true,
    sections: skeleton.sections,
    parts: skeleton.parts,
    part,
  };
}

/**
 * A part request answered from a skeleton on this thread, with `original` the bytes the skeleton was made from:
 * what the server does across its threads, in one call (tests). Null when the part must be rendered from the whole
 * model.
 */
export function renderPartWithSkeleton(original: Uint8Array, skeleton: DocumentSkeleton, request: RenderRequest): RenderedDocument | null {
  if (!skeletonServes(request)) return null;
  const { part, range } = skeletonPart(skeleton, request);
  if (range === undefined) return assemblePart(skeleton, part, null);
  const task = partTask(skeleton, part, request);
  if (task === null) return null;
  const bodyStart = skeleton.document.bodyStart;
  const body = renderPartTask(original.subarray(bodyStart + task.recipe.bytes.start, bodyStart + task.recipe.bytes.end), task);
  return body === null ? null : assemblePart(skeleton, part, body);
}
