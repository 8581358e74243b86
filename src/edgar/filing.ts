import type { AccessionNumber, Cik } from '../core/identifiers.js';
import type { FormRecord } from '../forms/extract-filing.js';
import type { DocumentModel } from '../model/document.js';
import type { Submission, SubmissionDocument } from '../model/submission.js';
import { findDocument, listDocuments, parseFiling, type ReadDocument, readDocument, readSubmission } from '../pipeline/read-filing.js';
import { type RenderFormat, renderDocument } from '../render/index.js';
import { EdgarError } from './edgar-error.js';

/** What a Filing needs of its Edgar: its bytes, and a database to store it in. */
export interface FilingSource {
  bytesOf(filing: Filing): Promise<Uint8Array>;
  ingest(filing: Filing, bytes: Uint8Array): Promise<IngestResult>;
}

/** What `filing.ingest()` did: stored it new, replaced a changed copy, or found it stored already. */
export interface IngestResult {
  readonly filingId: string;
  readonly status: 'inserted' | 'replaced' | 'unchanged';
}

/** One document of a filing as its `<DOCUMENT>` header names it. */
export interface DocumentInfo {
  /** `<SEQUENCE>`; null in old files without one. */
  readonly sequence: number | null;
  /** `<TYPE>`: `6-K`, `EX-99.1`, `GRAPHIC`. */
  readonly type: string | null;
  readonly filename: string | null;
  readonly description: string | null;
  /** `uuencode` for binaries (PDF, images) carried as text. */
  readonly encoding: 'text' | 'uuencode';
  /** Bytes of the body as carried in the submission. */
  readonly byteLength: number;
}

/** The facts a filing is listed with, the same online and offline. */
export interface FilingFacts {
  /** The accession number, or the database's local id of a filing that has none (a bare document). */
  readonly id: string;
  readonly accessionNumber: AccessionNumber | null;
  /** The company it was listed under. */
  readonly cik: Cik | null;
  readonly form: string | null;
  /** YYYY-MM-DD. */
  readonly filedAt: string | null;
  /** YYYY-MM-DD: CONFORMED PERIOD OF REPORT. */
  readonly periodOfReport: string | null;
}

/** Options of the renderings of a document. */
export interface RenderDocumentOptions {
  /** Only this page (1-based); every page when absent. */
  readonly page?: number;
}

/**
 * A filing of a company: its facts at once, its contents on request (read from the database when it holds the
 * filing, else fetched from EDGAR once and kept).
 *
 * @example
 * ```ts
 * for await (const filing of company.filings({ form: '6-K', from: '2009-01-01' })) {
 *   const record = await filing.record();                        // the 6-K record (or the form's record)
 *   if (record?.form === '6-K') console.log(filing.filedAt, record.reportMonth.value);
 *   console.log(await filing.document('EX-99.1').markdown());    // an exhibit, as Markdown
 * }
 * ```
 */
export class Filing implements FilingFacts {
  readonly id: string;
  readonly accessionNumber: AccessionNumber | null;
  readonly cik: Cik | null;
  readonly form: string | null;
  readonly filedAt: string | null;
  readonly periodOfReport: string | null;
  readonly #source: FilingSource;
  #bytes: Promise<Uint8Array> | null = null;
  #submission: Promise<Submission> | null = null;

  /** @internal Made by `company.filings()` and `edgar.filing()`. */
  constructor(facts: FilingFacts, source: FilingSource) {
    this.id = facts.id;
    this.accessionNumber = facts.accessionNumber;
    this.cik = facts.cik;
    this.form = facts.form;
    this.filedAt = facts.filedAt;
    this.periodOfReport = facts.periodOfReport;
    this.#source = source;
  }

  /** The complete submission's exact bytes (read once, then kept). */
  bytes(): Promise<Uint8Array> {
    this.#bytes ??= this.#source.bytesOf(this);
    // A failed read is not kept: the next call tries again.
    this.#bytes.catch(() => {
      this.#bytes = null;
    });
    return this.#bytes;
  }

  /** The parsed submission: header, parties, documents (bodies are views of the bytes), diagnostics. */
  submission(): Promise<Submission> {
    this.#submission ??= this.bytes().then((bytes) => parseFiling(bytes, this.id));
    this.#submission.catch(() => {
      this.#submission = null;
    });
    return this.#submission;
  }

  /**
   * The form's typed record: a `6-K` record (report month, registrant, cover answers, exhibits, signatures), a
   * `20-F`/`40-F` cover, or for other forms their exhibit index and signatures. Null when no document can be read.
   * Every field carries its span and a field the filing does not give is `null` with a diagnostic saying why.
   */
  async record(): Promise<FormRecord | null> {
    return readSubmission(await this.submission()).records.record;
  }

  /** The documents of the submission, in order. */
  async documents(): Promise<readonly DocumentInfo[]> {
    return (await this.submission()).documents.map(documentInfo);
  }

  /**
   * One document by `<SEQUENCE>` number or by `<TYPE>` (`'EX-99.1'`), read when one of its methods is called;
   * a document that is not there gives an `edgar/document-not-found` error naming those that are.
   *
   * @example
   * ```ts
   * const markdown = await filing.document('EX-99.1').markdown();
   * const cover = await filing.document(1).text({ page: 1 });
   * ```
   */
  document(which: string | number): FilingDocument {
    return new FilingDocument(this, which);
  }

  /** Stores the filing in the database (idempotent: a filing stored already is `unchanged`). Needs `db`. */
  async ingest(): Promise<IngestResult> {
    return this.#source.ingest(this, await this.bytes());
  }

  /** The facts, without the methods (what `JSON.stringify` writes). */
  toJSON(): FilingFacts {
    const { id, accessionNumber, cik, form, filedAt, periodOfReport } = this;
    return { id, accessionNumber, cik, form, filedAt, periodOfReport };
  }
}

