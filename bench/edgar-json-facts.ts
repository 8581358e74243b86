/**
 * Reading EDGAR's XBRL JSON APIs, on one core: a companyfacts document the size of a large company's (the
 * hand-written Tesla document's facts repeated over 400 tags, ~10 MB), read
 *
 * - by `JSON.parse` (native, but rounds numbers past a double: the floor, not a choice),
 * - by `parseExactJson` (numbers a double cannot hold keep their text),
 * - by the `yaml` package with source tokens (the library that could give number text),
 * - and whole: `readEdgarJsonFacts` (exact JSON, zod schema, StoredFact rows).
 *
 * Run: npx tsx bench/edgar-json-facts.ts [rounds=3] [tags=400]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseDocument } from 'yaml';
import { parseExactJson } from '../src/parse/json/parse-exact-json.js';
import { readEdgarJsonFacts } from '../src/parse/xbrl/edgar-json-facts.js';
import { projectRoot } from '../test/shared-files.js';

const rounds = Number(process.argv[2] ?? 3);
const tagCount = Number(process.argv[3] ?? 400);
const tesla = JSON.parse(
  readFileSync(join(projectRoot, 'testdata', 'fake-edgar', 'api', 'xbrl', 'companyfacts', 'CIK0001318605.json'), 'utf8'),
) as { facts: Record<string, Record<string, { units: Record<string, unknown[]> }>> };
const revenues = tesla.facts['us-gaap']?.Revenues as { label: string; description: string; units: Record<string, unknown[]> };
const entries = revenues.units.USD as Record<string, unknown>[];
const tags: Record<string, unknown> = {};
for (let tag = 0; tag < tagCount; tag++) {
  // 100 facts a tag: the entries again with other values and years, as a company with decades of filings has.
  const units = Array.from({ length: 100 }, (_, index) => ({
    ...entries[index % entries.length],
    start: `${1900 + index}-01-01`,
    end: `${1900 + index}-12-31`,
    val: 1_000_000 * (tag + 1) + index,
  }));
  tags[`Concept${tag}`] = { label: revenues.label, description: revenues.description, units: { USD: units } };
}
const text = JSON.stringify({ cik: 1318605, entityName: 'Tesla, Inc.', facts: { 'us-gaap': tags } });
const megabytes = Buffer.byteLength(text) / 1024 / 1024;

function best(name: string, run: () => unknown): void {
  let fastest = Number.POSITIVE_INFINITY;
  for (let round = 0; round < rounds; round++) {
    const started = performance.now();
    run();
    fastest = Math.min(fastest, performance.now() - started);
  }
  console.log(`${name.padEnd(44)} ${(fastest / 1000).toFixed(3)} s  ${(megabytes / (fastest / 1000)).toFixed(1)} MB/s`);
}

console.log(`companyfacts of ${megabytes.toFixed(1)} MB, ${tagCount * 100} facts; best of ${rounds}`);
best('JSON.parse (rounds past a double)', () => JSON.parse(text));
best('parseExactJson', () => parseExactJson(text));
best('yaml parseDocument (keepSourceTokens)', () => parseDocument(text, { keepSourceTokens: true }));
best('readEdgarJsonFacts (exact + zod + rows)', () => {
  const read = readEdgarJsonFacts(text, 'companyfacts');
  if (read.facts.length !== tagCount * 100) throw new Error(`read ${read.facts.length} facts, expected ${tagCount * 100}`);
});
// One value past a double: the exact reader reads the whole document.
const inexact = text.replace('"val":1000000,', '"val":9007199254740993,');
best('readEdgarJsonFacts, one value past a double', () => readEdgarJsonFacts(inexact, 'companyfacts'));
