import { type Diagnostic, diagnostic } from '../core/diagnostic.js';
import type { DocumentModel } from '../model/document.js';
import { findDate } from './dates.js';
import type { Field, FieldSpan } from './field.js';
import type { OwnershipEntry, OwnershipFootnote, OwnershipRecord, ReportingOwner } from './ownership-record.js';
import { ownershipForm } from './ownership-record.js';
import type { SignatureBlock } from './signatures.js';

/**
 * The Form 3/4/5 of the SGML era (before ownership XML, 2003): a legacy-ASCII form with numbered boxes
 * ("1. Name and Address of Reporting Person", "2. Issuer Name and Ticker or Trading Symbol", "4. Statement for
 * Month/Year", "6. Relationship …" with `(X)` marks) and Tables I and II as `<TABLE>` blocks whose cells are
 * separated by `|`, a cell's text wrapped onto the next line when it does not fit. Read into the same record as
 * the XML where the text allows: what the text form does not give (CIKs, footnote marks) is null, and a value
 * that is there but cannot be read is null with a diagnostic.
 */

interface Line {
  readonly text: string;
  readonly start: number;
}

function linesOf(source: string): Line[] {
  const out: Line[] = [];
  let start = 0;
  while (start <= source.length) {
    let end = source.indexOf('\n', start);
    if (end === -1) end = source.length;
    const text = source.slice(start, end).replace(/\r$/, '');
    out.push({ text, start });
    start = end + 1;
  }
  return out;
}

const NUMBERED_BOX = /^\s*\d{1,2}\.\s*\S/;

/** One cell's text across the lines of a row, with where each piece stands. */
interface Cell {
  readonly pieces: readonly { readonly text: string; readonly start: number; readonly full: boolean }[];
}

/** A row of a `|` table: its lines' cells, column by column. */
interface Row {
  readonly cells: readonly Cell[];
  readonly start: number;
  readonly end: number;
}

