import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { FilingInput, ParsedSubmissionDocument } from '../forms/extract-filing.js';
import type { DocumentModel } from '../model/document.js';
import { detectDocumentKind, parseDocument, xmlText } from '../parse/parse-document.js';
import { decodeText } from '../parse/sgml/decode-text.js';
import { parseSubmission } from '../parse/sgml/parse-submission.js';
import { uudecode } from '../parse/sgml/uudecode.js';
import { renderText } from '../render/render-text.js';
import type { PreparedBlob, PreparedDocument, PreparedExhibit, PreparedFiling, PreparedSignature } from '../store/store.js';

/** What the form extractors give the store, kept loose here so storage does not depend on each form's type. */
export interface ExtractedRecords {
  readonly formRecordJson: string | null;
  readonly exhibits: readonly PreparedExhibit[];
  readonly signatures: readonly PreparedSignature[];
}

export type ExtractForms = (input: FilingInput) => ExtractedRecords;

const NO_RECORDS: ExtractedRecords = { formRecordJson: null, exhibits: [], signatures: [] };

/** Text beyond this is not indexed (it is still stored in the original bytes). */
const MAX_INDEXED_CHARS = 20_000_000;
const SNIPPET_MARKERS = /[\uE000\uE001]/g;

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Everything the database needs of one submission, computed away from the database (in a worker thread):
 * parse, decode, render to text for search, extract form records, decode attachments, compress the original.
 */
export function prepareFiling(bytes: Uint8Array, source: string, extract?: ExtractForms, knownHash?: string): PreparedFiling {
  const contentHash = knownHash ?? sha256(bytes);
  const submission = parseSubmission(bytes, { source });
  const header = submission.header;
  const blobs: PreparedBlob[] = [];
  // The original, byte for byte: gzip is exact and shrinks EDGAR text several times over (level 1: nearly as
  // small as the default for this text, at several times the speed).
  blobs.push({ sha256: contentHash, compression: 'gzip', byteLength: bytes.length, data: gzipSync(bytes, { level: 1 }) });
  const documents: PreparedDocument[] = [];
  const parsed: ParsedSubmissionDocument[] = [];
  submission.documents.forEach((document, position) => {
    let text = '';
    let sourceFormat: PreparedDocument['sourceFormat'] = 'binary';
    let attachmentSha256: string | null = null;
    let attachmentName: string | null = null;
    let decodedText: string | null = null;
    let model: DocumentModel | null = null;
    if (document.encoding === 'uuencode') {
      const decoded = uudecode(document.body, document.bodyRange.start);
      if (decoded) {
        attachmentSha256 = sha256(decoded.bytes);
        attachmentName = decoded.filename;
        blobs.push({ sha256: attachmentSha256, compression: 'none', byteLength: decoded.bytes.length, data: decoded.bytes });
      }
    } else {
      decodedText = decodeText(document.body).text;
      const kind = detectDocumentKind(decodedText, document);
      if (kind === 'xml') {
        sourceFormat = 'xml';
        text = xmlText(decodedText);
      } else if (kind === 'html' || kind === 'text') {
        sourceFormat = kind;
        model = parseDocument(decodedText, kind);
        text = renderText(model, { width: 0 });
      }
    }
    parsed.push({
      sequence: document.sequence,
      type: document.type,
      filename: document.filename,
      description: document.description,
      model,
    });
    documents.push({
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
      sourceFormat,
      // The snippet markers are private-use characters; a filing that contains them must not be able to fake a match.
      text: (text.length > MAX_INDEXED_CHARS ? text.slice(0, MAX_INDEXED_CHARS) : text).replace(SNIPPET_MARKERS, ' '),
      attachmentSha256,
      attachmentName,
    });
  });
  const records = extract ? extract({ header, documents: parsed }) : NO_RECORDS;
  const accessionNumber = header?.accessionNumber ?? null;
  return {
    id: accessionNumber ?? `local-${contentHash.slice(0, 20)}`,
    accessionNumber,
    formType: header?.formType ?? submission.documents[0]?.type ?? inferredFormType(records.formRecordJson),
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
    byteLength: bytes.length,
    source,
    diagnosticsJson: JSON.stringify(submission.diagnostics),
    formRecordJson: records.formRecordJson,
    documents,
    exhibits: records.exhibits,
    signatures: records.signatures,
    blobs,
    originalBlob: contentHash,
  };
}

function inferredFormType(recordJson: string | null): string | null {
  if (!recordJson) return null;
  try {
    const form = (JSON.parse(recordJson) as { form?: unknown }).form;
    return typeof form === 'string' ? form : null;
  } catch {
    return null;
  }
}
