import { type Diagnostic, diagnostic } from '../core/diagnostic.js';
import type { Choice, DocumentModel } from '../model/document.js';
import { MONTH_PATTERN, monthNumber } from './dates.js';
import { type DocumentLine, documentLines, lineSpan } from './document-lines.js';
import { extractExhibitList, type Regulator } from './exhibit-index.js';
import type { Field, FieldSpan } from './field.js';
import { extractSignatures, type SignatureBlock } from './signatures.js';

/** What the extractor needs to know about the other documents of the submission, to match exhibits. */
export interface AttachedDocument {
  readonly sequence: number | null;
  readonly type: string | null;
  readonly filename: string | null;
  readonly description: string | null;
}

export interface Form6KInput {
  /** The primary document, parsed. */
  readonly model: DocumentModel;
  /** The primary document's sequence (1 when it has none). */
  readonly document?: number;
  /** The form type the header gives (`6-K`, `6-K/A`), when there is a header. */
  readonly formType?: string | null;
  /** Every document of the submission (for the exhibits' "attached" answer); empty for a bare document. */
  readonly documents?: readonly AttachedDocument[];
}

export interface Exhibit6K {
  readonly number: string;
  readonly description: string;
  readonly date: string | null;
  readonly filedWith: readonly Regulator[];
  /** True when a `<DOCUMENT>` of this submission is the exhibit. */
  readonly attached: boolean;
  readonly documentSequence: number | null;
  readonly span: FieldSpan;
}

/** A Form 6-K (report of foreign private issuer) as a typed record; null values are not in the filing. */
export interface Form6KRecord {
  readonly form: '6-K' | '6-K/A';
  /** YYYY-MM. */
  readonly reportMonth: Field<string | null>;
  readonly registrant: Field<string | null>;
  readonly address: Field<string | null>;
  readonly commissionFileNumber: Field<string | null>;
  readonly annualReportForm: Field<'20-F' | '40-F' | null>;
  readonly furnishesUnderRule12g32b: Field<boolean | null>;
  readonly rule12g32bFileNumber: Field<string | null>;
  readonly paperUnderRule101b1: Field<boolean | null>;
  readonly paperUnderRule101b7: Field<boolean | null>;
  readonly exhibits: readonly Exhibit6K[];
  readonly signatures: readonly SignatureBlock[];
  readonly diagnostics: readonly Diagnostic[];
}