export function extractOwnershipText(model: DocumentModel, formType: string | null, document: number): OwnershipRecord {
  const source = model.source;
  const diagnostics: Diagnostic[] = [];
  const lines = linesOf(source);
  // Binary search: a long text form has many pages and many rows.
  const pageOf = (offset: number): number => {
    let low = 0;
    let high = model.pages.length - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const page = model.pages[middle] as DocumentModel['pages'][number];
      if (offset < page.span.start) high = middle - 1;
      else if (offset > page.span.end) low = middle + 1;
      else return page.number;
    }
    return 1;
  };
  const span = (start: number, end: number): FieldSpan => ({ document, page: pageOf(start), start, end });
  const none = <T>(): Field<T | null> => ({ value: null, span: null });
  const lineField = (line: Line | undefined): Field<string | null> => {
    if (!line) return none();
    const text = line.text.trim();
    if (text === '') return none();
    const start = line.start + line.text.indexOf(text);
    return { value: text, span: span(start, start + text.length) };
  };
  const notInText = (field: string, offset = 0) =>
    diagnostics.push(diagnostic('own/not-in-text-form', 'info', `${field}: the text form of the SGML era does not give it`, offset));
  const unreadable = (field: string, text: string, expected: string, offset: number) =>
    diagnostics.push(
      diagnostic('own/unreadable-value', 'warning', `${field}: "${text}" is not ${expected}; the value is left out`, offset),
    );

  const find = (pattern: RegExp, from = 0): number => {
    for (let i = from; i < lines.length; i++) if (pattern.test((lines[i] as Line).text)) return i;
    return -1;
  };
  /** The lines under a numbered box, up to the next numbered box, a table or a blank run. */
  const answerLines = (index: number): Line[] => {
    const out: Line[] = [];
    for (let i = index + 1; i < lines.length; i++) {
      const line = lines[i] as Line;
      if (NUMBERED_BOX.test(line.text) || /^<(?:TABLE|CAPTION|S|C)>/i.test(line.text.trim())) break;
      if (line.text.trim() === '') {
        if (out.length > 0) break;
        continue;
      }
      out.push(line);
    }
    return out;
  };

  // 1. The reporting person: the name on the first line of the box, the address after it.
  const ownerIndex = find(/^\s*1\.\s*Name\s+and\s+Address\s+of\s+Reporting\s+Person/i);
  const ownerName = ownerIndex === -1 ? none<string>() : lineField(answerLines(ownerIndex)[0]);
  if (ownerName.value === null)
    diagnostics.push(diagnostic('own/no-reporting-owner', 'warning', 'reportingOwners: box 1 names no reporting person', 0));

  // 2. The issuer: its name, then its trading symbol on a line of its own (or after the name).
  const issuerIndex = find(/^\s*2\.\s*Issuer\s+Name/i);
  const issuerLines = issuerIndex === -1 ? [] : answerLines(issuerIndex);
  let issuerName = lineField(issuerLines[0]);
  let tradingSymbol = none<string>();
  const symbolLine = issuerLines[1];
  if (symbolLine && /^\s*[A-Z][A-Z.]{0,5}\s*$/.test(symbolLine.text)) tradingSymbol = lineField(symbolLine);
  else if (issuerLines[0]) {
    const both = /^(.*\S)\s*\(\s*([A-Z][A-Z.]{0,5})\s*\)\s*$|^(.*\S)\s{2,}([A-Z][A-Z.]{0,5})\s*$/.exec(issuerLines[0].text);
    if (both) {
      const name = (both[1] ?? both[3]) as string;
      const symbol = (both[2] ?? both[4]) as string;
      const nameStart = issuerLines[0].start + issuerLines[0].text.indexOf(name);
      const symbolStart = issuerLines[0].start + issuerLines[0].text.lastIndexOf(symbol);
      issuerName = { value: name.trim(), span: span(nameStart, nameStart + name.trim().length) };
      tradingSymbol = { value: symbol, span: span(symbolStart, symbolStart + symbol.length) };
    }
  }
  if (issuerName.value === null) diagnostics.push(diagnostic('own/no-issuer', 'warning', 'issuer: box 2 names no issuer', 0));
  notInText('issuer.cik');
  notInText('reportingOwners.cik');

  // 4. "Statement for Month/Year": a full date is the period; a month alone is no date.
  const periodIndex = find(/^\s*4\.\s*Statement\s+for\s+Month/i);
  let periodOfReport = none<string>();
  const periodLine = periodIndex === -1 ? undefined : answerLines(periodIndex)[0];
  if (periodLine) {
    const date = findDate(periodLine.text.replace(/,(?=\d{4}\b)/, ', '));
    const text = periodLine.text.trim();
    const start = periodLine.start + periodLine.text.indexOf(text);
    if (date) periodOfReport = { value: date.iso, span: span(start, start + text.length) };
    else unreadable('periodOfReport', text, 'a date (a month alone gives no day)', start);
  }

  // 5. The date of the original, for an amendment.
  const originalIndex = find(/^\s*5\.\s*If\s+Amendment/i);
  let dateOfOriginalSubmission = none<string>();
  const originalLine = originalIndex === -1 ? undefined : answerLines(originalIndex)[0];
  if (originalLine) {
    const date = findDate(originalLine.text);
    const text = originalLine.text.trim();
    const start = originalLine.start + originalLine.text.indexOf(text);
    if (date) dateOfOriginalSubmission = { value: date.iso, span: span(start, start + text.length) };
    else unreadable('dateOfOriginalSubmission', text, 'a date', start);
  }

  // The check boxes: `(X) Director ( ) 10% Owner ( ) Officer (give title below) ( ) Other`.
  const mark = (label: RegExp, from: number, to: number): Field<boolean | null> => {
    for (let i = Math.max(0, from); i < Math.min(lines.length, to); i++) {
      const line = lines[i] as Line;
      const pattern = new RegExp(`[([]\\s*([Xx]?)\\s*[)\\]]\\s*${label.source}`, 'i');
      const found = pattern.exec(line.text);
      if (found) {
        const start = line.start + found.index;
        return { value: (found[1] ?? '') !== '', span: span(start, start + found[0].length) };
      }
    }
    return none();
  };
  const relationIndex = find(/^\s*6\.\s*Relationship/i);
  const relationEnd = relationIndex === -1 ? -1 : find(NUMBERED_BOX, relationIndex + 1);
  const inRelation = (label: RegExp) =>
    relationIndex === -1 ? none<boolean>() : mark(label, relationIndex, relationEnd === -1 ? relationIndex + 6 : relationEnd);
  const isOfficer = inRelation(/Officer/);
  const isOther = inRelation(/Other/);
  // A title written under "(give title below)" / "(specify below)": the lines after the boxes that are no label.
  let officerTitle = none<string>();
  let otherText = none<string>();
  if (relationIndex !== -1 && (isOfficer.value || isOther.value)) {
    for (let i = relationIndex + 1; i < (relationEnd === -1 ? relationIndex + 6 : relationEnd); i++) {
      const line = lines[i] as Line;
      if (/[([]\s*[Xx ]?\s*[)\]]|^\s*\(?specify below\)?\s*$|^\s*$/i.test(line.text)) continue;
      if (isOfficer.value) officerTitle = lineField(line);
      else otherText = lineField(line);
      break;
    }
  }
  const owner: ReportingOwner = {
    cik: none(),
    name: ownerName,
    isDirector: inRelation(/Director/),
    isOfficer,
    isTenPercentOwner: inRelation(/10%\s*Owner/),
    isOther,
    officerTitle,
    otherText,
  };
  const notSubjectToSection16 = mark(/Check\s+this\s+box\s+if\s+no\s+longer\s+subject/, 0, Math.min(lines.length, 20));

  // Tables I and II.
  const tableStart = find(/^\s*<TABLE>\s*$/i);
  const tableEnd = tableStart === -1 ? -1 : find(/^\s*<\/TABLE>\s*$/i, tableStart);
  const nonDerivative: OwnershipEntry[] = [];
  const derivative: OwnershipEntry[] = [];
  if (tableStart === -1) diagnostics.push(diagnostic('own/no-tables', 'warning', 'Neither Table I nor Table II was found', 0));
  else {
    const tableTwo = find(/Table\s+II\b/i, tableStart);
    const last = tableEnd === -1 ? lines.length : tableEnd;
    const sectionOne = tableTwo === -1 || tableTwo > last ? [tableStart, last] : [tableStart, tableTwo];
    const sectionTwo = tableTwo === -1 || tableTwo > last ? null : [tableTwo, last];
    const rowsOf = ([from, to]: number[]): Row[] => {
      const columns = find(/^\s*<S>/i, from as number);
      return columns === -1 || columns >= (to as number) ? [] : pipeRows(lines.slice(columns + 1, to));
    };
    const reader = { span, unreadable };
    for (const row of rowsOf(sectionOne)) nonDerivative.push(tableOneEntry(row, reader));
    if (sectionTwo) for (const row of rowsOf(sectionTwo)) derivative.push(tableTwoEntry(row, reader));
  }

  // Footnotes: the lines under "Explanation of Responses:", up to the signature.
  const explanationIndex = find(/^\s*Explanation\s+of\s+Responses/i);
  const footnotes: OwnershipFootnote[] = [];
  if (explanationIndex !== -1) {
    for (let i = explanationIndex + 1; i < lines.length; i++) {
      const line = lines[i] as Line;
      if (/SIGNATURE|^\s*\*\*/i.test(line.text)) break;
      const note = /^\s*\(?(\d{1,2})\)?[.:]?\s+(\S.*)$/.exec(line.text);
      if (note) {
        const text = (note[2] as string).trim();
        const start = line.start + line.text.indexOf(text);
        footnotes.push({ id: `F${note[1]}`, text: { value: text, span: span(start, start + text.length) } });
      }
    }
  }

  // The signature: "/s/ name" and the date under "DATE".
  const signatures: SignatureBlock[] = [];
  const signatureIndex = find(/SIGNATURE\s+OF\s+REPORTING\s+PERSON/i);
  if (signatureIndex !== -1) {
    const signed = lines.slice(signatureIndex + 1, signatureIndex + 4).find((line) => /\/s\//i.test(line.text));
    const signature = lineField(signed);
    let name = none<string>();
    if (signed) {
      const found = /\/s\/\s*(\S.*?)\s*$/i.exec(signed.text);
      if (found) {
        const start = signed.start + signed.text.lastIndexOf(found[1] as string);
        name = { value: found[1] as string, span: span(start, start + (found[1] as string).length) };
      }
    }
    const dateIndex = find(/^\s*DATE\s*$/i, signatureIndex);
    const dateLine = dateIndex === -1 ? undefined : answerLines(dateIndex)[0];
    const written = dateLine ? findDate(dateLine.text) : null;
    const date: Field<string | null> =
      dateLine && written
        ? { value: written.iso, span: span(dateLine.start + written.index, dateLine.start + written.index + written.length) }
        : none();
    const end =
      (dateLine ?? signed ?? (lines[signatureIndex] as Line)).start + (dateLine ?? signed ?? (lines[signatureIndex] as Line)).text.length;
    signatures.push({ registrant: none(), signature, name, title: none(), date, span: span((lines[signatureIndex] as Line).start, end) });
  }

  return {
    form: ownershipForm(formType) ?? '4',
    source: 'text',
    schemaVersion: none(),
    periodOfReport,
    dateOfOriginalSubmission,
    notSubjectToSection16,
    issuer: { cik: none(), name: issuerName, tradingSymbol },
    reportingOwners: ownerName.value === null ? [] : [owner],
    nonDerivative,
    derivative,
    footnotes,
    remarks: none(),
    exhibits: [],
    signatures,
    diagnostics,
  };
}

