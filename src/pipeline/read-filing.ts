import type { Diagnostic } from '../core/diagnostic.js';
import { extractFiling, type FilingRecords } from '../forms/extract-filing.js';
import type { DocumentModel } from '../model/document.js';
import type { Submission, SubmissionDocument } from '../model/submission.js';
import type { XbrlFact } from '../model/xbrl-fact.js';
import type { XmlDocument } from '../model/xml.js';
import { detectDocumentKind, parseDocument } from '../parse/parse-document.js';
import { decodeText } from '../parse/sgml/decode-text.js';
import { parseSubmission } from '../parse/sgml/parse-submission.js';
import { type DecodedAttachment, uudecode } from '../parse/sgml/uudecode.js';
import { readXbrlFacts, XBRL_DECLARATIONS, xbrlDocumentKind } from '../parse/xbrl/read-xbrl-facts.js';
import { parseXmlDocument } from '../parse/xml/parse-xml.js';

/**
 * The one place above the library folders where a filing's documents are decoded, told apart and parsed, and its
 * form record extracted: ingest, the server, `render`, `show` and `extract` all read filings through here, so
 * they cannot disagree about what a document is.
 */

/** One document of a submission, read. */
export type ReadDocument =
  | {
      readonly kind: 'model';
      readonly document: SubmissionDocument;
      /** How the body was read: as HTML or as legacy ASCII. */
      readonly format: 'html' | 'text';
      /** The decoded text (what `model.source` is, unless the model unwrapped legacy text from HTML). */
      readonly text: string;
      readonly model: DocumentModel;
    }
  | {
      readonly kind: 'xml';
      readonly document: SubmissionDocument;
      readonly text: string;
      /** The element tree, read when first asked for (a large XBRL instance is not read unless needed). */
      readonly xml: XmlDocument;
    }
  | {
      readonly kind: 'binary';
      readonly document: SubmissionDocument;
      /** The decoded attachment, when asked for and the uuencoding could be read. */
      readonly attachment: DecodedAttachment | null;
    };

/** Options of `readDocument`. */
export interface ReadDocumentOptions {
  /** Decode uuencoded attachments to their bytes (default false: a binary is only named). */
  readonly decodeAttachments?: boolean;
}

/** Reads one document: uudecodes an attachment, or decodes the text, tells HTML from ASCII from XML and parses. */
export function readDocument(document: SubmissionDocument, options: ReadDocumentOptions = {}): ReadDocument {
  if (document.encoding === 'uuencode') {
    return { kind: 'binary', document, attachment: options.decodeAttachments ? uudecode(document.body, document.bodyRange.start) : null };
  }
  const text = decodeText(document.body).text;
  const kind = detectDocumentKind(text, document);
  if (kind === 'xml') {
    let xml: XmlDocument | null = null;
    return {
      kind: 'xml',
      document,
      text,
      get xml() {
        xml ??= parseXmlDocument(text);
        return xml;
      },
    };
  }
  if (kind === 'binary') return { kind: 'binary', document, attachment: null };
  return { kind: 'model', document, format: kind, text, model: parseDocument(text, kind) };
}

/**
 * The document a reader asks for: by sequence number, else by type (`EX-99.1`), else (for a document without
 * `<SEQUENCE>`) by its 1-based position; a submission of one document answers to `1`. With no `which`, the
 * first document. Null when there is no such document.
 */
export function findDocument(submission: Submission, which?: string | number): SubmissionDocument | null {
  const documents = submission.documents;
  if (which === undefined) return documents[0] ?? null;
  const wanted = String(which).trim().toUpperCase();
  const byPosition = /^\d+$/.test(wanted) ? documents[Number(wanted) - 1] : undefined;
  return (
    documents.find((candidate) => String(candidate.sequence ?? '') === wanted) ??
    documents.find((candidate) => (candidate.type ?? '').toUpperCase() === wanted) ??
    (byPosition && byPosition.sequence === null ? byPosition : undefined) ??
    (documents.length === 1 && (wanted === '1' || wanted === '') ? documents[0] : undefined) ??
    null
  );
}

/** Every uuencoded attachment of a submission that decodes, with its document (`parse --extract-attachments`). */
export function readAttachments(
  submission: Submission,
): { readonly document: SubmissionDocument; readonly attachment: DecodedAttachment }[] {
  return submission.documents.flatMap((document) => {
    if (document.encoding !== 'uuencode') return [];
    const attachment = uudecode(document.body, document.bodyRange.start);
    return attachment ? [{ document, attachment }] : [];
  });
}

/** What `parse` prints of a submission: the parser's own summary, passed through so the shells need not import parse/. */
export { type SubmissionSummary, summarizeSubmission } from '../parse/sgml/submission-summary.js';

/** Names the documents of a submission for a message: `1 6-K, 2 EX-99.1`. */
export function listDocuments(submission: Submission): string {
  return submission.documents.map((candidate) => `${candidate.sequence ?? '-'} ${candidate.type ?? '-'}`).join(', ');
}

/** A whole filing, read: every document, and the form record its documents give. */
export interface ReadFiling {
  readonly submission: Submission;
  readonly documents: readonly ReadDocument[];
  readonly records: FilingRecords;
}