function documentInfo(document: SubmissionDocument): DocumentInfo {
  return {
    sequence: document.sequence,
    type: document.type,
    filename: document.filename,
    description: document.description,
    encoding: document.encoding,
    byteLength: document.bodyRange.end - document.bodyRange.start,
  };
}

/**
 * A document of a filing, rendered on request: `text()` (clean reflowed text), `markdown()` (GitHub tables),
 * `html()` (safe semantic HTML, never the filing's own markup), `json()` (the document model with spans), or
 * `model()` itself; `bytes()` gives a binary's decoded bytes.
 */
export class FilingDocument {
  /** The sequence number or type asked for. */
  readonly which: string | number;
  readonly #filing: Filing;

  /** @internal Made by `filing.document()`. */
  constructor(filing: Filing, which: string | number) {
    this.#filing = filing;
    this.which = which;
  }

  /** What the document's `<DOCUMENT>` header says of it. */
  async info(): Promise<DocumentInfo> {
    return documentInfo(await this.#find());
  }

  /** Clean reflowed text; an XML document is its text as written. */
  text(options: RenderDocumentOptions = {}): Promise<string> {
    return this.#render('text', options);
  }

  /** Markdown, with real tables as GitHub tables. */
  markdown(options: RenderDocumentOptions = {}): Promise<string> {
    return this.#render('markdown', options);
  }

  /** Safe semantic HTML with page anchors. */
  html(options: RenderDocumentOptions = {}): Promise<string> {
    return this.#render('html', options);
  }

  /** The document model as JSON text (pages, blocks, tables, with character spans). */
  json(options: RenderDocumentOptions = {}): Promise<string> {
    return this.#render('json', options);
  }

  /** The document model: pages of headings, paragraphs, lists and tables. */
  async model(): Promise<DocumentModel> {
    const read = await this.#read();
    if (read.kind !== 'model') throw this.#notRenderable(read, 'a document model');
    return read.model;
  }

  /** A binary's decoded bytes (a uuencoded PDF or image), or a text document's body as carried. */
  async bytes(): Promise<Uint8Array> {
    const document = await this.#find();
    if (document.encoding !== 'uuencode') return document.body;
    const read = readDocument(document, { decodeAttachments: true });
    if (read.kind !== 'binary' || !read.attachment)
      throw new EdgarError('edgar/not-renderable', `${this.#name(document)} of ${this.#filing.id}: the uuencoded body cannot be decoded`);
    return read.attachment.bytes;
  }

  async #find(): Promise<SubmissionDocument> {
    const submission = await this.#filing.submission();
    const document = findDocument(submission, this.which);
    if (!document)
      throw new EdgarError(
        'edgar/document-not-found',
        `Filing ${this.#filing.id} has no document ${JSON.stringify(this.which)}; it has: ${listDocuments(submission) || 'no documents'}`,
      );
    return document;
  }

  async #read(): Promise<ReadDocument> {
    return readDocument(await this.#find());
  }

  async #render(format: RenderFormat, options: RenderDocumentOptions): Promise<string> {
    const read = await this.#read();
    if (read.kind === 'xml' && format === 'text') return read.text;
    if (read.kind !== 'model') throw this.#notRenderable(read, format === 'json' ? 'JSON' : format);
    try {
      return renderDocument(read.model, format, options.page !== undefined ? { page: options.page } : {});
    } catch (error) {
      // renderDocument says which pages exist when the one asked for does not.
      if (error instanceof RangeError)
        throw new EdgarError('edgar/bad-request', `${this.#name(read.document)} of ${this.#filing.id}: ${error.message}`);
      throw error;
    }
  }

  #notRenderable(read: ReadDocument, what: string): EdgarError {
    const name = this.#name(read.document);
    return new EdgarError(
      'edgar/not-renderable',
      read.kind === 'xml'
        ? `${name} of ${this.#filing.id} is XML and has no ${what} rendering: read it with .text()`
        : `${name} of ${this.#filing.id} is a binary (${read.document.filename ?? read.document.type ?? 'attachment'}): read it with .bytes()`,
    );
  }

  #name(document: SubmissionDocument): string {
    return `Document ${document.sequence ?? '-'} (${document.type ?? 'no type'})`;
  }
}
