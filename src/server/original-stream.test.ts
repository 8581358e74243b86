import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCorpus } from '../../test/shared-files.js';
import { prepareFiling } from '../pipeline/prepare-filing.js';
import { openSqliteStore, type SqliteStore } from '../store/sqlite/sqlite-store.js';
import type { Store } from '../store/store.js';
import { createApp } from './create-app.js';

const ACCESSION = '0000912282-09-000008';
/** Another accession for the same filing with an original that is not UTF-8. */
const LATIN = '0000912282-09-999999';
/** The stored original: a real submission followed by 100 MB of text, with a UTF-8 character at the very end. */
const SIZE = 100 * 1024 * 1024;

let store: SqliteStore;
let big: Buffer;

beforeAll(async () => {
  store = openSqliteStore(':memory:');
  const real = readCorpus(`fpi/${ACCESSION}.txt`);
  const line = Buffer.from('Padding line of a very large submission, repeated to make it larger than memory should hold.\n');
  big = Buffer.alloc(SIZE, 0x20);
  real.copy(big);
  for (let at = real.length; at + line.length < SIZE - 2; at += line.length) line.copy(big, at);
  Buffer.from('é', 'utf8').copy(big, SIZE - 2);
  // The filing as ingested from the real bytes, with the large original stored in their place.
  const prepared = prepareFiling(real, 'big.txt');
  const hash = createHash('sha256').update(big).digest('hex');
  await store.writeFilings([
    {
      ...prepared,
      contentHash: hash,
      originalBlob: hash,
      byteLength: big.length,
      blobs: [{ sha256: hash, compression: 'gzip', byteLength: big.length, data: gzipSync(big, { level: 1 }) }, ...prepared.blobs.slice(1)],
    },
  ]);
}, 240_000);
afterAll(async () => {
  await store.close();
});

describe('GET /api/filings/:accession/original', () => {
  it('streams a large original as it is decompressed, never holding it whole', { timeout: 240_000 }, async () => {
    // Reading the whole original is not how the route does it: a store whose getOriginal throws still serves it.
    const streamingOnly = new Proxy(store as Store, {
      get(target, name, receiver) {
        if (name === 'getOriginal') return () => Promise.reject(new Error('getOriginal must not be used for /original'));
        const value = Reflect.get(target, name, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const app = createApp({ store: streamingOnly, renderThreads: 0 });
    const before = process.memoryUsage().arrayBuffers;
    const response = await app.request(`/api/filings/${ACCESSION}/original`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-length')).toBe(String(SIZE));
    expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const hash = createHash('sha256');
    let received = 0;
    let peak = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      hash.update(value);
      received += value.byteLength;
      peak = Math.max(peak, process.memoryUsage().arrayBuffers - before);
    }
    expect(received).toBe(SIZE);
    expect(hash.digest('hex')).toBe(createHash('sha256').update(big).digest('hex'));
    // Held at any moment: the compressed blob and a few chunks, far from the 100 MB a whole decompression holds.
    expect(peak).toBeLessThan(48 * 1024 * 1024);
  });

  it('says windows-1252 when the bytes are not UTF-8, read a chunk at a time', async () => {
    const latin = Buffer.concat([big.subarray(0, SIZE - 2), Buffer.from([0xe9, 0x0a])]);
    const hash = createHash('sha256').update(latin).digest('hex');
    const prepared = prepareFiling(readCorpus(`fpi/${ACCESSION}.txt`), 'latin.txt');
    await store.writeFilings([
      {
        ...prepared,
        id: LATIN,
        accessionNumber: LATIN,
        contentHash: hash,
        originalBlob: hash,
        byteLength: latin.length,
        blobs: [
          { sha256: hash, compression: 'gzip', byteLength: latin.length, data: gzipSync(latin, { level: 1 }) },
          ...prepared.blobs.slice(1),
        ],
      },
    ]);
    const response = await createApp({ store, renderThreads: 0 }).request(`/api/filings/${LATIN}/original`);
    expect(response.headers.get('content-type')).toBe('text/plain; charset=windows-1252');
    await response.body?.cancel();
  });
});

describe('GET /api/attachments/:sha256', () => {
  it('streams a large attachment as it is decompressed, never holding it whole', { timeout: 240_000 }, async () => {
    // 128 MB of a made-up PDF, stored gzipped as ingest stores attachments.
    const pdf = Buffer.alloc(128 * 1024 * 1024, 0x20);
    Buffer.from('%PDF-1.4\n').copy(pdf);
    for (let at = 4096; at < pdf.length; at += 4096) pdf.writeUInt32BE(at, at);
    const sha256 = createHash('sha256').update(pdf).digest('hex');
    const prepared = prepareFiling(readCorpus(`fpi/${ACCESSION}.txt`), 'attachment.txt');
    await store.writeFilings([
      {
        ...prepared,
        id: '0000912282-09-888888',
        accessionNumber: '0000912282-09-888888',
        blobs: [...prepared.blobs, { sha256, compression: 'gzip', byteLength: pdf.length, data: gzipSync(pdf, { level: 1 }) }],
      },
    ]);
    const streamingOnly = new Proxy(store as Store, {
      get(target, name, receiver) {
        if (name === 'getBlob') return () => Promise.reject(new Error('getBlob must not be used for /api/attachments'));
        const value = Reflect.get(target, name, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const app = createApp({ store: streamingOnly, renderThreads: 0 });
    const before = process.memoryUsage().arrayBuffers;
    const response = await app.request(`/api/attachments/${sha256}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-length')).toBe(String(pdf.length));
    const hash = createHash('sha256');
    let received = 0;
    let peak = 0;
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      hash.update(chunk);
      received += chunk.byteLength;
      peak = Math.max(peak, process.memoryUsage().arrayBuffers - before);
    }
    expect(received).toBe(pdf.length);
    expect(hash.digest('hex')).toBe(sha256);
    // Held at any moment: the stored (compressed) bytes and a few chunks (and chunks read but not yet collected),
    // well under the 128 MB a whole decompression holds.
    expect(peak).toBeLessThan(56 * 1024 * 1024);
  });
});
