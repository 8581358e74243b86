import type { Diagnostic } from '../../core/diagnostic.js';
import type { Party, Submission, SubmissionHeader } from '../../model/submission.js';
import { uudecodedLength } from './uudecode.js';

/** The JSON that `edgarkit parse --json` prints; other tools rely on these names. */
export interface SubmissionSummary {
  readonly source: string;
  readonly format: Submission['format'];
  readonly accessionNumber: string | null;
  readonly formType: string | null;
  readonly filedAt: string | null;
  readonly periodOfReport: string | null;
  readonly acceptanceDateTime: string | null;
  readonly dateOfChange: string | null;
  readonly effectivenessDate: string | null;
  readonly publicDocumentCount: number | null;
  readonly items: readonly string[];
  readonly groupMembers: readonly string[];
  readonly privacyEnhanced: boolean;
  readonly byteLength: number;
  readonly filers: readonly FilerSummary[];
  readonly parties: readonly Party[];
  readonly documents: readonly DocumentSummary[];
  readonly header: SubmissionHeader['tree'] | null;
  readonly diagnostics: readonly DiagnosticSummary[];
}

/** A filer as `parse --json` prints it: role, CIK and name. */
export interface FilerSummary {
  readonly role: string;
  readonly cik: string | null;
  readonly name: string | null;
}

/** A document as `parse --json` prints it. */
export interface DocumentSummary {
  readonly sequence: number | null;
  readonly type: string | null;
  readonly filename: string | null;
  readonly description: string | null;
  /** Bytes of the body as it sits in the submission (for a uuencoded body, the encoded size). */
  readonly byteLength: number;
  /** Byte offset of the body in the submission. */
  readonly offset: number;
  readonly wrapper: string | null;
  readonly encoding: 'text' | 'uuencode';
  readonly encodedFilename: string | null;
  /** Size of the decoded attachment, for uuencoded bodies. */
  readonly decodedByteLength: number | null;
}

/** A diagnostic as `parse --json` prints it. */
export interface DiagnosticSummary extends Diagnostic {
  readonly line?: number;
  readonly column?: number;
}

/** The JSON-ready summary of a submission that `edgarkit parse --json` prints: accession number, form, dates, filers, parties, documents, header and diagnostics. */
export function summarizeSubmission(
  submission: Submission,
  source: string,
  locate?: (offset: number) => { line: number; column: number },
): SubmissionSummary {
  const header = submission.header;
  return {
    source,
    format: submission.format,
    accessionNumber: header?.accessionNumber ?? null,
    formType: header?.formType ?? null,
    filedAt: header?.filedAt ?? null,
    periodOfReport: header?.periodOfReport ?? null,
    acceptanceDateTime: header?.acceptanceDateTime ?? null,
    dateOfChange: header?.dateOfChange ?? null,
    effectivenessDate: header?.effectivenessDate ?? null,
    publicDocumentCount: header?.publicDocumentCount ?? null,
    items: header?.items ?? [],
    groupMembers: header?.groupMembers ?? [],
    privacyEnhanced: submission.privacyEnhanced,
    byteLength: submission.byteLength,
    filers: (header?.parties ?? []).map((party) => ({
      role: party.role,
      cik: party.company?.cik ?? null,
      name: party.company?.name ?? null,
    })),
    parties: header?.parties ?? [],
    documents: submission.documents.map((document) => ({
      sequence: document.sequence,
      type: document.type,
      filename: document.filename,
      description: document.description,
      byteLength: document.body.length,
      offset: document.bodyRange.start,
      wrapper: document.wrapper,
      encoding: document.encoding,
      encodedFilename: document.encodedFilename,
      decodedByteLength: document.encoding === 'uuencode' ? uudecodedLength(document.body) : null,
    })),
    header: header?.tree ?? null,
    diagnostics: submission.diagnostics.map((found) => (locate ? { ...found, ...locate(found.offset) } : found)),
  };
}
