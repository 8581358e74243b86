/**
 * How completely and how rightly the 6-K reader reads real covers: every real 6-K available (the corpus's fpi/
 * submissions and the 2009–2010 data set archive, ~470), field by field.
 *
 * - per field: present / null with a reason (a diagnostic naming the field, or the cover being absent) / null
 *   without a reason, and the nulls grouped by diagnostic code;
 * - against the hand-written goldens (testdata/golden/forms and testdata/golden/forms-dataset): right / wrong /
 *   missing per field, and the share of filings fully right, with every wrong or missing value listed.
 *
 * Run: npx tsx bench/f6k-accuracy.ts [--dump DIR] [--verbose]
 *   --dump DIR   writes each filing's values (no spans) and diagnostics to DIR/<accession>.json, for reading
 *   --verbose    lists every null without a reason
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractFiling } from '../src/forms/extract-filing.js';
import { F6K_COVER_FIELDS, type Form6KRecord, fieldOfDiagnostic } from '../src/forms/form-6k.js';
import { parseSubmissionDocuments } from '../src/parse/parse-document.js';
import { parseSubmission } from '../src/parse/sgml/parse-submission.js';
import { datasetPath, FPI_DATASET, parseDatasetSource, readArchiveMembers } from '../test/dataset-archive.js';
import { valuesOf } from '../test/record-values.js';
import { projectRoot, sharedRoot } from '../test/shared-files.js';

const args = process.argv.slice(2);
const dumpDir = args.includes('--dump') ? args[args.indexOf('--dump') + 1] : undefined;
const verbose = args.includes('--verbose');

const FIELDS = [...F6K_COVER_FIELDS, 'exhibits', 'signatures'] as const;
type FieldName = (typeof FIELDS)[number];

interface Filing {
  readonly source: string;
  readonly bytes: Buffer;
}

async function filings(): Promise<Filing[]> {
  const out: Filing[] = [];
  const fpi = join(sharedRoot, 'corpus', 'fpi');
  for (const name of readdirSync(fpi).sort()) {
    if (!/^\d{10}-\d{2}-\d{6}\.txt$/.test(name)) continue;
    out.push({ source: `fpi/${name}`, bytes: readFileSync(join(fpi, name)) });
  }
  const members = await readArchiveMembers(datasetPath(FPI_DATASET));
  for (const [member, bytes] of [...members.entries()].sort((a, b) => a[0].localeCompare(b[0])))
    if (member.endsWith('.txt')) out.push({ source: `datasets/${FPI_DATASET}:${member}`, bytes });
  return out;
}

/** The goldens that name a 6-K source, by source. */
function goldens(): Map<string, { name: string; expected: Record<string, unknown> }> {
  const out = new Map<string, { name: string; expected: Record<string, unknown> }>();
  for (const folder of ['forms', 'forms-dataset']) {
    const dir = join(projectRoot, 'testdata', 'golden', folder);
    for (const name of readdirSync(dir).filter((file) => file.endsWith('.json'))) {
      const raw = JSON.parse(readFileSync(join(dir, name), 'utf8')) as Record<string, unknown>;
      if (typeof raw._source !== 'string' || !/^6-K/.test(String(raw.form))) continue;
      const expected = Object.fromEntries(Object.entries(raw).filter(([key]) => !key.startsWith('_')));
      const dataset = parseDatasetSource(raw._source);
      out.set(dataset ? `datasets/${dataset.archive}:${dataset.member}` : raw._source, { name: `${folder}/${name}`, expected });
    }
  }
  return out;
}

function isNull(field: FieldName, value: unknown): boolean {
  return field === 'exhibits' || field === 'signatures' ? (value as unknown[]).length === 0 : value === null;
}

const presence = Object.fromEntries(FIELDS.map((field) => [field, { present: 0, reasoned: 0, unreasoned: 0 }])) as Record<
  FieldName,
  { present: number; reasoned: number; unreasoned: number }
>;
const nullsByCode = new Map<string, Map<FieldName, number>>();
const unreasoned: string[] = [];
const scores = Object.fromEntries(FIELDS.map((field) => [field, { right: 0, wrong: 0, missing: 0 }])) as Record<
  FieldName,
  { right: number; wrong: number; missing: number }
>;
const misses: string[] = [];
let checked = 0;
let fullyRight = 0;
let count = 0;
let notSixK = 0;
let extractMs = 0;
const expectations = goldens();
const seen = new Set<string>();

