import { type Diagnostic, diagnostic } from '../core/diagnostic.js';
import type { DocumentModel } from '../model/document.js';
import type { Submission, SubmissionHeader } from '../model/submission.js';
import type { XmlDocument } from '../model/xml.js';
import { parseSubmissionDocuments } from '../parse/parse-document.js';
import { type AttachedDocument, type Exhibit, resolveExhibits } from './attached-exhibits.js';
import { readCoverBasics } from './cover-basics.js';
import { documentLines } from './document-lines.js';
import { findExhibits } from './exhibit-index.js';
import type { Field } from './field.js';
import { extract6K, type Form6KRecord } from './form-6k.js';
import { extract8K, type Form8KRecord } from './form-8k.js';
import { extract13F, type Form13FRecord, is13FCoverXml, is13FInformationTable } from './form-13f.js';
import { extract20F, type Form20FRecord } from './form-20f.js';
import { extractOwnershipXml, isOwnershipXml } from './form-ownership.js';
import { extractOwnershipText } from './form-ownership-text.js';
import { type OwnershipRecord, ownershipForm } from './ownership-record.js';
import { extractPeriodicReport, type PeriodicReportRecord } from './periodic-report.js';
import { extractSignatures, type SignatureBlock } from './signatures.js';

/** A document of the submission, parsed by the caller (null model for binaries and XML). */
export interface ParsedSubmissionDocument extends AttachedDocument {
  readonly model: DocumentModel | null;
  /** An XML document's tree (ownership, 13F); absent or null for the others. */
  readonly xml?: XmlDocument | null;
}

/** A submission whose documents the caller has parsed already (what the pipeline passes). */
export interface FilingInput {
  readonly header: SubmissionHeader | null;
  readonly documents: readonly ParsedSubmissionDocument[];
}

/** Any form: its cover basics, the exhibits its primary document lists and its signatures. */
export interface GenericRecord {
  readonly form: 'other';
  readonly formType: string | null;
  /** The name above "(Exact name of registrant …)"; without one, the registrant line of the signature block. */
  readonly registrant: Field<string | null>;
  /** YYYY-MM-DD: the date of report, the end of the fiscal year or quarter, or the date of the event. */
  readonly periodOfReport: Field<string | null>;
  readonly exhibits: readonly Exhibit[];
  readonly signatures: readonly SignatureBlock[];
  readonly diagnostics: readonly Diagnostic[];
}

/** A form's record, told apart by `form`. */
export type FormRecord =
  | Form6KRecord
  | Form20FRecord
  | Form8KRecord
  | PeriodicReportRecord
  | OwnershipRecord
  | Form13FRecord
  | GenericRecord;

/** What `extractFiling` gives: the form type, the form's record (or null when no document could be read) and the diagnostics of checking the body against the header. */
export interface FilingRecords {
  /** The form as the header says, or as the cover says for a bare document. */
  readonly formType: string | null;
  readonly record: FormRecord | null;
  readonly diagnostics: readonly Diagnostic[];
}

const COVER_6K = /^REPORT\s+OF\s+FOREIGN\s+(?:PRIVATE\s+)?ISSUER\b/i;
const FORM_LINE = /^(?:FORM|Form)\s+([0-9A-Z]{1,5}(?:-[0-9A-Z]{1,5})?)(\/A)?$/;
const SCHEDULE_LINE = /^SCHEDULE\s+(13[DG])\b/i;

/**
 * The form a document's cover names, for documents that come without a header (like the seed): a line of the
 * cover's first lines that is the form's name ("FORM 6-K", "F O R M 6-K", "Form 20-F"), or the 6-K's title
 * "REPORT OF FOREIGN PRIVATE ISSUER". Mentions in running text ("… Annual Report on Form 20-F") do not count.
 */
