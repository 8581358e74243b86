import { fileNameProblem } from '../compose/file-names.js';
import type { Submission, SubmissionDocument } from '../model/submission.js';
import { detectDocumentKind } from '../parse/parse-document.js';
import { parseSubmission } from '../parse/sgml/parse-submission.js';
import { findUuencodeBegin, uudecode } from '../parse/sgml/uudecode.js';
import { checkAsciiDocument } from './check-ascii.js';
import { checkHtmlDocument } from './check-html.js';
import { documentTypeAllowed, EDGAR_GENERATED, isBinaryType } from './document-types.js';
import { type Finding, FindingCollector, LineIndex } from './finding.js';
import type { RuleCode } from './rules.js';

/** The largest submission EDGAR accepts (**unconfirmed**: the Filer Manual's limit has changed over the years). */
export const MAX_SUBMISSION_BYTES = 200 * 1024 * 1024;

/** What `validateSubmission` found: every finding (rule, severity, place, what to change) and the counts of errors and warnings. */
export interface ValidationReport {
  readonly source: string;
  /** The submission type the header gives, or the primary document's type. */
  readonly submissionType: string | null;
  readonly documents: number;
  readonly bytes: number;
  readonly findings: readonly Finding[];
  readonly errors: number;
  readonly warnings: number;
}

/** Options of `validateSubmission`: the input's name for messages. */
export interface ValidateOptions {
  /** The name used in messages. */
  readonly source?: string;
}

const latin1 = new TextDecoder('latin1');
/** Parser diagnostics that the rules below report in their own words (or that are no fault: a bare document). */
const CHECKED_HERE = new Set(['sgml/document-count-mismatch', 'sgml/duplicate-sequence', 'sgml/bad-sequence', 'sgml/bare-document']);

/**
 * Checks a submission (a complete submission `.txt`, a dissemination `.nc` or a bare document) against EDGAR's
 * rules: the documents' characters, lines, HTML and uuencoding; file names; the document types the submission
 * type permits; sequence numbers and the document count; size. Every finding has a code, a severity, the place
 * (document, line, column in the file) and a message that says what to change. Pure: bytes in, findings out.
 */
export function validateSubmission(bytes: Uint8Array, options: ValidateOptions = {}): ValidationReport {
  const source = options.source ?? 'input';
  const submission = parseSubmission(bytes);
  return validateParsed(submission, bytes, source);
}

/**
 * The submission's checks in one sequence (container findings, size, document count, each document in the callback
 * below, then the PDF-copy rule across documents), because they share `findings`, the submission type and the
 * file-name map; split, each part would take all of them.
 */
export function validateParsed(submission: Submission, bytes: Uint8Array, source: string): ValidationReport {
  const lines = new LineIndex(bytes);
  const findings = new FindingCollector(lines);
  const whole = { document: null, filename: null, offset: null };
  const documents = submission.documents;
  const bare = submission.format === 'bare-document';
  const submissionType = submission.header?.formType ?? documents[0]?.type ?? null;

  for (const found of submission.diagnostics) {
    if (found.severity === 'info' || CHECKED_HERE.has(found.code)) continue;
    findings.add('sub/container', `${found.message} (${found.code}); write the SGML as EDGAR does`, { ...whole, offset: found.offset });
  }
  if (bytes.length > MAX_SUBMISSION_BYTES)
    findings.add(
      'sub/too-large',
      `The submission is ${(bytes.length / 1024 / 1024).toFixed(1)} MB; EDGAR accepts at most ${MAX_SUBMISSION_BYTES / 1024 / 1024} MB: split it or shrink images and PDFs`,
      whole,
    );
  if (documents.length === 0) {
    if (submission.format !== 'header-only')
      findings.add('sub/no-documents', 'The submission holds no <DOCUMENT>; add the primary document', whole);
    return report(source, submissionType, submission, bytes, findings.findings);
  }

  const count = submission.header?.publicDocumentCount ?? null;
  if (count !== null && count !== documents.length)
    findings.add(
      'sub/document-count',
      `PUBLIC DOCUMENT COUNT says ${count} but the submission holds ${documents.length} documents; make them agree`,
      {
        ...whole,
        offset: headerOffset(submission, 'PUBLIC DOCUMENT COUNT') ?? documents[0]?.range.start ?? null,
      },
    );

  const names = new Map<string, number>();
  const documentNames = new Set(documents.map((document) => (document.filename ?? '').toLowerCase()).filter((name) => name !== ''));
  // One document's checks: header fields, then its body by kind. One callback because an empty, uuencoded, binary or
  // EDGAR-generated body ends the checks early with `return`; split, each part would need that verdict passed back.
  documents.forEach((document, index) => {
    const position = index + 1;
    const place = { document: document.sequence ?? position, filename: document.filename };
    const start = document.range.start;
    const checked: CheckedDocument = {
      document,
      index,
      position,
      place,
      fieldOffset: (key) => fieldPlace(bytes, document, key) ?? start,
      add: (code, message, offset) => findings.add(code, message, { ...place, offset }),
      generated: EDGAR_GENERATED.test(document.type ?? ''),
    };
    if (!bare) checkDocumentFields(checked, submissionType, names);
    checkDocumentBody(checked, bytes, findings, bare ? null : documentNames);
  });
  if (!bare) checkPdfCopies(documents, findings);
  return report(source, submissionType, submission, bytes, findings.findings);
}

