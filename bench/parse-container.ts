/**
 * Container parse + typed header, in memory, on one core.
 * Corpus submissions are repeated until they make ≥ 500 MB, then each is parsed; prints MB/s.
 * Run: npx tsx bench/parse-container.ts [targetMB]
 */
import { parseSubmission } from '../src/parse/sgml/parse-submission.js';
import { corpusSubmissions, mb, peakRssMb } from './corpus.js';

const targetBytes = Number(process.argv[2] ?? 500) * 1e6;
const corpus = corpusSubmissions();
const inputs: Buffer[] = [];
let total = 0;
while (total < targetBytes) {
  for (const { bytes } of corpus) {
    // A copy per repeat, so the parser never sees the same (cached) memory twice in a row.
    inputs.push(Buffer.from(bytes));
    total += bytes.length;
  }
}

// Warm-up so the JIT has compiled the hot path.
for (const input of inputs.slice(0, 2000)) parseSubmission(input);

let documents = 0;
const started = process.hrtime.bigint();
for (const input of inputs) {
  const submission = parseSubmission(input);
  documents += submission.documents.length;
  if (submission.header === null && submission.format !== 'documents-only') throw new Error('header lost');
}
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
console.log(`parse-container: ${inputs.length} submissions, ${documents} documents, ${mb(total)} MB in ${seconds.toFixed(2)} s`);
console.log(`  ${(total / 1e6 / seconds).toFixed(0)} MB/s, ${(inputs.length / seconds).toFixed(0)} submissions/s, peak RSS ${peakRssMb()} MB (inputs held in memory)`);
