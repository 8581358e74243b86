/**
 * Digests of every output the fuzz pipeline makes (parse, model, text, Markdown, HTML, JSON renders, extract) for
 * every corpus file, the seed, each hostile shape at a few sizes, and the first mutated cases of a seed: run before
 * and after a change to the parsers or renderers and `diff` the two files; every line that differs must be intended.
 *
 * Run: npx tsx bench/fuzz-digest.ts [--mutated 400] > /tmp/digest.txt
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sharedRoot } from '../test/shared-files.js';
import {
  HOSTILE_BODIES,
  HOSTILE_SUBMISSIONS,
  hostileBody,
  hostileSubmission,
  makeCase,
  random,
  runCase,
  submissionOf,
} from './fuzz-cases.js';

const args = process.argv.slice(2);
const mutatedAt = args.indexOf('--mutated');
const mutated = mutatedAt === -1 ? 400 : Number(args[mutatedAt + 1]);

function digest(name: string, bytes: Buffer): void {
  const lines: string[] = [];
  try {
    runCase(bytes, (what, output) => lines.push(`${name} ${what} ${createHash('sha256').update(output).digest('hex').slice(0, 16)}`));
  } catch (error) {
    lines.push(`${name} threw ${error instanceof Error ? error.message.slice(0, 100) : String(error)}`);
  }
  // Several documents emit in turn: number them so an added or lost output shows.
  for (const [at, line] of lines.entries()) console.log(`${at} ${line}`);
}

const files: string[] = [];
const walk = (dir: string): void => {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.isDirectory()) walk(join(dir, entry.name));
    else if (!/\.(md|tsv|idx)$/.test(entry.name)) files.push(join(dir, entry.name));
  }
};
walk(join(sharedRoot, 'corpus'));
walk(join(sharedRoot, 'seed'));
for (const file of files) {
  const bytes = readFileSync(file);
  const name = file.slice(sharedRoot.length + 1);
  // A bare HTML or XML file goes through as a one-document submission, as the CLI reads it.
  if (/\.(html?|xml)$/.test(file))
    digest(name, Buffer.from(submissionOf(bytes.toString('latin1'), file.endsWith('.xml') ? 'a.xml' : 'a.htm'), 'latin1'));
  else digest(name, bytes);
}
for (const size of [2_000, 30_000, 120_000]) {
  for (let kind = 0; kind < HOSTILE_BODIES; kind++) {
    const { body, filename } = hostileBody(kind, size, random(kind));
    digest(`body-${kind}@${size}`, Buffer.from(submissionOf(body, filename), 'latin1'));
    digest(`body-${kind}-bare@${size}`, Buffer.from(body, 'latin1'));
  }
  for (let kind = 0; kind < HOSTILE_SUBMISSIONS; kind++) digest(`submission-${kind}@${size}`, hostileSubmission(kind, size, random(kind)));
}
for (let index = 0; index < mutated; index++) {
  const { kind, bytes } = makeCase(11, index);
  if (bytes.length < 2_000_000) digest(`case-11-${index}-${kind}`, bytes);
}
