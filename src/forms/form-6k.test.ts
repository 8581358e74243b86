import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { valuesOf } from '../../test/record-values.js';
import { projectRoot, readSeed } from '../../test/shared-files.js';
import { parseSubmissionDocuments } from '../parse/parse-document.js';
import { parseSubmission } from '../parse/sgml/parse-submission.js';
import { extractFiling, recognizeForm } from './extract-filing.js';
import type { Form6KRecord } from './form-6k.js';

const golden = JSON.parse(readFileSync(`${projectRoot}/testdata/golden/forms/hanaro-6k-2002-12.json`, 'utf8')) as Record<string, unknown>;
delete golden._comment;

function seedRecord(): { record: Form6KRecord; source: string } {
  const submission = parseSubmission(readSeed());
  const documents = parseSubmissionDocuments(submission);
  const result = extractFiling({ header: submission.header, documents });
  return { record: result.record as Form6KRecord, source: documents[0]?.model?.source ?? '' };
}

describe('the seed 6-K', () => {
  it('is recognised as a 6-K by its cover, with no header', () => {
    const submission = parseSubmission(readSeed());
    const model = parseSubmissionDocuments(submission)[0]?.model;
    expect(model && recognizeForm(model)).toBe('6-K');
  });

  it('extracts exactly the record the filing states', () => {
    expect(valuesOf(seedRecord().record)).toEqual(golden);
  });

  it('points every field at the text it came from', () => {
    const { record, source } = seedRecord();
    const at = (span: { start: number; end: number } | null) => (span ? source.slice(span.start, span.end) : null);
    expect(at(record.registrant.span)).toBe('HANARO TELECOM, INC.');
    expect(record.registrant.span?.page).toBe(1);
    expect(at(record.reportMonth.span)).toContain('For the month of December 2002');
    expect(at(record.address.span)).toContain('Kukje Electronics Center Bldg., 24th Floor');
    expect(at(record.address.span)).toContain('Seoul, Korea 137-728');
    // The 20-F answer points at the label and the X under it.
    expect(at(record.annualReportForm.span)).toMatch(/^Form 20-F\s+X$/);
    expect(at(record.furnishesUnderRule12g32b.span)).toContain('X');
    const signature = record.signatures[0];
    expect(at(signature?.signature.span ?? null)).toBe('/s/ Kyu June Hwang');
    expect(at(signature?.title.span ?? null)).toBe('Managing Director');
    expect(signature?.span.page).toBe(3);
    const exhibit = record.exhibits[0];
    expect(at(exhibit?.span ?? null)).toContain('Exhibit 99.1:');
  });
});
