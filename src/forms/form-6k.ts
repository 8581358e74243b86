import { type Diagnostic, diagnostic } from '../core/diagnostic.js';
import type { Choice, DocumentModel } from '../model/document.js';
import type { Form6KWithSpans } from '../model/form-6k-record.js';
import { type AttachedDocument, type Exhibit, matchDocument, resolveExhibits } from './attached-exhibits.js';
import { readAnnualReportForm, readYesNoQuestion } from './cover-questions.js';
import { findDate, lenientMonthNumber, MONTH_PATTERN, monthNumber } from './dates.js';
import { type DocumentLine, documentLines, lineSpan, textBeforeLabel } from './document-lines.js';
import { findExhibits } from './exhibit-index.js';
import type { Field, FieldSpan } from './field.js';
import { extractSignatures, type SignatureBlock } from './signatures.js';

export type { AttachedDocument };
export { matchDocument };

/** What `extract6K` reads: the 6-K's document model, its sequence, its form type and the other documents of the submission. */
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

/** An exhibit of a 6-K: number, description, date, regulators, and the document of this submission that carries it. */
export type Exhibit6K = Exhibit;

/**
 * A Form 6-K (report of foreign private issuer) as a typed record; null values are not in the filing. Its fields
 * are the 6-K values of model/form-6k-record.ts (one definition for extract, compose, CSV and the web UI), each with
 * its span: reportMonth (YYYY-MM: "For the month of …", or the month of the date the cover gives instead),
 * registrant (the name on the cover; when the cover shows it only as a logo, the registrant line of the signature
 * block), address, commissionFileNumber, annualReportForm, furnishesUnderRule12g32b, rule12g32bFileNumber,
 * paperUnderRule101b1, paperUnderRule101b7.
 */
export interface Form6KRecord extends Form6KWithSpans<FieldSpan> {
  readonly exhibits: readonly Exhibit6K[];
  readonly signatures: readonly SignatureBlock[];
  readonly diagnostics: readonly Diagnostic[];
}

/** The cover's answers, in the order the form asks them. */
export const F6K_COVER_FIELDS = [
  'reportMonth',
  'registrant',
  'address',
  'commissionFileNumber',
  'annualReportForm',
  'furnishesUnderRule12g32b',
  'rule12g32bFileNumber',
  'paperUnderRule101b1',
  'paperUnderRule101b7',
] as const;
export type F6KCoverField = (typeof F6K_COVER_FIELDS)[number];

/**
 * The fields a diagnostic explains the absence of: a diagnostic about one field starts its message with the
 * field's name (`paperUnderRule101b1: …`); `f6k/no-cover` explains every cover field.
 */
export function fieldOfDiagnostic(found: Diagnostic): readonly string[] {
  if (found.code === 'f6k/no-cover') return F6K_COVER_FIELDS;
  if (found.code === 'f6k/missing-signature') return ['signatures'];
  const named = /^(\w+):/.exec(found.message)?.[1];
  return named !== undefined && [...F6K_COVER_FIELDS, 'exhibits', 'signatures'].includes(named) ? [named] : [];
}