/** One document under check: where it is, and how a finding about it is added. */
interface CheckedDocument {
  readonly document: SubmissionDocument;
  readonly index: number;
  /** 1-based. */
  readonly position: number;
  readonly place: { readonly document: number; readonly filename: string | null };
  /** The offset of one of its `<KEY>` fields (its start when the field is missing). */
  readonly fieldOffset: (key: string) => number;
  readonly add: (code: RuleCode, message: string, offset: number | null) => void;
  /** A document EDGAR makes itself (its type says so): no file name or body rules. */
  readonly generated: boolean;
}

/** A document's SGML fields: sequence, type (allowed for the submission type), file name (valid and unique). */
function checkDocumentFields(checked: CheckedDocument, submissionType: string | null, names: Map<string, number>): void {
  const { document, index, position, fieldOffset, add, generated } = checked;
  const start = document.range.start;
  if (document.sequence === null) add('sub/sequence', `Document ${position} has no <SEQUENCE>; give it <SEQUENCE>${position}`, start);
  else if (document.sequence !== position)
    add(
      'sub/sequence',
      `Document ${position} has <SEQUENCE>${document.sequence}; documents are numbered 1, 2, 3, … in order, so this one is ${position}`,
      fieldOffset('SEQUENCE'),
    );
  if (document.type === null || document.type.trim() === '')
    add(
      'sub/missing-type',
      `Document ${position} has no <TYPE>; give it its document type (${index === 0 ? (submissionType ?? '6-K') : 'EX-99.1, GRAPHIC, …'})`,
      start,
    );
  else if (submissionType !== null) {
    // An unofficial PDF copy of the primary document has the primary document's type.
    const pdfCopy =
      index > 0 && /\.pdf$/i.test(document.filename ?? '') && document.type.trim().toUpperCase() === submissionType.toUpperCase();
    const verdict = pdfCopy ? { allowed: true, known: true } : documentTypeAllowed(submissionType, document.type, index === 0);
    if (index === 0 && !verdict.allowed && verdict.known)
      add(
        'sub/primary-type',
        `The first document is of type ${document.type}; the primary document of a ${submissionType} must have <TYPE>${submissionType}`,
        fieldOffset('TYPE'),
      );
    else if (!verdict.allowed)
      add(
        'sub/type-not-allowed',
        verdict.known
          ? `A ${submissionType} cannot carry a document of type ${document.type}; use EX-99.1, EX-99.2, … for exhibits and GRAPHIC for images`
          : `"${document.type}" is not a document type; write it as EDGAR names it (EX-99.1, GRAPHIC, …)`,
        fieldOffset('TYPE'),
      );
  }
  if (document.filename === null) {
    if (!generated)
      add('sub/missing-filename', `Document ${position} has no <FILENAME>; EDGARLink Online names every document (e.g. ex99-1.htm)`, start);
  } else if (!generated) {
    const problem = fileNameProblem(document.filename);
    if (problem) add('sub/filename', `${problem}; rename the document`, fieldOffset('FILENAME'));
  }
  if (document.filename !== null) {
    const key = document.filename.toLowerCase();
    const first = names.get(key);
    if (first !== undefined)
      add(
        'sub/duplicate-filename',
        `Documents ${first} and ${position} are both named ${document.filename}; rename one`,
        fieldOffset('FILENAME'),
      );
    else names.set(key, position);
  }
}

