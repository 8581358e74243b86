import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import fc from 'fast-check';
import tarStream from 'tar-stream';
import { describe, expect, it } from 'vitest';
import { readCorpus, sharedRoot } from '../../test/shared-files.js';
import { parseSubmission } from '../parse/sgml/parse-submission.js';
import { readRawSubmissions, readSubmissions } from './read-submissions.js';
import { type TarEvent, type TarFormatError, TarReader } from './tar-reader.js';

/** What a reader made of an archive: every member in order, and the error that stopped it, if any. */
interface Read {
  readonly members: { readonly name: string; readonly type: string; readonly digest: string | null }[];
  readonly error: string | null;
}

const digest = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** TarReader over the archive cut into chunks at `cuts` (ascending offsets); large members read in pieces. */
function readWithReader(archive: Buffer, cuts: readonly number[] = [], wholeBytes?: number): Read & { errorOffset: number | null } {
  const reader = new TarReader('test.tar', wholeBytes === undefined ? {} : { wholeBytes });
  const members: Read['members'][number][] = [];
  let error: TarFormatError | null = null;
  let pieces: Buffer[] = [];
  const take = (events: readonly TarEvent[]) => {
    for (const event of events) {
      if (event.kind === 'member') members.push({ name: event.header.name, type: 'file', digest: digest(event.data) });
      else if (event.kind === 'start') pieces = [];
      else if (event.kind === 'data') pieces.push(Buffer.from(event.data));
      else if (event.kind === 'end') members.push({ name: event.header.name, type: 'file', digest: digest(Buffer.concat(pieces)) });
      else if (event.kind === 'other') members.push({ name: event.header.name, type: event.header.type, digest: null });
      else if (event.kind === 'unsafe') members.push({ name: event.header.name, type: 'unsafe', digest: null });
      else error = event.error;
    }
  };
  let from = 0;
  for (const cut of [...cuts, archive.length]) {
    if (cut > from) take(reader.push(archive.subarray(from, cut)));
    from = Math.max(from, cut);
  }
  take(reader.end());
  const stopped = error as TarFormatError | null;
  return { members, error: stopped?.message ?? null, errorOffset: stopped?.offset ?? null };
}

const TYPES: Record<string, string> = { file: 'file', 'contiguous-file': 'file', directory: 'directory', link: 'link', symlink: 'symlink' };

/** tar-stream over the same bytes, members named and typed as TarReader names them. */
async function readWithTarStream(archive: Buffer): Promise<Read> {
  const extract = tarStream.extract();
  const members: Read['members'][number][] = [];
  let error: string | null = null;
  const done = (async () => {
    for await (const entry of extract) {
      const chunks: Buffer[] = [];
      for await (const chunk of entry as AsyncIterable<Buffer>) chunks.push(chunk);
      const type = TYPES[entry.header.type ?? ''] ?? 'other';
      members.push({ name: entry.header.name, type, digest: type === 'file' ? digest(Buffer.concat(chunks)) : null });
    }
  })().catch((failure: unknown) => {
    error = String(failure);
  });
  extract.end(archive);
  await done;
  return { members, error };
}

/** Unsafe names are members to both; tar-stream does not judge them. */
function comparable(members: Read['members']): Read['members'] {
  return members.map((member) => (member.type === 'unsafe' ? { ...member, type: 'file', digest: null } : member));
}

function withoutDigestsOfUnsafe(reader: Read, stream: Read): Read['members'] {
  return stream.members.map((member, index) => (reader.members[index]?.type === 'unsafe' ? { ...member, digest: null } : member));
}

