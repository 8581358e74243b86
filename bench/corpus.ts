import { readdirSync, readFileSync } from 'node:fs';
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

export function mb(bytes: number): string {
  return (bytes / 1e6).toFixed(1);
}

export function peakRssMb(): string {
  return (process.resourceUsage().maxRSS / 1024).toFixed(0);
}
