import { recognizeForm } from '../forms/extract-filing.js';
import { chooseSection, type FoundSections, findSections } from '../forms/sections.js';
import type { DocumentModel } from '../model/document.js';
import { sectionForm } from '../model/report-sections.js';
import type { Submission } from '../model/submission.js';
import { parseSubmission } from '../parse/sgml/parse-submission.js';
import { type RenderFormat, renderDocumentInto, selectPages, selectRange } from '../render/index.js';
import type { Store } from '../store/store.js';
import { findDocument, listDocuments, type ReadDocument, readDocument } from './read-filing.js';
import { sectionAnchor } from './section-anchor.js';

/** Document `which` of a submission's bytes, read (see `findDocument`); null when it has no such document. */
export function openDocument(original: Uint8Array | Submission, which?: string | number): ReadDocument | null {
  const submission = original instanceof Uint8Array ? parseSubmission(original) : original;
  const document = findDocument(submission, which);
  return document ? readDocument(document) : null;
}

/** What a stored filing gives for a document: the filing may be missing, or it may have no such document. */
export type StoredDocument =
  | { readonly found: 'no-filing' }
  | { readonly found: 'no-document'; readonly available: string }
  | { readonly found: 'document'; readonly document: ReadDocument };

/**
 * A stored filing's document read back into the document model, from the original bytes (which are the truth;
 * nothing rendered is trusted from storage). `which` is a sequence number or a document type such as `EX-99.1`.
 */
export async function openStoredDocument(
  store: Pick<Store, 'getOriginal'>,
  filingId: string,
  which: string | number,
): Promise<StoredDocument> {
  const original = await store.getOriginal(filingId);
  if (!original) return { found: 'no-filing' };
  const submission = parseSubmission(original);
  const document = findDocument(submission, which);
  if (!document) return { found: 'no-document', available: listDocuments(submission) };
  return { found: 'document', document: readDocument(document) };
}

/** A document as a shell prints it: rendered, XML as written, or the reason it cannot be shown. */
export type DocumentOutput = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly reason: string };

/**
 * The sections of a document of a 10-K, 10-Q, 20-F or 40-F: the form is the document's own type, else the
 * submission's (for its main document, not an exhibit), else the form its cover names. Null for other forms.
 */
export function documentSections(
  model: DocumentModel,
  document: { readonly type: string | null; readonly sequence: number | null },
  submissionFormType: string | null,
): FoundSections | null {
  const exhibit = /^EX-/i.test(document.type ?? '');
  const form = sectionForm(document.type) ?? (exhibit ? null : sectionForm(submissionFormType)) ?? sectionForm(recognizeForm(model));
  return form ? findSections(model, form, document.sequence ?? 1) : null;
}

/** What a shell asks of `documentOutput` beyond the format. */
export interface OutputRequest {
  readonly page?: number;
  /** Only this section (`1A`, `3.D`, `II-1A`); needs the submission's form type for a document without a cover. */
  readonly section?: string;
  readonly submissionFormType?: string | null;
}

/** Renders a read document for `render` and `show`: a binary, a page or a section that does not exist is a reason, not a throw. */
export function documentOutput(read: ReadDocument, format: RenderFormat, request: number | OutputRequest = {}): DocumentOutput {
  const output = documentOutputInto(read, format, request);
  if (!output.ok) return output;
  const parts: string[] = [];
  output.writeTo((part) => {
    parts.push(part);
  });
  return { ok: true, text: parts.join('') };
}

/**
 * `documentOutput` given to a writer in pieces whose join is its text (see `renderDocumentInto`): what the CLI
 * writes, so a large document's rendering is never held whole. Every reason is found before anything is written.
 */
export function documentOutputInto(
  read: ReadDocument,
  format: RenderFormat,
  request: number | OutputRequest = {},
): { readonly ok: true; readonly writeTo: (emit: (part: string) => void) => void } | { readonly ok: false; readonly reason: string } {
  const { page, section, submissionFormType } = typeof request === 'number' ? { page: request } : (request as OutputRequest);
  const { document } = read;
  if (read.kind === 'binary')
    return {
      ok: false,
      reason: `Document ${document.sequence ?? ''} (${document.filename ?? document.type ?? 'attachment'}) is a uuencoded binary; use "edgarkit parse --extract-attachments DIR"`,
    };
  if (read.kind === 'xml') return { ok: true, writeTo: (emit) => emit(read.text) };
  let model = read.model;
  const found = section !== undefined || format === 'html' ? documentSections(model, document, submissionFormType ?? null) : null;
  const anchors = (found?.sections ?? []).flatMap((entry) =>
    [entry, ...entry.subsections].map((part) => ({ id: sectionAnchor(part.key), start: part.span.start })),
  );
  if (section !== undefined) {
    if (!found)
      return {
        ok: false,
        reason: `Document ${document.sequence ?? 1} is not a 10-K, 10-Q, 20-F or 40-F: it has no sections to choose from`,
      };
    const chosen = chooseSection(found, section);
    if (!chosen.section) return { ok: false, reason: chosen.reason };
    model = selectRange(model, chosen.section.span);
  }
  const options = { ...(page !== undefined ? { page } : {}), anchors };
  try {
    // Every renderer throws only for a page that does not exist, before any piece: found here, before writing.
    selectPages(model, page);
  } catch (error) {
    // selectPages says which pages exist when the one asked for does not; the reason names the document too.
    if (error instanceof RangeError)
      return { ok: false, reason: error.message.replace(': the document has ', `: document ${document.sequence ?? 1} has `) };
    throw error;
  }
  const chosenModel = model;
  return { ok: true, writeTo: (emit) => renderDocumentInto(chosenModel, format, options, emit) };
}
