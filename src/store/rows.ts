import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { parseCik } from '../core/identifiers.js';
import type { BlobCompression, PreparedDocument, PreparedFiling } from '../model/prepared-filing.js';
import type { Party } from '../model/submission.js';
import type { CompanyView, DocumentView, FilingSummaryView, FilingView, StoredBlob } from './store.js';

/**
 * What both adapters write and read the same way: the values of a filing, document and company row in column
 * order, and the views made of the rows read back. SQL stays in the adapters; the mapping is written once.
 */

/** A row as a driver returns it. */
export type Row = Record<string, unknown>;

/** A JSON text column read back; a missing or unreadable value gives `fallback` rather than an exception. */
export function parseJsonColumn<T>(text: unknown, fallback: T): T {
  if (typeof text !== 'string') return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

/** A number column (PostgreSQL returns bigint as text); null and missing read as 0. */
export function num(value: unknown): number {
  return value === null || value === undefined ? 0 : Number(value);
}

export function numOrNull(value: unknown): number | null {
  return value === null || value === undefined ? null : Number(value);
}

function textOrNull(value: unknown): string | null {
  return (value as string | null | undefined) ?? null;
}

/** A stored blob's exact bytes, from its `compression` and `data` columns. */
export function blobBytes(row: Row): Uint8Array {
  const compression = blobCompression(row.compression);
  if (compression === 'gzip') return gunzipSync(row.data as Uint8Array);
  if (compression === 'brotli') return brotliDecompressSync(row.data as Uint8Array);
  return row.data as Uint8Array;
}

/** A blob's compression column, checked: a value this version does not know is an error, never bytes read as they are. */
function blobCompression(value: unknown): BlobCompression {
  if (value === 'none' || value === 'gzip' || value === 'brotli') return value;
  throw new Error(`Cannot read a stored blob: its compression is ${JSON.stringify(value)}, expected none, gzip or brotli`);
}

/** A blob row as stored, not decompressed. */
export function storedBlob(row: Row): StoredBlob {
  return {
    compression: blobCompression(row.compression),
    data: row.data as Uint8Array,
    byteLength: Number(row.byte_length),
  };
}

/** A CIK as the database keys it: 10 digits with leading zeros (anything else is looked up as written). */
export function cikKey(text: string): string {
  return parseCik(text) ?? text.trim();
}

/** A ticker as stored and looked up: trimmed, upper case (`brk-b` → `BRK-B`). */
export function tickerKey(ticker: string): string {
  return ticker.trim().toUpperCase();
}

/**
 * The entries of a ticker list as stored: tickers upper case, CIKs 10 digits, each ticker once (its first
 * entry), in the list's order; an entry without a usable ticker or CIK is left out.
 */
export function tickerRows(tickers: readonly { ticker: string; cik: string; title: string }[]): [string, string, string, number][] {
  const seen = new Set<string>();
  const rows: [string, string, string, number][] = [];
  for (const entry of tickers) {
    const ticker = tickerKey(entry.ticker);
    const cik = parseCik(entry.cik);
    if (ticker === '' || !cik || seen.has(ticker)) continue;
    seen.add(ticker);
    rows.push([ticker, cik, entry.title, rows.length]);
  }
  return rows;
}

/** `%name%` for a LIKE that matches `name` anywhere, its own `%`, `_` and `\` taken literally (ESCAPE '\'). */
export function containsPattern(name: string): string {
  return `%${name.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

/** The registrant a 6-K's cover names, from the record JSON: what a bare document (no header) is listed under. */
function registrantOf(recordJson: string | null): string | null {
  if (!recordJson) return null;
  try {
    const registrant = (JSON.parse(recordJson) as { registrant?: { value?: unknown } }).registrant?.value;
    return typeof registrant === 'string' ? registrant : null;
  } catch {
    return null;
  }
}

/** The columns of a filing row, in the order `filingValues` gives them. */
export const FILING_COLUMNS = [
  'id',
  'accession_number',
  'form_type',
  'filed_at',
  'period_of_report',
  'acceptance_datetime',
  'date_of_change',
  'effectiveness_date',
  'public_document_count',
  'items',
  'group_members',
  'format',
  'header',
  'parties',
  'primary_cik',
  'primary_name',
  'content_hash',
  'byte_length',
  'source',
  'diagnostics',
  'form_record',
  'original_blob',
  'document_count',
  'documents_digest',
] as const;

export function filingValues(filing: PreparedFiling): unknown[] {
  const primary = filing.parties[0]?.company ?? null;
  return [
    filing.id,
    filing.accessionNumber,
    filing.formType,
    filing.filedAt,
    filing.periodOfReport,
    filing.acceptanceDateTime,
    filing.dateOfChange,
    filing.effectivenessDate,
    filing.publicDocumentCount,
    JSON.stringify(filing.items),
    JSON.stringify(filing.groupMembers),
    filing.format,
    filing.headerJson,
    JSON.stringify(filing.parties),
    primary?.cik ?? null,
    // A filing with no header (a bare document) is listed under the registrant its cover names.
    primary?.name ?? registrantOf(filing.formRecordJson),
    filing.contentHash,
    filing.byteLength,
    filing.source,
    filing.diagnosticsJson,
    filing.formRecordJson,
    filing.originalBlob,
    filing.documents.length,
    // Unknown ('') for a filing copied from a database made before the digest was kept.
    filing.documentsDigest === '' ? null : filing.documentsDigest,
  ];
}

/** The columns of a document row after its filing's row id, in the order `documentValues` gives them. */
export const DOCUMENT_COLUMNS = [
  'position',
  'sequence',
  'type',
  'filename',
  'description',
  'byte_length',
  'body_start',
  'body_end',
  'encoding',
  'wrapper',
  'source_format',
  'attachment_sha256',
  'attachment_name',
] as const;

export function documentValues(document: PreparedDocument): unknown[] {
  return [
    document.position,
    document.sequence,
    document.type,
    document.filename,
    document.description,
    document.byteLength,
    document.bodyStart,
    document.bodyEnd,
    document.encoding,
    document.wrapper,
    document.sourceFormat,
    document.attachmentSha256,
    document.attachmentName,
  ];
}

/** The columns of a company row, in the order `companyValues` gives them. */
export const COMPANY_COLUMNS = [
  'cik',
  'name',
  'sic',
  'sic_description',
  'state_of_incorporation',
  'fiscal_year_end',
  'irs_number',
  'business_address',
  'mail_address',
  'seen_filed_at',
] as const;

/**
 * The update of a company row by a party of another filing: the newest filing's company data wins, and an older
 * filing ingested later does not overwrite it. `table` is the name (or alias) of the existing row.
 */
export function companyUpsert(table: string): string {
  const set = COMPANY_COLUMNS.filter((column) => column !== 'cik')
    .map((column) => `${column} = excluded.${column}`)
    .join(', ');
  return `ON CONFLICT (cik) DO UPDATE SET ${set} WHERE ${table}.seen_filed_at IS NULL OR excluded.seen_filed_at >= ${table}.seen_filed_at`;
}

export function companyValues(cik: string, party: Party, filedAt: string | null): unknown[] {
  const company = party.company;
  return [
    cik,
    company?.name ?? null,
    company?.sic ?? null,
    company?.sicDescription ?? null,
    company?.stateOfIncorporation ?? null,
    company?.fiscalYearEnd ?? null,
    company?.irsNumber ?? null,
    party.businessAddress ? JSON.stringify(party.businessAddress) : null,
    party.mailAddress ? JSON.stringify(party.mailAddress) : null,
    filedAt,
  ];
}

/** The columns a filing list reads (not the header JSON and the other large ones), for a table aliased `f`. */
export const SUMMARY_COLUMNS =
  'f.id, f.accession_number, f.form_type, f.filed_at, f.period_of_report, f.primary_name, f.primary_cik, f.document_count';

export function filingSummaryView(row: Row): FilingSummaryView {
  return {
    filingId: row.id as string,
    accessionNumber: textOrNull(row.accession_number),
    formType: textOrNull(row.form_type),
    filedAt: textOrNull(row.filed_at),
    periodOfReport: textOrNull(row.period_of_report),
    companyName: textOrNull(row.primary_name),
    cik: textOrNull(row.primary_cik),
    documentCount: num(row.document_count),
  };
}

export function documentView(row: Row): DocumentView {
  return {
    position: num(row.position),
    sequence: numOrNull(row.sequence),
    type: textOrNull(row.type),
    filename: textOrNull(row.filename),
    description: textOrNull(row.description),
    byteLength: num(row.byte_length),
    bodyStart: num(row.body_start),
    bodyEnd: num(row.body_end),
    encoding: row.encoding as 'text' | 'uuencode',
    wrapper: textOrNull(row.wrapper),
    sourceFormat: row.source_format as string,
    attachmentSha256: textOrNull(row.attachment_sha256),
    attachmentName: textOrNull(row.attachment_name),
  };
}

/**
 * A whole filing: its row, its document rows, its exhibit rows (number, description, document_sequence) and the
 * number of XBRL facts stored with it.
 */
export function filingView(row: Row, documents: readonly Row[], exhibits: readonly Row[], factCount: unknown = 0): FilingView {
  return {
    ...filingSummaryView(row),
    acceptanceDateTime: textOrNull(row.acceptance_datetime),
    dateOfChange: textOrNull(row.date_of_change),
    format: row.format as string,
    items: parseJsonColumn(row.items, []),
    groupMembers: parseJsonColumn(row.group_members, []),
    parties: parseJsonColumn(row.parties, []),
    header: parseJsonColumn(row.header, null),
    formRecord: parseJsonColumn(row.form_record, null),
    diagnostics: parseJsonColumn(row.diagnostics, []),
    byteLength: num(row.byte_length),
    contentHash: row.content_hash as string,
    source: row.source as string,
    documents: documents.map(documentView),
    exhibits: exhibits.map((exhibit) => ({
      number: exhibit.number as string,
      description: textOrNull(exhibit.description),
      documentSequence: numOrNull(exhibit.document_sequence),
    })),
    factCount: num(factCount),
  };
}

/** A company: its row, its former names (newest change first) and the number of filings it is a party to. */
export function companyView(
  row: Row,
  formerNames: readonly { readonly name: string; readonly dateChanged: string | null }[],
  filingCount: unknown,
  tickers: readonly string[],
): CompanyView {
  return {
    cik: row.cik as string,
    name: textOrNull(row.name),
    sic: textOrNull(row.sic),
    sicDescription: textOrNull(row.sic_description),
    stateOfIncorporation: textOrNull(row.state_of_incorporation),
    fiscalYearEnd: textOrNull(row.fiscal_year_end),
    businessAddress: parseJsonColumn(row.business_address, null),
    mailAddress: parseJsonColumn(row.mail_address, null),
    // A former name without a date is stored with '' (so it can be part of the key).
    formerNames: formerNames.map((entry) => ({ name: entry.name, dateChanged: entry.dateChanged || null })),
    tickers,
    filingCount: num(filingCount),
  };
}
