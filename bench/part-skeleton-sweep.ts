/**
 * Parts of long legacy ASCII documents read alone (src/pipeline/part-skeleton.ts) checked against the same parts of
 * the whole model, over filings the corpus test was not written from: by default the 405 6-Ks of
 * ../shared/datasets/fpi-6k-2009-2010.tar.gz, read from the archive; or the `.txt` files of the folders given.
 * Prints the counts and every mismatch; exits 1 when there is one.
 *
 * Run: node --import tsx bench/part-skeleton-sweep.ts [FOLDER ...] [--sizes 3000,8000,524288]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { datasetPath, FPI_DATASET, readArchiveMembers } from '../test/dataset-archive.js';
import { checkParts } from '../test/part-check.js';

const args = process.argv.slice(2);
const sizesAt = args.indexOf('--sizes');
const sizes = sizesAt >= 0 ? (args[sizesAt + 1] ?? '').split(',').map(Number) : [3_000, 8_000, 512 * 1024];
const folders = args.filter((arg, index) => !arg.startsWith('--') && index !== sizesAt + 1);

async function filings(): Promise<{ name: string; bytes: Uint8Array }[]> {
  if (folders.length === 0) {
    const members = await readArchiveMembers(datasetPath(FPI_DATASET));
    return [...members].filter(([name]) => name.endsWith('.txt')).map(([name, bytes]) => ({ name, bytes }));
  }
  return folders.flatMap((folder) =>
    readdirSync(folder)
      .filter((name) => name.endsWith('.txt'))
      .sort()
      .map((name) => ({ name: join(folder, name), bytes: readFileSync(join(folder, name)) })),
  );
}

const started = performance.now();
const total = { filings: 0, documents: 0, skeletons: 0, parts: 0, alone: 0, pieces: 0 };
const failures: string[] = [];
const fallbacks: string[] = [];
for (const { name, bytes } of await filings()) {
  total.filings++;
  // Every part compared with renderStoredDocument's whole answer when there are few; else the first, a middle and the last.
  const found = checkParts(name, bytes, sizes, (part, count) => count < 12 || part === 1 || part === count || part === count >> 1);
  for (const key of ['documents', 'skeletons', 'parts', 'alone', 'pieces'] as const) total[key] += found[key];
  failures.push(...found.failures);
  fallbacks.push(...found.fallbacks);
}
console.log(
  `${total.filings} filings, ${total.documents} legacy ASCII documents; part sizes ${sizes.join(', ')}: ${total.skeletons} skeletons, ${total.parts} parts, ${total.alone} read alone (${total.pieces} pieces of pages), ${fallbacks.length} read from the whole model, ${failures.length} mismatches (${((performance.now() - started) / 1000).toFixed(1)} s)`,
);
for (const line of fallbacks) console.log(`whole model: ${line}`);
for (const line of failures) console.log(`MISMATCH ${line}`);
process.exitCode = failures.length > 0 ? 1 : 0;