const NAME_LABEL = /^\(?\s*(?:exact\s+)?(?:name|translation)\s+of\s+(?:the\s+)?registrant|^\(?\s*registrant'?s?[’']?s?\s+name|^\(?\s*name\s+of\s+(?:the\s+)?(?:registrant|issuer)/i;
const ADDRESS_LABEL = /^\(?\s*address\s+of\s+(?:the\s+)?principal\s+(?:executive\s+)?offices?/i;
const REPORT_MONTH = new RegExp(`for\\s+the\\s+month\\s+of\\s*:?\\s*(${MONTH_PATTERN})\\s*,?\\s*(\\d{4})`, 'i');
const MONTH_ALONE = new RegExp(`^(${MONTH_PATTERN})\\s*,?\\s*(\\d{4})$`, 'i');
const FILE_NUMBER = /commission\s+file\s+(?:no\.?|number)\s*:?\s*([0-9]{1,3}\s*-\s*[0-9]{2,6}(?:-[0-9]{1,3})?)/i;
const FILE_82 = /\b82\s*-\s*([0-9][0-9-]*[0-9])/;
const LABEL_LIKE = /^\(.*\)$|^-+$|^=+$|^_+$/;

/** The cover: pages up to and including the one with the annual-report-form check boxes (at most three). */
function coverLines(model: DocumentModel): DocumentLine[] {
  const pages = model.pages.slice(0, 3);
  const withChoice = pages.findIndex((page) => page.blocks.some((block) => block.kind === 'choice' && isAnnualReportChoice(block)));
  return documentLines(model, withChoice === -1 ? pages.slice(0, 2) : pages.slice(0, withChoice + 1));
}

function isAnnualReportChoice(choice: Choice): boolean {
  return choice.options.some((option) => /20-F/i.test(option.label)) && choice.options.some((option) => /40-F/i.test(option.label));
}

/** Reads a 6-K's cover, exhibit list and signatures. Pure: the caller parses, this only reads the model. */
export function extract6K(input: Form6KInput): Form6KRecord {
  const document = input.document ?? 1;
  const diagnostics: Diagnostic[] = [];
  const lines = coverLines(input.model);
  const form: '6-K' | '6-K/A' = /\/A$/i.test(input.formType ?? '') || lines.some((line) => /form\s+6-K\/A/i.test(line.text)) ? '6-K/A' : '6-K';

  const reportMonth = readReportMonth(lines, document);
  if (reportMonth.value === null) diagnostics.push(diagnostic('f6k/missing-report-month', 'warning', 'The cover gives no "For the month of"', 0));
  const registrant = readRegistrant(lines, document);
  if (registrant.value === null) diagnostics.push(diagnostic('f6k/missing-registrant', 'warning', 'No registrant name above a "(Name of Registrant)" label', 0));
  const address = readAddress(lines, document);
  const commissionFileNumber = readMatch(lines, FILE_NUMBER, document, (match) => (match[1] as string).replace(/\s+/g, ''));

  const annualReportForm = readAnnualReportForm(lines, document, diagnostics);
  const rule12g32b = readQuestion(lines, /12g3-2\s*\(b\)/i, document);
  const fileNumber82 = rule12g32b.line === -1 ? null : readFileNumber82(lines, rule12g32b.line, document);
  const rule101b1 = readQuestion(lines, /101\s*\(b\)\s*\(1\)/i, document);
  const rule101b7 = readQuestion(lines, /101\s*\(b\)\s*\(7\)/i, document);

  const attachedDocuments = input.documents ?? [];
  const exhibits = extractExhibitList(input.model, document).map((listed): Exhibit6K => {
    const match = matchDocument(listed.number, attachedDocuments);
    return {
      number: listed.number,
      description: listed.description,
      date: listed.date,
      filedWith: listed.filedWith,
      attached: match !== null,
      documentSequence: match?.sequence ?? null,
      span: listed.span,
    };
  });
  const signatures = extractSignatures(input.model, document);
  if (signatures.length === 0) diagnostics.push(diagnostic('f6k/missing-signature', 'warning', 'No signature block was found', 0));

  return {
    form,
    reportMonth,
    registrant,
    address,
    commissionFileNumber,
    annualReportForm,
    furnishesUnderRule12g32b: rule12g32b.answer,
    rule12g32bFileNumber: fileNumber82 ?? { value: null, span: null },
    paperUnderRule101b1: rule101b1.answer,
    paperUnderRule101b7: rule101b7.answer,
    exhibits,
    signatures,
    diagnostics,
  };
}

function readReportMonth(lines: readonly DocumentLine[], document: number): Field<string | null> {
  const joined = joinLines(lines);
  const match = REPORT_MONTH.exec(joined.text);
  if (match) {
    const month = monthNumber(match[1] as string);
    const line = joined.lineAt(match.index);
    if (month) return { value: `${match[2]}-${String(month).padStart(2, '0')}`, span: line ? lineSpan(line, document) : null };
  }
  // Some covers give the month on a line of its own under the report title.
  for (const line of lines.slice(0, 30)) {
    const alone = MONTH_ALONE.exec(line.text);
    const month = alone ? monthNumber(alone[1] as string) : null;
    if (alone && month) return { value: `${alone[2]}-${String(month).padStart(2, '0')}`, span: lineSpan(line, document) };
  }
  return { value: null, span: null };
}

/** Cover lines joined with spaces (a phrase may be wrapped), remembering where each line starts. */
function joinLines(lines: readonly DocumentLine[]): { text: string; lineAt: (index: number) => DocumentLine | undefined } {
  const starts: number[] = [];
  let text = '';
  for (const line of lines) {
    starts.push(text.length);
    text += `${line.text} `;
  }
  return {
    text,
    lineAt: (index) => {
      let found = 0;
      for (let i = 0; i < starts.length; i++) if ((starts[i] as number) <= index) found = i;
      return lines[found];
    },
  };
}

function readRegistrant(lines: readonly DocumentLine[], document: number): Field<string | null> {
  const labelIndex = lines.findIndex((line) => NAME_LABEL.test(line.text.replace(/^\(/, '(')) || NAME_LABEL.test(line.text.replace(/^\(/, '')));
  if (labelIndex === -1) return { value: null, span: null };
  const label = lines[labelIndex] as DocumentLine;
  // "HANARO TELECOM, INC. (Name of Registrant)" on one line.
  const inline = /^(.+?)\s*\((?:exact\s+)?(?:name|translation)/i.exec(label.text);
  if (inline && /[A-Za-z]/.test(inline[1] as string)) return { value: clean(inline[1] as string), span: lineSpan(label, document, { index: 0, length: (inline[1] as string).length }) };
  for (let i = labelIndex - 1; i >= Math.max(0, labelIndex - 4); i--) {
    const line = lines[i] as DocumentLine;
    if (LABEL_LIKE.test(line.text) || line.choice) continue;
    if (/for the month of|commission file|^form\s+6-K|securities and exchange|report of foreign/i.test(line.text)) break;
    return { value: clean(line.text), span: lineSpan(line, document) };
  }
  return { value: null, span: null };
}

function readAddress(lines: readonly DocumentLine[], document: number): Field<string | null> {
  const labelIndex = lines.findIndex((line) => ADDRESS_LABEL.test(line.text));
  if (labelIndex === -1) return { value: null, span: null };
  const inline = /^(.+?)\s*\(\s*address\s+of/i.exec((lines[labelIndex] as DocumentLine).text);
  const parts: DocumentLine[] = [];
  for (let i = labelIndex - 1; i >= Math.max(0, labelIndex - 8); i--) {
    const line = lines[i] as DocumentLine;
    if (NAME_LABEL.test(line.text.replace(/^\(/, '')) || NAME_LABEL.test(line.text) || LABEL_LIKE.test(line.text) || /commission file/i.test(line.text)) break;
    if (line.choice) break;
    parts.unshift(line);
  }
  const pieces = parts.map((line) => line.text);
  if (inline && /[A-Za-z0-9]/.test(inline[1] as string)) pieces.push(inline[1] as string);
  if (pieces.length === 0) return { value: null, span: null };
  const value = pieces
    .map((piece) => clean(piece))
    .filter((piece) => piece !== '')
    .reduce((joined, piece) => (joined === '' ? piece : /[,;]$/.test(joined) ? `${joined} ${piece}` : `${joined}, ${piece}`), '');
  const first = parts[0] ?? (lines[labelIndex] as DocumentLine);
  const last = parts.at(-1) ?? first;
  return { value, span: { document, page: first.page, start: first.start, end: last.end } };
}

function clean(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/^[\s_]+|[\s_]+$/g, '').trim();
}

function readMatch(lines: readonly DocumentLine[], pattern: RegExp, document: number, value: (match: RegExpExecArray) => string): Field<string | null> {
  for (const line of lines) {
    const match = pattern.exec(line.text);
    if (match) return { value: value(match), span: lineSpan(line, document, { index: match.index, length: match[0].length }) };
  }
  return { value: null, span: null };
}

function readAnnualReportForm(lines: readonly DocumentLine[], document: number, diagnostics: Diagnostic[]): Field<'20-F' | '40-F' | null> {
  const line = lines.find((candidate) => candidate.choice && isAnnualReportChoice(candidate.choice));
  if (!line?.choice) return { value: null, span: null };
  const marked = line.choice.options.filter((option) => option.marked);
  if (marked.length !== 1) {
    diagnostics.push(
      diagnostic('f6k/annual-report-form-unmarked', 'warning', marked.length === 0 ? 'Neither Form 20-F nor Form 40-F is marked' : 'Both Form 20-F and Form 40-F are marked', line.start),
    );
    return { value: null, span: lineSpan(line, document) };
  }
  const option = marked[0] as Choice['options'][number];
  const span = option.markSpan ?? option.span;
  return { value: /40-F/i.test(option.label) ? '40-F' : '20-F', span: { document, page: line.page, start: Math.min(span.start, option.span.start), end: Math.max(span.end, option.span.end) } };
}

/**
 * A yes/no question of the cover, found by its rule number: the answer is the Yes/No choice that follows it, or
 * the single box that stands beside it ("… Rule 101(b)(1): [ ]").
 */
function readQuestion(lines: readonly DocumentLine[], rule: RegExp, document: number): { answer: Field<boolean | null>; line: number } {
  const index = lines.findIndex((line) => rule.test(line.text));
  if (index === -1) return { answer: { value: null, span: null }, line: -1 };
  const question = lines[index] as DocumentLine;
  if (question.choice) {
    const single = question.choice.options.find((option) => rule.test(option.label)) ?? question.choice.options[0];
    if (single && !isYesNo(question.choice)) {
      return { answer: { value: single.marked, span: lineSpan(question, document) }, line: index };
    }
  }
  for (let i = index; i < Math.min(lines.length, index + 4); i++) {
    const line = lines[i] as DocumentLine;
    if (i > index && /indicate by check mark/i.test(line.text)) break;
    if (line.choice && isYesNo(line.choice)) {
      const yes = line.choice.options.find((option) => /^yes$/i.test(option.label.trim()));
      const no = line.choice.options.find((option) => /^no$/i.test(option.label.trim()));
      const value = yes?.marked && !no?.marked ? true : no?.marked && !yes?.marked ? false : null;
      const marked = value === true ? yes : value === false ? no : undefined;
      const span = marked ? (marked.markSpan ?? marked.span) : line;
      return { answer: { value, span: { document, page: line.page, start: span.start, end: span.end } }, line: i };
    }
  }
  return { answer: { value: null, span: null }, line: index };
}

function isYesNo(choice: Choice): boolean {
  return choice.options.some((option) => /^yes$/i.test(option.label.trim())) && choice.options.some((option) => /^no$/i.test(option.label.trim()));
}

function readFileNumber82(lines: readonly DocumentLine[], from: number, document: number): Field<string | null> | null {
  for (let i = from; i < Math.min(lines.length, from + 4); i++) {
    const line = lines[i] as DocumentLine;
    const match = FILE_82.exec(line.text);
    if (match) return { value: `82-${match[1]}`, span: lineSpan(line, document, { index: match.index, length: match[0].length }) };
  }
  return null;
}

/** The `<DOCUMENT>` that is exhibit `number`: by type (`EX-99.1`, `EX-99`) first, then by file name (`dex991.htm`). */
export function matchDocument(number: string, documents: readonly AttachedDocument[]): AttachedDocument | null {
  const wanted = number.toUpperCase();
  const compact = wanted.replace(/\./g, '');
  for (const candidate of documents) {
    const type = (candidate.type ?? '').toUpperCase().replace(/\s+/g, '');
    if (type === `EX-${wanted}` || type === `EX${wanted}`) return candidate;
  }
  for (const candidate of documents) {
    const name = (candidate.filename ?? '').toLowerCase();
    if (name === '' || !/^ex|[-_]?ex/.test(name)) continue;
    const normalized = name.replace(/d(\d)/g, '.$1');
    if (new RegExp(`ex-?${compact.toLowerCase()}(?![0-9])`).test(name.replace(/[._-]/g, '')) || normalized.includes(`ex${wanted.toLowerCase()}`)) return candidate;
  }
  return null;
}
