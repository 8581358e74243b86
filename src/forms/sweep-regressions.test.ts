import { describe, expect, it } from 'vitest';
import { readCorpus } from '../../test/shared-files.js';
import type { DocumentModel } from '../model/document.js';
import { parseDocument, parseSubmissionDocuments } from '../parse/parse-document.js';
import { parseSubmission } from '../parse/sgml/parse-submission.js';
import { extractFiling } from './extract-filing.js';
import type { FieldSpan } from './field.js';
import { extract20F } from './form-20f.js';
import { findSections } from './sections.js';
import { extractSignatures } from './signatures.js';

/** Bugs the corpus sweep (corpus-sweep.test.ts, bench/form-sweep.ts) found, one test each. */

const at = (model: DocumentModel, span: FieldSpan | null) => (span ? model.source.slice(span.start, span.end) : null);

describe('found by the corpus sweep', () => {
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
