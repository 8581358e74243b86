import { readdirSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { corpusPath, readCorpus } from '../../../test/shared-files.js';
import { type Diagnostic, diagnostic } from '../../core/diagnostic.js';
import { parseSubmission } from './parse-submission.js';
import { type DecodedAttachment, findUuencodeBegin, uudecode, uudecodedLength } from './uudecode.js';

/**
 * The fast paths of uuencoded bodies (lines decoded where their length byte says they end; line ends found by the
 * native search) against the straightforward readings they replace, on every corpus submission (the CR-only
 * dissemination files included) and on inputs made to reach each way out of a fast path.
 */

/** The straightforward uudecoder: every line found by its line break, then decoded. */
function uudecodeStraight(body: Uint8Array, offset = 0): DecodedAttachment | null {
  const begin = findUuencodeBegin(body);
  if (!begin) return null;
  const diagnostics: Diagnostic[] = [];
  const out: number[] = [];
  let at = begin.dataStart;
  let sawEnd = false;
  let shortLines = 0;
  const value = (index: number, contentEnd: number) => (index < contentEnd ? ((body[index] as number) - 0x20) & 0x3f : 0);
  while (at < body.length) {
    let lineEnd = body.indexOf(begin.lineBreak, at);
    if (lineEnd === -1) lineEnd = body.length;
    let contentEnd = lineEnd;
    while (contentEnd > at && (body[contentEnd - 1] === 0x0d || body[contentEnd - 1] === 0x20)) contentEnd--;
    if (contentEnd > at) {
      const first = body[at] as number;
      if (first === 0x65 && body[at + 1] === 0x6e && body[at + 2] === 0x64 && contentEnd - at === 3) {
        sawEnd = true;
        break;
      }
      const declared = (first - 0x20) & 0x3f;
      if (declared > 0) {
        if (contentEnd - at - 1 < Math.ceil(declared / 3) * 4) shortLines++;
        const bytes: number[] = [];
        for (let group = at + 1; bytes.length < declared; group += 4) {
          const [c0, c1, c2, c3] = [0, 1, 2, 3].map((k) => value(group + k, contentEnd)) as [number, number, number, number];
          bytes.push((c0 << 2) | (c1 >> 4), ((c1 & 0x0f) << 4) | (c2 >> 2), ((c2 & 0x03) << 6) | c3);
        }
        out.push(...bytes.slice(0, declared));
      } else if (first !== 0x60 && first !== 0x20) {
        diagnostics.push(diagnostic('uu/bad-line', 'warning', 'Skipped a line that is not uuencoded data', offset + at));
      }
    }
    at = lineEnd + 1;
  }
  if (shortLines > 0) {
    diagnostics.push(
      diagnostic(
        'uu/short-line',
        'warning',
        `${shortLines} uuencoded line(s) were shorter than their length byte says; the missing bytes were read as zero`,
        offset + begin.dataStart,
      ),
    );
  }
  if (!sawEnd) {
    diagnostics.push(diagnostic('uu/missing-end', 'warning', `Uuencoded "${begin.filename}" has no "end" line`, offset + body.length));
  }
  // The decoder's output holds three bytes per four of the body: short lines that declare more are cut there.
  const capacity = Math.ceil(((body.length - begin.dataStart) * 3) / 4) + 3;
  return { filename: begin.filename, mode: begin.mode, bytes: Uint8Array.from(out.slice(0, capacity)), diagnostics };
}

/** The straightforward decoded size: each line's length byte, lines found one by one, up to `end`. */
function uudecodedLengthStraight(body: Uint8Array): number | null {
  const begin = findUuencodeBegin(body);
  if (!begin) return null;
  let total = 0;
  for (let at = begin.dataStart; at < body.length; ) {
    let lineEnd = at;
    while (lineEnd < body.length && body[lineEnd] !== begin.lineBreak) lineEnd++;
    const first = body[at] as number;
    if (lineEnd > at && first !== 0x0d) {
      if (first === 0x65 && body[at + 1] === 0x6e && body[at + 2] === 0x64) break;
      total += (first - 0x20) & 0x3f;
    }
    at = lineEnd + 1;
  }
  return total;
}

function expectSameAttachment(body: Uint8Array, offset = 0): void {
  const fast = uudecode(body, offset);
  const straight = uudecodeStraight(body, offset);
  expect(fast === null).toBe(straight === null);
  if (fast === null || straight === null) return;
  expect({ ...fast, bytes: Buffer.from(fast.bytes).toString('base64') }).toEqual({
    ...straight,
    bytes: Buffer.from(straight.bytes).toString('base64'),
  });
}

const FOLDERS = ['submissions', 'nc', 'headers', 'fpi'];
const corpus = FOLDERS.flatMap((folder) =>
  readdirSync(corpusPath(folder))
    .filter((name) => /\.(txt|nc|sgml)$/.test(name))
    .map((name) => ({ file: `${folder}/${name}`, bytes: readCorpus(`${folder}/${name}`) })),
);
/** Files whose only line break is a bare CR (dissemination files of some filer agents). */
const crOnly = corpus.filter(({ bytes }) => bytes.includes(0x0d) && bytes.indexOf(0x0a) === bytes.lastIndexOf(0x0a));

describe('fast paths of body decoding give what the straightforward readings give', () => {
  it('finds CR-only dissemination files in the corpus to check', () => {
    expect(crOnly.filter(({ file }) => file.endsWith('.nc')).length).toBeGreaterThanOrEqual(4);
    expect(corpus.filter(({ file }) => file.startsWith('nc/')).length).toBeGreaterThanOrEqual(10);
  });

  it('on every document of every corpus submission, CR-only .nc files included', () => {
    let uuencoded = 0;
    let text = 0;
    for (const { file, bytes } of corpus) {
      for (const document of parseSubmission(bytes).documents) {
        if (document.encoding === 'uuencode') {
          uuencoded++;
          expectSameAttachment(document.body, document.bodyRange.start);
          expect(uudecodedLength(document.body), file).toBe(uudecodedLengthStraight(document.body));
        } else text++;
      }
    }
    // The corpus holds both kinds: neither check ran on nothing.
    expect(uuencoded).toBeGreaterThan(20);
    expect(text).toBeGreaterThan(200);
  });

  it('on the uuencoded bodies with CRLF, bare CR, trailing blanks and a missing last line break', () => {
    const bodies = corpus.flatMap(({ bytes }) =>
      parseSubmission(bytes)
        .documents.filter((document) => document.encoding === 'uuencode')
        .map((document) => Buffer.from(document.body)),
    );
    expect(bodies.length).toBeGreaterThan(20);
    for (const body of bodies.slice(0, 40)) {
      const text = body.toString('latin1').replace(/\r\n?/g, '\n');
      for (const variant of [
        text.replace(/\n/g, '\r\n'),
        text.replace(/\n/g, '\r'),
        text.replace(/\n/g, ' \n'),
        text.replace(/\n/g, '  \r\n'),
        text.replace(/\nend\n*$/, '\n'),
        text.replace(/\n+$/, ''),
      ]) {
        const bytes = Buffer.from(variant, 'latin1');
        expectSameAttachment(bytes);
        expect(uudecodedLength(bytes)).toBe(uudecodedLengthStraight(bytes));
      }
    }
  });

  it('on uuencoded bodies with bytes changed anywhere (line breaks, blanks, short and long lines)', () => {
    const body = Buffer.from(`begin 644 a.bin\n${Array.from({ length: 8 }, () => `M${'86)C'.repeat(15)}`).join('\n')}\n#86)C\n\`\nend\n`);
    const replacement = fc.constantFrom(0x0a, 0x0d, 0x20, 0x60, 0x21, 0x4d, 0x65, 0x7f, 0xff, 0x00);
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat({ max: body.length - 1 }), replacement), { maxLength: 6 }),
        fc.array(fc.tuple(fc.nat({ max: body.length }), fc.constantFrom('\n', '\r', '\r\n', ' ', 'M', '')), { maxLength: 3 }),
        (edits, inserts) => {
          let bytes = Buffer.from(body);
          for (const [at, value] of edits) if (at > 20) bytes[at] = value;
          for (const [at, piece] of inserts) {
            if (at <= 20) continue;
            bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from(piece), bytes.subarray(at)]);
          }
          expectSameAttachment(bytes, 7);
          expect(uudecodedLength(bytes)).toBe(uudecodedLengthStraight(bytes));
        },
      ),
      { numRuns: 1000 },
    );
  });
});
