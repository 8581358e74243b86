import type { DocumentModel } from '../model/document.js';
import type { SubmissionDocument } from '../model/submission.js';
import { detectDocumentKind, parseDocument } from '../parse/parse-document.js';
import { decodeText } from '../parse/sgml/decode-text.js';
import { parseSubmission } from '../parse/sgml/parse-submission.js';
import type { Store } from '../store/store.js';

export type LoadedDocument =
  | { readonly kind: 'model'; readonly document: SubmissionDocument; readonly model: DocumentModel; readonly text: string }
  | { readonly kind: 'xml'; readonly document: SubmissionDocument; readonly text: string }
  | { readonly kind: 'binary'; readonly document: SubmissionDocument };

/**
 * A stored filing's document read back into the document model, from the original bytes (which are the truth;
 * nothing rendered is trusted from storage). `which` is a sequence number or a document type such as `EX-99.1`.
 */
export async function loadStoredDocument(store: Store, filingId: string, which: string | number): Promise<LoadedDocument | null> {
  const original = await store.getOriginal(filingId);
  if (!original) return null;
  const submission = parseSubmission(original);
  const wanted = String(which).toUpperCase();
  const document =
    submission.documents.find((candidate) => String(candidate.sequence ?? '') === wanted) ??
    submission.documents.find((candidate) => (candidate.type ?? '').toUpperCase() === wanted) ??
    // A document without <SEQUENCE> is reached by its 1-based position.
    (/^\d+$/.test(wanted) && submission.documents[Number(wanted) - 1]?.sequence === null
      ? submission.documents[Number(wanted) - 1]
      : undefined) ??
    (submission.documents.length === 1 && (wanted === '1' || wanted === '') ? submission.documents[0] : undefined);
  if (!document) return null;
  if (document.encoding === 'uuencode') return { kind: 'binary', document };
  const text = decodeText(document.body).text;
  const kind = detectDocumentKind(text, document);
  if (kind === 'xml') return { kind: 'xml', document, text };
  if (kind === 'binary') return { kind: 'binary', document };
  return { kind: 'model', document, model: parseDocument(text, kind), text };
}