export function recognizeForm(model: DocumentModel): string | null {
  const lines = documentLines(model, model.pages.slice(0, 2), { limit: 40 });
  let sixK = false;
  for (const line of lines) {
    const text = line.text.replace(/\bF\s+O\s+R\s+M\b/i, 'FORM').trim();
    const form = FORM_LINE.exec(text);
    if (form && /\d/.test(form[1] as string)) return `${(form[1] as string).toUpperCase()}${form[2] ? '/A' : ''}`;
    const schedule = SCHEDULE_LINE.exec(text);
    if (schedule && text.length <= 30) return `SC ${(schedule[1] as string).toUpperCase()}`;
    if (COVER_6K.test(text)) sixK = true;
  }
  return sixK ? '6-K' : null;
}

/**
 * The typed record of a filing, by form: 6-K and 6-K/A, 20-F and 40-F (and amendments), and for every other
 * form its exhibit index and signatures. The body is checked against the header (registrant, form, period), and
 * disagreements come back as diagnostics.
 *
 * Give it a parsed submission as it is, or a header with documents already parsed (their `model`s), which saves
 * parsing them twice when the caller has them.
 *
 * @example
 * ```ts
 * import { extractFiling, parseSubmission } from 'edgarkit';
 *
 * const { formType, record } = extractFiling(parseSubmission(bytes));
 * if (record?.form === '6-K') console.log(record.reportMonth.value, record.exhibits.length);
 * ```
 */
export function extractFiling(input: Submission | FilingInput): FilingRecords {
  return extractParsed(isSubmission(input) ? { header: input.header, documents: parseSubmissionDocuments(input) } : input);
}

/** A parsed submission carries its diagnostics and byte length; a FilingInput carries neither. */
function isSubmission(input: Submission | FilingInput): input is Submission {
  return 'diagnostics' in input && 'byteLength' in input;
}

function extractParsed(input: FilingInput): FilingRecords {
  const fromXml = extractXmlForm(input);
  if (fromXml) return fromXml;
  const primary = input.documents.find((document) => document.model !== null);
  const diagnostics: Diagnostic[] = [];
  if (!primary?.model) return { formType: input.header?.formType ?? null, record: null, diagnostics };
  const model = primary.model;
  const recognized = recognizeForm(model);
  // A document's own <TYPE> names its form unless it is an exhibit saved on its own.
  const ownType = primary.type && !/^EX-/i.test(primary.type) ? primary.type : null;
  const formType = input.header?.formType ?? ownType ?? recognized ?? primary.type ?? null;
  const sequence = primary.sequence ?? 1;
  let record: FormRecord;
  if (/^6-K/i.test(formType ?? '')) {
    record = extract6K({ model, document: sequence, formType, documents: input.documents });
  } else if (/^(20-F|40-F)/i.test(formType ?? '')) {
    record = extract20F(model, formType, sequence, input.documents);
  } else if (ownershipForm(formType)) {
    record = extractOwnershipText(model, formType, sequence);
  } else if (/^8-K(?:\/A)?$/i.test(formType ?? '')) {
    record = extract8K({
      model,
      document: sequence,
      formType,
      headerItems: input.header?.items ?? [],
      filedAt: input.header?.filedAt ?? null,
      documents: input.documents,
    });
  } else if (/^10-[KQ]/i.test(formType ?? '')) {
    record = extractPeriodicReport(model, formType, sequence, input.documents);
  } else {
    const found = findExhibits(model, sequence);
    const basics = readCoverBasics(model, sequence);
    const signatures = extractSignatures(model, sequence);
    const signed = signatures.find((block) => block.registrant.value !== null)?.registrant;
    record = {
      form: 'other',
      formType,
      registrant: basics.registrant.value === null && signed ? signed : basics.registrant,
      periodOfReport: basics.periodOfReport,
      exhibits: resolveExhibits({ listed: found.listed, documents: input.documents, primaryModel: model, primarySequence: sequence }),
      signatures,
      diagnostics: [],
    };
  }
  if (input.header) diagnostics.push(...crossCheck(input.header, recognized, record));
  return { formType, record, diagnostics };
}

