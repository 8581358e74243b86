import { describe, expect, it } from 'vitest';
import { readCorpus } from '../../test/shared-files.js';
import type { DocumentModel } from '../model/document.js';
import { parseDocument, parseSubmissionDocuments } from '../parse/parse-document.js';
import { parseSubmission } from '../parse/sgml/parse-submission.js';
import { extractSignatures } from './signatures.js';

const at = (model: DocumentModel, span: { start: number; end: number } | null) => (span ? model.source.slice(span.start, span.end) : null);

describe('extractSignatures: the typed name under a signature', () => {
  it('leaves out the comma that ends the name line ("Steven L. Sinn," over "Chairman of the Board")', () => {
    // The 1995 S-3/A: "By:  /s/ Steven L. Sinn" ⏎ "Steven L. Sinn," ⏎ "Chairman of the Board".
    const submission = parseSubmission(readCorpus('submissions/0000899681-95-000096.txt'));
    const model = parseSubmissionDocuments(submission)[0]?.model as DocumentModel;
    const [block] = extractSignatures(model, 1);
    expect(block?.name.value).toBe('Steven L. Sinn');
    expect(at(model, block?.name.span ?? null)).toBe('Steven L. Sinn');
    expect(block?.title.value).toBe('Chairman of the Board');
  });

  it('keeps a name that ends in a period or has no punctuation as written', () => {
    const model = parseDocument(
      ['SIGNATURES', '', 'EXAMPLE CORP.', '', 'By: /s/ John Smith Jr.', '    John Smith Jr.', '    Chief Executive Officer', ''].join('\n'),
      'text',
    );
    const [block] = extractSignatures(model, 1);
    expect(block?.name.value).toBe('John Smith Jr.');
    expect(block?.title.value).toBe('Chief Executive Officer');
  });
});
