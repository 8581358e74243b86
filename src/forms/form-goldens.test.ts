import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fieldsWithoutSpan, spansOf, valuesOf } from '../../test/record-values.js';
import { projectRoot, readCorpus } from '../../test/shared-files.js';
import type { SubmissionHeader } from '../model/submission.js';
import { parseSubmissionDocuments } from '../parse/parse-document.js';
import { parseSubmission } from '../parse/sgml/parse-submission.js';
import { extractFiling, type FilingRecords, type ParsedSubmissionDocument } from './extract-filing.js';
import type { FieldSpan } from './field.js';
import type { Form6KRecord } from './form-6k.js';
import type { Form20FRecord } from './form-20f.js';

const goldenDir = join(projectRoot, 'testdata', 'golden', 'forms');
const NULL_REASONS = new Set([
  'f6k/question-not-found',
  'f6k/not-applicable',
  'f20f/not-applicable',
  'f6k/no-exhibits',
  'sections/not-found',
]);

/** The record's values without its sections: those are checked against their own goldens (sections.test.ts). */
function coverValues(record: unknown): unknown {
  const values = valuesOf(record) as Record<string, unknown> | null;
  if (values === null || typeof values !== 'object') return values;
  const { sections: _sections, sectionsNotFound: _notFound, ...rest } = values;
  return rest;
}

interface Golden {
  readonly name: string;
  readonly sources: readonly string[];
  readonly diagnostics: readonly string[];
  readonly expected: Record<string, unknown>;
}

