import { type Diagnostic, diagnostic } from '../core/diagnostic.js';
import type { DocumentModel } from '../model/document.js';
import type { SubmissionHeader } from '../model/submission.js';
import { documentLines } from './document-lines.js';
import { extractExhibitList, type ListedExhibit } from './exhibit-index.js';
import { type AttachedDocument, extract6K, type Form6KRecord, matchDocument } from './form-6k.js';
import { extract20F, type Form20FRecord } from './form-20f.js';
import { extractSignatures, type SignatureBlock } from './signatures.js';

/** A document of the submission, parsed by the caller (null model for binaries and XML). */
export interface ParsedSubmissionDocument extends AttachedDocument {
  readonly model: DocumentModel | null;
}

export interface FilingInput {
  readonly header: SubmissionHeader | null;
  readonly documents: readonly ParsedSubmissionDocument[];
}

/** Any form: the exhibits its primary document lists and its signatures. */
export interface GenericRecord {
  readonly form: 'other';
  readonly formType: string | null;
  readonly exhibits: readonly (ListedExhibit & { readonly attached: boolean; readonly documentSequence: number | null })[];
  readonly signatures: readonly SignatureBlock[];
  readonly diagnostics: readonly Diagnostic[];
}

export type FormRecord = Form6KRecord | Form20FRecord | GenericRecord;

export interface FilingRecords {
  /** The form as the header says, or as the cover says for a bare document. */
  readonly formType: string | null;
  readonly record: FormRecord | null;
  readonly diagnostics: readonly Diagnostic[];
}

const COVER_6K = /REPORT\s+OF\s+FOREIGN\s+(?:PRIVATE\s+)?ISSUER/i;

/** The form a document's cover names, for documents that come without a header (like the seed). */
export function recognizeForm(model: DocumentModel): string | null {
  const head = documentLines(model, model.pages.slice(0, 2))
    .slice(0, 60)
    .map((line) => line.text)
    .join('\n');
  if (/\bFORM\s+6-K\/A\b/i.test(head)) return '6-K/A';
  if (/\bFORM\s+6-K\b/i.test(head) || COVER_6K.test(head)) return '6-K';
  const annual = /\bFORM\s+(20-F|40-F)(\/A)?\b/i.exec(head);
  if (annual) return `${(annual[1] as string).toUpperCase()}${annual[2] ? '/A' : ''}`;
  const other = /\bFORM\s+(10-K|10-Q|8-K|S-1|S-3|F-1|F-3)(\/A)?\b/i.exec(head);
  return other ? `${(other[1] as string).toUpperCase()}${other[2] ? '/A' : ''}` : null;
}

/**
 * The typed record of a filing, by form: 6-K and 6-K/A, 20-F and 40-F (and amendments), and for every other
 * form its exhibit index and signatures. The body is checked against the header, and disagreements come back as
 * diagnostics.
 */
export function extractFiling(input: FilingInput): FilingRecords {
  const primary = input.documents.find((document) => document.model !== null);
  const diagnostics: Diagnostic[] = [];
  if (!primary?.model) return { formType: input.header?.formType ?? null, record: null, diagnostics };
  const model = primary.model;
  const recognized = recognizeForm(model);
  const formType = input.header?.formType ?? recognized ?? primary.type ?? null;
  const sequence = primary.sequence ?? 1;
  let record: FormRecord;
  if (/^6-K/i.test(formType ?? '')) {
    record = extract6K({ model, document: sequence, formType, documents: input.documents });
  } else if (/^(20-F|40-F)/i.test(formType ?? '')) {
    record = extract20F(model, formType, sequence);
  } else {
    record = {
      form: 'other',
      formType,
      exhibits: extractExhibitList(model, sequence).map((listed) => {
        const match = matchDocument(listed.number, input.documents);
        return { ...listed, attached: match !== null, documentSequence: match?.sequence ?? null };
      }),
      signatures: extractSignatures(model, sequence),
      diagnostics: [],
    };
  }
  if (input.header) crossCheck(input.header, recognized, record, diagnostics);
  return { formType, record, diagnostics };
}

/** Company names compared without case, punctuation or legal-form words. */
export function sameCompanyName(a: string, b: string): boolean {
  const normalize = (name: string) =>
    name
      .toUpperCase()
      .replace(/&/g, ' AND ')
      .replace(/\/[A-Z]{2}\/?$/, '')
      .replace(/[^A-Z0-9 ]+/g, ' ')
      .replace(/\b(?:INC|INCORPORATED|CORP|CORPORATION|CO|COMPANY|LTD|LIMITED|PLC|LLC|LP|SA|S A|NV|N V|AG|AB|ASA|SPA|SE|AS|OYJ|KK|THE)\b/g, ' ')
      .replace(/\s+/g, '');
  return normalize(a) === normalize(b) || normalize(a).startsWith(normalize(b)) || normalize(b).startsWith(normalize(a));
}

function crossCheck(header: SubmissionHeader, recognized: string | null, record: FormRecord, diagnostics: Diagnostic[]): void {
  if (recognized && header.formType && recognized.replace(/\/A$/, '') !== header.formType.toUpperCase().replace(/\/A$/, '')) {
    diagnostics.push(diagnostic('filing/form-mismatch', 'warning', `The header says ${header.formType} but the cover says ${recognized}`, 0));
  }
  const registrant = 'registrant' in record ? record.registrant.value : null;
  if (registrant) {
    const names = header.parties.flatMap((party) => [party.company?.name, ...party.formerCompanies.map((former) => former.name)]).filter((name): name is string => Boolean(name));
    if (names.length > 0 && !names.some((name) => sameCompanyName(name, registrant))) {
      diagnostics.push(diagnostic('filing/registrant-mismatch', 'warning', `The cover names "${registrant}" but the header's filers are ${names.slice(0, 3).map((name) => `"${name}"`).join(', ')}`, 0));
    }
  }
  if (record.form === '6-K' || record.form === '6-K/A') {
    const month = record.reportMonth.value;
    const period = header.periodOfReport?.slice(0, 7) ?? null;
    if (month && period && month !== period) {
      diagnostics.push(diagnostic('filing/period-mismatch', 'info', `The cover reports for ${month} but the header's period of report is ${header.periodOfReport}`, 0));
    }
  }
}
