import { readdirSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { corpusPath, readCorpus } from '../../../test/shared-files.js';
import type { Submission } from '../../model/submission.js';
import { parseSubmission } from './parse-submission.js';
import { SubmissionParser } from './submission-parser.js';

/** Everything about a submission that must not depend on how its bytes were chunked. */
function fingerprint(submission: Submission): unknown {
  return {
    ...submission,
    documents: submission.documents.map((document) => ({ ...document, body: Buffer.from(document.body).toString('base64') })),
  };
}

function parseInChunks(bytes: Uint8Array, sizes: readonly number[]): Submission {
  const parser = new SubmissionParser();
  let turn = 0;
  for (let at = 0; at < bytes.length; ) {
    const size = Math.max(1, sizes[turn++ % sizes.length] ?? 1);
    parser.write(bytes.subarray(at, at + size));
    at += size;
  }
  return parser.end();
}

// Small corpus submissions of every kind (the property runs many times over each).
const files = ['submissions', 'nc', 'headers', 'fpi']
  .flatMap((folder) => readdirSync(corpusPath(folder)).map((name) => `${folder}/${name}`))
  .map((file) => ({ file, bytes: readCorpus(file) }))
  .filter(({ bytes }) => bytes.length <= 300_000);

// What mutations splice in: container tags, line ends of every kind, the long runs that cross the parser's
// limits (a 64 KiB preamble without <TEXT>), numbers beyond safe integers, stray text.
const PIECES = [
  '<DOCUMENT>',
  '</DOCUMENT>',
  '<TEXT>',
  '</TEXT>',
  '<TYPE>EX-99',
  '<SEQUENCE>123456789012345678901',
  '<SEQUENCE>1e5',
  '</SEC-HEADER>',
  '<SEC-HEADER>',
  '</SUBMISSION>',
  '<SUBMISSION>',
  '</SEC-DOCUMENT>',
  '<PUBLIC-DOCUMENT-COUNT>99999999999999999999',
  'PUBLIC DOCUMENT COUNT:\t1e400',
  '\r',
  '\n',
  '\r\n',
  'stray text ',
  '-----END PRIVACY-ENHANCED MESSAGE-----',
  'begin 644 a.jpg\rM86)C\rend\r',
  '<PDF>',
  '<text>',
  '</text>',
] as const;

const mutation = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), at: fc.double({ min: 0, max: 1, noNaN: true }), piece: fc.constantFrom(...PIECES) }),
  fc.record({
    kind: fc.constant('filler' as const),
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    size: fc.integer({ min: 60_000, max: 140_000 }),
    byte: fc.constantFrom(0x20, 0x61, 0x0d, 0x3c),
  }),
  fc.record({
    kind: fc.constant('delete' as const),
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    size: fc.integer({ min: 1, max: 4000 }),
  }),
  fc.record({ kind: fc.constant('cut' as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function mutate(original: Uint8Array, mutations: readonly Mutation[]): Buffer {
  let bytes = Buffer.from(original);
  for (const change of mutations) {
    const at = Math.floor(change.at * bytes.length);
    switch (change.kind) {
      case 'insert':
        bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from(change.piece, 'latin1'), bytes.subarray(at)]);
        break;
      case 'filler':
        bytes = Buffer.concat([bytes.subarray(0, at), Buffer.alloc(change.size, change.byte), bytes.subarray(at)]);
        break;
      case 'delete':
        bytes = Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + change.size)]);
        break;
      case 'cut':
        bytes = bytes.subarray(0, at);
        break;
    }
  }
  return bytes;
}

