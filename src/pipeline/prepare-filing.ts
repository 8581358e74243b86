import { createHash } from 'node:crypto';
import { brotliCompressSync, constants } from 'node:zlib';
import type { FilingRecords } from '../forms/extract-filing.js';
import type { PreparedBlob, PreparedDocument, PreparedExhibit, PreparedFiling, PreparedSignature } from '../model/prepared-filing.js';
import { xmlText } from '../parse/parse-document.js';
import { renderText } from '../render/render-text.js';
import { extractXbrlFactsOfRead, type ReadDocument, readFiling } from './read-filing.js';
import { storedFactsOf } from './stored-facts.js';

/** Text beyond this is not indexed (it is still stored in the original bytes). */
const MAX_INDEXED_CHARS = 20_000_000;
const SNIPPET_MARKERS = /[\uE000\uE001]/g;

/** The SHA-256 of bytes, as lower-case hex (the content hash filings and attachments are stored by). */
export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Everything the database needs of one submission, computed away from the database (in a worker thread):
 * read every document, render it to text for search, extract the form record, decode attachments, compress the
 * original.
 */
export function prepareFiling(bytes: Uint8Array, source: string, knownHash?: string): PreparedFiling {
  const contentHash = knownHash ?? sha256(bytes);
  const { submission, documents: read, records } = readFiling(bytes, { source, decodeAttachments: true });
  const header = submission.header;
  const blobs: PreparedBlob[] = [{ sha256: contentHash, compression: 'brotli', byteLength: bytes.length, data: compressOriginal(bytes) }];
  const documents = read.map((document, position) => prepareDocument(document, position, blobs));
  const stored = storedRecords(records);
  const accessionNumber = header?.accessionNumber ?? null;
  return {
    id: accessionNumber ?? `local-${contentHash.slice(0, 20)}`,
    accessionNumber,
    formType: header?.formType ?? submission.documents[0]?.type ?? records.formType,
    filedAt: header?.filedAt ?? null,
    periodOfReport: header?.periodOfReport ?? null,
    acceptanceDateTime: header?.acceptanceDateTime ?? null,
    dateOfChange: header?.dateOfChange ?? null,
    effectivenessDate: header?.effectivenessDate ?? null,
    publicDocumentCount: header?.publicDocumentCount ?? null,
    items: header?.items ?? [],
    groupMembers: header?.groupMembers ?? [],
    format: submission.format,
    headerJson: JSON.stringify(header?.tree ?? null),
    parties: header?.parties ?? [],
    contentHash,
    documentsDigest: documentsDigest(header?.formType ?? null, header?.filedAt ?? null, header?.parties ?? [], documents),
    byteLength: bytes.length,
    source,
    diagnosticsJson: JSON.stringify(submission.diagnostics),
    ...stored,
    documents,
    blobs,
    originalBlob: contentHash,
    // The facts of its inline XBRL documents, else of its instances: told from each document's head, so a filing
    // without XBRL pays one look at each document's first characters.
    facts: storedFactsOf(extractXbrlFactsOfRead(read).facts, header),
  };
}

/**
 * The original, byte for byte, compressed: brotli at quality 0 shrinks the corpus's submissions as far as gzip level
 * 1 did (5.47 times against 5.46) at about three times the speed (500 against 150-185 MB per CPU-second), and gzip
 * was 9% of ingest's CPU. zstd would do as well but is not in Node 20's zlib.
 */
export function compressOriginal(bytes: Uint8Array): Uint8Array {
  return brotliCompressSync(bytes, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 0, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
  });
}

/** See `PreparedFiling.documentsDigest`: short digests (16 hex digits) of the header facts and of each document. */
function documentsDigest(
  formType: string | null,
  filedAt: string | null,
  parties: PreparedFiling['parties'],
  documents: readonly PreparedDocument[],
): string {
  const short = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 16);
  const header = short(JSON.stringify([formType, filedAt, parties.map((party) => [party.role, party.company?.cik ?? null])]));
  // The document's fields and its text go to the hash one after the other: the digest of the joined string, without
  // joining (a joined string of a long text is a copy of it). The fields end with U+0000, so no character is split.
  const each = documents.map((document) =>
    createHash('sha256')
      .update(`${document.type ?? ''}\u0000${document.sequence ?? ''}\u0000${document.filename ?? ''}\u0000`)
      .update(document.attachmentSha256 ?? document.text)
      .digest('hex')
      .slice(0, 16),
  );
  return `${header}:${each.join(',')}`;
}

/** One document as the store keeps it: its place, its search text, and its attachment's bytes added to `blobs`. */
function prepareDocument(read: ReadDocument, position: number, blobs: PreparedBlob[]): PreparedDocument {
  const { document } = read;
  let text = '';
  let attachmentSha256: string | null = null;
  let attachmentName: string | null = null;
  if (read.kind === 'binary' && read.attachment) {
    attachmentSha256 = sha256(read.attachment.bytes);
    attachmentName = read.attachment.filename;
    blobs.push({ sha256: attachmentSha256, compression: 'none', byteLength: read.attachment.bytes.length, data: read.attachment.bytes });
  } else if (read.kind === 'xml') text = xmlText(read.text);
  else if (read.kind === 'model') text = renderText(read.model, { width: 0 });
  return {
    position,
    sequence: document.sequence,
    type: document.type,
    filename: document.filename,
    description: document.description,
    byteLength: document.body.length,
    bodyStart: document.bodyRange.start,
    bodyEnd: document.bodyRange.end,
    encoding: document.encoding,
    wrapper: document.wrapper,
    sourceFormat: read.kind === 'model' ? read.format : read.kind,
    // The snippet markers are private-use characters; a filing that contains them must not be able to fake a match.
    text: withoutSnippetMarkers(text.length > MAX_INDEXED_CHARS ? text.slice(0, MAX_INDEXED_CHARS) : text),
    attachmentSha256,
    attachmentName,
  };
}

/**
 * `text` with the snippet markers as spaces. Two `indexOf` look first: in text held two bytes a character (any
 * character past U+00FF makes it so) they scan 10.4 M characters in 1.6 ms where the regex took 8–12 ms.
 */
function withoutSnippetMarkers(text: string): string {
  return text.indexOf('\uE000') === -1 && text.indexOf('\uE001') === -1 ? text : text.replace(SNIPPET_MARKERS, ' ');
}

/** The form record for the store: the typed record as JSON, and its exhibits and signatures as rows. */
function storedRecords({ record, diagnostics }: FilingRecords): {
  formRecordJson: string | null;
  exhibits: readonly PreparedExhibit[];
  signatures: readonly PreparedSignature[];
} {
  if (!record) return { formRecordJson: null, exhibits: [], signatures: [] };
  return {
    formRecordJson: JSON.stringify({ ...record, filingDiagnostics: diagnostics }),
    exhibits: record.exhibits.map((exhibit) => ({
      number: exhibit.number,
      description: exhibit.description,
      documentSequence: exhibit.documentSequence,
      json: JSON.stringify(exhibit),
    })),
    signatures: record.signatures.map((signature) => ({ json: JSON.stringify(signature) })),
  };
}
