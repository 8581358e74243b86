import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { sharedRoot } from '../test/shared-files.js';

/** Every complete submission and dissemination file of the corpus, as bytes. */
export function corpusSubmissions(): { name: string; bytes: Buffer }[] {
  const out: { name: string; bytes: Buffer }[] = [];
  for (const folder of ['submissions', 'nc', 'fpi']) {
    const dir = join(sharedRoot, 'corpus', folder);
    for (const name of readdirSync(dir).sort()) {
      if (!/\.(txt|nc)$/.test(name)) continue;
      out.push({ name: `${folder}/${name}`, bytes: readFileSync(join(dir, name)) });
    }
  }
  return out;
}

/** Bytes of every file under a folder. */
export function folderBytes(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    total += entry.isDirectory() ? folderBytes(path) : statSync(path).size;
  }
  return total;
}

export function mb(bytes: number): string {
  return (bytes / 1e6).toFixed(1);
}

export function peakRssMb(): string {
  return (process.resourceUsage().maxRSS / 1024).toFixed(0);
}

/** The search benchmarks' queries: words, phrases, prefixes and booleans over words the corpus holds, and one it does not. */
export const SEARCH_QUERIES: readonly string[] = [
  'convertible bonds',
  '"report of foreign private issuer"',
  'kosdaq',
  'press release',
  'annual general meeting',
  'redempt*',
  'dividend NOT interim',
  'fuel cell',
  'acquisition OR merger',
  '"financial statements"',
  'board of directors',
  'net income',
  'proxy',
  'bezeq',
  'glenlyon',
  'securities exchange act',
  'form:6-K quarter',
  'revenue growth',
  '"forward-looking statements"',
  'hanaro OR acergy OR alcon',
];

/** Searches with date and company filters, which choose their plans differently. */
export const FILTERED_SEARCH_QUERIES: readonly string[] = ['dividend from:2009-01-01 to:2009-03-31', 'company:ballard fuel'];