/**
 * The rows of a `|` table: lines that hold a `|`, grouped between rule lines (`____`, `- ----`); a group of
 * lines is one row whose cells wrap. Groups with no text are dropped.
 */
function pipeRows(lines: readonly Line[]): Row[] {
  const rows: Row[] = [];
  let group: Line[] = [];
  const flush = () => {
    if (group.length === 0) return;
    const columns: { text: string; start: number; full: boolean }[][] = [];
    for (const line of group) {
      let at = 0;
      let column = 0;
      for (;;) {
        const bar = line.text.indexOf('|', at);
        const end = bar === -1 ? line.text.length : bar;
        const raw = line.text.slice(at, end);
        const text = raw.trim();
        if (bar === -1 && text === '') break;
        const pieces = columns[column] ?? [];
        columns[column] = pieces;
        if (text !== '') {
          const start = line.start + at + raw.indexOf(text);
          // A piece that fills its cell to the bar was cut by the width: the next line goes on without a space.
          pieces.push({ text, start, full: raw.length > 0 && raw.trimEnd() === raw });
        }
        column++;
        if (bar === -1) break;
        at = bar + 1;
      }
    }
    if (columns.some((pieces) => pieces.length > 0)) {
      const first = group[0] as Line;
      const last = group[group.length - 1] as Line;
      rows.push({ cells: columns.map((pieces) => ({ pieces: pieces ?? [] })), start: first.start, end: last.start + last.text.length });
    }
    group = [];
  };
  for (const line of lines) {
    if (/^[\s_|]*$/.test(line.text) && line.text.includes('_')) flush();
    else if (/^\s*-\s*-{3,}/.test(line.text)) flush();
    else if (line.text.includes('|')) group.push(line);
  }
  flush();
  return rows;
}

