import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeXML } from 'entities';
import { describe, expect, it } from 'vitest';
import { fieldsWithoutSpan, valuesOf } from '../../test/record-values.js';
import { projectRoot, readCorpus } from '../../test/shared-files.js';
import type { SubmissionHeader } from '../model/submission.js';
import { parseSubmissionDocuments } from '../parse/parse-document.js';
import { parseSubmission } from '../parse/sgml/parse-submission.js';
import { extractFiling, type FilingRecords, type ParsedSubmissionDocument } from './extract-filing.js';
import type { Field, FieldSpan } from './field.js';

/**
 * Ownership (3/4/5) and 13F records against goldens written by reading the filings (testdata/golden/ownership,
 * testdata/golden/13f), and the invariant every field keeps: its value is what the filing says at its span.
 */

interface Golden {
  readonly name: string;
  readonly source: string;
  readonly diagnostics: readonly string[];
  readonly expected: Record<string, unknown>;
}

function goldens(folder: string): Golden[] {
  const dir = join(projectRoot, 'testdata', 'golden', folder);
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => {
      const raw = JSON.parse(readFileSync(join(dir, name), 'utf8')) as Record<string, unknown>;
      return {
        name: `${folder}/${name}`,
        source: raw._source as string,
        diagnostics: (raw._diagnostics as string[] | undefined) ?? [],
        expected: Object.fromEntries(Object.entries(raw).filter(([key]) => !key.startsWith('_'))),
      };
    });
}

export function extractSource(bytes: Uint8Array): { result: FilingRecords; documents: readonly ParsedSubmissionDocument[] } {
  const submission = parseSubmission(bytes);
  const header: SubmissionHeader | null = submission.header;
  const documents = parseSubmissionDocuments(submission);
  return { result: extractFiling({ header, documents }), documents };
}

/** Every `{ value, span }` of a record, with its path. */
function fieldsOf(record: unknown, path = ''): { path: string; field: Field<unknown> }[] {
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
function textAt(documents: readonly ParsedSubmissionDocument[], span: FieldSpan): { text: string; xml: boolean } | null {
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

describe('ownership and 13F goldens (written by reading the filings)', () => {
  const all = [...goldens('ownership'), ...goldens('13f')];

  it('cover the corpus: four XML Form 4s, the 2000 text Form 4 and both 13F-HRs', () => {
    expect(all.filter((golden) => golden.name.startsWith('ownership/')).length).toBe(5);
    expect(all.filter((golden) => golden.name.startsWith('13f/')).length).toBe(2);
  });

  for (const golden of all) {
    it(`${golden.name}: the record states what the filing states`, () => {
      const { result } = extractSource(readCorpus(golden.source));
      expect(valuesOf(result.record)).toEqual(golden.expected);
      const codes = [...(result.record?.diagnostics ?? []), ...result.diagnostics].map((found) => found.code).sort();
      expect(codes).toEqual([...golden.diagnostics].sort());
    });

    it(`${golden.name}: every value is what the filing says at its span`, () => {
      const { result, documents } = extractSource(readCorpus(golden.source));
      expect(fieldsWithoutSpan(result.record)).toEqual([]);
      const fields = fieldsOf(result.record).filter(({ field }) => field.value !== null);
      expect(fields.length).toBeGreaterThan(10);
      for (const { path, field } of fields) {
        if (path.startsWith('exhibits.')) continue; // an exhibit's description comes from its document's <DESCRIPTION>
        const at = textAt(documents, field.span as FieldSpan);
        expect(at, path).not.toBeNull();
        expect(saysValue(at?.text ?? '', field.value, at?.xml ?? false), `${path}: ${JSON.stringify(field.value)} at "${at?.text}"`).toBe(
          true,
        );
      }
    });
  }
});