/** Every golden with a corpus source (the seed's golden is checked in form-6k.test.ts). */
function goldens(): Golden[] {
  return readdirSync(goldenDir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .flatMap((name) => {
      const raw = JSON.parse(readFileSync(join(goldenDir, name), 'utf8')) as Record<string, unknown>;
      if (!raw._source) return [];
      const expected = Object.fromEntries(Object.entries(raw).filter(([key]) => !key.startsWith('_')));
      const sources = Array.isArray(raw._source) ? (raw._source as string[]) : [raw._source as string];
      return [{ name, sources, diagnostics: (raw._diagnostics as string[] | undefined) ?? [], expected }];
    });
}

interface Extracted {
  readonly result: FilingRecords;
  readonly documents: readonly ParsedSubmissionDocument[];
}

/** Parses the sources (a submission, or a document and its exhibits saved apart) and extracts the filing. */
function extract(sources: readonly string[]): Extracted {
  let header: SubmissionHeader | null = null;
  const documents: ParsedSubmissionDocument[] = [];
  for (const source of sources) {
    const submission = parseSubmission(readCorpus(source));
    header ??= submission.header;
    documents.push(...parseSubmissionDocuments(submission));
  }
  return { result: extractFiling({ header, documents }), documents };
}

/** The text a span points at, in the document it names. */
function textAt(documents: readonly ParsedSubmissionDocument[], span: FieldSpan | null): string | null {
  if (!span) return null;
  const document = documents.find((candidate, index) => (candidate.sequence ?? index + 1) === span.document);
  return document?.model ? document.model.source.slice(span.start, span.end) : null;
}

/** Source text with tags dropped and whitespace collapsed, to compare an HTML span with the words it holds. */
function words(text: string | null): string {
  return (text ?? '')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;|&#160;|&#xa0;/gi, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

describe('form goldens (written by reading the filings)', () => {
  const all = goldens();

  it('cover at least six 6-Ks and both corpus 20-Fs', () => {
    const forms = all.map((golden) => golden.expected.form);
    expect(forms.filter((form) => form === '6-K').length).toBeGreaterThanOrEqual(6);
    expect(forms.filter((form) => form === '20-F').length).toBe(2);
  });

  for (const golden of all) {
    it(`${golden.name}: the record states what the filing states`, () => {
      const { result } = extract(golden.sources);
      expect(coverValues(result.record)).toEqual(golden.expected);
      // The info codes that only say why a field is null are checked by the 6-K null-reason test, not listed here.
      const codes = [...(result.record?.diagnostics ?? []), ...result.diagnostics]
        .filter((found) => !NULL_REASONS.has(found.code))
        .map((found) => found.code)
        .sort();
      expect(codes).toEqual([...golden.diagnostics].sort());
    });

    it(`${golden.name}: every value read from the filing has a span inside its document`, () => {
      const { result, documents } = extract(golden.sources);
      expect(fieldsWithoutSpan(result.record)).toEqual([]);
      for (const { path, span } of spansOf(result.record)) {
        const document = documents.find((candidate, index) => (candidate.sequence ?? index + 1) === span.document);
        expect(document, path).toBeTruthy();
        const model = document?.model;
        // A document without a page model (an XBRL schema, a binary) is pointed at as a whole: an empty span at its start.
        if (!model) {
          expect([span.start, span.end], path).toEqual([0, 0]);
          continue;
        }
        expect(span.start, path).toBeGreaterThanOrEqual(0);
        expect(span.end, path).toBeGreaterThanOrEqual(span.start);
        expect(span.end, path).toBeLessThanOrEqual(model.source.length);
        const page = model.pages[span.page - 1];
        expect(page, path).toBeTruthy();
        // A section or an 8-K item runs over many pages: its span starts on the page it names.
        const startsOnly = /^sections\./.test(path) || /^items\.\d+\.span$/.test(path);
        if (page)
          expect(
            span.start >= page.span.start && (startsOnly ? span.start < page.span.end : span.end <= page.span.end),
            `${path} lies on page ${span.page}`,
          ).toBe(true);
      }
    });
  }
});

describe('spans point at the text they were read from', () => {
  it('a legacy-ASCII 6-K: exact character ranges', () => {
    const { result, documents } = extract(['fpi/0000950127-09-000240.txt']);
    const record = result.record as Form6KRecord;
    const at = (span: FieldSpan | null) => textAt(documents, span);
    expect(at(record.registrant.span)).toBe('Acergy S.A.');
    expect(at(record.reportMonth.span)).toBe('For the month of November, 2009');
    expect(at(record.commissionFileNumber.span)).toBe('Commission File Number: 000-21742');
    expect(at(record.annualReportForm.span)).toMatch(/^Form 20-F \[X\]$/);
    expect(at(record.address.span)).toMatch(/^200 Hammersmith Road\s+London, W6 7DL\s+England$/);
    const exhibit = record.exhibits.find((candidate) => candidate.number === '99.6');
    expect(at(exhibit?.span ?? null)).toMatch(
      /^99\.6\s+Depositary's Notice \(of Deutsche Bank Trust Company Americas\) re the\s+Meeting of Acergy S\.A\.$/,
    );
    expect(exhibit?.span.page).toBe(4);
    const signature = record.signatures[0];
    expect(at(signature?.signature.span ?? null)).toBe('/s/ Jean Cahuzac');
    expect(at(signature?.title.span ?? null)).toBe('Chief Executive Officer');
    expect(at(signature?.date.span ?? null)).toBe('November 11, 2009');
    expect(signature?.span.page).toBe(3);
  });

  it('an HTML 6-K: the blocks the values came from', () => {
    const { result, documents } = extract(['fpi/0000910662-10-000302.txt']);
    const record = result.record as Form6KRecord;
    const at = (span: FieldSpan | null) => words(textAt(documents, span));
    expect(at(record.registrant.span)).toBe('B COMMUNICATIONS LTD.');
    expect(at(record.address.span)).toBe('2 Dov Friedman Street, Ramat Gan 52503, Israel');
    expect(at(record.reportMonth.span)).toBe('For the month of July 2010');
    const exhibit = record.exhibits[0];
    expect(at(exhibit?.span ?? null)).toMatch(/^99\.1 Excerpt from the Form of Immediate Report of Bezeq .* dated July 13, 2010\.$/);
    expect(record.signatures[0]?.span.page).toBe(3);
    expect(at(record.signatures[0]?.registrant.span ?? null)).toBe('B COMMUNICATIONS LTD.');
  });

  it('a name read off the signature block points there; an exhibit named in a sentence points at the sentence', () => {
    const alcatel = extract(['fpi/0001308179-09-000016.txt']);
    const registrant = (alcatel.result.record as Form6KRecord).registrant;
    expect(words(textAt(alcatel.documents, registrant.span))).toBe('Alcatel-Lucent');
    expect(registrant.span?.page).toBe(13);
    const aegon = extract(['fpi/0001193125-09-051433.txt']);
    const exhibit = (aegon.result.record as Form6KRecord).exhibits[0];
    expect(words(textAt(aegon.documents, exhibit?.span ?? null))).toContain('is included as appendix');
  });

  it('a 6-K and its exhibit saved apart: the exhibit list is in the 6-K, the attached exhibit is document 2', () => {
    const { result, documents } = extract([
      'fpi/0001104659-26-064092-nbis-20260331x6k.txt',
      'fpi/0001104659-26-064092-nbis-20260331xex99d1.txt',
    ]);
    const record = result.record as Form6KRecord;
    const exhibit = record.exhibits[0];
    expect(exhibit?.span.document).toBe(1);
    expect(words(textAt(documents, exhibit?.span ?? null))).toContain('Operating and Financial Review and Prospects of Nebius Group N.V.');
    expect(exhibit?.documentSequence).toBe(2);
    expect(documents.find((document) => document.sequence === 2)?.type).toBe('EX-99.1');
  });

  it('a legacy-ASCII 20-F in an HTML wrapper: cover fields', () => {
    const { result, documents } = extract(['html/20-f-0000928385-01-500187.html']);
    const record = result.record as Form20FRecord;
    const at = (span: FieldSpan | null) => textAt(documents, span);
    expect(at(record.fiscalYearEnd.span)).toMatch(/^For the fiscal year ended\s+December 31, 2000$/);
    expect(at(record.registrant.span)).toBe('AEGON N.V.');
    expect(at(record.jurisdiction.span)).toBe('The Netherlands');
    expect(at(record.sharesOutstanding.span)).toBe('Number of common shares outstanding: 1,350,523,905');
    expect(at(record.registrantEnglishName.span)).toBe('Not applicable');
    expect(at(record.signatures[0]?.signature.span ?? null)).toBe('s/b/ J.B.M. Streppel');
  });
});
