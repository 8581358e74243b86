/**
 * The corpus sweep over real filings it was not written from: every reader on every document of every submission,
 * with the invariants of test/record-invariants.ts (see src/forms/corpus-sweep.test.ts, which runs it on the corpus).
 *
 * Run: npx tsx bench/form-sweep.ts [PATH…] [--first-reader-only]
 *   PATH                 files or folders (recursively); without one, the 405 6-Ks of
 *                        ../shared/datasets/fpi-6k-2009-2010.tar.gz, read from the archive
 *   --first-reader-only  only the reader the form asks for (extractFiling) and XBRL, not every reader on every document
 * Prints the records checked, the broken invariants (each listed), the forms read and the speed; exits 1 when any is broken.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { datasetPath, FPI_DATASET, readArchiveMembers } from '../test/dataset-archive.js';
import { sweepSubmission } from '../test/form-sweep.js';

const args = process.argv.slice(2);
const everyReader = !args.includes('--first-reader-only');
const paths = args.filter((arg) => !arg.startsWith('--'));

async function inputs(): Promise<{ name: string; bytes: Buffer }[]> {
  if (paths.length === 0) {
    const members = await readArchiveMembers(datasetPath(FPI_DATASET));
    return [...members.entries()]
      .filter(([name]) => name.endsWith('.txt'))
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, bytes]) => ({ name, bytes }));
  }
  const out: { name: string; bytes: Buffer }[] = [];
  const walk = (path: string) => {
    if (statSync(path).isDirectory()) for (const entry of readdirSync(path).sort()) walk(join(path, entry));
    else if (!/\.(?:md|tsv|idx)$/i.test(path)) out.push({ name: path, bytes: readFileSync(path) });
  };
  for (const path of paths) walk(path);
  return out;
}

const files = await inputs();
const started = performance.now();
const forms = new Map<string, number>();
const broken: string[] = [];
let checked = 0;
let bytes = 0;
for (const file of files) {
  const result = sweepSubmission(file.bytes, file.name, { everyReader });
  forms.set(result.form, (forms.get(result.form) ?? 0) + 1);
  broken.push(...result.broken);
  checked += result.checked;
  bytes += file.bytes.length;
}
const seconds = (performance.now() - started) / 1000;
for (const line of broken) console.log(line);
console.log(
  `${files.length} submissions (${(bytes / 1e6).toFixed(1)} MB), ${checked} records checked${everyReader ? ' (every reader on every document)' : ''}: ` +
    `${broken.length} broken invariants`,
);
console.log(`forms: ${[...forms.entries()].map(([form, count]) => `${form} ${count}`).join(', ')}`);
console.log(`${seconds.toFixed(1)} s, ${(files.length / seconds).toFixed(1)} submissions/s, ${(bytes / 1e6 / seconds).toFixed(2)} MB/s`);
process.exitCode = broken.length > 0 ? 1 : 0;
