/**
 * Compose + validate on generated 6-Ks, and validate alone over the corpus, on one core.
 * 1. 10,000 generated 6-K records (testdata/compose/arbitrary-6k.ts, a fixed seed), each composed as a complete
 *    submission (ASCII, then HTML) and validated: records/s for compose, for validate, and for both.
 * 2. Every corpus submission validated, repeated to ≥ 100 MB: MB/s.
 * Run: npx tsx bench/compose.ts [records] [targetMB]
 */
import fc from 'fast-check';
import { arbitrary6K } from '../testdata/compose/arbitrary-6k.js';
import { compose6K, type ComposeFormat } from '../src/compose/compose-6k.js';
import { validateSubmission } from '../src/validate/validate-submission.js';
import { corpusSubmissions, mb, peakRssMb } from './corpus.js';

const records = Number(process.argv[2] ?? 10_000);
const targetBytes = Number(process.argv[3] ?? 100) * 1e6;
const encoder = new TextEncoder();
const generated = fc.sample(arbitrary6K(), { numRuns: records, seed: 20021227 });

function seconds(since: bigint): number {
  return Number(process.hrtime.bigint() - since) / 1e9;
}

for (const format of ['ascii', 'html'] as ComposeFormat[]) {
  // Warm-up so the JIT has compiled the hot path.
  for (const { record, sources } of generated.slice(0, 500))
    validateSubmission(encoder.encode(compose6K(record, { format, sources }).submissionTxt));
  const submissions: Uint8Array[] = [];
  let started = process.hrtime.bigint();
  for (const { record, sources } of generated) {
    const composed = compose6K(record, { format, sources });
    if (!composed.ok) throw new Error('a generated record did not compose');
    submissions.push(encoder.encode(composed.submissionTxt));
  }
  const composeSeconds = seconds(started);
  started = process.hrtime.bigint();
  let errors = 0;
  let bytes = 0;
  for (const submission of submissions) {
    errors += validateSubmission(submission).errors;
    bytes += submission.length;
  }
  const validateSeconds = seconds(started);
  console.log(
    `compose+validate (${format}): ${records} 6-Ks, ${mb(bytes)} MB, ${errors} errors; compose ${(records / composeSeconds).toFixed(0)}/s, ` +
      `validate ${(records / validateSeconds).toFixed(0)}/s, both ${(records / (composeSeconds + validateSeconds)).toFixed(0)}/s`,
  );
}

const corpus = corpusSubmissions();
const inputs: Buffer[] = [];
let total = 0;
while (total < targetBytes) {
  for (const { bytes } of corpus) {
    inputs.push(Buffer.from(bytes));
    total += bytes.length;
  }
}
for (const input of inputs.slice(0, 200)) validateSubmission(input);
const started = process.hrtime.bigint();
let findings = 0;
for (const input of inputs) findings += validateSubmission(input).findings.length;
const elapsed = seconds(started);
console.log(
  `validate (corpus): ${inputs.length} submissions, ${mb(total)} MB in ${elapsed.toFixed(2)} s: ${(total / 1e6 / elapsed).toFixed(1)} MB/s, ${findings} findings listed`,
);
console.log(`peak RSS ${peakRssMb()} MB (inputs held in memory)`);
