import { execFileSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import tarStream from 'tar-stream';
import { describe, expect, it } from 'vitest';
import { corpusPath, readCorpus } from '../../test/shared-files.js';
import { parseSubmission } from '../parse/sgml/parse-submission.js';
import { readRawSubmissions, readSubmissions, type SubmissionEntry } from './read-submissions.js';

const FILES = [
  'fpi/0000912282-09-000008.txt',
  'nc/0001104659-25-002604.nc',
  'submissions/0001011438-98-000429.txt',
  'nc/0001193125-10-145855.nc',
];

async function makeTar(files: readonly string[]): Promise<Buffer> {
  const pack = tarStream.pack();
  const chunks: Buffer[] = [];
  const done = new Promise<void>((resolve, reject) => {
    pack.on('data', (chunk: unknown) => chunks.push(chunk as Buffer));
    pack.on('end', resolve);
    pack.on('error', reject);
  });
  for (const file of files) pack.entry({ name: file.split('/')[1] as string }, readCorpus(file));
  pack.finalize();
  await done;
  return Buffer.concat(chunks);
}

async function collect(iterable: AsyncIterable<SubmissionEntry>): Promise<SubmissionEntry[]> {
  const out: SubmissionEntry[] = [];
  for await (const entry of iterable) out.push(entry);
  return out;
}

function accessions(entries: readonly SubmissionEntry[]): (string | null | undefined)[] {
  return entries.map((entry) => (entry.ok ? entry.submission.header?.accessionNumber : `error: ${entry.error.message}`));
}

describe('readSubmissions', () => {
  it('reads a .tar and a .tar.gz daily-feed-style archive member by member, same as parsing each file', async () => {
    const tar = await makeTar(FILES);
    const dir = mkdtempSync(join(tmpdir(), 'edgarkit-io-'));
    writeFileSync(join(dir, 'feed.tar'), tar);
    writeFileSync(join(dir, 'feed.nc.tar.gz'), gzipSync(tar));
    const expected = FILES.map((file) => parseSubmission(readCorpus(file)).header?.accessionNumber);
    for (const name of ['feed.tar', 'feed.nc.tar.gz']) {
      const entries = await collect(readSubmissions(join(dir, name)));
      expect(accessions(entries)).toEqual(expected);
      const first = entries[0];
      expect(first?.ok && first.submission.documents.length).toBe(4);
      expect(first?.source).toBe(`${join(dir, name)}:0000912282-09-000008.txt`);
    }
  });

  it('reads a directory recursively in name order', async () => {
    const entries = await collect(readSubmissions(corpusPath('headers')));
    expect(entries).toHaveLength(7);
    expect(entries.every((entry) => entry.ok)).toBe(true);
    expect(entries[0]?.source.endsWith('1990s-header.txt')).toBe(true);
  });

  it('reads stdin, plain or gzipped', async () => {
    const bytes = readCorpus('fpi/0000912282-09-000008.txt');
    for (const input of [bytes, gzipSync(bytes)]) {
      const entries = await collect(readSubmissions('-', {}, Readable.from([input.subarray(0, 100), input.subarray(100)])));
      expect(accessions(entries)).toEqual(['0000912282-09-000008']);
    }
  });

  it('reports a truncated archive as an error entry instead of throwing', async () => {
    const tar = await makeTar(FILES);
    const gz = gzipSync(tar);
    const dir = mkdtempSync(join(tmpdir(), 'edgarkit-io-'));
    writeFileSync(join(dir, 'cut.tar.gz'), gz.subarray(0, Math.floor(gz.length / 2)));
    const entries = await collect(readSubmissions(join(dir, 'cut.tar.gz')));
    expect(entries.some((entry) => !entry.ok)).toBe(true);
  });

  it('stops cleanly when the consumer stops early', async () => {
    const tar = await makeTar(FILES);
    const dir = mkdtempSync(join(tmpdir(), 'edgarkit-io-'));
    writeFileSync(join(dir, 'feed.tar.gz'), gzipSync(tar));
    for await (const entry of readSubmissions(join(dir, 'feed.tar.gz'))) {
      expect(entry.ok).toBe(true);
      break;
    }
    expect(readFileSync(join(dir, 'feed.tar.gz')).length).toBeGreaterThan(0);
  });

  it('reads a named pipe as a stream, opened once (a regular file is read whole)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'edgarkit-io-'));
    const fifo = join(dir, 'filing.pipe');
    execFileSync('mkfifo', [fifo]);
    const file = FILES[1] as string;
    const writer = createWriteStream(fifo);
    writer.end(readCorpus(file));
    const entries = await collect(readSubmissions(fifo));
    expect(accessions(entries)).toEqual([parseSubmission(readCorpus(file)).header?.accessionNumber]);
  });
});

describe('readRawSubmissions ownership', () => {
  it('says a file read whole owns its memory (it may move to a thread), and a tar member does not', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'edgarkit-raw-owned-'));
    try {
      const tar = join(dir, 'feed.tar');
      writeFileSync(tar, await makeTar(FILES));
      const file = corpusPath(FILES[0] as string);
      const entries = [];
      for (const path of [file, tar]) for await (const entry of readRawSubmissions(path)) entries.push(entry);
      expect(entries.map((entry) => entry.ok && entry.owned)).toEqual([true, false, false, false, false]);
      const whole = entries[0];
      if (!whole?.ok) throw new Error('the file was not read');
      expect(whole.bytes.byteOffset).toBe(0);
      expect(whole.bytes.buffer.byteLength).toBe(whole.bytes.byteLength);
      expect(Buffer.compare(whole.bytes, readFileSync(file))).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