/** A document's body: empty, uuencoded, binary that should be, or HTML and ASCII under their rules. */
function checkDocumentBody(
  checked: CheckedDocument,
  bytes: Uint8Array,
  findings: FindingCollector,
  documentNames: ReadonlySet<string> | null,
): void {
  const { document, position, place, add, generated } = checked;
  const body = document.body;
  const base = document.bodyRange.start;
  if (isBlank(body)) {
    add(
      'sub/empty-document',
      `Document ${position} (${document.type ?? 'no type'}) is empty; put its text between <TEXT> and </TEXT> or remove it`,
      base,
    );
    return;
  }
  if (document.encoding === 'uuencode') {
    checkUuencoded(document, bytes, add);
    return;
  }
  if (isBinaryType(document.type ?? '', document.filename) && looksBinary(body)) {
    add(
      'uu/not-encoded',
      `Document ${position} (${document.filename ?? document.type}) is binary but not uuencoded; EDGAR carries PDFs and images uuencoded`,
      base,
    );
    return;
  }
  if (generated) return;
  const head = latin1.decode(body.subarray(0, 4096));
  const kind = detectDocumentKind(head, document);
  if (kind === 'html') checkHtmlDocument(body, base, place, findings, { documents: documentNames });
  else if (kind === 'text') checkAsciiDocument(body, base, place, findings);
}

/** An unofficial PDF copy needs its official ASCII or HTML document of the same type beside it. */
function checkPdfCopies(documents: readonly SubmissionDocument[], findings: FindingCollector): void {
  const officialTypes = new Set(
    documents
      .filter((document) => !/\.pdf$/i.test(document.filename ?? '') && document.wrapper !== 'PDF')
      .map((document) => (document.type ?? '').toUpperCase()),
  );
  documents.forEach((document, index) => {
    const pdf = /\.pdf$/i.test(document.filename ?? '') || document.wrapper === 'PDF';
    if (pdf && !officialTypes.has((document.type ?? '').toUpperCase()))
      findings.add(
        'sub/pdf-only',
        `${document.filename ?? 'The PDF'} is an unofficial copy, but no ASCII or HTML document of type ${document.type ?? '?'} comes with it; add the official document`,
        { document: document.sequence ?? index + 1, filename: document.filename, offset: document.range.start },
      );
  });
}

function report(
  source: string,
  submissionType: string | null,
  submission: Submission,
  bytes: Uint8Array,
  unsorted: readonly Finding[],
): ValidationReport {
  // In the order of the file: whole-file findings first, then by line and column.
  const findings = [...unsorted].sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
  let errors = 0;
  let warnings = 0;
  for (const finding of findings) {
    const occurrences = 1 + (finding.more ?? 0);
    if (finding.severity === 'error') errors += occurrences;
    else warnings += occurrences;
  }
  return { source, submissionType, documents: submission.documents.length, bytes: bytes.length, findings, errors, warnings };
}

function checkUuencoded(
  document: SubmissionDocument,
  bytes: Uint8Array,
  add: (code: RuleCode, message: string, offset: number | null) => void,
): void {
  const decoded = uudecode(document.body, document.bodyRange.start);
  const begin = findUuencodeBegin(document.body);
  if (!decoded || !begin) return;
  for (const found of decoded.diagnostics) {
    // A short line lost trailing spaces (zero bits) on the way, often in EDGAR's own copies: it decodes the same.
    if (found.code === 'uu/short-line') continue;
    if (found.code === 'uu/missing-end')
      add('uu/missing-end', 'The uuencoded body has no "end" line; end it with a line "`" and a line "end"', found.offset);
    else add('uu/bad-line', `${found.message}; encode the file again`, found.offset);
  }
  if (document.filename !== null && begin.filename !== document.filename)
    add(
      'uu/name-mismatch',
      `The begin line names "${begin.filename}" but <FILENAME> is ${document.filename}; use the same name`,
      document.bodyRange.start + begin.lineStart,
    );
  void bytes;
}

function isBlank(body: Uint8Array): boolean {
  for (let i = 0; i < body.length; i++) {
    const code = body[i] as number;
    if (code !== 0x20 && code !== 0x0a && code !== 0x0d && code !== 0x09) return false;
  }
  return true;
}

/** NUL bytes, or many control bytes, in the first 4 KB. */
function looksBinary(body: Uint8Array): boolean {
  const end = Math.min(body.length, 4096);
  let control = 0;
  for (let i = 0; i < end; i++) {
    const code = body[i] as number;
    if (code === 0) return true;
    if (code < 0x09 || (code > 0x0d && code < 0x20)) control++;
  }
  return control > end / 50;
}

/** The offset of `<KEY>` among a document's fields. */
function fieldPlace(bytes: Uint8Array, document: SubmissionDocument, key: string): number | null {
  const end = Math.min(document.bodyRange.start, document.range.end, document.range.start + 4096);
  const head = latin1.decode(bytes.subarray(document.range.start, end));
  const at = head.toUpperCase().indexOf(`<${key}>`);
  return at === -1 ? null : document.range.start + at;
}

function headerOffset(submission: Submission, key: string): number | null {
  const node = submission.header?.tree.find(
    (candidate) => candidate.key.toUpperCase() === key || candidate.key.toUpperCase() === key.replace(/ /g, '-'),
  );
  return node?.offset ?? null;
}
