import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbitrary6K } from '../../testdata/compose/arbitrary-6k.js';
import { compareRoundTrip } from '../validate/round-trip.js';
import { validateSubmission } from '../validate/validate-submission.js';
import { compose6K, type ComposeFormat } from './compose-6k.js';

const encoder = new TextEncoder();

/**
 * The proof, on generated records: whatever 6-K is composed, edgarkit's reader gives the same record back, and
 * EDGAR's rules find no error in the submission. 1,000 records per format (and 300 more in HTML with non-ASCII
 * names and typography, which only HTML keeps).
 */
function roundTrips(format: ComposeFormat, unicode: boolean, numRuns: number): void {
  fc.assert(
    fc.property(arbitrary6K({ unicode }), ({ record, sources }) => {
      const composed = compose6K(record, { format, sources, filerCik: '1123456' });
      expect(composed.problems.filter((problem) => problem.severity === 'error')).toEqual([]);
      expect(compareRoundTrip(record, composed.submissionTxt)).toEqual([]);
      const report = validateSubmission(encoder.encode(composed.submissionTxt));
      expect(report.findings.filter((finding) => finding.severity === 'error')).toEqual([]);
    }),
    { numRuns, seed: 20021227 },
  );
}

describe('extract(parse(compose(r))) equals r, and the submission passes validate', () => {
  it('legacy ASCII, 1,000 records', () => roundTrips('ascii', false, 1000), 60_000);
  it('HTML, 1,000 records', () => roundTrips('html', false, 1000), 60_000);
  it('HTML with non-ASCII names and typography, 300 records', () => roundTrips('html', true, 300), 60_000);
});
