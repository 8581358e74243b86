import { parseSubmission } from '../parse/sgml/parse-submission.js';
import { type PageRange, pageRanges, partHolding, type RenderFormat, renderDocument, selectPageRange } from '../render/index.js';
import { documentTables, renderTableCsv } from '../render/render-csv.js';
import { documentSections, openDocument } from './open-document.js';
import { type DocumentSkeleton, documentSkeleton, skeletonServes } from './part-skeleton.js';
import { sectionAnchor } from './section-anchor.js';

/** What a page or API route wants of a stored document. */
export interface RenderRequest {
  /** Render the document model in this format (null: do not render). */
  readonly format: RenderFormat | null;
  readonly page?: number;
  /** HTML without the document shell, to put into a page of ours. */
  readonly fragment?: boolean;
  /** Also return the decoded text (the "original text" view). */
  readonly includeText?: boolean;
  /**
   * Also render every page on its own in `format` (`pageBodies`): for a reader that goes through a long document
   * page by page, so it is parsed once rather than once a page.
   */
  readonly everyPage?: boolean;
  /** Table N of the document (1-based) as CSV in `body`, instead of a rendering; null when there is no such table. */
  readonly table?: number;
  /**
   * Render only part N (1-based) of the document cut into parts of at most `partChars` characters of source (whole
   * pages, or pieces of a longer page: see `pageRanges`), so a render holds one part rather than the document; `body` is null when there is no part N.
   */
  readonly part?: number;
  /** Render only the part that holds this character offset of the source (a span to show), when `part` is not given. */
  readonly partAt?: number;
  /** The most characters of source in one part (default `DEFAULT_PART_CHARS`). */
  readonly partChars?: number;
}

/** The size of a part of a long document shown at a time: half a million characters of source. */
export const DEFAULT_PART_CHARS = 512 * 1024;

/** One table of a document, as listed for choosing one (its CSV is `RenderRequest.table`). */
export interface TableSummary {
  readonly number: number;
  readonly page: number;
  readonly caption: string | null;
  readonly rows: number;
  readonly columns: number;
}

/** A stored document's header fields, as the server shows them beside its rendering. */
export interface DocumentInfo {
  readonly type: string | null;
  readonly sequence: number | null;
  readonly filename: string | null;
  readonly description: string | null;
  /** Where its body starts in the submission: matches `DocumentView.bodyStart`. */
  readonly bodyStart: number;
}

/** A stored document, rendered: plain data, so it can come back from a worker thread. */
export type RenderedDocument =
  | { readonly kind: 'missing' }
  | { readonly kind: 'binary'; readonly document: DocumentInfo }
  | { readonly kind: 'xml'; readonly document: DocumentInfo; readonly text: string }
  | {
      readonly kind: 'model';
      readonly document: DocumentInfo;
      readonly sourceFormat: 'text' | 'html';
      readonly pages: readonly { readonly number: number; readonly label: string | null }[];
      /** Every table of the document, in reading order. */
      readonly tables: readonly TableSummary[];
      /** The rendering asked for (or the table's CSV); null when none was asked or the page or table does not exist. */
      readonly body: string | null;
      /** Every page rendered on its own, in page order, when `everyPage` was asked with a format; else null. */
      readonly pageBodies: readonly string[] | null;
      /** The decoded text, when asked for. */
      readonly text: string | null;
      /** True when the model's spans point into `text` (so a span can be marked in it). */
      readonly spansIntoText: boolean;
      /** The sections of a 10-K, 10-Q, 20-F or 40-F, in order; `anchor` is the id the rendered HTML carries. */
      readonly sections: readonly SectionLink[];
      /** The document's parts (page ranges, or pieces of a long page, of at most `partChars` characters of source), in order. */
      readonly parts: readonly PageRange[];
      /** Which part `body` renders (1-based), when a part was asked for (`part` or `partAt`); else null. */
      readonly part: number | null;
    };

/**
 * A rendered document with its rendering as UTF-8 bytes: what the server keeps and sends, so a 40 MB rendering is
 * one buffer shared by every request for it (moved from the render thread, not copied) rather than a string each
 * request copies and encodes again. Every page rendered on its own (`pageBodies`) is not kept in this form.
 */
export type EncodedDocument =
  | Exclude<RenderedDocument, { readonly kind: 'model' }>
  | (Omit<Extract<RenderedDocument, { readonly kind: 'model' }>, 'body' | 'pageBodies'> & { readonly body: Uint8Array | null });

/** The rendering of `rendered` as UTF-8 bytes in a buffer of their own (so it can be moved between threads). */
export function encodeRendered(rendered: RenderedDocument): EncodedDocument {
  if (rendered.kind !== 'model') return rendered;
  const { body, pageBodies: _pageBodies, ...rest } = rendered;
  return { ...rest, body: body === null ? null : new TextEncoder().encode(body) };
}

