import { isUtf8 } from 'node:buffer';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readCorpus } from '../../test/shared-files.js';
import type { StoredBlob } from '../store/store.js';
import { blobStream, isUtf8Blob, readBlobRange, readStoredDocument } from './original-bytes.js';
import { compressOriginal } from './prepare-filing.js';
import { renderStoredDocument } from './render-stored-document.js';

function gzipped(bytes: Uint8Array): StoredBlob {
  return { compression: 'gzip', data: gzipSync(bytes, { level: 1 }), byteLength: bytes.length };
}

/** An original as ingest stores it. */
function brotli(bytes: Uint8Array): StoredBlob {
  return { compression: 'brotli', data: compressOriginal(bytes), byteLength: bytes.length };
}

describe('readBlobRange', () => {
  it('gives exactly the bytes asked for, compressed or not, at any range', async () => {
    const bytes = Buffer.from(Array.from({ length: 300_000 }, (_, index) => (index * 7919) % 251));
    for (const blob of [gzipped(bytes), brotli(bytes), { compression: 'none', data: bytes, byteLength: bytes.length } as const]) {
      for (const [start, end] of [
        [0, 10],
        [0, bytes.length],
        [65_530, 65_540],
        [123_456, 234_567],
        [bytes.length - 3, bytes.length + 50],
        [500_000, 600_000],
      ] as const) {
        expect(Buffer.from(await readBlobRange(blob, start, end)).equals(bytes.subarray(start, end)), `${start}-${end}`).toBe(true);
      }
    }
  });

  it('gives exactly the bytes asked for across its 1 MiB decompression steps', async () => {
    const bytes = Buffer.from(Array.from({ length: 3_500_000 }, (_, index) => (index * 7919) % 253));
    const mib = 1024 * 1024;
    for (const blob of [gzipped(bytes), brotli(bytes)])
      for (const [start, end] of [
        [0, 70_000],
        [mib - 5, mib + 5],
        [10, 2 * mib + 1],
        [3 * mib - 1, bytes.length],
        [0, bytes.length],
      ] as const) {
        expect(Buffer.from(await readBlobRange(blob, start, end)).equals(bytes.subarray(start, end)), `${start}-${end}`).toBe(true);
      }
  });
});

describe('blobStream', () => {
  it('gives back every corpus submission byte for byte from its brotli original, in chunks no larger than asked', async () => {
    for (const file of ['fpi/0001178913-10-001984.txt', 'nc/0001193125-10-145855.nc', 'submissions/0001011438-98-000429.txt']) {
      const original = readCorpus(file);
      const blob = brotli(original);
      // Several times smaller: the point of compressing originals at all.
      expect(blob.data.byteLength, file).toBeLessThan(original.byteLength / 2);
      const chunks: Buffer[] = [];
      for await (const chunk of blobStream(blob, 64 * 1024) as AsyncIterable<Buffer>) {
        expect(chunk.length).toBeLessThanOrEqual(64 * 1024);
        chunks.push(chunk);
      }
      expect(Buffer.concat(chunks).equals(Buffer.from(original)), file).toBe(true);
    }
  });
});

describe('readStoredDocument', () => {
  it.each([
    'fpi/0000912282-09-000008.txt',
    'fpi/0001279569-09-000080.txt',
    'submissions/0001011438-98-000429.txt',
    'nc/0001193125-10-145855.nc',
  ])('renders every document of %s read alone exactly as from the whole submission', async (file) => {
    const original = readCorpus(file);
    const whole = renderStoredDocument(original, '1', { format: null });
    expect(whole.kind).not.toBe('missing');
    for (let position = 1; ; position++) {
      const expected = renderStoredDocument(original, String(position), { format: 'json', includeText: true });
      if (expected.kind === 'missing') break;
      const { bodyStart } = expected.document;
      // The stored view's body end: found from the document's own bytes in the submission.
      const bodyEnd = bodyStart + Buffer.from(original).subarray(bodyStart).indexOf('</TEXT>');
      const part = await readStoredDocument(position % 2 === 0 ? gzipped(original) : brotli(original), { bodyStart, bodyEnd });
      expect(part.bytes.byteLength).toBeLessThan(original.byteLength);
      const which = part.first ? String(expected.document.sequence ?? 1) : String(position);
      const alone = renderStoredDocument(part.bytes, which, { format: 'json', includeText: true });
      expect(
        alone.kind === 'missing' ? null : { ...alone, document: { ...alone.document, bodyStart: alone.document.bodyStart + part.offset } },
      ).toEqual(expected);
    }
  });
});

describe('isUtf8Blob', () => {
  it('agrees with a whole check, whatever the chunk boundaries cut', async () => {
    // Over 16 MiB, so it is read a chunk at a time; three- and four-byte characters straddle chunk ends.
    const text = 'Société Générale — 株式会社 𝔼𝔻𝔾𝔸ℝ '.repeat(600_000);
    const valid = Buffer.from(text, 'utf8');
    expect(valid.length).toBeGreaterThan(16 * 1024 * 1024);
    expect(await isUtf8Blob(gzipped(valid))).toBe(true);
    const broken = Buffer.concat([valid, Buffer.from([0xe9, 0x20])]);
    expect(isUtf8(broken)).toBe(false);
    expect(await isUtf8Blob(gzipped(broken))).toBe(false);
    const cut = valid.subarray(0, valid.length - 1);
    expect(await isUtf8Blob(gzipped(cut))).toBe(isUtf8(cut));
    expect(await isUtf8Blob(brotli(valid))).toBe(true);
    expect(await isUtf8Blob(brotli(broken))).toBe(false);
  });
});
