import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import tarStream from 'tar-stream';
import { sharedRoot } from './shared-files.js';

/** The 2009–2010 6-K data set, read straight from its archive in ../shared/datasets (never extracted into the repo). */
export const FPI_DATASET = 'fpi-6k-2009-2010.tar.gz';

export function datasetPath(archive: string): string {
  return join(sharedRoot, 'datasets', archive);
}

/**
 * The members of a `.tar.gz` archive as bytes, by member name; only the `wanted` ones when given (the others are
 * skipped unread).
 */
export async function readArchiveMembers(path: string, wanted?: ReadonlySet<string>): Promise<Map<string, Buffer>> {
  const members = new Map<string, Buffer>();
  const extract = tarStream.extract();
  extract.on('entry', (header, stream, next) => {
    const keep = header.type === 'file' && (wanted === undefined || wanted.has(header.name));
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: unknown) => {
      if (keep) chunks.push(chunk as Buffer);
    });
    stream.on('end', () => {
      if (keep) members.set(header.name, Buffer.concat(chunks));
      next();
    });
    stream.resume();
  });
  await pipeline(createReadStream(path), createGunzip(), extract);
  return members;
}

/** `datasets/fpi-6k-2009-2010.tar.gz:fpi-2009-2010/0001325310-09-000024.txt` → archive and member. */
export function parseDatasetSource(source: string): { archive: string; member: string } | null {
  const match = /^datasets\/([^:]+):(.+)$/.exec(source);
  return match ? { archive: match[1] as string, member: match[2] as string } : null;
}