/** A section of a rendered document, for a navigator: sub-items have `level` 2. */
export interface SectionLink {
  readonly key: string;
  readonly title: string;
  readonly heading: string;
  readonly anchor: string;
  readonly level: 1 | 2;
  readonly page: number;
  /** Where the section starts in the source (a character offset): which part of a long document holds it. */
  readonly start: number;
}

export { sectionAnchor };

/**
 * Reads document `which` of a submission from its original bytes and renders it: the CPU-heavy part of a
 * document request (a multi-megabyte filing takes a few hundred milliseconds to parse), so it can run in a worker
 * thread. Documents are found exactly as `openStoredDocument` finds them.
 */
export function renderStoredDocument(original: Uint8Array, which: string, request: RenderRequest): RenderedDocument {
  return renderStoredDocumentAndSkeleton(original, which, request, false).rendered;
}

/**
 * `renderStoredDocument`, and, when `request` asks for a part of a long legacy ASCII document and `withSkeleton`, the
 * document's skeleton: what later parts are rendered from without the whole model (see part-skeleton.ts).
 */
export function renderStoredDocumentAndSkeleton(
  original: Uint8Array,
  which: string,
  request: RenderRequest,
  withSkeleton = true,
): { readonly rendered: RenderedDocument; readonly skeleton: DocumentSkeleton | null } {
  const submission = parseSubmission(original);
  const loaded = openDocument(submission, which);
  if (!loaded) return { rendered: { kind: 'missing' }, skeleton: null };
  const { type, sequence, filename, description } = loaded.document;
  const document: DocumentInfo = { type, sequence, filename, description, bodyStart: loaded.document.bodyRange.start };
  if (loaded.kind === 'binary') return { rendered: { kind: 'binary', document }, skeleton: null };
  if (loaded.kind === 'xml') return { rendered: { kind: 'xml', document, text: loaded.text }, skeleton: null };
  const { model } = loaded;
  const partChars = request.partChars ?? DEFAULT_PART_CHARS;
  const parts = pageRanges(model, partChars);
  const part = request.part ?? (request.partAt !== undefined ? partHolding(parts, request.partAt) : null);
  const range = part === null ? undefined : parts[part - 1];
  const pageExists =
    part !== null ? range !== undefined : request.page === undefined || model.pages.some((page) => page.number === request.page);
  const found = documentSections(model, loaded.document, submission.header?.formType ?? null);
  const sections: SectionLink[] = (found?.sections ?? []).flatMap((section) => [
    {
      key: section.key,
      title: section.title,
      heading: section.heading,
      anchor: sectionAnchor(section.key),
      level: 1 as const,
      page: section.span.page,
      start: section.span.start,
    },
    ...section.subsections.map((sub) => ({
      key: sub.key,
      title: sub.title,
      heading: sub.heading,
      anchor: sectionAnchor(sub.key),
      level: 2 as const,
      page: sub.span.page,
      start: sub.span.start,
    })),
  ]);
  // A part's first block takes no anchor of a section that starts before the part.
  const partStart = range?.start ?? 0;
  const options = {
    ...(request.page !== undefined && part === null ? { page: request.page } : {}),
    ...(request.fragment ? { fragment: true } : {}),
    anchors: sections.filter((section) => section.start >= partStart).map((section) => ({ id: section.anchor, start: section.start })),
  };
  const shown = range ? selectPageRange(model, range) : model;
  const tables = documentTables(model);
  const table = request.table !== undefined ? tables[request.table - 1] : undefined;
  const rendered = request.format !== null && pageExists ? renderDocument(shown, request.format, options) : null;
  const summaries = tables.map(({ number, page, caption, rows, columns }) => ({ number, page, caption, rows, columns }));
  const skeleton =
    withSkeleton && skeletonServes(request)
      ? documentSkeleton({ original, loaded, document, parts, sections, tables: summaries, partChars })
      : null;
  const answer: RenderedDocument = {
    kind: 'model',
    document,
    sourceFormat: model.sourceFormat,
    pages: model.pages.map((page) => ({ number: page.number, label: page.label })),
    tables: summaries,
    body: request.table !== undefined ? (table ? renderTableCsv(table.table) : null) : rendered,
    pageBodies:
      request.format !== null && request.everyPage
        ? model.pages.map((page) => renderDocument(model, request.format as RenderFormat, { ...options, page: page.number }))
        : null,
    text: request.includeText ? loaded.text : null,
    spansIntoText: model.source === loaded.text,
    sections,
    parts,
    part,
  };
  return { rendered: answer, skeleton };
}