for (const { source, bytes } of await filings()) {
  const submission = parseSubmission(bytes);
  if (!/^6-K/i.test(submission.header?.formType ?? '')) {
    notSixK++;
    continue;
  }
  const documents = parseSubmissionDocuments(submission);
  const started = performance.now();
  const result = extractFiling({ header: submission.header, documents });
  extractMs += performance.now() - started;
  const record = result.record as Form6KRecord;
  count++;
  const values = valuesOf(record) as Record<string, unknown>;
  const reasons = new Map<FieldName, string[]>();
  for (const found of record.diagnostics) {
    for (const field of fieldOfDiagnostic(found)) {
      const list = reasons.get(field as FieldName) ?? [];
      list.push(found.code);
      reasons.set(field as FieldName, list);
    }
  }
  for (const field of FIELDS) {
    if (!isNull(field, values[field])) {
      presence[field].present++;
      continue;
    }
    const why = reasons.get(field);
    if (why && why.length > 0) {
      presence[field].reasoned++;
      const code = why[0] as string;
      const byField = nullsByCode.get(code) ?? new Map<FieldName, number>();
      byField.set(field, (byField.get(field) ?? 0) + 1);
      nullsByCode.set(code, byField);
    } else {
      presence[field].unreasoned++;
      unreasoned.push(`${source} ${field}`);
    }
  }
  const golden = expectations.get(source);
  if (golden) {
    seen.add(source);
    checked++;
    let all = true;
    for (const field of FIELDS) {
      const expected = golden.expected[field];
      const got = values[field];
      if (JSON.stringify(got) === JSON.stringify(expected)) scores[field].right++;
      else {
        all = false;
        const kind = isNull(field, got) && !isNull(field, expected) ? 'missing' : 'wrong';
        scores[field][kind]++;
        misses.push(`${golden.name} ${field} ${kind}: expected ${JSON.stringify(expected)}\n      got ${JSON.stringify(got)}`);
      }
    }
    if (all) fullyRight++;
  }
  if (dumpDir) {
    mkdirSync(dumpDir, { recursive: true });
    const name = source.replace(/^.*\//, '').replace(/\.txt$/, '');
    writeFileSync(
      join(dumpDir, `${name}.json`),
      `${JSON.stringify({ _source: source, ...values, _diagnostics: record.diagnostics.map((d) => `${d.code}: ${d.message}`) }, null, 1)}\n`,
    );
  }
}

const pct = (part: number, whole: number) => (whole === 0 ? '  -  ' : `${((100 * part) / whole).toFixed(1).padStart(5)}%`);
console.log(`6-K covers read: ${count} real 6-Ks (corpus fpi/ and ${FPI_DATASET}; ${notSixK} other submissions skipped)\n`);
console.log(`${'field'.padEnd(26)} ${'present'.padStart(8)} ${'null+reason'.padStart(12)} ${'null, no reason'.padStart(16)}`);
for (const field of FIELDS) {
  const p = presence[field];
  console.log(
    `${field.padEnd(26)} ${String(p.present).padStart(8)} ${String(p.reasoned).padStart(12)} ${String(p.unreasoned).padStart(16)}`,
  );
}
console.log('\nNulls by diagnostic:');
for (const [code, byField] of [...nullsByCode.entries()].sort((a, b) => a[0].localeCompare(b[0]))) {
  const total = [...byField.values()].reduce((sum, n) => sum + n, 0);
  console.log(`  ${String(total).padStart(4)}  ${code}: ${[...byField.entries()].map(([field, n]) => `${field} ${n}`).join(', ')}`);
}
if (verbose || unreasoned.length <= 20) for (const line of unreasoned) console.log(`  null without reason: ${line}`);

console.log(`\nAgainst ${checked} hand-written goldens (${expectations.size - seen.size} goldens name no 6-K read here):`);
console.log(`${'field'.padEnd(26)} ${'right'.padStart(6)} ${'wrong'.padStart(6)} ${'missing'.padStart(8)}`);
for (const field of FIELDS) {
  const s = scores[field];
  console.log(`${field.padEnd(26)} ${String(s.right).padStart(6)} ${String(s.wrong).padStart(6)} ${String(s.missing).padStart(8)}`);
}
console.log(`fully right: ${fullyRight}/${checked} (${pct(fullyRight, checked).trim()})`);
for (const line of misses) console.log(`  ${line}`);
console.log(`\nExtraction: ${extractMs.toFixed(0)} ms for ${count} filings`);