/** Nothing to read exhibit headings from: the primary document of an XML form is not a page model. */
const NO_MODEL: DocumentModel = { kind: 'document', sourceFormat: 'text', source: '', pages: [], diagnostics: [] };

/**
 * The forms filed as XML: ownership (3, 4, 5 and amendments, `<ownershipDocument>`) and 13F (`<edgarSubmission>`
 * cover and `<informationTable>`). Found by the documents' roots, so a bare XML document is read too; null when
 * the submission has none.
 */
function extractXmlForm(input: FilingInput): FilingRecords | null {
  const position = (document: ParsedSubmissionDocument) => document.sequence ?? input.documents.indexOf(document) + 1;
  const ownership = input.documents.find((document) => isOwnershipXml(document.xml));
  const cover = input.documents.find((document) => is13FCoverXml(document.xml));
  const table = input.documents.find((document) => is13FInformationTable(document.xml));
  const primary = ownership ?? cover ?? table;
  if (!primary) return null;
  const ownType = primary.type && !/^(?:EX-|INFORMATION TABLE)/i.test(primary.type) ? primary.type : null;
  const formType = input.header?.formType ?? ownType ?? null;
  const exhibits = resolveExhibits({ listed: [], documents: input.documents, primaryModel: NO_MODEL, primarySequence: position(primary) });
  let record: FormRecord;
  if (ownership?.xml) record = extractOwnershipXml(ownership.xml, formType, position(ownership), exhibits);
  else
    record = extract13F({
      formType,
      cover: cover?.xml ? { xml: cover.xml, sequence: position(cover) } : null,
      table: table?.xml ? { xml: table.xml, sequence: position(table) } : null,
      filedAt: input.header?.filedAt ?? null,
      exhibits,
    });
  const diagnostics = input.header ? crossCheck(input.header, null, record) : [];
  return { formType: formType ?? record.form, record, diagnostics };
}

const LEGAL_FORMS =
  /\b(?:INC|INCORPORATED|CORP|CORPORATION|CO|COMPANY|LTD|LIMITED|PLC|LLC|LP|SA|S A|NV|N V|AG|AB|ASA|SPA|SE|AS|OYJ|KK|THE|GMBH|BV|B V)\b/g;

/** Company names compared without case, punctuation, accents or legal-form words. */
export function sameCompanyName(a: string, b: string): boolean {
  const normalize = (name: string) =>
    name
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toUpperCase()
      .replace(/&/g, ' AND ')
      .replace(/\/[A-Z]{2,3}\/?$/, '')
      .replace(/[^A-Z0-9 ]+/g, ' ')
      .replace(LEGAL_FORMS, ' ')
      .replace(/\s+/g, '');
  const left = normalize(a);
  const right = normalize(b);
  if (left === '' || right === '') return false;
  return left === right || left.startsWith(right) || right.startsWith(left);
}

/** Submission types that are filed on a form of another name: a 485APOS is a post-effective amendment on Form N-1A. */
const FILED_ON: readonly (readonly [RegExp, RegExp])[] = [
  [/^485[AB]/, /^N-/],
  [/^POS AM$/, /^[SF]-/],
];

function sameForm(cover: string, submissionType: string): boolean {
  const base = (form: string) => form.toUpperCase().replace(/\/A$/, '');
  if (base(cover) === base(submissionType)) return true;
  return FILED_ON.some(([type, form]) => type.test(base(submissionType)) && form.test(base(cover)));
}

/** What the body says, next to what the header says. */
export interface HeaderComparison {
  readonly field: 'registrant' | 'form' | 'period';
  readonly header: string | null;
  readonly body: string | null;
  /** `agree`, `disagree`, or `unknown` when either side does not say. */
  readonly verdict: 'agree' | 'disagree' | 'unknown';
  readonly reason: string;
}