describe('SubmissionParser: whole and chunked parses agree on malformed input', () => {
  it('on mutated corpus submissions in random chunkings', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: files.length - 1 }),
        fc.array(mutation, { minLength: 1, maxLength: 6 }),
        fc.array(fc.oneof(fc.integer({ min: 1, max: 16 }), fc.integer({ min: 1, max: 70_000 })), { minLength: 1, maxLength: 8 }),
        (index, mutations, sizes) => {
          const bytes = mutate((files[index] as { bytes: Buffer }).bytes, mutations);
          const whole = parseSubmission(bytes);
          expect(fingerprint(parseInChunks(bytes, sizes))).toEqual(fingerprint(whole));
        },
      ),
      { numRuns: 300 },
    );
  }, 300_000);
});

describe('SubmissionParser: the header nests the same whole and chunked', () => {
  it('when the header starts inside a run of spaces the buffer has let go of (a case fast-check found)', () => {
    // `<SEC-HEADER>` and 63,936 spaces: the envelope line is cut after 4,096 bytes, so the header starts mid-run and
    // its first line is indented only if the byte before it is read as a space — which chunked parsing no longer holds.
    const original = readCorpus('submissions/0000019617-24-000012.txt');
    const bytes = Buffer.concat([Buffer.from('<SEC-HEADER>', 'latin1'), Buffer.alloc(63_936, 0x20), original.subarray(317)]);
    const whole = parseSubmission(bytes);
    for (const size of [6, 1000, 4099]) expect(fingerprint(parseInChunks(bytes, [size]))).toEqual(fingerprint(whole));
  });
});

describe('SubmissionParser: a body handed over in parts ends where a whole parse ends it', () => {
  const preamble = '<SEC-DOCUMENT>x.txt : 20240101\n<DOCUMENT>\n<TYPE>EX-99\n<TEXT>\n';

  it('at a "</TEXT>" more than a margin before the next container tag, in a part already handed over', () => {
    // The body passes 1 MiB, so a chunked parse hands its start over in a part; `</TEXT>` lies in that part.
    const bytes = Buffer.from(`${preamble}${'a'.repeat(1_000_000)}</TEXT>${'b'.repeat(200_000)}\n</DOCUMENT>\n`, 'latin1');
    const whole = parseSubmission(bytes);
    expect(whole.documents[0]?.body.length).toBe(1_000_000);
    for (const size of [65_536, 4099]) expect(fingerprint(parseInChunks(bytes, [size]))).toEqual(fingerprint(whole));
  });

  it('before the envelope end line of a truncated input followed by blanks reaching into the last part', () => {
    // A whole parse hands parts over too (its write() reads before end() says the input is complete): both used to
    // look for the end line only after the last part, which holds nothing but blanks here.
    const bytes = Buffer.from(
      `${preamble}${'a'.repeat(1_000_000)}\n-----END PRIVACY-ENHANCED MESSAGE-----${' '.repeat(200_000)}`,
      'latin1',
    );
    const whole = parseSubmission(bytes);
    expect(whole.documents[0]?.body.length).toBe(1_000_001);
    for (const size of [65_536, 4099]) expect(fingerprint(parseInChunks(bytes, [size]))).toEqual(fingerprint(whole));
  });
});

describe('SubmissionParser: a <DOCUMENT> at the first byte of the header opens a line whole and chunked', () => {
  it('when the envelope line was cut at its limit just after a ">"', () => {
    // `<SEC-HEADER>` and 4,083 bytes and ">": the line is cut after 4,096 bytes, so the header starts at `<DOCUMENT>`,
    // whose byte before (">") a chunked parse has let go of by the time the whole tag arrives.
    const bytes = Buffer.from(`<SEC-HEADER>${'a'.repeat(4083)}><DOCUMENT>\n<TYPE>EX-99\n<TEXT>\nbody\n</TEXT>\n</DOCUMENT>\n`, 'latin1');
    const whole = parseSubmission(bytes);
    expect(whole.documents.map((document) => document.type)).toEqual(['EX-99']);
    for (const sizes of [
      [4097, 3],
      [4100, 1],
    ])
      expect(fingerprint(parseInChunks(bytes, sizes))).toEqual(fingerprint(whole));
  });
});