/** A tar header block with a correct checksum (unless `checksum` is given). */
function header(fields: {
  name: string;
  size?: number;
  type?: string;
  magic?: 'posix' | 'gnu';
  prefix?: string;
  checksum?: number;
}): Buffer {
  const block = Buffer.alloc(512);
  block.write(fields.name, 0, 100, 'utf8');
  block.write('0000644\0', 100, 'latin1');
  block.write('0000000\0', 108, 'latin1');
  block.write('0000000\0', 116, 'latin1');
  block.write(`${(fields.size ?? 0).toString(8).padStart(11, '0')}\0`, 124, 'latin1');
  block.write('14737146240\0', 136, 'latin1');
  block.write(fields.type ?? '0', 156, 'latin1');
  if ((fields.magic ?? 'posix') === 'posix') block.write('ustar\x0000', 257, 'latin1');
  else block.write('ustar  \0', 257, 'latin1');
  if (fields.prefix) block.write(fields.prefix, 345, 155, 'utf8');
  block.fill(0x20, 148, 156);
  let sum = 0;
  for (const byte of block) sum += byte;
  block.write(`${(fields.checksum ?? sum).toString(8).padStart(6, '0')}\0 `, 148, 'latin1');
  return block;
}

/** A member: its header, its data and the padding to 512 bytes. */
function member(fields: Parameters<typeof header>[0], data: Buffer | string = ''): Buffer {
  const bytes = Buffer.from(data);
  const padding = Buffer.alloc((512 - (bytes.length % 512)) % 512);
  return Buffer.concat([header({ ...fields, size: fields.size ?? bytes.length }), bytes, padding]);
}

const END = Buffer.alloc(1024);
const FILING_A = readCorpus('fpi/0000912282-09-000008.txt');
const FILING_B = readCorpus('nc/0001104659-25-002604.nc');

function datasetTar(): Buffer {
  return gunzipSync(readFileSync(join(sharedRoot, 'datasets', 'fpi-6k-2009-2010.tar.gz')));
}

describe('TarReader against tar-stream on the dataset archive', () => {
  it('reads the same 406 members with the same bytes, whole and in chunks of every size class', async () => {
    const tar = datasetTar();
    const expected = await readWithTarStream(tar);
    expect(expected.error).toBeNull();
    expect(expected.members.filter((found) => found.type === 'file')).toHaveLength(405);
    const whole = readWithReader(tar);
    expect(whole.error).toBeNull();
    expect(whole.members).toEqual(expected.members);
    // Chunks that cut headers, data and padding anywhere: 1 byte to 1 MiB, and large members read in pieces.
    const random = fc.sample(fc.integer({ min: 1, max: 1 << 20 }), { numRuns: 4000, seed: 17 });
    const cuts: number[] = [];
    for (let at = 0, index = 0; at < tar.length; index++) {
      at += random[index % random.length] as number;
      cuts.push(at);
    }
    expect(readWithReader(tar, cuts).members).toEqual(expected.members);
    expect(readWithReader(tar, cuts, 100_000).members).toEqual(expected.members);
  }, 240_000);
});

