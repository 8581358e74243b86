import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sharedRoot } from './shared-files.js';

/** The corpus submissions that carry an accession number in their header, as bytes. */
export function accessionedCorpus(): { name: string; accession: string; bytes: Buffer }[] {
  const out: { name: string; accession: string; bytes: Buffer }[] = [];
  for (const folder of ['fpi', 'submissions', 'nc']) {
    for (const name of readdirSync(join(sharedRoot, 'corpus', folder)).sort()) {
      const bytes = readFileSync(join(sharedRoot, 'corpus', folder, name));
      const match = /(?:ACCESSION NUMBER:\s*|<ACCESSION-NUMBER>)(\d{10}-\d{2}-\d{6})/.exec(bytes.subarray(0, 8192).toString('latin1'));
      if (match) out.push({ name: `${folder}/${name}`, accession: match[1] as string, bytes });
    }
  }
  return out;
}

/** A made-up accession number for copy `index` of corpus file `fileIndex`: agent CIK 99xxxxxxxx, never a real one. */
export function syntheticAccession(index: number, fileIndex: number): string {
  return `99${String(fileIndex).padStart(8, '0')}-${String(Math.floor(index / 1_000_000) % 100).padStart(2, '0')}-${String(index % 1_000_000).padStart(6, '0')}`;
}

/**
 * Writes `count` submissions made by repeating corpus files under new accession numbers (every occurrence,
 * dashed and not, is replaced; lengths are unchanged), `perFolder` files to a folder. Returns the accessions.
 */
export function writeFilingSet(directory: string, count: number, perFolder = 1000): string[] {
  const corpus = accessionedCorpus();
  const accessions: string[] = [];
  for (let index = 0; index < count; index++) {
    const fileIndex = index % corpus.length;
    const source = corpus[fileIndex] as { accession: string; bytes: Buffer };
    const accession = syntheticAccession(Math.floor(index / corpus.length), fileIndex);
    const text = source.bytes.toString('latin1');
    const replaced = text.replaceAll(source.accession, accession).replaceAll(source.accession.replaceAll('-', ''), accession.replaceAll('-', ''));
    const folder = join(directory, String(Math.floor(index / perFolder)).padStart(4, '0'));
    if (index % perFolder === 0) mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, `${accession}.txt`), Buffer.from(replaced, 'latin1'));
    accessions.push(accession);
  }
  return accessions;
}
