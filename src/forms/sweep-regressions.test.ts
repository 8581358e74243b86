import { describe, expect, it } from 'vitest';
import { LINEAR_RATIO, scalingRatio } from '../../test/scaling.js';
import { readCorpus } from '../../test/shared-files.js';
import type { DocumentModel } from '../model/document.js';
import { parseDocument, parseSubmissionDocuments } from '../parse/parse-document.js';
import { parseSubmission } from '../parse/sgml/parse-submission.js';
import { findDate } from './dates.js';
import { documentLines } from './document-lines.js';
import { describe as describeExhibit, findExhibits } from './exhibit-index.js';
import { extractFiling } from './extract-filing.js';
import type { FieldSpan } from './field.js';
import { extract20F } from './form-20f.js';
import { findSections } from './sections.js';
import { extractSignatures } from './signatures.js';

/** Bugs the corpus sweep (corpus-sweep.test.ts, bench/form-sweep.ts) found, one test each. */

const at = (model: DocumentModel, span: FieldSpan | null) => (span ? model.source.slice(span.start, span.end) : null);

describe('found by the corpus sweep', () => {
  it('a 6-K cover that never asks the Rule 12g3-2(b) question says so, rather than that the question has no answer', () => {
    // fpi/0000950142-09-000801.txt: the cover has no "12g3-2(b)" anywhere; a cover that asks but leaves both boxes
    // empty is the other message.
    const submission = parseSubmission(readCorpus('fpi/0000950142-09-000801.txt'));
    const { record } = extractFiling(submission);
    const notes = (record?.diagnostics ?? [])
      .map((found) => found.message)
      .filter((message) => message.startsWith('rule12g32bFileNumber: '));
    expect(notes).toEqual(['rule12g32bFileNumber: the cover does not ask the Rule 12g3-2(b) question']);
  });

  it('a date in the "Pursuant to …" paragraph is pointed at where it stands, not at the paragraph\'s first line', () => {
    // The 1995 S-3/A: "Pursuant to the requirements of the Securities Act of 1933, …" ⏎ … ⏎ "York, on May 25, 1995."
    const submission = parseSubmission(readCorpus('submissions/0000899681-95-000096.txt'));
    const model = parseSubmissionDocuments(submission)[0]?.model as DocumentModel;
    const [block] = extractSignatures(model, 1);
    expect(block?.date.value).toBe('1995-05-25');
    expect(at(model, block?.date.span ?? null)).toContain('on May 25, 1995.');
  });

  it('a label under a signature block ("Footnotes:" … "Attention:") is not the rest of the title', () => {
    // The SC 13G/A of 2024: "Title: Vice President", then a footnotes table whose first cell is "Attention:".
    const { record } = extractFiling(parseSubmission(readCorpus('submissions/0000019617-24-000012.txt')));
    const signature = (record as { signatures: readonly { title: { value: string | null } }[] }).signatures[0];
    expect(signature?.title.value).toBe('Vice President');
  });

  it('a fiscal year end whose year is on the next line is pointed at over both lines', () => {
    const model = parseDocument(
      [
        '                      FORM 20-F',
        '',
        '   [X] ANNUAL REPORT PURSUANT TO SECTION 13 OR 15(d) OF THE SECURITIES EXCHANGE ACT OF 1934',
        '',
        '             For the fiscal year ended December 31,',
        '                          2008',
        '',
        '                      EXAMPLE N.V.',
        '     (Exact name of Registrant as specified in its charter)',
        '',
      ].join('\n'),
      'text',
    );
    const record = extract20F(model, '20-F');
    expect(record.fiscalYearEnd.value).toBe('2008-12-31');
    expect(at(model, record.fiscalYearEnd.span)).toMatch(/^For the fiscal year ended December 31,\s+2008$/);
  });

  it('a cover line that says "Not applicable" gives null with a diagnostic saying so', () => {
    const submission = parseSubmission(readCorpus('html/20-f-0000928385-01-500187.html'));
    const { record } = extractFiling(submission);
    expect(record?.form).toBe('20-F');
    const english = (record as { registrantEnglishName: { value: string | null; span: FieldSpan | null } }).registrantEnglishName;
    expect(english.value).toBeNull();
    expect(english.span).not.toBeNull();
    expect(record?.diagnostics.find((found) => found.code === 'f20f/not-applicable')?.message).toMatch(/^registrantEnglishName: /);
  });

  it('the lines of an HTML <pre> block keep their own source ranges, so a section starts at its heading', () => {
    const html = [
      '<html><body><pre>Exhibit 99.1</pre>',
      '<pre>News release',
      '',
      '    Results for the year &amp; the quarter',
      '',
      '    Controls and Procedures',
      '',
      '    The Fund has established <b>procedures</b> and internal control systems.',
      '',
      '    Code of Ethics',
      '',
      '    The Fund has a code.</pre></body></html>',
    ].join('\n');
    const model = parseDocument(html, 'html');
    const { sections } = findSections(model, '40-F');
    expect(sections.map((section) => section.key)).toEqual(['controls', 'code-of-ethics']);
    expect(at(model, sections[0]?.span ?? null)).toMatch(/^Controls and Procedures\n/);
    expect(at(model, sections[1]?.span ?? null)).toMatch(/^Code of Ethics\n/);
  });
});

