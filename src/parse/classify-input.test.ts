import { createReadStream, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createGunzip } from 'node:zlib';
import tarStream from 'tar-stream';
import { describe, expect, it } from 'vitest';
import { readSeed, sharedRoot } from '../../test/shared-files.js';
import { classifyInput } from './classify-input.js';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** What the corpus README says each non-filing is. */
const NOT_FILINGS: Record<string, RegExp> = {
  'README.md': /plain text/,
  'MANIFEST.tsv': /plain text/,
  'index/badform.idx': /index file/,
  'index/form.20200318.idx': /index file/,
  'fpi/0001104659-26-064092-index.html': /filing-index web page/,
};

describe('classifyInput', () => {
  it('takes every submission, dissemination file, header and bare document of the corpus, and nothing else', () => {
    const root = join(sharedRoot, 'corpus');
    const files = filesUnder(root);
    expect(files.length).toBeGreaterThan(90);
    for (const file of files) {
      const name = relative(root, file);
      const verdict = classifyInput(readFileSync(file));
      const expected = NOT_FILINGS[name];
      if (expected) {
        expect(verdict.filing, name).toBe(false);
        if (!verdict.filing) expect(verdict.reason, name).toMatch(expected);
      } else expect(verdict, name).toMatchObject({ filing: true });
    }
    expect(classifyInput(readSeed())).toEqual({ filing: true, kind: 'document' });
  });

  it('takes every 6-K of the data set', async () => {
    const extract = tarStream.extract();
    createReadStream(join(sharedRoot, 'datasets', 'fpi-6k-2009-2010.tar.gz'))
      .pipe(createGunzip())
      .pipe(extract);
    let count = 0;
    for await (const entry of extract) {
      const chunks: Buffer[] = [];
      for await (const chunk of entry as AsyncIterable<Buffer>) chunks.push(chunk);
      if (entry.header.type !== 'file') continue;
      expect(classifyInput(Buffer.concat(chunks)), entry.header.name).toMatchObject({ filing: true });
      count++;
    }
    expect(count).toBe(405);
  }, 240_000);

  it.each([
    ['', /empty file/],
    ['   \n\t\n', /white space/],
    ['# Notes\n\nSome words about filings, <TABLE> and <S> in prose.\n', /plain text/],
    ['<html><body><p>A web page about the Securities and Exchange Commission.</p></body></html>', /HTML page/],
    ['<?xml version="1.0"?><catalog><book/></catalog>', /XML that is not/],
  ])('refuses %j', (text, reason) => {
    const verdict = classifyInput(Buffer.from(text, 'latin1'));
    expect(verdict.filing).toBe(false);
    if (!verdict.filing) expect(verdict.reason).toMatch(reason);
  });

  it.each([
    [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], /PNG/],
    [[0xff, 0xd8, 0xff, 0xe0], /JPEG/],
    [[0x25, 0x50, 0x44, 0x46, 0x2d], /PDF/],
    [[...Buffer.from('SQLite format 3\0')], /SQLite database/],
    [[0x37, 0x7f, 0x06, 0x82, 0x00, 0x2d, 0xe2, 0x18], /SQLite write-ahead log/],
    [[0xd9, 0xd5, 0x05, 0xf9, 0x20, 0xa1, 0x63, 0xd7, 0x41], /SQLite rollback journal/],
    [[0x18, 0xe2, 0x2d, 0x00, 0x00, 0x00, 0x00, 0x00], /binary/],
    [[0x01, 0x02, 0x00, 0x7f], /binary/],
  ])('refuses binary data %j', (bytes, reason) => {
    const verdict = classifyInput(Uint8Array.from(bytes));
    expect(verdict.filing).toBe(false);
    if (!verdict.filing) expect(verdict.reason).toMatch(reason);
  });

  it('calls binary exactly what a byte-by-byte count calls binary, around the 10% of control characters', () => {
    // The count as written first: NUL anywhere in the first 8 KiB, or over a tenth of control characters there.
    const countedBinary = (bytes: Uint8Array): boolean => {
      const length = Math.min(bytes.length, 8192);
      let control = 0;
      for (let at = 0; at < length; at++) {
        const byte = bytes[at] as number;
        if (byte === 0) return true;
        if (byte < 0x09 || (byte > 0x0d && byte < 0x20 && byte !== 0x1b)) control++;
      }
      return length > 0 && control / length > 0.1;
    };
    let seed = 17;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    let binary = 0;
    for (let round = 0; round < 600; round++) {
      const length = round % 3 === 0 ? 8192 + Math.floor(random() * 40) - 20 : Math.floor(random() * 9500);
      const density = random() * 0.2;
      const withNul = random() < 0.1;
      const bytes = new Uint8Array(length);
      for (let at = 0; at < length; at++) {
        // Any byte 0x01-0x1f, or text (printable ASCII and Latin-1 letters).
        bytes[at] = random() < density ? 1 + Math.floor(random() * 31) : 0x20 + Math.floor(random() * 0xe0);
      }
      if (length > 0) bytes[0] = 0x41; // no file signature
      if (withNul && length > 1) bytes[1 + Math.floor(random() * (length - 1))] = 0;
      const expected = countedBinary(bytes);
      if (expected) binary++;
      const verdict = classifyInput(bytes);
      expect(!verdict.filing && /binary/.test(verdict.reason), `length ${length}, density ${density}`).toBe(expected);
    }
    expect(binary).toBeGreaterThan(100);
    expect(binary).toBeLessThan(500);
  });

  it('takes a bare cover, a document cut from a submission, a header and EDGAR XML', () => {
    for (const text of [
      '<DOCUMENT>\n<TYPE>6-K\n<TEXT>\nhello\n</TEXT>\n</DOCUMENT>\n',
      'ACCESSION NUMBER:\t\t0000950127-09-000020\nCONFORMED SUBMISSION TYPE:\t6-K\n',
      '<?xml version="1.0"?>\n<ownershipDocument><schemaVersion>X0306</schemaVersion></ownershipDocument>',
      '<html><body><p>UNITED STATES</p><p>SECURITIES AND EXCHANGE&nbsp;COMMISSION</p><p>FORM&nbsp;8-K</p></body></html>',
    ]) {
      expect(classifyInput(Buffer.from(text, 'latin1')), text).toMatchObject({ filing: true });
    }
  });

  it('reads no more than the head of a large input, in linear time', () => {
    const big = Buffer.alloc(50_000_000, 0x20);
    big.write('<TABLE>\n', 0);
    const started = performance.now();
    expect(classifyInput(big).filing).toBe(false);
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});
