import { type RenderFormat, renderDocument } from '../render/index.js';
import { documentTables, renderTableCsv } from '../render/render-csv.js';
import { openDocument } from './open-document.js';

/** What a page or API route wants of a stored document. */
export interface RenderRequest {
  /** Render the document model in this format (null: do not render). */
  readonly format: RenderFormat | null;
  readonly page?: number;
  /** HTML without the document shell, to put into a page of ours. */
  readonly fragment?: boolean;
  /** Also return the decoded text (the "original text" view). */
  readonly includeText?: boolean;
  /** Table N of the document (1-based) as CSV in `body`, instead of a rendering; null when there is no such table. */
  readonly table?: number;
}

/** One table of a document, as listed for choosing one (its CSV is `RenderRequest.table`). */
export interface TableSummary {
  readonly number: number;
  readonly page: number;
  readonly caption: string | null;
  readonly rows: number;
  readonly columns: number;
}

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
      /** The decoded text, when asked for. */
      readonly text: string | null;
      /** True when the model's spans point into `text` (so a span can be marked in it). */
      readonly spansIntoText: boolean;
    };

/**
 * Reads document `which` of a submission from its original bytes and renders it: the CPU-heavy part of a
 * document request (a multi-megabyte filing takes a few hundred milliseconds to parse), so it can run in a worker
 * thread. Documents are found exactly as `openStoredDocument` finds them.
 */
export function renderStoredDocument(original: Uint8Array, which: string, request: RenderRequest): RenderedDocument {
  const loaded = openDocument(original, which);
  if (!loaded) return { kind: 'missing' };
  const { type, sequence, filename, description } = loaded.document;
  const document: DocumentInfo = { type, sequence, filename, description, bodyStart: loaded.document.bodyRange.start };
  if (loaded.kind === 'binary') return { kind: 'binary', document };
  if (loaded.kind === 'xml') return { kind: 'xml', document, text: loaded.text };
  const { model } = loaded;
  const pageExists = request.page === undefined || model.pages.some((page) => page.number === request.page);
  const options = { ...(request.page !== undefined ? { page: request.page } : {}), ...(request.fragment ? { fragment: true } : {}) };
  const tables = documentTables(model);
  const table = request.table !== undefined ? tables[request.table - 1] : undefined;
  const rendered = request.format !== null && pageExists ? renderDocument(model, request.format, options) : null;
  return {
    kind: 'model',
    document,
    sourceFormat: model.sourceFormat,
    pages: model.pages.map((page) => ({ number: page.number, label: page.label })),
    tables: tables.map(({ number, page, caption, rows, columns }) => ({ number, page, caption, rows, columns })),
    body: request.table !== undefined ? (table ? renderTableCsv(table.table) : null) : rendered,
    text: request.includeText ? loaded.text : null,
    spansIntoText: model.source === loaded.text,
  };
}