/** Reads every document of a parsed submission and extracts its form record. */
export function readSubmission(submission: Submission, options: ReadDocumentOptions = {}): ReadFiling {
  const documents = submission.documents.map((document) => readDocument(document, options));
  const records = extractFiling({
    header: submission.header,
    documents: documents.map((read) => ({
      sequence: read.document.sequence,
      type: read.document.type,
      filename: read.document.filename,
      description: read.document.description,
      model: read.kind === 'model' ? read.model : null,
      // Only small XML documents are read for a form record (ownership and 13F documents are; XBRL instances
      // may be large and are read by those who need them).
      get xml() {
        return read.kind === 'xml' && looksLikeFormXml(read.text) ? read.xml : null;
      },
    })),
  });
  return { submission, documents, records };
}

/** An ownership or 13F document, told by its root element in the first few KiB. */
function looksLikeFormXml(text: string): boolean {
  return /<(?:[\w-]+:)?(?:ownershipDocument|edgarSubmission|informationTable)[\s>]/.test(text.slice(0, 4096));
}

/** Parses a submission's bytes (container and header; documents are read on request with `readDocument`). */
export function parseFiling(bytes: Uint8Array, source?: string): Submission {
  return parseSubmission(bytes, source !== undefined ? { source } : {});
}

/** Parses a submission's bytes and reads it whole (see `readSubmission`). */
export function readFiling(bytes: Uint8Array, options: ReadDocumentOptions & { readonly source?: string } = {}): ReadFiling {
  const { source, ...rest } = options;
  return readSubmission(parseSubmission(bytes, source !== undefined ? { source } : {}), rest);
}

/** Parses a submission's bytes and reads the one document asked for (see `findDocument`); null when it has none. */
export function readOneDocument(bytes: Uint8Array, which?: string | number): ReadDocument | null {
  const document = findDocument(parseSubmission(bytes), which);
  return document ? readDocument(document) : null;
}

/** Which facts of a filing: its inline XBRL documents', its instance documents', or the inline ones when it has any. */
export type XbrlFactSource = 'auto' | 'inline' | 'instance' | 'all';

export interface FilingFacts {
  /** Where the facts came from: `inline`, `instance`, or null when the filing reports no XBRL. */
  readonly source: 'inline' | 'instance' | 'both' | null;
  readonly facts: readonly (XbrlFact & { readonly documentType: string | null; readonly filename: string | null })[];
  readonly diagnostics: readonly (Diagnostic & { readonly document: number })[];
}

/**
 * The XBRL facts a filing reports. EDGAR keeps, beside an inline XBRL document, the instance it generated from it
 * (the `XML` document `…_htm.xml`): the same facts twice. `auto` therefore reads the inline documents when there
 * are any (their facts carry spans) and the instance documents otherwise (XBRL before inline, 2009–2019).
 */
export function extractXbrlFacts(submission: Pick<Submission, 'documents'>, which: XbrlFactSource = 'auto'): FilingFacts {
  const entries: XbrlEntry[] = [];
  submission.documents.forEach((document, index) => {
    if (document.encoding !== 'text') return;
    // Told from its head (4 bytes a character at most hold the characters xbrlDocumentKind reads); only an XBRL
    // document is decoded whole.
    const kind = xbrlDocumentKind(decodeText(document.body.subarray(0, 4 * XBRL_DECLARATIONS)).text);
    if (kind) entries.push({ kind, document, number: document.sequence ?? index + 1, text: decodeText(document.body).text });
  });
  return factsOfEntries(entries, which);
}

/**
 * The facts `extractXbrlFacts` finds, from documents already read (each text decoded once, as ingest reads them):
 * a document that is not XBRL costs one look at the head of its text.
 */
export function extractXbrlFactsOfRead(documents: readonly ReadDocument[], which: XbrlFactSource = 'auto'): FilingFacts {
  const entries: XbrlEntry[] = [];
  documents.forEach((read, index) => {
    if (read.kind === 'binary' || read.document.encoding !== 'text') return;
    const kind = xbrlDocumentKind(read.text);
    if (kind) entries.push({ kind, document: read.document, number: read.document.sequence ?? index + 1, text: read.text });
  });
  return factsOfEntries(entries, which);
}

/** An XBRL document of a filing, its text decoded. */
interface XbrlEntry {
  readonly kind: 'inline' | 'instance';
  readonly document: SubmissionDocument;
  /** Its `<SEQUENCE>`, or its 1-based position. */
  readonly number: number;
  readonly text: string;
}

function factsOfEntries(read: readonly XbrlEntry[], which: XbrlFactSource): FilingFacts {
  const hasInline = read.some((entry) => entry.kind === 'inline');
  const wanted = (kind: 'inline' | 'instance') =>
    which === 'all' || which === kind || (which === 'auto' && (hasInline ? kind === 'inline' : kind === 'instance'));
  const facts: FilingFacts['facts'][number][] = [];
  const diagnostics: FilingFacts['diagnostics'][number][] = [];
  const kinds = new Set<'inline' | 'instance'>();
  for (const entry of read) {
    if (!wanted(entry.kind)) continue;
    const found = readXbrlFacts(entry.text, { document: entry.number });
    if (found.facts.length > 0) kinds.add(entry.kind);
    for (const fact of found.facts) facts.push({ ...fact, documentType: entry.document.type, filename: entry.document.filename });
    for (const problem of found.diagnostics) diagnostics.push({ ...problem, document: entry.number });
  }
  const source = kinds.size === 2 ? 'both' : kinds.size === 1 ? ([...kinds][0] as 'inline' | 'instance') : null;
  return { source, facts, diagnostics };
}
