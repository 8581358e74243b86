/**
 * How well the body of each corpus submission agrees with its SGML header: registrant (cover vs conformed names),
 * form (the cover's form vs the submission type) and period (the 6-K's report month or the 20-F's fiscal year end
 * vs CONFORMED PERIOD OF REPORT), per form type, with every disagreement and its reason. Also what extraction
 * costs next to parsing.
 *
 * Run: npx tsx bench/extract-accuracy.ts
 */
import { compareWithHeader, extractFiling, type HeaderComparison, recognizeForm } from '../src/forms/extract-filing.js';
import { parseSubmissionDocuments } from '../src/parse/parse-document.js';
import { parseSubmission } from '../src/parse/sgml/parse-submission.js';
import { corpusSubmissions, mb } from './corpus.js';

type Verdict = HeaderComparison['verdict'];
const FIELDS = ['registrant', 'form', 'period'] as const;

interface Tally {
  submissions: number;
  counts: Record<(typeof FIELDS)[number], Record<Verdict, number>>;
}

const tallies = new Map<string, Tally>();
const disagreements: string[] = [];
const unknowns = new Map<string, Map<string, number>>();
let parseMs = 0;
let extractMs = 0;
let bytes = 0;
let withHeader = 0;
let without = 0;

for (const { name, bytes: input } of corpusSubmissions()) {
  let started = performance.now();
  const submission = parseSubmission(input);
  const documents = parseSubmissionDocuments(submission);
  parseMs += performance.now() - started;
  bytes += input.length;
  started = performance.now();
  const result = extractFiling({ header: submission.header, documents });
  extractMs += performance.now() - started;
  const header = submission.header;
  if (!header) {
    without++;
    continue;
  }
  withHeader++;
  const primary = documents.find((document) => document.model !== null)?.model ?? null;
  const comparisons = compareWithHeader(header, primary ? recognizeForm(primary) : null, result.record);
  const form = header.formType ?? '(none)';
  const tally = tallies.get(form) ?? {
    submissions: 0,
    counts: {
      registrant: { agree: 0, disagree: 0, unknown: 0 },
      form: { agree: 0, disagree: 0, unknown: 0 },
      period: { agree: 0, disagree: 0, unknown: 0 },
    },
  };
  tally.submissions++;
  for (const comparison of comparisons) {
    tally.counts[comparison.field][comparison.verdict]++;
    if (comparison.verdict === 'disagree') disagreements.push(`${name} [${form}] ${comparison.field}: ${comparison.reason}`);
    if (comparison.verdict === 'unknown') {
      const key = `${comparison.field}: ${comparison.reason}`;
      const forms = unknowns.get(key) ?? new Map<string, number>();
      forms.set(form, (forms.get(form) ?? 0) + 1);
      unknowns.set(key, forms);
    }
  }
  tallies.set(form, tally);
}

const cell = (counts: Record<Verdict, number>) => {
  const known = counts.agree + counts.disagree;
  const share = known === 0 ? '   -' : `${String(Math.round((100 * counts.agree) / known)).padStart(3)}%`;
  return `${share} ${String(counts.agree).padStart(3)}/${String(known).padEnd(3)} ?${String(counts.unknown).padEnd(3)}`;
};

console.log(`Header vs body over ${withHeader} corpus submissions with a header (${without} without one skipped)`);
console.log('agreement = agree / (agree + disagree); ? = one side does not say\n');
console.log(`${'form'.padEnd(12)} ${'n'.padStart(3)}  ${FIELDS.map((field) => field.padEnd(20)).join(' ')}`);
const sorted = [...tallies.entries()].sort((a, b) => b[1].submissions - a[1].submissions || a[0].localeCompare(b[0]));
for (const [form, tally] of sorted) {
  console.log(
    `${form.padEnd(12)} ${String(tally.submissions).padStart(3)}  ${FIELDS.map((field) => cell(tally.counts[field]).padEnd(20)).join(' ')}`,
  );
}
const total = {
  registrant: { agree: 0, disagree: 0, unknown: 0 },
  form: { agree: 0, disagree: 0, unknown: 0 },
  period: { agree: 0, disagree: 0, unknown: 0 },
};
for (const [, tally] of sorted)
  for (const field of FIELDS)
    for (const verdict of ['agree', 'disagree', 'unknown'] as const) total[field][verdict] += tally.counts[field][verdict];
console.log(`${'all'.padEnd(12)} ${String(withHeader).padStart(3)}  ${FIELDS.map((field) => cell(total[field]).padEnd(20)).join(' ')}`);

console.log(`\nDisagreements (${disagreements.length}):`);
for (const line of disagreements) console.log(`  ${line}`);
console.log('\nNot compared (one side does not say):');
const sum = (forms: Map<string, number>) => [...forms.values()].reduce((total, count) => total + count, 0);
for (const [key, forms] of [...unknowns.entries()].sort((a, b) => sum(b[1]) - sum(a[1]) || a[0].localeCompare(b[0]))) {
  console.log(
    `  ${String(sum(forms)).padStart(3)}  ${key} (${[...forms.entries()].map(([form, count]) => `${form} ${count}`).join(', ')})`,
  );
}
console.log(
  `\nCost: ${mb(bytes)} MB parsed in ${parseMs.toFixed(0)} ms, extracted in ${extractMs.toFixed(0)} ms (${((100 * extractMs) / parseMs).toFixed(0)}% of parsing)`,
);