/**
 * The header's registrant, form and period against the body's (the basis of the cross-check diagnostics).
 * Three comparisons in one sequence (form, registrant, period), each adding one row in the order the rows are shown;
 * kept together because they are alike and short, and split they would only scatter one table.
 */
export function compareWithHeader(header: SubmissionHeader, recognized: string | null, record: FormRecord | null): HeaderComparison[] {
  const out: HeaderComparison[] = [];
  const headerForm = header.formType?.toUpperCase() ?? null;
  if (!recognized || !headerForm)
    out.push({
      field: 'form',
      header: headerForm,
      body: recognized,
      verdict: 'unknown',
      reason: recognized ? 'the header gives no form type' : 'the cover names no form',
    });
  else {
    const agree = sameForm(recognized, headerForm);
    out.push({
      field: 'form',
      header: headerForm,
      body: recognized,
      verdict: agree ? 'agree' : 'disagree',
      reason: agree ? '' : `the header says ${headerForm} but the cover says ${recognized}`,
    });
  }
  const registrant = record && 'registrant' in record ? record.registrant.value : null;
  const names = header.parties
    .flatMap((party) => [party.company?.name, ...party.formerCompanies.map((former) => former.name)])
    .filter((name): name is string => Boolean(name));
  if (!registrant || names.length === 0)
    out.push({
      field: 'registrant',
      header: names[0] ?? null,
      body: registrant,
      verdict: 'unknown',
      reason: registrant ? 'the header names no filer' : 'the body gives no registrant name',
    });
  else {
    const agree = names.some((name) => sameCompanyName(name, registrant));
    out.push({
      field: 'registrant',
      header: names[0] ?? null,
      body: registrant,
      verdict: agree ? 'agree' : 'disagree',
      reason: agree
        ? ''
        : `the cover names "${registrant}" but the header's filers are ${names
            .slice(0, 3)
            .map((name) => `"${name}"`)
            .join(', ')}`,
    });
  }
  const period = header.periodOfReport;
  let bodyPeriod: string | null = null;
  let compare: (period: string) => boolean = () => false;
  let what = '';
  if (record && (record.form === '6-K' || record.form === '6-K/A')) {
    bodyPeriod = record.reportMonth.value;
    compare = (value) => value.slice(0, 7) === bodyPeriod;
    what = 'the cover reports for';
  } else if (record && 'fiscalYearEnd' in record) {
    bodyPeriod = record.fiscalYearEnd.value;
    compare = (value) => value === bodyPeriod;
    what = 'the fiscal year on the cover ends';
  } else if (record && 'periodOfReport' in record) {
    bodyPeriod = record.periodOfReport.value;
    compare = (value) => value === bodyPeriod;
    what = 'the cover dates the report';
  }
  if (!period || !bodyPeriod)
    out.push({
      field: 'period',
      header: period,
      body: bodyPeriod,
      verdict: 'unknown',
      reason: bodyPeriod ? 'the header gives no period of report' : 'the body gives no period',
    });
  else {
    const agree = compare(period);
    out.push({
      field: 'period',
      header: period,
      body: bodyPeriod,
      verdict: agree ? 'agree' : 'disagree',
      reason: agree ? '' : `${what} ${bodyPeriod} but the header's period of report is ${period}`,
    });
  }
  return out;
}

function crossCheck(header: SubmissionHeader, recognized: string | null, record: FormRecord): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const comparison of compareWithHeader(header, recognized, record)) {
    if (comparison.verdict !== 'disagree') continue;
    const message = `${comparison.reason.charAt(0).toUpperCase()}${comparison.reason.slice(1)}`;
    if (comparison.field === 'form') diagnostics.push(diagnostic('filing/form-mismatch', 'warning', message, 0));
    else if (comparison.field === 'registrant') diagnostics.push(diagnostic('filing/registrant-mismatch', 'warning', message, 0));
    else diagnostics.push(diagnostic('filing/period-mismatch', 'info', message, 0));
  }
  return diagnostics;
}
