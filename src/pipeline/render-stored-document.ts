import { parseSubmission } from '../parse/sgml/parse-submission.js';
import { type RenderFormat, renderDocument } from '../render/index.js';
import { documentSections, openDocument } from './open-document.js';
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
      /** The rendering asked for; null when no format was asked or the page does not exist. */
      readonly body: string | null;
      /** The decoded text, when asked for. */
      readonly text: string | null;
      /** True when the model's spans point into `text` (so a span can be marked in it). */
      readonly spansIntoText: boolean;
      /** The sections of a 10-K, 10-Q, 20-F or 40-F, in order; `anchor` is the id the rendered HTML carries. */
      readonly sections: readonly SectionLink[];
    };

/** A section of a rendered document, for a navigator: sub-items have `level` 2. */
export interface SectionLink {
  readonly key: string;
  readonly title: string;
  readonly heading: string;
  readonly anchor: string;
  readonly level: 1 | 2;
  readonly page: number;
}

export { sectionAnchor };

/**
 * Reads document `which` of a submission from its original bytes and renders it: the CPU-heavy part of a
 * document request (a multi-megabyte filing takes a few hundred milliseconds to parse), so it can run in a worker
 * thread. Documents are found exactly as `openStoredDocument` finds them.
 */
export function renderStoredDocument(original: Uint8Array, which: string, request: RenderRequest): RenderedDocument {
  const submission = parseSubmission(original);
  const loaded = openDocument(submission, which);
  if (!loaded) return { kind: 'missing' };
  const { type, sequence, filename, description } = loaded.document;
  const document: DocumentInfo = { type, sequence, filename, description, bodyStart: loaded.document.bodyRange.start };
  if (loaded.kind === 'binary') return { kind: 'binary', document };
  if (loaded.kind === 'xml') return { kind: 'xml', document, text: loaded.text };
  const { model } = loaded;
  const pageExists = request.page === undefined || model.pages.some((page) => page.number === request.page);
  const found = documentSections(model, loaded.document, submission.header?.formType ?? null);
  const sections: (SectionLink & { readonly start: number })[] = (found?.sections ?? []).flatMap((section) => [
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
  const options = {
    ...(request.page !== undefined ? { page: request.page } : {}),
    ...(request.fragment ? { fragment: true } : {}),
    anchors: sections.map((section) => ({ id: section.anchor, start: section.start })),
  };
  return {
    kind: 'model',
    document,
    sourceFormat: model.sourceFormat,
    pages: model.pages.map((page) => ({ number: page.number, label: page.label })),
    body: request.format !== null && pageExists ? renderDocument(model, request.format, options) : null,
    text: request.includeText ? loaded.text : null,
    spansIntoText: model.source === loaded.text,
    sections: sections.map(({ start: _start, ...link }) => link),
  };
}
