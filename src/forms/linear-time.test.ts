import { describe, it } from 'vitest';
import { expectLinear } from '../../test/scaling.js';
import { parseSubmission } from '../parse/sgml/parse-submission.js';
import { parseTextDocument } from '../parse/text/parse-text-document.js';
import { type AttachedDocument, resolveExhibits } from './attached-exhibits.js';
import { findExhibits } from './exhibit-index.js';
import { extractFiling } from './extract-filing.js';
import { extractSignatures } from './signatures.js';

describe('forms run in linear time on hostile input', () => {
  it('a signature block with a long run of blanks and underscores in one line', () => {
    expectLinear((n) => {
      const model = parseTextDocument(
        `SIGNATURES\n\nBy: /s/ Jo Doe ${'_ '.repeat(n)}x\nName: Jo${'\u00a0 '.repeat(n)}Doe\nTitle: Director${' \t'.repeat(n)}.\n`,
      );
      return () => extractSignatures(model, 1);
    }, 40_000);
  });

  it('exhibits matched against many documents of the submission', () => {
    expectLinear((n) => {
      const lines = ['EXHIBIT INDEX', ''];
      for (let i = 1; i <= n; i++) lines.push(`99.${i}  Press release number ${i}`);
      const model = parseTextDocument(lines.join('\n'));
      const found = findExhibits(model, 1);
      const documents: AttachedDocument[] = [{ sequence: 1, type: '6-K', filename: 'f6k.txt', description: null }];
      for (let i = 1; i <= n; i++) {
        documents.push({ sequence: 2 * i, type: `EX-99.${i}`, filename: `ex99-${i}.htm`, description: null });
        documents.push({ sequence: 2 * i + 1, type: `EX-99.${n + i}`, filename: `ex99${n + i}.htm`, description: null });
      }
      return () => resolveExhibits({ listed: found.listed, documents, primaryModel: model, primarySequence: 1 });
    }, 2_500);
  });

  it('a 6-K cover whose labels, month, file number and rule lines hold long runs of blanks', () => {
    // Both once went through patterns with adjacent whitespace quantifiers: cubic after "For the month of", and
    // quadratic after a "(Name of Registrant)" label (a fuzzed corpus 6-K of 23 KB took 1.5 s).
    expectLinear((n) => {
      const blanks = ' '.repeat(n);
      const cover = [
        'FORM 6-K',
        `For the month of${blanks}x`,
        `For the month of May${blanks}x`,
        `Commission File Number${blanks}x`,
        `May${blanks}x`,
        'ACME CORP',
        `(Name of Registrant)${blanks}x`,
        '1 Main Street',
        `x (Address of principal executive offices)${blanks}x`,
        `12${blanks}g3-2(b)${blanks}x`,
        `SIGNATURES${blanks}x`,
      ].join('\n');
      const submission = Buffer.from(
        [
          '<SEC-DOCUMENT>0000000000-26-000001.txt : 20260101',
          '<SEC-HEADER>0000000000-26-000001.hdr.sgml : 20260101',
          'ACCESSION NUMBER:\t\t0000000000-26-000001',
          'CONFORMED SUBMISSION TYPE:\t6-K',
          '</SEC-HEADER>',
          '<DOCUMENT>',
          '<TYPE>6-K',
          '<SEQUENCE>1',
          '<FILENAME>f6k.txt',
          '<TEXT>',
          cover,
          '</TEXT>',
          '</DOCUMENT>',
          '</SEC-DOCUMENT>',
          '',
        ].join('\n'),
      );
      return () => extractFiling(parseSubmission(submission));
    }, 20_000);
  });
});
