import { type Diagnostic, diagnostic } from '../core/diagnostic.js';
import type { Choice, DocumentModel } from '../model/document.js';
import type { Form6KWithSpans } from '../model/form-6k-record.js';
import { type AttachedDocument, type Exhibit, matchDocument, resolveExhibits } from './attached-exhibits.js';
import { findDate, MONTH_PATTERN, monthNumber } from './dates.js';
import { type DocumentLine, documentLines, lineSpan } from './document-lines.js';
import { findExhibits } from './exhibit-index.js';
import type { Field, FieldSpan } from './field.js';
import { extractSignatures, type SignatureBlock } from './signatures.js';

export type { AttachedDocument };
export { matchDocument };

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

const NAME_LABEL =
  /^\(?\s*(?:exact\s+)?(?:name|translation)\s+of\s+(?:the\s+)?registrant|^\(?\s*registrant'?s?[’']?s?\s+name|^\(?\s*name\s+of\s+(?:the\s+)?(?:registrant|issuer)/i;
const ADDRESS_LABEL = /^\(\s*address\b|^address\s+of\s+(?:the\s+)?(?:registrant'?s?\s+)?principal\s+(?:executive\s+)?offices?/i;
const REPORT_MONTH = new RegExp(String.raw`for\s+the\s+month\s+of\s*:?\s*(${MONTH_PATTERN})\s*(?:\d{1,2}\s*)?,?\s*(\d{4})`, 'i');
const MONTH_ALONE = new RegExp(String.raw`^(?:for\s+)?(${MONTH_PATTERN})\s*,?\s*(\d{4})\.?$`, 'i');
const FILE_NUMBER = /commission\s+file\s+(?:no\.?|number)\s*:?\s*((?:\d{1,3}\s*-\s*)?\d{4,6}(?:\s*-\s*\d{1,3})?)\b/i;
const FILE_82 = /\b82\s*-\s*([0-9][0-9-]*[0-9])/;
const RULE_12G32B = /12g\s*\(?3\)?\s*[-–—]\s*2\s*\(b\)/i;
const RULE_101B1 = /101\s*\(b\)\s*\(1\)/i;
const RULE_101B7 = /101\s*\(b\)\s*\(7\)/i;
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

  const reportMonth = readReportMonth(lines, document);
  if (reportMonth.value === null)
    diagnostics.push(diagnostic('f6k/missing-report-month', 'warning', 'The cover gives no "For the month of" and no date', 0));
  const name = readRegistrant(lines, document);
  const address = readAddress(lines, name.line, document);
  const commissionFileNumber = readFileNumber(lines, document);
  const annualReportForm = readAnnualReportForm(lines, document, diagnostics);
  const rule12g32b = readQuestion(lines, RULE_12G32B, document);
  const fileNumber82 = rule12g32b.line === -1 ? null : readFileNumber82(lines, rule12g32b.line, document);
  const rule101b1 = readQuestion(lines, RULE_101B1, document);
  const rule101b7 = readQuestion(lines, RULE_101B7, document);

  const found = findExhibits(input.model, document);
  const documents = input.documents ?? [];
  const exhibits = resolveExhibits({
    listed: found.listed,
    unnumbered: found.unnumbered,
    documents,
    primaryModel: input.model,
    primarySequence: document,
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
  const signatures = extractSignatures(input.model, document);
  if (signatures.length === 0) diagnostics.push(diagnostic('f6k/missing-signature', 'warning', 'No signature block was found', 0));

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
      diagnostics.push(diagnostic('f6k/missing-registrant', 'warning', 'No registrant name on the cover or in the signature block', 0));
  }

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

/** "For the month of December 2002"; else a line of its own near the top: "March 2009", "May 20, 2026", "For October 15, 2009". */
function readReportMonth(lines: readonly DocumentLine[], document: number): Field<string | null> {
  const joined = joinLines(lines);
  const match = REPORT_MONTH.exec(joined.text);
  if (match) {
    const month = monthNumber(match[1] as string);
    const line = joined.lineAt(match.index);
    if (month) return { value: `${match[2]}-${String(month).padStart(2, '0')}`, span: line ? lineSpan(line, document) : null };
  }
  for (const line of lines.slice(0, 30)) {
    const alone = MONTH_ALONE.exec(line.text);
    const month = alone ? monthNumber(alone[1] as string) : null;
    if (alone && month) return { value: `${alone[2]}-${String(month).padStart(2, '0')}`, span: lineSpan(line, document) };
    const text = line.text.replace(/^for\s+/i, '').replace(/\.$/, '');
    const date = text.length <= 24 ? findDate(text) : null;
    if (date && date.index === 0 && date.length >= text.length - 1) return { value: date.iso.slice(0, 7), span: lineSpan(line, document) };
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

function isNameLabel(text: string): boolean {
  return NAME_LABEL.test(text);
}

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
    const inline = /^(.+?)\s*\((?:exact\s+)?(?:name|translation)/i.exec(label.text);
    if (inline && /[A-Za-z]/.test(inline[1] as string))
      return {
        field: { value: clean(inline[1] as string), span: lineSpan(label, document, { index: 0, length: (inline[1] as string).length }) },
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
    inline = /^(.+?)\s*\(\s*address\b/i.exec((lines[labelIndex] as DocumentLine).text)?.[1] ?? null;
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

function readFileNumber(lines: readonly DocumentLine[], document: number): Field<string | null> {
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
    return { value: null, span: null };
  }
  return { value: null, span: null };
}

function readAnnualReportForm(lines: readonly DocumentLine[], document: number, diagnostics: Diagnostic[]): Field<'20-F' | '40-F' | null> {
  const line = lines.find((candidate) => candidate.choice && isAnnualReportChoice(candidate.choice));
  if (!line?.choice) return { value: null, span: null };
  const marked = line.choice.options.filter((option) => option.marked);
  if (marked.length !== 1) {
    diagnostics.push(
      diagnostic(
        'f6k/annual-report-form-unmarked',
        'warning',
        marked.length === 0 ? 'Neither Form 20-F nor Form 40-F is marked' : 'Both Form 20-F and Form 40-F are marked',
        line.start,
      ),
    );
    return { value: null, span: lineSpan(line, document) };
  }
  const option = marked[0] as Choice['options'][number];
  const span = option.markSpan ?? option.span;
  return {
    value: /40-F/i.test(option.label) ? '40-F' : '20-F',
    span: { document, page: line.page, start: Math.min(span.start, option.span.start), end: Math.max(span.end, option.span.end) },
  };
}

/**
 * A yes/no question of the cover, found by its rule number: the single box beside it ("… Rule 101(b)(1): [ ]"),
 * the Yes/No choice that follows it, or a blank line for the mark ("…Rule 101(b)(1): ______", unmarked).
 */
function readQuestion(lines: readonly DocumentLine[], rule: RegExp, document: number): { answer: Field<boolean | null>; line: number } {
  const index = lines.findIndex((line) => rule.test(line.text));
  if (index === -1) return { answer: { value: null, span: null }, line: -1 };
  const question = lines[index] as DocumentLine;
  if (question.choice && !isYesNo(question.choice)) {
    const single = question.choice.options.find((option) => rule.test(option.label)) ?? question.choice.options[0];
    if (single) {
      const span = single.markSpan ?? single.span;
      return {
        answer: {
          value: single.marked,
          span: single.marked ? { document, page: question.page, start: span.start, end: span.end } : lineSpan(question, document),
        },
        line: index,
      };
    }
  }
  for (let i = index; i < Math.min(lines.length, index + 5); i++) {
    const line = lines[i] as DocumentLine;
    if (
      i > index &&
      (/indicate by check mark/i.test(line.text) ||
        RULE_101B1.test(line.text) ||
        RULE_101B7.test(line.text) ||
        (rule !== RULE_12G32B && RULE_12G32B.test(line.text)))
    )
      break;
    if (line.choice && isYesNo(line.choice)) {
      const yes = line.choice.options.find((option) => /^yes$/i.test(option.label.trim()));
      const no = line.choice.options.find((option) => /^no$/i.test(option.label.trim()));
      const value = yes?.marked && !no?.marked ? true : no?.marked && !yes?.marked ? false : null;
      const marked = value === true ? yes : value === false ? no : undefined;
      const span = marked ? (marked.markSpan ?? marked.span) : line;
      return { answer: { value, span: { document, page: line.page, start: span.start, end: span.end } }, line: i };
    }
    if (i === index && !line.choice && /[:.)]\s*_{3,}\s*\.?$/.test(line.text)) {
      const blank = line.text.search(/_{3,}\s*\.?$/);
      return { answer: { value: false, span: lineSpan(line, document, { index: blank, length: line.text.length - blank }) }, line: index };
    }
  }
  return { answer: { value: null, span: null }, line: index };
}

function isYesNo(choice: Choice): boolean {
  return (
    choice.options.some((option) => /^yes$/i.test(option.label.trim())) &&
    choice.options.some((option) => /^no$/i.test(option.label.trim()))
  );
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
