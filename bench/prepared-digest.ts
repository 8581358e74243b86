/**
 * A digest of everything ingest prepares for each submission (`prepareFiling`: text, records, facts, blobs), one
 * line per input, so two checkouts can be compared: run it in each and `diff` the outputs. A change meant to make
 * preparation faster must print the same lines. Inputs: files, folders or archives (default: the corpus, the seed
 * and the 2009–2010 6-K data set).
 * Run: npx tsx bench/prepared-digest.ts [path …] > digests.txt
 */
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { readRawSubmissions } from '../src/io/read-submissions.js';
import { prepareFiling } from '../src/pipeline/prepare-filing.js';
import { sharedRoot } from '../test/shared-files.js';

const paths =
  process.argv.length > 2
    ? process.argv.slice(2)
    : [resolve(sharedRoot, 'corpus'), resolve(sharedRoot, 'seed'), resolve(sharedRoot, 'datasets', 'fpi-6k-2009-2010.tar.gz')];

/** JSON with byte arrays as their SHA-256, so a blob is compared by content. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    item instanceof Uint8Array ? `bytes:${createHash('sha256').update(item).digest('hex')}` : item,
  );
}

for (const path of paths) {
  for await (const entry of readRawSubmissions(path)) {
    if (!entry.ok) {
      console.log(`${entry.source}\tnot read: ${entry.error.message.split('\n')[0]}`);
      continue;
    }
    let line: string;
    try {
      const prepared = prepareFiling(entry.bytes, entry.source);
      line = createHash('sha256').update(stableJson(prepared)).digest('hex');
    } catch (error) {
      line = `threw: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`;
    }
    console.log(`${entry.source}\t${line}`);
  }
}
