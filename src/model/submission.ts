import type { Diagnostic } from '../core/diagnostic.js';
import type { AccessionNumber, Cik } from '../core/identifiers.js';
import type { ByteRange } from '../core/span.js';

/** How the submission was packaged. */
export type SubmissionFormat =
  /** `<SEC-DOCUMENT>` + `<SEC-HEADER>` (or the 1993–1996 `<IMS-DOCUMENT>`/`<IMS-HEADER>`) + documents. */
  | 'complete-submission'
  /** A dissemination file: `<SUBMISSION>` with nested header tags (`.nc`, daily feed archives). */
  | 'dissemination'
  /** A header alone (`.hdr.sgml`, `-index-headers`). */
  | 'header-only'
  /** `<DOCUMENT>` blocks with no header (some archived 1990s copies). */
  | 'documents-only'
  /** No SGML at all: the input is one document's text (like a primary document saved on its own). */
  | 'bare-document';

/**
 * A parsed submission: its format, its header (typed and as a tree), its documents and every repair made while reading it.
 *
 * @example
 * ```ts
 * const submission = parseSubmission(bytes);
 * console.log(submission.header?.accessionNumber, submission.documents.map((document) => document.type));
 * ```
 */
export interface Submission {
  readonly format: SubmissionFormat;
  /** True when a `-----BEGIN PRIVACY-ENHANCED MESSAGE-----` envelope surrounded the submission. */
  readonly privacyEnhanced: boolean;
  readonly header: SubmissionHeader | null;
  readonly documents: readonly SubmissionDocument[];
  readonly diagnostics: readonly Diagnostic[];
  /** Size of the input in bytes. */
  readonly byteLength: number;
}

/** One node of the header as written: `KEY:\tvalue` lines nested by tabs, or `.nc` tags nested by closing tags. */
export interface HeaderNode {
  /** The key as the source spells it (`COMPANY CONFORMED NAME` or `CONFORMED-NAME`). */
  readonly key: string;
  readonly value: string;
  readonly children: readonly HeaderNode[];
  /** Byte offset of the key in the submission. */
  readonly offset: number;
}

/** The header as typed values (accession number, form, dates, parties, …) beside the full key/value tree as written. */
export interface SubmissionHeader {
  readonly accessionNumber: AccessionNumber | null;
  /** CONFORMED SUBMISSION TYPE (`.nc`: TYPE). */
  readonly formType: string | null;
  readonly publicDocumentCount: number | null;
  /** CONFORMED PERIOD OF REPORT as YYYY-MM-DD. */
  readonly periodOfReport: string | null;
  /** FILED AS OF DATE as YYYY-MM-DD. */
  readonly filedAt: string | null;
  /** DATE AS OF CHANGE as YYYY-MM-DD. */
  readonly dateOfChange: string | null;
  readonly effectivenessDate: string | null;
  /** ACCEPTANCE-DATETIME as YYYY-MM-DDTHH:MM:SS, EDGAR's local (US Eastern) time. */
  readonly acceptanceDateTime: string | null;
  /** 8-K items (ITEM INFORMATION / ITEMS), as written. */
  readonly items: readonly string[];
  readonly groupMembers: readonly string[];
  readonly parties: readonly Party[];
  /** The full header as written, nothing dropped. */
  readonly tree: readonly HeaderNode[];
}

/** The role a party plays, as EDGAR names its block (`FILER`, `SUBJECT COMPANY`, `REPORTING-OWNER`, …). */
export type PartyRole = string;

/** One party block of the header (FILER, SUBJECT COMPANY, REPORTING-OWNER, …) with its company data, filing values, addresses and former names. */
export interface Party {
  readonly role: PartyRole;
  readonly company: CompanyData | null;
  readonly filingValues: FilingValues | null;
  readonly businessAddress: Address | null;
  readonly mailAddress: Address | null;
  readonly formerCompanies: readonly FormerCompany[];
}

/** A party's COMPANY DATA: name, CIK, SIC, IRS number, state of incorporation, fiscal year end. */
export interface CompanyData {
  readonly name: string | null;
  readonly cik: Cik | null;
  /** The 4-digit SIC code. */
  readonly sic: string | null;
  /** The SIC description when the header gives one (`ELECTRICAL INDUSTRIAL APPARATUS [3620]`). */
  readonly sicDescription: string | null;
  readonly organizationName: string | null;
  readonly irsNumber: string | null;
  readonly stateOfIncorporation: string | null;
  /** MMDD. */
  readonly fiscalYearEnd: string | null;
}

/** A party's FILING VALUES: form type, act, file number and film number. */
export interface FilingValues {
  readonly formType: string | null;
  readonly act: string | null;
  readonly fileNumber: string | null;
  readonly filmNumber: string | null;
}

/** A business or mail address of a party block; `state` is EDGAR's state or country code (`NY`, `X0`). */
export interface Address {
  readonly street1: string | null;
  readonly street2: string | null;
  readonly city: string | null;
  readonly state: string | null;
  readonly zip: string | null;
  readonly phone: string | null;
}

/** A party's FORMER COMPANY block: the former name and the date it changed. */
export interface FormerCompany {
  readonly name: string;
  /** DATE OF NAME CHANGE as YYYY-MM-DD. */
  readonly dateChanged: string | null;
}

/** A body wrapped once more inside `<TEXT>`. */
export type BodyWrapper = 'PDF' | 'XML' | 'XBRL';

/** One `<DOCUMENT>` of a submission: type, sequence, file name, description, and its body as bytes (decode with `decodeDocumentText` or `decodeAttachment`). */
export interface SubmissionDocument {
  readonly type: string | null;
  readonly sequence: number | null;
  readonly filename: string | null;
  readonly description: string | null;
  /** Every `<TAG>value` line between `<DOCUMENT>` and `<TEXT>`, as written. */
  readonly fields: readonly { readonly key: string; readonly value: string }[];
  /** Where the whole `<DOCUMENT>` … `</DOCUMENT>` sits in the submission. */
  readonly range: ByteRange;
  /** Where the body (between `<TEXT>` and `</TEXT>`, wrappers removed) sits in the submission. */
  readonly bodyRange: ByteRange;
  /** The body bytes (a view, not a copy, when the submission was parsed from one buffer). */
  readonly body: Uint8Array;
  readonly wrapper: BodyWrapper | null;
  /** `uuencode` when the body is a uuencoded binary (`begin 644 name`). */
  readonly encoding: 'text' | 'uuencode';
  /** The file name on the `begin` line of a uuencoded body. */
  readonly encodedFilename: string | null;
}
