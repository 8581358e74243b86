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

/** One search of the document-level list: its text and, where it matters, the order asked for. */
export interface BenchSearch {
  readonly text: string;
  readonly sort?: 'relevance' | 'newest' | 'oldest';
}

/**
 * Typical searches for document-level matching (issue 14), twenty and three phrases of the commonest words. Each page also returns facets (forms, years,
 * companies), so every search here is a facet request too; the broad ones count the most filings. The first four
 * pair two words that sit in different passages, far apart, of one long document (a company word with a tax or
 * fund word in the CarMax 424B5 prospectus and the iShares 485APOS registration; the ALDA 6-K exhibit's address
 * with a word from its accounting notes): a passage-level index finds none of them. `carmax NOT straddle` finds
 * nothing at document level (every CarMax prospectus has the word, in another passage).
 */
export const DOCUMENT_SEARCH_QUERIES: readonly BenchSearch[] = [
  { text: 'carmax straddle' },
  { text: 'ishares allspring' },
  { text: 'carmax currencies' },
  { text: 'westminster depreciable' },
  { text: '"report of foreign private issuer"' },
  { text: '"forward-looking statements"' },
  { text: '"financial statements"' },
  // Phrases of the commonest words: most documents hold them, and each passage holding their words is rechecked.
  { text: '"the company"' },
  { text: '"of the"' },
  { text: '"board of directors"' },
  { text: 'redempt*' },
  { text: 'acqui* merger' },
  { text: 'dividend NOT interim' },
  { text: 'carmax NOT straddle' },
  { text: 'acquisition OR merger' },
  { text: 'form:6-K quarter' },
  { text: 'dividend from:2009-01-01 to:2009-03-31' },
  { text: 'company:ballard fuel' },
  { text: 'board of directors', sort: 'newest' },
  { text: 'net income', sort: 'newest' },
  { text: 'securities exchange act' },
  { text: 'annual general meeting' },
  { text: 'bezeq' },
];