describe('found by the hand-check of 12 random 6-Ks (testdata/golden/forms-dataset, seed 19)', () => {
  const span = { document: 1, page: 1, start: 0, end: 0 };
  it('a "dated …" inside what an exhibit is about dates that thing, not the exhibit', () => {
    // B Communications, December 2010: the agreement is dated 2006; the report about it is not.
    const about = describeExhibit(
      '99.1',
      "Form of Immediate Report of Bezeq, filed with the Israel Securities Authority and the Tel Aviv Stock Exchange, with respect to an amendment to a Special Collective Agreement dated December 5, 2006, Between Bezeq and the Workers' Organization.",
      span,
    );
    expect(about.date).toBeNull();
    expect(about.filedWith.map((regulator) => regulator.name)).toEqual(['Israel Securities Authority', 'Tel Aviv Stock Exchange']);
    // Set off by a comma, or closing the description, it is the exhibit's own date.
    expect(
      describeExhibit('99.1', 'Form of Immediate Report of Bezeq, with respect to a lawsuit filed against Bezeq, dated July 13, 2010', span)
        .date,
    ).toBe('2010-07-13');
    expect(describeExhibit('99.1', 'Press Release Regarding First Quarter 2009 Earnings dated June 16, 2009', span).date).toBe(
      '2009-06-16',
    );
    expect(describeExhibit('99.1', 'Stock Purchase Agreement, dated September 19, 2009, between A and B', span).date).toBe('2009-09-19');
    expect(
      describeExhibit('99.1', 'English translation of a press release dated December 7, 2010, regarding the statement', span).date,
    ).toBe('2010-12-07');
  });
});

describe('found by the goldens of the corpus 8-Ks (testdata/golden/forms, issue 19)', () => {
  it('an exhibit numbered with three digits and no point (104) is read from an exhibit table', () => {
    // 3M's Item 9.01: "Exhibit Number | Description", "99.1 | Press release …", "104 | Cover Page Interactive Data File …".
    const model = parseDocument(
      '<html><body><p>Item 9.01. Financial Statements and Exhibits.</p><table><tr><td>Exhibit Number</td><td>Description</td></tr>' +
        '<tr><td>99.1</td><td>Press release, dated March 8, 2024.</td></tr>' +
        '<tr><td>104</td><td>Cover Page Interactive Data File (embedded within the Inline XBRL document).</td></tr></table></body></html>',
      'html',
    );
    expect(findExhibits(model, 1).listed.map((exhibit) => [exhibit.number, exhibit.description])).toEqual([
      ['99.1', 'Press release, dated March 8, 2024'],
      ['104', 'Cover Page Interactive Data File (embedded within the Inline XBRL document)'],
    ]);
  });

  it('"the 8th day of January, 2025" is a date', () => {
    expect(findDate('duly authorized on this 8th day of January, 2025.')?.iso).toBe('2025-01-08');
    expect(findDate('this 21st day of March 2009')?.iso).toBe('2009-03-21');
  });
});

describe('the fixes stay linear', () => {
  it("an HTML <pre> block's lines are found in its source in linear time, matched or not", () => {
    // Every line found (the usual case), and a line that is found nowhere (the rest fall back to the block's span).
    const found = (n: number) => `<html><body><pre>${'Item 1. Business\nsome text &amp; more\n'.repeat(n)}</pre></body></html>`;
    const lost = (n: number) => `<html><body><pre>first line<b\nclass="x">bold</b>\n${'a line of text\n'.repeat(n)}</pre></body></html>`;
    for (const make of [found, lost]) {
      const { ratio } = scalingRatio(
        (n) => parseDocument(make(n), 'html'),
        (model) => documentLines(model),
        8000,
      );
      expect(ratio).toBeLessThan(LINEAR_RATIO);
    }
  });

  it('an exhibit description with many "dated" is read in linear time', () => {
    const { ratio } = scalingRatio(
      (n) => `Report with respect to an agreement ${'dated nothing, '.repeat(n)}dated May 1, 2010, Between A and B`,
      (text) => describeExhibit('99.1', text, { document: 1, page: 1, start: 0, end: 0 }),
      5000,
    );
    expect(ratio).toBeLessThan(LINEAR_RATIO);
  });
});
