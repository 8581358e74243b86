import type { Submission } from '../model/submission.js';
import { parseSubmission } from '../parse/sgml/parse-submission.js';
import { type RenderFormat, renderDocument, renderDocumentInto, selectPages } from '../render/index.js';
import type { Store } from '../store/store.js';
import { findDocument, listDocuments, type ReadDocument, readDocument } from './read-filing.js';

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

/** Renders a read document for `render` and `show`: a binary or a page that does not exist is a reason, not a throw. */
export function documentOutput(read: ReadDocument, format: RenderFormat, page?: number): DocumentOutput {
  const { document } = read;
  if (read.kind === 'binary')
    return {
      ok: false,
      reason: `Document ${document.sequence ?? ''} (${document.filename ?? document.type ?? 'attachment'}) is a uuencoded binary; use "edgarkit parse --extract-attachments DIR"`,
    };
  if (read.kind === 'xml') return { ok: true, text: read.text };
  try {
    return { ok: true, text: renderDocument(read.model, format, page !== undefined ? { page } : {}) };
  } catch (error) {
    // renderDocument says which pages exist when the one asked for does not.
    if (error instanceof RangeError) return { ok: false, reason: error.message };
    throw error;
  }
}

/**
 * `documentOutput` given to a writer in pieces whose join is its text (see `renderDocumentInto`): what the CLI
 * writes. A page that does not exist is a reason, found before anything is written.
 */
export function documentOutputInto(
  read: ReadDocument,
  format: RenderFormat,
  page?: number,
): { readonly ok: true; readonly writeTo: (emit: (part: string) => void) => void } | { readonly ok: false; readonly reason: string } {
  if (read.kind !== 'model' || format !== 'text') {
    const output = documentOutput(read, format, page);
    return output.ok ? { ok: true, writeTo: (emit) => emit(output.text) } : output;
  }
  try {
    selectPages(read.model, page);
  } catch (error) {
    if (error instanceof RangeError) return { ok: false, reason: error.message };
    throw error;
  }
  return { ok: true, writeTo: (emit) => renderDocumentInto(read.model, format, page !== undefined ? { page } : {}, emit) };
}
