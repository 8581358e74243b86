import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project root (this file lives in `test/`). */
export const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** `../shared` beside the checkout: the corpus and the seed are read from there, never copied in. */
export const sharedRoot = resolve(projectRoot, '..', 'shared');

export function corpusPath(relative: string): string {
  return join(sharedRoot, 'corpus', relative);
}

export function seedPath(): string {
  return join(sharedRoot, 'seed', 'hanaro-6k-2002-12.txt');
}

export function readCorpus(relative: string): Buffer {
  return readFileSync(corpusPath(relative));
}

export function readSeed(): Buffer {
  return readFileSync(seedPath());
}

/** The seed and every submission of the corpus's `submissions/`, `nc/` and `fpi/` folders, in name order. */
export function corpusSubmissionsAndSeed(): { name: string; bytes: Buffer }[] {
  const out = [{ name: 'seed', bytes: readSeed() }];
  for (const folder of ['submissions', 'nc', 'fpi']) {
    const dir = corpusPath(folder);
    for (const name of readdirSync(dir).sort()) {
      if (/\.(txt|nc)$/.test(name)) out.push({ name: `${folder}/${name}`, bytes: readFileSync(join(dir, name)) });
    }
  }
  return out;
}
