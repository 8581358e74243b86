import { describe, expect, it } from 'vitest';
import { readCorpus, readSeed } from '../../test/shared-files.js';
import { parseSubmissionDocuments } from '../parse/parse-document.js';
import { parseSubmission } from '../parse/sgml/parse-submission.js';
import { extractFiling } from './extract-filing.js';

describe('extractFiling on a parsed submission as it is', () => {
  const inputs: [string, Buffer][] = [
    ['fpi/0000950127-09-000020.txt', readCorpus('fpi/0000950127-09-000020.txt')],
    ['submissions/0001011438-98-000429.txt', readCorpus('submissions/0001011438-98-000429.txt')],
    ['seed', readSeed()],
  ];

  it.each(inputs)('%s: gives what the header-and-parsed-documents form gives', (_name, bytes) => {
    const submission = parseSubmission(bytes);
    const direct = extractFiling(submission);
    const old = extractFiling({ header: submission.header, documents: parseSubmissionDocuments(submission) });
    expect(direct).toEqual(old);
    expect(direct.record).not.toBeNull();
  });

  it('reads an Acergy 6-K: its form and report month', () => {
    const { formType, record } = extractFiling(parseSubmission(readCorpus('fpi/0000950127-09-000020.txt')));
    expect(formType).toBe('6-K');
    expect(record?.form).toBe('6-K');
    if (record?.form !== '6-K') return;
    // The cover reads "For the month of January, 2009".
    expect(record.reportMonth.value).toBe('2009-01');
  });

  it('a submission with no documents gives no record, not a throw', () => {
    const { record } = extractFiling(parseSubmission(''));
    expect(record).toBeNull();
  });
});
