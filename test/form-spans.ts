import { decodeXML } from 'entities';
import type { ParsedSubmissionDocument } from '../src/forms/extract-filing.js';
import { extractFiling, type FilingRecords } from '../src/forms/extract-filing.js';
import type { Field, FieldSpan } from '../src/forms/field.js';
import type { SubmissionHeader } from '../src/model/submission.js';
import { parseSubmissionDocuments } from '../src/parse/parse-document.js';
import { parseSubmission } from '../src/parse/sgml/parse-submission.js';

/** Reading a submission's form record for the ownership and 13F tests, and checking a field against its span. */

export function extractSource(bytes: Uint8Array): { result: FilingRecords; documents: readonly ParsedSubmissionDocument[] } {
  const submission = parseSubmission(bytes);
  const header: SubmissionHeader | null = submission.header;
  const documents = parseSubmissionDocuments(submission);
  return { result: extractFiling({ header, documents }), documents };
}

/** Every `{ value, span }` of a record, with its path. */
export function fieldsOf(record: unknown, path = ''): { path: string; field: Field<unknown> }[] {
  if (record === null || typeof record !== 'object') return [];
  const out: { path: string; field: Field<unknown> }[] = [];
  for (const [key, value] of Object.entries(record)) {
    if (key === 'diagnostics' || key === 'span') continue;
    const at = path === '' ? key : `${path}.${key}`;
    if (value !== null && typeof value === 'object' && 'value' in value && 'span' in value)
      out.push({ path: at, field: value as Field<unknown> });
    else out.push(...fieldsOf(value, at));
  }
  return out;
}

const TRUE = new Set(['1', 'true', 'y', 'x']);
const FALSE = new Set(['0', 'false', 'n', '']);

/** Does the text at a span say this value? XML text is read with its entities; text-form cells are joined as wrapped. */
export function saysValue(text: string, value: unknown, xml: boolean): boolean {
  const joined = xml ? decodeXML(text) : text;
  const compact = joined.replace(/\s+/g, '');
  if (typeof value === 'number') return Number(compact.replace(/^\$/, '').replace(/,/g, '')) === value;
  if (typeof value === 'boolean') {
    const mark = /^[([]\s*([Xx]?)\s*[)\]]/.exec(joined.trim());
    const said = (mark ? (mark[1] ?? '') : joined.trim()).toLowerCase();
    return value ? TRUE.has(said) : FALSE.has(said);
  }
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const [year, month, day] = value.split('-').map(Number) as [number, number, number];
    const us = /^(\d{1,2})[-/](\d{1,2})[-/](\d{2}|\d{4})$/.exec(compact);
    if (us) return Number(us[1]) === month && Number(us[2]) === day && Number(us[3]) % 100 === year % 100;
    if (compact.startsWith(value)) return true;
    const months = [
      'january',
      'february',
      'march',
      'april',
      'may',
      'june',
      'july',
      'august',
      'september',
      'october',
      'november',
      'december',
    ];
    return new RegExp(`^${months[month - 1]}${day},?${year}$`, 'i').test(compact);
  }
  if (typeof value === 'string') return compact === value.replace(/\s+/g, '');
  return false;
}

/**
 * The text at a span. In a text form's `|` table a value may wrap onto the next lines of its cell: its text is
 * then the cell's pieces, line by line, in the column where the span starts.
 */
export function textAt(documents: readonly ParsedSubmissionDocument[], span: FieldSpan): { text: string; xml: boolean } | null {
  const document = documents.find((candidate, index) => (candidate.sequence ?? index + 1) === span.document);
  if (document?.xml) return { text: document.xml.source.slice(span.start, span.end), xml: true };
  if (!document?.model) return null;
  const source = document.model.source;
  const text = source.slice(span.start, span.end);
  if (!text.includes('\n')) return { text, xml: false };
  const column = span.start - (source.lastIndexOf('\n', span.start - 1) + 1);
  const pieces: string[] = [];
  for (let lineStart = source.lastIndexOf('\n', span.start - 1) + 1; lineStart < span.end; ) {
    const lineEnd = source.indexOf('\n', lineStart) === -1 ? source.length : source.indexOf('\n', lineStart);
    const line = source.slice(lineStart, lineEnd);
    const from = line.lastIndexOf('|', column - 1) + 1;
    const to = line.indexOf('|', column) === -1 ? line.length : line.indexOf('|', column);
    pieces.push(line.slice(from, to).trim());
    lineStart = lineEnd + 1;
  }
  return { text: pieces.join(''), xml: false };
}
