import type { DocumentView } from '../store/store.js';

/** The name a document goes by in the tools' answers and arguments: its sequence, else its 1-based position. */
export function documentKey(document: { readonly sequence: number | null; readonly position: number }): number {
  return document.sequence ?? document.position + 1;
}

/** A stored document as the tools list it. */
export function documentJson(document: DocumentView) {
  return {
    document: documentKey(document),
    type: document.type,
    filename: document.filename,
    description: document.description,
    bytes: document.byteLength,
    kind: document.encoding === 'uuencode' ? 'attachment' : document.sourceFormat,
    ...(document.attachmentName ? { attachmentName: document.attachmentName } : {}),
  };
}

/** `1 6-K, 2 EX-99.1`: the documents of a filing, for a message. */
export function documentList(documents: readonly DocumentView[]): string {
  const named = documents.slice(0, 30).map((document) => `${documentKey(document)} ${document.type ?? '(no type)'}`);
  return `${named.join(', ')}${documents.length > 30 ? `, … (${documents.length} in all)` : ''}`;
}