interface CellReader {
  span(start: number, end: number): FieldSpan;
  unreadable(field: string, text: string, expected: string, offset: number): void;
}

/** A cell's text: wrapped pieces joined (without a space where the cell was cut at its width). */
function cellText(cell: Cell | undefined, reader: CellReader): Field<string | null> {
  const pieces = cell?.pieces ?? [];
  if (pieces.length === 0) return { value: null, span: null };
  let text = '';
  pieces.forEach((piece, index) => {
    text += index === 0 ? piece.text : (pieces[index - 1]?.full ? '' : ' ') + piece.text;
  });
  if (/^-+$/.test(text)) return { value: null, span: null };
  const first = pieces[0] as Cell['pieces'][number];
  const last = pieces[pieces.length - 1] as Cell['pieces'][number];
  return { value: text, span: reader.span(first.start, last.start + last.text.length) };
}

function numberCell(cell: Cell | undefined, field: string, reader: CellReader): Field<number | null> {
  const text = cellText(cell, reader);
  if (text.value === null) return { value: null, span: null };
  const found = /^\$?\s*(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?\b/.exec(text.value);
  if (!found) {
    reader.unreadable(field, text.value, 'a number', text.span?.start ?? 0);
    return { value: null, span: null };
  }
  const value = Number(`${(found[1] as string).replace(/,/g, '')}${found[2] ?? ''}`);
  const start = (text.span?.start ?? 0) + text.value.indexOf(found[0]);
  return { value, span: reader.span(start, start + found[0].length) };
}

/** `2/7/00` (M/D/YY, the form's own way; years before 50 are 20xx) or `2/7/2000`. */
function dateCell(cell: Cell | undefined, field: string, reader: CellReader): Field<string | null> {
  const text = cellText(cell, reader);
  if (text.value === null) return { value: null, span: null };
  const found = /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})$/.exec(text.value.replace(/\s+/g, ''));
  const year = found ? (found[3]?.length === 2 ? (Number(found[3]) < 50 ? 2000 : 1900) + Number(found[3]) : Number(found[3])) : 0;
  const month = Number(found?.[1] ?? 0);
  const day = Number(found?.[2] ?? 0);
  if (!found || month < 1 || month > 12 || day < 1 || day > 31) {
    reader.unreadable(field, text.value, 'a date M/D/YY', text.span?.start ?? 0);
    return { value: null, span: null };
  }
  return { value: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`, span: text.span };
}

function codeCell<T extends string>(cell: Cell | undefined, field: string, codes: readonly T[], reader: CellReader): Field<T | null> {
  const text = cellText(cell, reader);
  if (text.value === null) return { value: null, span: null };
  const found = codes.find((code) => code === text.value?.toUpperCase());
  if (found === undefined) {
    reader.unreadable(field, text.value, codes.map((code) => `"${code}"`).join(' or '), text.span?.start ?? 0);
    return { value: null, span: null };
  }
  return { value: found, span: text.span };
}

const NO_NUMBER: Field<number | null> = { value: null, span: null };
const NO_TEXT: Field<string | null> = { value: null, span: null };

/** Table I: title | date | code | V | amount | (A)/(D) | price | owned at end of month | D/I | nature. */
function tableOneEntry(row: Row, reader: CellReader): OwnershipEntry {
  const cell = (index: number) => row.cells[index];
  const transactionDate = dateCell(cell(1), 'transactionDate', reader);
  const transactionCode = cellText(cell(2), reader);
  return {
    kind: transactionDate.value !== null || transactionCode.value !== null ? 'transaction' : 'holding',
    securityTitle: cellText(cell(0), reader),
    conversionOrExercisePrice: NO_NUMBER,
    transactionDate,
    deemedExecutionDate: NO_TEXT,
    transactionCode,
    equitySwapInvolved: { value: null, span: null },
    shares: numberCell(cell(4), 'shares', reader),
    totalValue: NO_NUMBER,
    acquiredDisposed: codeCell(cell(5), 'acquiredDisposed', ['A', 'D'] as const, reader),
    pricePerShare: numberCell(cell(6), 'pricePerShare', reader),
    exerciseDate: NO_TEXT,
    expirationDate: NO_TEXT,
    underlyingTitle: NO_TEXT,
    underlyingShares: NO_NUMBER,
    sharesOwnedAfter: numberCell(cell(7), 'sharesOwnedAfter', reader),
    directOrIndirect: codeCell(cell(8), 'directOrIndirect', ['D', 'I'] as const, reader),
    natureOfOwnership: cellText(cell(9), reader),
    footnotes: [],
    span: reader.span(row.start, row.end),
  };
}

/**
 * Table II: title | conversion or exercise price | date | code | V | amount | (A)/(D) | date exercisable |
 * expiration date | underlying title | underlying number | price of derivative | owned at end of month | D/I | nature.
 */
function tableTwoEntry(row: Row, reader: CellReader): OwnershipEntry {
  const cell = (index: number) => row.cells[index];
  const transactionDate = dateCell(cell(2), 'transactionDate', reader);
  const transactionCode = cellText(cell(3), reader);
  return {
    kind: transactionDate.value !== null || transactionCode.value !== null ? 'transaction' : 'holding',
    securityTitle: cellText(cell(0), reader),
    conversionOrExercisePrice: numberCell(cell(1), 'conversionOrExercisePrice', reader),
    transactionDate,
    deemedExecutionDate: NO_TEXT,
    transactionCode,
    equitySwapInvolved: { value: null, span: null },
    shares: numberCell(cell(5), 'shares', reader),
    totalValue: NO_NUMBER,
    acquiredDisposed: codeCell(cell(6), 'acquiredDisposed', ['A', 'D'] as const, reader),
    pricePerShare: numberCell(cell(11), 'pricePerShare', reader),
    exerciseDate: dateCell(cell(7), 'exerciseDate', reader),
    expirationDate: dateCell(cell(8), 'expirationDate', reader),
    underlyingTitle: cellText(cell(9), reader),
    underlyingShares: numberCell(cell(10), 'underlyingShares', reader),
    sharesOwnedAfter: numberCell(cell(12), 'sharesOwnedAfter', reader),
    directOrIndirect: codeCell(cell(13), 'directOrIndirect', ['D', 'I'] as const, reader),
    natureOfOwnership: cellText(cell(14), reader),
    footnotes: [],
    span: reader.span(row.start, row.end),
  };
}
