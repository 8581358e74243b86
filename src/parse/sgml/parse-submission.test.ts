import { readFileSync, readdirSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { corpusPath, projectRoot, readCorpus, readSeed } from '../../../test/shared-files.js';
import type { Submission } from '../../model/submission.js';
import { EdgarSyntaxError } from '../../core/edgar-syntax-error.js';
import { decodeAttachment, decodeDocumentText, parseSubmission } from './parse-submission.js';
import { SubmissionParser } from './submission-parser.js';

type Golden = Record<string, Record<string, unknown>>;
const golden = JSON.parse(readFileSync(`${projectRoot}/testdata/golden/submissions/headers.json`, 'utf8')) as Golden;

const SUBMISSION_FOLDERS = ['submissions', 'nc', 'headers', 'fpi'];
function corpusFiles(): string[] {
  return SUBMISSION_FOLDERS.flatMap((folder) => readdirSync(corpusPath(folder)).map((name) => `${folder}/${name}`)).sort();
}

/** Everything about a submission that must not depend on how its bytes were chunked. */
function fingerprint(submission: Submission): unknown {
  return {
    ...submission,
    documents: submission.documents.map((document) => ({ ...document, body: Buffer.from(document.body).toString('base64') })),
  };
}

function parseInChunks(bytes: Uint8Array, sizes: () => number): Submission {
  const parser = new SubmissionParser();
  for (let at = 0; at < bytes.length; ) {
    const size = Math.max(1, sizes());
    parser.write(bytes.subarray(at, at + size));
    at += size;
  }
  return parser.end();
}

describe('parseSubmission: golden headers read off the corpus files', () => {
  for (const [file, expected] of Object.entries(golden)) {
    if (file.startsWith('_')) continue;
    it(file, () => {
      const submission = parseSubmission(readCorpus(file));
      const header = submission.header;
      for (const [key, value] of Object.entries(expected)) {
        switch (key) {
          case 'format':
          case 'privacyEnhanced':
            expect(submission[key], key).toEqual(value);
            break;
          case 'header':
            expect(header, key).toEqual(value);
            break;
          case 'partyRoles':
            expect(header?.parties.map((party) => party.role)).toEqual(value);
            break;
          case 'partyNames':
            expect(header?.parties.map((party) => party.company?.name)).toEqual(value);
            break;
          case 'partyCiks':
            expect(header?.parties.map((party) => party.company?.cik)).toEqual(value);
            break;
          case 'firstCompany':
            expect(header?.parties[0]?.company).toEqual(value);
            break;
          case 'firstFilingValues':
            expect(header?.parties[0]?.filingValues).toEqual(value);
            break;
          case 'firstBusinessAddress':
            expect(header?.parties[0]?.businessAddress).toEqual(value);
            break;
          case 'formerCompanies':
            expect(header?.parties[0]?.formerCompanies).toEqual(value);
            break;
          case 'formerCompaniesOfLastParty':
            expect(header?.parties.at(-1)?.formerCompanies).toEqual(value);
            break;
          case 'documents':
            expect(
              submission.documents.map((document) => ({
                sequence: document.sequence,
                type: document.type,
                filename: document.filename,
                description: document.description,
                encoding: document.encoding,
              })),
            ).toEqual(value);
            break;
          case 'documentTypes':
            expect(submission.documents.map((document) => document.type)).toEqual(value);
            break;
          case 'documentFilenames':
            expect(submission.documents.map((document) => document.filename)).toEqual(value);
            break;
          case 'documentEncodings':
            expect(submission.documents.map((document) => document.encoding)).toEqual(value);
            break;
          case 'firstDocumentFilename':
            expect(submission.documents[0]?.filename).toEqual(value);
            break;
          default:
            expect((header as unknown as Record<string, unknown>)[key], key).toEqual(value);
        }
      }
    });
  }
});

describe('parseSubmission: whole corpus', () => {
  const diagnosticCounts = new Map<string, number>();
  for (const file of corpusFiles()) {
    it(`${file} parses, and its header agrees with the file name and its own lines`, () => {
      const bytes = readCorpus(file);
      const submission = parseSubmission(bytes);
      for (const found of submission.diagnostics) diagnosticCounts.set(found.code, (diagnosticCounts.get(found.code) ?? 0) + 1);
      expect(submission.byteLength).toBe(bytes.length);
      const named = /^(\d{10}-\d{2}-\d{6})/.exec(file.split('/')[1] as string);
      const text = bytes.toString('latin1');
      if (named && submission.format !== 'documents-only' && submission.format !== 'bare-document') expect(submission.header?.accessionNumber).toBe(named[1]);
      // Independent reading of the form type: the first CONFORMED SUBMISSION TYPE line or <TYPE> tag.
      const conformed = /CONFORMED SUBMISSION TYPE:\s*([^\n]+)/.exec(text) ?? /<SUBMISSION>\s*<ACCESSION-NUMBER>[^<]*<TYPE>([^<\n]+)/.exec(text);
      if (conformed) expect(submission.header?.formType).toBe((conformed[1] as string).trim());
      // Every document body lies inside the file and the bodies do not overlap.
      let previousEnd = 0;
      for (const document of submission.documents) {
        expect(document.bodyRange.start).toBeGreaterThanOrEqual(previousEnd);
        expect(document.bodyRange.end).toBeLessThanOrEqual(bytes.length);
        expect(Buffer.from(document.body).equals(bytes.subarray(document.bodyRange.start, document.bodyRange.end))).toBe(true);
        previousEnd = document.bodyRange.end;
      }
      // The number of <DOCUMENT> tags opening a line (or a tag run, in .nc files) is the number of documents.
      const opened = text.match(/(^|\n|\r|>)<DOCUMENT>/g)?.length ?? 0;
      if (submission.format !== 'bare-document') expect(submission.documents.length).toBe(opened);
    });
  }
  it('reports its diagnostic counts', () => {
    console.log('corpus diagnostics:', Object.fromEntries(diagnosticCounts));
    expect(diagnosticCounts.get('sgml/truncated') ?? 0).toBe(0);
  });
});

describe('the seed: a bare document', () => {
  it('is accepted as one document with no header', () => {
    const seed = readSeed();
    const submission = parseSubmission(seed);
    expect(submission.format).toBe('bare-document');
    expect(submission.header).toBeNull();
    expect(submission.documents).toHaveLength(1);
    const document = submission.documents[0];
    expect(document?.body.length).toBe(seed.length);
    expect(decodeDocumentText(document!).text).toContain('HANARO TELECOM, INC.');
    expect(submission.diagnostics.map((found) => found.code)).toEqual(['sgml/bare-document']);
    // Info is not a failure, so strict mode accepts it too.
    expect(() => parseSubmission(seed, { strict: true })).not.toThrow();
  });
});

describe('chunk invariance', () => {
  const files = ['submissions/0001011438-98-000429.txt', 'nc/0001104659-25-002604.nc', 'fpi/0000912282-09-000008.txt', 'headers/1990s-header.txt', 'submissions/0000899681-95-000096.txt', 'fpi/0001279569-09-000080.txt'];
  for (const file of files) {
    it(`${file}: whole, byte by byte and random chunks agree`, () => {
      const bytes = readCorpus(file);
      const whole = fingerprint(parseSubmission(bytes));
      expect(fingerprint(parseInChunks(bytes, () => 1))).toEqual(whole);
      let seed = 7;
      const random = () => {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        return 1 + (seed % 4096);
      };
      expect(fingerprint(parseInChunks(bytes, random))).toEqual(whole);
    });
  }
  it('holds for malformed input too', () => {
    const broken = Buffer.from('<SEC-DOCUMENT>x\n<SEC-HEADER>y\nACCESSION NUMBER: 0000000000-00-000001\n<DOCUMENT>\n<TYPE>A\n<TEXT>\nbody\n<DOCUMENT>\n<type>B\n<TEXT>\nmore</text>\n');
    const whole = fingerprint(parseSubmission(broken));
    expect(fingerprint(parseInChunks(broken, () => 1))).toEqual(whole);
    expect(fingerprint(parseInChunks(broken, () => 3))).toEqual(whole);
  });
});

describe('real-world mess', () => {
  it('repairs a missing </DOCUMENT>, a missing </TEXT>, lower-case tags and CRLF line ends, saying where', () => {
    const input = [
      '<SEC-DOCUMENT>0000000001-02-000003.txt : 20020101',
      '<SEC-HEADER>0000000001-02-000003.hdr.sgml : 20020101',
      'ACCESSION NUMBER:\t\t0000000001-02-000003',
      'CONFORMED SUBMISSION TYPE:\t6-K',
      'FILED AS OF DATE:\t\t20020102',
      '</SEC-HEADER>',
      '<DOCUMENT>',
      '<TYPE>6-K',
      '<SEQUENCE>1',
      '<text>',
      'first body',
      '</TEXT>',
      '<DOCUMENT>',
      '<TYPE>EX-99',
      '<SEQUENCE>1',
      '<TEXT>',
      'second body',
      '</DOCUMENT>',
      '</SEC-DOCUMENT>',
      '',
    ].join('\r\n');
    const submission = parseSubmission(input);
    expect(submission.header?.formType).toBe('6-K');
    expect(submission.header?.filedAt).toBe('2002-01-02');
    expect(submission.documents.map((document) => Buffer.from(document.body).toString())).toEqual(['first body\r\n', 'second body\r\n']);
    const codes = submission.diagnostics.map((found) => found.code);
    expect(codes).toContain('sgml/lowercase-tag');
    expect(codes).toContain('sgml/unclosed-document');
    expect(codes).toContain('sgml/unclosed-text');
    expect(codes).toContain('sgml/duplicate-sequence');
    const unclosedText = submission.diagnostics.find((found) => found.code === 'sgml/unclosed-text');
    expect(input.slice(unclosedText?.offset, (unclosedText?.offset ?? 0) + 11)).toBe('</DOCUMENT>');
  });

  it('keeps what it can of a truncated file and says so', () => {
    const bytes = readCorpus('fpi/0000912282-09-000008.txt');
    const cut = bytes.subarray(0, 30_000);
    const submission = parseSubmission(cut);
    expect(submission.header?.accessionNumber).toBe('0000912282-09-000008');
    expect(submission.documents).toHaveLength(1);
    expect(submission.diagnostics.some((found) => found.code === 'sgml/truncated' && found.severity === 'error')).toBe(true);
  });

  it('fails in strict mode with file:line:col', () => {
    const input = '<SEC-DOCUMENT>a\n<SEC-HEADER>b\nACCESSION NUMBER: 0000000001-02-000003\n</SEC-HEADER>\n<DOCUMENT>\n<TYPE>X\n<TEXT>\nbody\n';
    try {
      parseSubmission(input, { strict: true, source: 'broken.txt' });
      expect.unreachable('strict mode must throw');
    } catch (error) {
      expect(error).toBeInstanceOf(EdgarSyntaxError);
      const syntax = error as EdgarSyntaxError;
      expect(syntax.code).toBe('sgml/truncated');
      expect(syntax.message).toMatch(/^broken\.txt:9:1: /);
      expect(syntax.line).toBe(9);
    }
  });

  it('reads Windows-1252 bytes as the right characters', () => {
    const body = Buffer.from([0x93, 0x41, 0x94, 0x20, 0xe9, 0x20, 0x96]);
    const submission = parseSubmission(Buffer.concat([Buffer.from('<DOCUMENT>\n<TYPE>X\n<TEXT>\n'), body, Buffer.from('\n</TEXT>\n</DOCUMENT>\n')]));
    const decoded = decodeDocumentText(submission.documents[0]!);
    expect(decoded.encoding).toBe('windows-1252');
    expect(decoded.text).toBe('\u201cA\u201d \u00e9 \u2013\n');
  });

  it('unwraps <XML>, <XBRL> and <PDF> bodies', () => {
    const submission = parseSubmission(readCorpus('submissions/0001018724-24-000077.txt'));
    const xml = submission.documents[0]!;
    expect(xml.wrapper).toBe('XML');
    expect(Buffer.from(xml.body).toString('latin1').trimStart().startsWith('<?xml')).toBe(true);
    expect(Buffer.from(xml.body).toString('latin1').trimEnd().endsWith('</ownershipDocument>')).toBe(true);
  });
});

describe('uuencoded attachments', () => {
  it('decode to JPEG files with the right magic numbers and end markers', () => {
    const submission = parseSubmission(readCorpus('fpi/0000912282-09-000008.txt'));
    const images = submission.documents.filter((document) => document.encoding === 'uuencode');
    expect(images.map((document) => document.encodedFilename)).toEqual(['ballot.jpg', 'ballotx.jpg', 'img2.jpg']);
    for (const image of images) {
      const decoded = decodeAttachment(image)!;
      expect(decoded.diagnostics).toEqual([]);
      expect([...decoded.bytes.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
      // A JPEG ends with the EOI marker: the decoded length is exact, not padded.
      expect([...decoded.bytes.subarray(-2)]).toEqual([0xff, 0xd9]);
    }
  });

  it('decode a PDF inside a <PDF> wrapper to a file that starts with %PDF and ends with %%EOF', () => {
    const submission = parseSubmission(readCorpus('fpi/0001279569-09-000080.txt'));
    const pdf = submission.documents.find((document) => document.wrapper === 'PDF')!;
    expect(pdf.encoding).toBe('uuencode');
    const decoded = decodeAttachment(pdf)!;
    expect(Buffer.from(decoded.bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    expect(Buffer.from(decoded.bytes.subarray(-8)).toString('latin1')).toMatch(/%%EOF\s*$/);
  });

  it('round-trips arbitrary bytes through a reference encoder', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => {
        const body = Buffer.from(`begin 644 data.bin\n${uuencodeForTest(bytes)}\`\nend\n`);
        const submission = parseSubmission(Buffer.concat([Buffer.from('<DOCUMENT>\n<TYPE>GRAPHIC\n<TEXT>\n'), body, Buffer.from('</TEXT>\n</DOCUMENT>\n')]));
        const decoded = decodeAttachment(submission.documents[0]!)!;
        expect(Buffer.from(decoded.bytes).equals(Buffer.from(bytes))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});

/** The classic uuencode algorithm, written out independently of the decoder under test. */
function uuencodeForTest(bytes: Uint8Array): string {
  const lines: string[] = [];
  const encode = (value: number) => String.fromCharCode(value === 0 ? 0x60 : value + 0x20);
  for (let at = 0; at < bytes.length; at += 45) {
    const chunk = bytes.subarray(at, at + 45);
    let line = encode(chunk.length);
    for (let i = 0; i < chunk.length; i += 3) {
      const a = chunk[i] ?? 0;
      const b = chunk[i + 1] ?? 0;
      const c = chunk[i + 2] ?? 0;
      line += encode(a >> 2) + encode(((a & 3) << 4) | (b >> 4)) + encode(((b & 15) << 2) | (c >> 6)) + encode(c & 63);
    }
    lines.push(line);
  }
  return lines.map((line) => `${line}\n`).join('');
}

describe('property: lenient parsing never throws', () => {
  it('on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 4000 }), (bytes) => {
        parseSubmission(bytes);
      }),
      { numRuns: 500 },
    );
  });
  it('on arbitrary strings made of SGML-ish pieces', () => {
    const piece = fc.constantFrom('<SEC-DOCUMENT>', '<SEC-HEADER>', '</SEC-HEADER>', '<DOCUMENT>', '</DOCUMENT>', '<TEXT>', '</TEXT>', '<TYPE>6-K', '<SEQUENCE>1', '<SUBMISSION>', '</SUBMISSION>', '<PDF>', 'begin 644 x.jpg', 'M86)C', 'end', 'FILER:', '\tCOMPANY DATA:', '\t\tCENTRAL INDEX KEY:\t0001', '\n', '\r\n', 'text ', '-----BEGIN PRIVACY-ENHANCED MESSAGE-----');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), fc.integer({ min: 1, max: 64 }), (pieces, chunk) => {
        const bytes = Buffer.from(pieces.join(''));
        const whole = parseSubmission(bytes);
        expect(fingerprint(parseInChunks(bytes, () => chunk))).toEqual(fingerprint(whole));
      }),
      { numRuns: 500 },
    );
  });
  it('on mutated corpus files', () => {
    const original = readCorpus('fpi/0000947871-09-000492.txt');
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat({ max: original.length - 1 }), fc.integer({ min: 0, max: 255 })), { maxLength: 20 }), fc.nat({ max: original.length }), (edits, cut) => {
        const bytes = Buffer.from(original.subarray(0, cut));
        for (const [at, value] of edits) if (at < bytes.length) bytes[at] = value;
        parseSubmission(bytes);
      }),
      { numRuns: 300 },
    );
  });
});