const NAME_LABEL =
  /^\(?\s*(?:exact\s+)?(?:name|translation)\s+of\s+(?:the\s+)?registrant|^\(?\s*registrant'?s?[’']?s?\s+name|^\(?\s*name\s+of\s+(?:the\s+)?(?:registrant|issuer)/i;
const ADDRESS_LABEL = /^\(\s*address\b|^address\s+of\s+(?:the\s+)?(?:registrant'?s?\s+)?principal\s+(?:executive\s+)?offices?/i;
/** "For the month of December 2002", "For the month of, July 2010", "For the month November, 2010", "… of Ocotber, 2009". */
// No two whitespace quantifiers stand side by side (`\s+(?:of)?\s*[,:]?\s*` splits a run of spaces cubically).
const REPORT_MONTH = /for\s+the\s+month\s+(?:of\b\s*)?(?:[,:]\s*)?([A-Za-z]{3,11})\.?\s*(?:\d{1,2}(?:st|nd|rd|th)?\s*)?(?:,\s*)?(\d{4})/i;
/** "Date: May 7, 2010", "Dated: 7 May 2010" on the cover, in place of the month. */
const DATE_LABEL = /^dated?\s*:?\s*/i;
/** A 6-K's cover announces itself before its first questions. */
const COVER_TITLE = /report\s+of\s+foreign\s+(?:private\s+)?issuer|\bf\s*o\s*r\s*m\s+6\s*-\s*K\b|rule\s+13a\s*-\s*16|15d\s*-\s*16/i;
const MONTH_ALONE = new RegExp(String.raw`^(?:for\s+)?(${MONTH_PATTERN})\s*(?:,\s*)?(\d{4})\.?$`, 'i');
const FILE_NUMBER = /commission\s+file\s+(?:no\.?|number)\s*(?::\s*)?((?:\d{1,3}\s*-\s*)?\d{4,6}(?:\s*-\s*\d{1,3})?)\b/i;
const FILE_82 = /\b82\s*-\s*([0-9][0-9-]*[0-9])/;
const LABEL_LIKE = /^\(.*\)?$|^-+$|^=+$|^_+$/;
const COVER_HEADER =
  /for the month of|commission file|^(?:f\s*o\s*r\s*m|form)\s+6-K|securities and exchange|report of foreign|pursuant to|washington|exchange act of 1934/i;
const PHONE = /^(?:tel(?:ephone)?|phone|fax)\b|^[+(]?\d[\d\s().+/-]{6,}$/i;
const COVER_LINES = 150;

/**
 * The cover: the first pages, up to the one after the annual-report-form check boxes (the cover's last questions
 * may run over a page break), at most three pages and a few dozen lines.
 */
function coverLines(model: DocumentModel): DocumentLine[] {
  const pages = model.pages.slice(0, 3);
  const withChoice = pages.findIndex((page) => page.blocks.some((block) => block.kind === 'choice' && isAnnualReportChoice(block)));
  return documentLines(model, pages.slice(0, withChoice === -1 ? 2 : withChoice + 2), { limit: COVER_LINES });
}

function isAnnualReportChoice(choice: Choice): boolean {
  return choice.options.some((option) => /20-F/i.test(option.label)) && choice.options.some((option) => /40-F/i.test(option.label));
}

/** Reads a 6-K's cover, exhibit list and signatures. Pure: the caller parses, this only reads the model. */
export function extract6K(input: Form6KInput): Form6KRecord {
  const document = input.document ?? 1;
  const diagnostics: Diagnostic[] = [];
  const lines = coverLines(input.model);
  const form: '6-K' | '6-K/A' =
    /\/A$/i.test(input.formType ?? '') || lines.some((line) => /form\s+6-K\/A/i.test(line.text)) ? '6-K/A' : '6-K';

  if (!lines.slice(0, 40).some((line) => COVER_TITLE.test(line.text))) return withoutCover(input, form, document, diagnostics);
  const reportMonth = readReportMonth(lines, document, diagnostics);
  const name = readRegistrant(lines, document);
  const address = readAddress(lines, name.line, document);
  const commissionFileNumber = readFileNumber(lines, document, diagnostics);
  if (name.field.value !== null && address.value === null)
    diagnostics.push(diagnostic('f6k/question-not-found', 'info', 'address: the cover gives no address of principal executive offices', 0));
  const annualReportForm = readAnnualReportForm(lines, document, diagnostics).field;
  const rule12g32b = readYesNoQuestion(lines, 'rule12g32b', document, diagnostics);
  const fileNumber82 = rule12g32b.line === -1 ? null : readFileNumber82(lines, rule12g32b.line, document);
  if (fileNumber82 === null) {
    const answer = rule12g32b.field.value;
    if (answer === false)
      diagnostics.push(diagnostic('f6k/not-applicable', 'info', 'rule12g32bFileNumber: "No" is marked, so no 82- file number applies', 0));
    else if (answer === true)
      diagnostics.push(
        diagnostic('f6k/no-answer-blank', 'warning', 'rule12g32bFileNumber: "Yes" is marked but no 82- file number is given', 0),
      );
    else
      diagnostics.push(
        diagnostic(
          'f6k/not-applicable',
          'info',
          rule12g32b.line === -1
            ? 'rule12g32bFileNumber: the cover does not ask the Rule 12g3-2(b) question'
            : 'rule12g32bFileNumber: the Rule 12g3-2(b) question has no answer',
          0,
        ),
      );
  }
  const rule101b1 = readYesNoQuestion(lines, 'rule101b1', document, diagnostics);
  const rule101b7 = readYesNoQuestion(lines, 'rule101b7', document, diagnostics);

  const { exhibits, signatures } = readBody(input, document, diagnostics);

  let registrant = name.field;
  if (registrant.value === null) {
    const signed = signatures.find((block) => block.registrant.value !== null);
    if (signed) {
      registrant = signed.registrant;
      diagnostics.push(
        diagnostic(
          'f6k/registrant-from-signature',
          'info',
          'The cover gives no registrant name (a logo?); it is read from the signature block',
          signed.span.start,
        ),
      );
    } else
      diagnostics.push(
        diagnostic('f6k/missing-registrant', 'warning', 'registrant: no registrant name on the cover or in the signature block', 0),
      );
  }

  return {
    form,
    reportMonth,
    registrant,
    address,
    commissionFileNumber,
    annualReportForm,
    furnishesUnderRule12g32b: rule12g32b.field,
    rule12g32bFileNumber: fileNumber82 ?? { value: null, span: null },
    paperUnderRule101b1: rule101b1.field,
    paperUnderRule101b7: rule101b7.field,
    exhibits,
    signatures,
    diagnostics,
  };
}

/** The exhibits and signatures, read whether or not the document has a 6-K cover. */
function readBody(
  input: Form6KInput,
  document: number,
  diagnostics: Diagnostic[],
): { exhibits: Exhibit6K[]; signatures: SignatureBlock[] } {
  const found = findExhibits(input.model, document);
  const documents = input.documents ?? [];
  const exhibits = resolveExhibits({
    listed: found.listed,
    unnumbered: found.unnumbered,
    documents,
    primaryModel: input.model,
    primarySequence: document,
    printedAfterList: true,
  });
  if (documents.length > 1) {
    for (const exhibit of exhibits) {
      if (!exhibit.attached)
        diagnostics.push(
          diagnostic(
            'f6k/exhibit-not-attached',
            'info',
            `Exhibit ${exhibit.number} is listed but no document of the submission carries it`,
            exhibit.span.start,
          ),
        );
    }
  }
  if (exhibits.length === 0)
    diagnostics.push(diagnostic('f6k/no-exhibits', 'info', 'exhibits: the report lists no exhibit and the submission carries none', 0));
  const signatures = extractSignatures(input.model, document);
  if (signatures.length === 0) diagnostics.push(diagnostic('f6k/missing-signature', 'warning', 'No signature block was found', 0));
  return { exhibits, signatures };
}

/**
 * A document filed as a 6-K that has no 6-K cover (a press release, an agreement, a paper-filing placeholder): no
 * cover field is read from its text, and the record says why.
 */
function withoutCover(input: Form6KInput, form: '6-K' | '6-K/A', document: number, diagnostics: Diagnostic[]): Form6KRecord {
  diagnostics.push(
    diagnostic(
      'f6k/no-cover',
      'warning',
      'The document filed as a 6-K has no 6-K cover ("Report of Foreign Private Issuer"): no cover field is read',
      0,
    ),
  );
  const { exhibits, signatures } = readBody(input, document, diagnostics);
  const empty = { value: null, span: null };
  return {
    form,
    reportMonth: empty,
    registrant: empty,
    address: empty,
    commissionFileNumber: empty,
    annualReportForm: empty,
    furnishesUnderRule12g32b: empty,
    rule12g32bFileNumber: empty,
    paperUnderRule101b1: empty,
    paperUnderRule101b7: empty,
    exhibits,
    signatures,
    diagnostics,
  };
}

/** "For the month of December 2002"; else a line of its own near the top: "March 2009", "May 20, 2026", "For October 15, 2009", "Date: May 7, 2010". */
function readReportMonth(lines: readonly DocumentLine[], document: number, diagnostics: Diagnostic[]): Field<string | null> {
  const joined = joinLines(lines);
  const match = REPORT_MONTH.exec(joined.text);
  if (match) {
    const month = lenientMonthNumber(match[1] as string);
    const line = joined.lineAt(match.index);
    if (month) return { value: `${match[2]}-${String(month).padStart(2, '0')}`, span: line ? lineSpan(line, document) : null };
  }
  for (const line of lines.slice(0, 30)) {
    const alone = MONTH_ALONE.exec(line.text);
    const month = alone ? monthNumber(alone[1] as string) : null;
    if (alone && month) return { value: `${alone[2]}-${String(month).padStart(2, '0')}`, span: lineSpan(line, document) };
    const text = line.text
      .replace(/^for\s+/i, '')
      .replace(DATE_LABEL, '')
      .replace(/\.$/, '');
    const date = text.length <= 24 ? findDate(text) : null;
    if (date && date.index === 0 && date.length >= text.length - 1) return { value: date.iso.slice(0, 7), span: lineSpan(line, document) };
  }
  const period = lines.slice(0, 30).find((line) => /^for\s+the\s+(?:\w+\s+)?(?:months?|period|quarter|year)\s+ended\b/i.test(line.text));
  // "For the six months ended June 30, 2009": the cover dates the report by the period's end.
  const ended = period && period.text.length <= 60 ? findDate(period.text) : null;
  if (ended) return { value: ended.iso.slice(0, 7), span: lineSpan(period as DocumentLine, document) };
  diagnostics.push(
    diagnostic(
      period ? 'f6k/no-report-month' : 'f6k/missing-report-month',
      'warning',
      period
        ? `reportMonth: the cover gives a period ("${period.text.slice(0, 60)}"), not a month`
        : 'reportMonth: the cover gives no "For the month of" and no date',
      period?.start ?? 0,
    ),
  );
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

function isNameLabel(text: string): boolean {
  return NAME_LABEL.test(text);
}

const INLINE_NAME_LABEL = /\((?:exact\s+)?(?:name|translation)/gi;
const INLINE_ADDRESS_LABEL = /\(\s*address\b/gi;

/**
 * The registrant: the line above "(Name of Registrant)" / "(Translation of registrant's name into English)", or
 * the name on the line of its own "HANARO TELECOM, INC. (Name of Registrant)"; on covers without such a label,
 * the first line after the report month and the commission file number. `line` is the index of the name's line.
 */
function readRegistrant(lines: readonly DocumentLine[], document: number): { field: Field<string | null>; line: number } {
  const none = { field: { value: null, span: null }, line: -1 };
  const labelIndex = lines.findIndex((line) => isNameLabel(line.text));
  if (labelIndex !== -1) {
    const label = lines[labelIndex] as DocumentLine;
    const inline = textBeforeLabel(label.text, INLINE_NAME_LABEL);
    if (inline !== null && /[A-Za-z]/.test(inline))
      return {
        field: { value: clean(inline), span: lineSpan(label, document, { index: 0, length: inline.length }) },
        line: labelIndex,
      };
    for (let i = labelIndex - 1; i >= Math.max(0, labelIndex - 4); i--) {
      const line = lines[i] as DocumentLine;
      if (/^[-=_]+$/.test(line.text) || line.choice) continue;
      if (LABEL_LIKE.test(line.text) || COVER_HEADER.test(line.text)) break;
      return { field: { value: clean(line.text), span: lineSpan(line, document) }, line: i };
    }
    return { ...none, line: labelIndex };
  }
  // No label: the name follows the report month and the file number.
  let anchor = -1;
  for (let i = 0; i < Math.min(lines.length, 30); i++) {
    const text = (lines[i] as DocumentLine).text;
    if (/for the month of|commission file/i.test(text) || MONTH_ALONE.test(text) || isDateLine(text)) anchor = i;
  }
  if (anchor === -1) return none;
  for (let i = anchor + 1; i < Math.min(lines.length, anchor + 3); i++) {
    const line = lines[i] as DocumentLine;
    if (/^[-=_]+$/.test(line.text)) continue;
    if (
      line.choice ||
      LABEL_LIKE.test(line.text) ||
      /indicate by check mark/i.test(line.text) ||
      line.text.length > 100 ||
      !/[A-Za-z]/.test(line.text)
    )
      return none;
    return { field: { value: clean(line.text), span: lineSpan(line, document) }, line: i };
  }
  return none;
}

function isDateLine(text: string): boolean {
  const bare = text.replace(/^for\s+/i, '').replace(/\.$/, '');
  if (bare.length > 24) return false;
  const date = findDate(bare);
  return date !== null && date.index === 0 && date.length >= bare.length - 1;
}

/**
 * The lines above "(Address of principal executive offices)" up to the name (or the label above them); without the
 * label, the lines that follow an unlabelled name on its page. Telephone lines are not part of the address.
 */
function readAddress(lines: readonly DocumentLine[], nameLine: number, document: number): Field<string | null> {
  const labelIndex = lines.findIndex((line, index) => index > nameLine && ADDRESS_LABEL.test(line.text));
  const parts: DocumentLine[] = [];
  let inline: string | null = null;
  if (labelIndex !== -1) {
    inline = textBeforeLabel((lines[labelIndex] as DocumentLine).text, INLINE_ADDRESS_LABEL);
    for (let i = labelIndex - 1; i > nameLine && i >= Math.max(0, labelIndex - 8); i--) {
      const line = lines[i] as DocumentLine;
      if (/^[-=_]+$/.test(line.text)) continue;
      if (isNameLabel(line.text) || LABEL_LIKE.test(line.text) || line.choice || /commission file|for the month of/i.test(line.text)) break;
      parts.unshift(line);
    }
  } else if (nameLine !== -1 && !isNameLabel((lines[nameLine] as DocumentLine).text)) {
    const page = (lines[nameLine] as DocumentLine).page;
    for (let i = nameLine + 1; i < Math.min(lines.length, nameLine + 7); i++) {
      const line = lines[i] as DocumentLine;
      if (
        line.page !== page ||
        line.choice ||
        LABEL_LIKE.test(line.text) ||
        /indicate by check mark|commission file/i.test(line.text) ||
        line.text.length > 100
      )
        break;
      parts.push(line);
    }
  }
  const kept = parts.filter((line) => !PHONE.test(line.text));
  const pieces = kept.map((line) => line.text);
  if (inline && /[A-Za-z0-9]/.test(inline)) pieces.push(inline);
  const value = pieces
    .map((piece) => clean(piece))
    .filter((piece) => piece !== '')
    .reduce((joined, piece) => (joined === '' ? piece : /[,;]$/.test(joined) ? `${joined} ${piece}` : `${joined}, ${piece}`), '');
  if (value === '') return { value: null, span: null };
  const first = kept[0] ?? (lines[labelIndex] as DocumentLine);
  const last = kept.at(-1) ?? first;
  return { value, span: { document, page: first.page, start: first.start, end: last.end } };
}

function clean(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(/^[\s_]+|[\s_]+$/g, '')
    .trim();
}

function readFileNumber(lines: readonly DocumentLine[], document: number, diagnostics: Diagnostic[]): Field<string | null> {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as DocumentLine;
    if (!/commission\s+file/i.test(line.text)) continue;
    const match = FILE_NUMBER.exec(line.text);
    if (match)
      return {
        value: (match[1] as string).replace(/\s+/g, ''),
        span: lineSpan(line, document, { index: match.index, length: match[0].length }),
      };
    const next = lines[i + 1];
    const joined = next ? FILE_NUMBER.exec(`${line.text} ${next.text}`) : null;
    if (joined && next)
      return { value: (joined[1] as string).replace(/\s+/g, ''), span: { document, page: line.page, start: line.start, end: next.end } };
    diagnostics.push(
      diagnostic(
        'f6k/no-answer-blank',
        'warning',
        'commissionFileNumber: "Commission File Number" is printed without a number',
        line.start,
      ),
    );
    return { value: null, span: null };
  }
  diagnostics.push(diagnostic('f6k/question-not-found', 'info', 'commissionFileNumber: the cover gives no commission file number', 0));
  return { value: null, span: null };
}

/** The `82-` file number written after "If "Yes" is marked, indicate below the file number …". */
function readFileNumber82(lines: readonly DocumentLine[], from: number, document: number): Field<string | null> | null {
  for (let i = from; i < Math.min(lines.length, from + 6); i++) {
    const line = lines[i] as DocumentLine;
    if (!/if\s+["“]?yes["”]?\s+is\s+marked/i.test(line.text) && !FILE_82.test(line.text)) continue;
    for (const candidate of [line, lines[i + 1]]) {
      const match = candidate ? FILE_82.exec(candidate.text) : null;
      if (match && candidate)
        return { value: `82-${match[1]}`, span: lineSpan(candidate, document, { index: match.index, length: match[0].length }) };
    }
    return null;
  }
  return null;
}

export type { FieldSpan };