describe('TarReader on hand-made archives', () => {
  it('reads GNU long names, pax paths and sizes, and POSIX prefixes, as tar-stream does', async () => {
    const long = `${'a-folder-with-a-long-name/'.repeat(6)}0000912282-09-000008.txt`;
    const paxName = `${'pax/'.repeat(40)}0001104659-25-002604.nc`;
    const paxRecords = (records: string[]) =>
      records
        .map((record) => {
          let length = record.length + 3;
          while (`${length} ${record}\n`.length !== length) length++;
          return `${length} ${record}\n`;
        })
        .join('');
    const archive = Buffer.concat([
      member({ name: '././@LongLink', type: 'L', magic: 'gnu' }, `${long}\0`),
      member({ name: long.slice(0, 100), magic: 'gnu' }, FILING_A),
      member({ name: 'PaxHeaders/x', type: 'x' }, paxRecords([`path=${paxName}`, 'mtime=1700000000.5'])),
      member({ name: 'short-name.nc' }, FILING_B),
      member({ name: 'b.nc', prefix: 'feed/2025/QTR1' }, 'x'),
      member({ name: 'feed/', type: '5' }),
      member({ name: 'old-style-folder/' }),
      member({ name: 'link', type: '2' }),
      END,
    ]);
    const expected = await readWithTarStream(archive);
    expect(expected.error).toBeNull();
    const read = readWithReader(archive);
    expect(read.error).toBeNull();
    // One difference, on purpose: a regular-file header whose name ends in `/` is a folder (the old tar
    // convention, as GNU tar reads it); tar-stream 3 meant to say so but computes the type before the check.
    const folder = expected.members.findIndex((found) => found.name === 'old-style-folder/');
    expect(expected.members[folder]).toMatchObject({ type: 'file', digest: digest(Buffer.alloc(0)) });
    expect(read.members).toEqual(expected.members.with(folder, { name: 'old-style-folder/', type: 'directory', digest: null }));
    expect(read.members.map((found) => [found.name, found.type])).toEqual([
      [long, 'file'],
      [paxName, 'file'],
      ['feed/2025/QTR1/b.nc', 'file'],
      ['feed/', 'directory'],
      ['old-style-folder/', 'directory'],
      ['link', 'symlink'],
    ]);
    expect(read.members[0]?.digest).toBe(digest(FILING_A));
    // pax `size` overrides the header's: here the header says 0 and the data is 3 bytes.
    const sized = Buffer.concat([
      member({ name: 'PaxHeaders/y', type: 'x' }, paxRecords(['size=3'])),
      header({ name: 'c.txt', size: 0 }),
      Buffer.from('abc'),
      Buffer.alloc(509),
      END,
    ]);
    expect(readWithReader(sized).members).toEqual((await readWithTarStream(sized)).members);
    expect(readWithReader(sized).members[0]?.digest).toBe(digest(Buffer.from('abc')));
  });

  it('says what the next bytes become: read and dropped, a whole member, or a piece of a large one', () => {
    const reader = new TarReader('test.tar', { wholeBytes: 1000 });
    expect(reader.nextBytes).toBe('read');
    reader.push(header({ name: 'a.txt', size: 600 }));
    expect(reader.nextBytes).toBe('member');
    expect(reader.wanted(1 << 20)).toBe(600);
    const events = reader.push(Buffer.alloc(600, 0x61));
    expect(events.map((event) => event.kind)).toEqual(['member']);
    expect(reader.nextBytes).toBe('read');
    expect(reader.wanted(1 << 20)).toBe(424 + 512);
    reader.push(Buffer.concat([Buffer.alloc(424), header({ name: 'b.txt', size: 5000 })]));
    expect(reader.nextBytes).toBe('piece');
    reader.push(Buffer.alloc(5000));
    expect(reader.nextBytes).toBe('read');
  });

  it('stops at a bad checksum with the offset of the header', () => {
    const good = member({ name: 'a.txt' }, FILING_A);
    const archive = Buffer.concat([good, member({ name: 'b.txt', checksum: 1234 }, 'x'), END]);
    const read = readWithReader(archive);
    expect(read.members.map((found) => found.name)).toEqual(['a.txt']);
    expect(read.errorOffset).toBe(good.length);
    const computed = Number.parseInt(header({ name: 'b.txt', size: 1 }).toString('latin1', 148, 154), 8);
    expect(read.error).toBe(`test.tar@${good.length}: bad header checksum: 1234 stored, ${computed} computed`);
  });

  it('says where a truncated archive ends, at every cut, and agrees with tar-stream that it is broken', async () => {
    const archive = Buffer.concat([member({ name: 'a.txt' }, 'x'.repeat(700)), member({ name: 'b.txt' }, 'y'.repeat(10)), END]);
    const ends = new Set([512 + 1024, 512 + 1024 + 1024]);
    for (let cut = 1; cut < 512 + 1024 + 1024; cut += 7) {
      const cutArchive = archive.subarray(0, cut);
      const read = readWithReader(cutArchive);
      if (ends.has(cut)) continue;
      expect(read.error, `cut at ${cut}`).toMatch(/^test\.tar@\d+: archive ends inside/);
      expect(read.errorOffset).toBe(cut);
      expect((await readWithTarStream(cutArchive)).error, `cut at ${cut}`).not.toBeNull();
    }
    // A member whose size runs past the end of the bytes.
    const beyond = Buffer.concat([header({ name: 'big.txt', size: 10_000_000 }), Buffer.alloc(4096)]);
    expect(readWithReader(beyond).error).toBe('test.tar@4608: archive ends inside "big.txt" (4096 of 10000000 bytes; header at 0)');
  });

  it('refuses names that leave the folder, member by member, and reads the rest', async () => {
    const archive = Buffer.concat([
      member({ name: '../../etc/passwd' }, 'root'),
      member({ name: '/abs/x.txt' }, 'abs'),
      member({ name: 'ok/../../up.txt' }, 'up'),
      member({ name: 'C:\\windows\\x.txt' }, 'win'),
      member({ name: 'fine.txt' }, FILING_A),
      END,
    ]);
    const read = readWithReader(archive);
    expect(read.error).toBeNull();
    expect(read.members.map((found) => found.type)).toEqual(['unsafe', 'unsafe', 'unsafe', 'unsafe', 'file']);
    const stream = await readWithTarStream(archive);
    expect(comparable(read.members)).toEqual(withoutDigestsOfUnsafe(read, stream));
    const dir = mkdtempSync(join(tmpdir(), 'tar-reader-unsafe-'));
    try {
      const path = join(dir, 'feed.tar');
      writeFileSync(path, archive);
      const entries = [];
      for await (const entry of readSubmissions(path)) entries.push(entry);
      expect(entries.map((entry) => (entry.ok ? entry.source : entry.error.message))).toEqual([
        `${path}@0: member name "../../etc/passwd" leaves the archive folder ("..")`,
        `${path}@1024: member name "/abs/x.txt" is absolute`,
        `${path}@2048: member name "ok/../../up.txt" leaves the archive folder ("..")`,
        `${path}@3072: member name "C:\\windows\\x.txt" is absolute`,
        `${path}:fine.txt`,
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads a large .tar file member by member into buffers of its own, equal to the members', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tar-reader-large-'));
    try {
      // Over 64 MiB, so the file is read by members, not whole.
      // One member over the 8 MiB a read of pieces takes at a time, still read whole in one step.
      const big = Buffer.concat(Array.from({ length: Math.ceil((10 * 1024 * 1024) / FILING_A.length) }, () => FILING_A));
      const dataOf = (index: number) => (index === 2 ? big : index % 2 ? FILING_A : FILING_B);
      const parts: Buffer[] = [];
      let size = 0;
      for (let index = 0; size < 66 * 1024 * 1024; index++) {
        const part = member({ name: `${index}.txt` }, dataOf(index));
        parts.push(part);
        size += part.length;
      }
      const path = join(dir, 'large.tar');
      writeFileSync(path, Buffer.concat([...parts, END]));
      let count = 0;
      for await (const entry of readRawSubmissions(path)) {
        if (!entry.ok) throw entry.error;
        expect(entry.owned).toBe(true);
        expect(entry.bytes.byteLength).toBe(entry.bytes.buffer.byteLength);
        expect(Buffer.compare(entry.bytes, dataOf(count))).toBe(0);
        count++;
      }
      expect(count).toBe(parts.length);

      // readSubmissions: a consumer that releases each entry gets the next members in the same few blocks; one that
      // does not gets every member in memory of its own, still intact after the whole archive was read.
      const expected = [FILING_A, FILING_B, big].map((bytes) => parseSubmission(bytes));
      const bodiesOf = (submission: { documents: readonly { body: Uint8Array }[] }) =>
        submission.documents.map((document) => Buffer.from(document.body).toString('latin1'));
      for (const releasing of [true, false]) {
        const blocks = new Set<ArrayBufferLike>();
        const held: { index: number; bodies: Uint8Array[] }[] = [];
        let index = 0;
        for await (const entry of readSubmissions(path)) {
          if (!entry.ok) throw entry.error;
          const want = expected[index === 2 ? 2 : index % 2 ? 0 : 1] as (typeof expected)[number];
          expect(entry.submission.header?.accessionNumber).toBe(want.header?.accessionNumber);
          expect(bodiesOf(entry.submission)).toEqual(bodiesOf(want));
          expect(typeof entry.release).toBe('function');
          blocks.add((entry.submission.documents[0] as { body: Uint8Array }).body.buffer);
          if (releasing) {
            entry.release?.();
            entry.release?.();
          } else held.push({ index, bodies: entry.submission.documents.map((document) => document.body) });
          index++;
        }
        expect(index).toBe(parts.length);
        if (releasing) expect(blocks.size).toBeLessThanOrEqual(3);
        else {
          expect(blocks.size).toBe(parts.length);
          for (const { index: at, bodies } of held) {
            const want = expected[at === 2 ? 2 : at % 2 ? 0 : 1] as (typeof expected)[number];
            expect(bodies.map((body) => Buffer.from(body).toString('latin1'))).toEqual(bodiesOf(want));
          }
        }
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 240_000);
});

describe('TarReader fuzzed against tar-stream', () => {
  it('on mutated archives: where it reads one, tar-stream reads the same; where it stops, what came before agrees', async () => {
    // The dataset archive's first members (a GNU tar, as GNU tar wrote it), then a hand-made one with every kind.
    const real = datasetTar();
    const reader = new TarReader('dataset');
    const fifth = reader.push(real).filter((event) => event.kind === 'member')[4];
    if (fifth?.kind !== 'member') throw new Error('the dataset has fewer than five members');
    const realHead = Buffer.concat([real.subarray(0, fifth.header.offset), END]);
    const handMade = Buffer.concat([
      member({ name: '././@LongLink', type: 'L', magic: 'gnu' }, `${'long/'.repeat(30)}a.txt\0`),
      member({ name: 'x', magic: 'gnu' }, FILING_A.subarray(0, 3000)),
      member({ name: 'b.nc' }, FILING_B.subarray(0, 1500)),
      member({ name: 'dir/', type: '5' }),
      member({ name: 'c.txt', prefix: 'pre' }, 'tail'),
      END,
    ]);
    for (const base of [realHead, handMade]) await fuzzAgainstTarStream(base);
  }, 300_000);
});

async function fuzzAgainstTarStream(base: Buffer): Promise<void> {
  let agreedWhole = 0;
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.tuple(fc.nat(base.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 }),
      fc.array(fc.nat(base.length), { maxLength: 6 }),
      async (edits, cuts) => {
        const mutated = Buffer.from(base);
        for (const [at, byte] of edits) mutated[at] = byte;
        const read = readWithReader(mutated);
        const stream = await readWithTarStream(mutated);
        // Chunk boundaries never change what is read.
        const chunked = readWithReader(
          mutated,
          [...cuts].sort((a, b) => a - b),
        );
        expect(chunked.members).toEqual(read.members);
        expect(chunked.error).toEqual(read.error);
        if (read.error === null) {
          expect(stream.error).toBeNull();
          expect(comparable(read.members)).toEqual(withoutDigestsOfUnsafe(read, stream));
          agreedWhole++;
        } else {
          expect(read.error).toMatch(/^test\.tar@\d+: /);
          const before = read.members.length;
          expect(comparable(read.members)).toEqual(withoutDigestsOfUnsafe(read, stream).slice(0, before));
        }
      },
    ),
    { numRuns: 200, seed: 17 },
  );
  expect(agreedWhole).toBeGreaterThan(30);
}
