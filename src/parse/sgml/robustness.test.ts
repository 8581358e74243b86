import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LINEAR_RATIO, scalingRatio } from '../../../test/scaling.js';
import { corpusPath, readCorpus } from '../../../test/shared-files.js';
import { decodeAttachment, decodeDocumentText, parseSubmission } from './parse-submission.js';
import { SubmissionParser } from './submission-parser.js';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

describe('uuencoded attachments in dissemination files with bare-CR line ends', () => {
  it('decodes the JFIF logo of nc/0000929638-25-000114.nc to a whole JPEG', () => {
    const submission = parseSubmission(readCorpus('nc/0000929638-25-000114.nc'));
    const logo = submission.documents.find((document) => document.filename === 'ey_logo.jpg');
    expect(logo?.encoding).toBe('uuencode');
    const decoded = decodeAttachment(logo as NonNullable<typeof logo>);
    expect(decoded?.filename).toBe('ey_logo.jpg');
    const bytes = decoded?.bytes ?? new Uint8Array(0);
    expect(hex(bytes.subarray(0, 3))).toBe('ffd8ff');
    expect(hex(bytes.subarray(-2))).toBe('ffd9');
  });

  it('decodes the XLSX and the ZIP of nc/0001493152-25-001317.nc to archives', () => {
    const submission = parseSubmission(readCorpus('nc/0001493152-25-001317.nc'));
    for (const name of ['Financial_Report.xlsx', '0001493152-25-001317-xbrl.zip']) {
      const document = submission.documents.find((found) => found.filename === name);
      expect(document?.encoding, name).toBe('uuencode');
      const bytes = decodeAttachment(document as NonNullable<typeof document>)?.bytes ?? new Uint8Array(0);
      expect(Buffer.from(bytes.subarray(0, 2)).toString('latin1'), name).toBe('PK');
      // The end-of-central-directory record closes every whole ZIP.
      expect(Buffer.from(bytes).lastIndexOf(Buffer.from('PK\x05\x06', 'latin1')), name).toBeGreaterThan(bytes.length - 100);
    }
  });

  it('leaves no "begin 644" line in the text of any document of the corpus', () => {
    const folders = ['submissions', 'nc', 'headers', 'fpi', 'html', 'xml'];
    let documents = 0;
    for (const folder of folders) {
      for (const name of readdirSync(corpusPath(folder))) {
        for (const document of parseSubmission(readCorpus(`${folder}/${name}`)).documents) {
          if (document.encoding !== 'text') continue;
          documents++;
          expect(/(?:^|[\r\n])begin 644 /.test(decodeDocumentText(document).text), `${folder}/${name} #${document.sequence}`).toBe(false);
        }
      }
    }
    expect(documents).toBeGreaterThan(100);
  });
});

describe('numbers beyond safe integers', () => {
  it('refuses a <SEQUENCE> too large to be exact, with a diagnostic', () => {
    const submission = parseSubmission('<DOCUMENT>\n<TYPE>EX-99\n<SEQUENCE>123456789012345678901\n<TEXT>\nx\n</TEXT>\n</DOCUMENT>\n');
    expect(submission.documents[0]?.sequence).toBeNull();
    const found = submission.diagnostics.find((item) => item.code === 'sgml/bad-sequence');
    expect(found?.message).toMatch(/larger than 9007199254740991/);
  });

  it('refuses a PUBLIC DOCUMENT COUNT too large to be exact, with a diagnostic', () => {
    for (const count of ['99999999999999999999', '1'.repeat(400)]) {
      const submission = parseSubmission(
        `<SEC-HEADER>\nACCESSION NUMBER:\t0000000000-01-000001\nPUBLIC DOCUMENT COUNT:\t${count}\n</SEC-HEADER>\n`,
      );
      expect(submission.header?.publicDocumentCount).toBeNull();
      expect(submission.diagnostics.some((item) => item.code === 'sgml/bad-document-count' && item.message.includes('larger than'))).toBe(
        true,
      );
    }
  });

  it('keeps a count that is an exact integer', () => {
    const submission = parseSubmission('<SEC-HEADER>\nPUBLIC DOCUMENT COUNT:\t9007199254740991\n</SEC-HEADER>\n');
    expect(submission.header?.publicDocumentCount).toBe(9007199254740991);
  });
});

/** A dissemination file of `n` small documents with bare-CR line ends and no LF at all. */
function crOnlySubmission(n: number): Buffer {
  const parts = ['<SUBMISSION>\r<ACCESSION-NUMBER>0000000000-01-000001\r<TYPE>8-K\r'];
  for (let k = 1; k <= n; k++) {
    parts.push(
      `<DOCUMENT>\r<TYPE>EX-99\r<SEQUENCE>${k}\r<FILENAME>ex${k}.txt\ra line that is not a tag\r<TEXT>\rbody ${k}\r</TEXT>\r</DOCUMENT>\r`,
    );
  }
  parts.push('</SUBMISSION>\r');
  return Buffer.from(parts.join(''), 'latin1');
}

describe('input without LF', () => {
  it('reads CR-only preambles line by line', () => {
    const submission = parseSubmission(crOnlySubmission(2));
    expect(submission.documents.map((document) => [document.type, document.sequence, document.filename])).toEqual([
      ['EX-99', 1, 'ex1.txt'],
      ['EX-99', 2, 'ex2.txt'],
    ]);
    expect(submission.documents[0]?.fields.at(-1)).toEqual({ key: '', value: 'a line that is not a tag' });
  });

  it('parses in time linear in the number of documents', () => {
    const { ratio, small, large } = scalingRatio(crOnlySubmission, (bytes) => parseSubmission(bytes), 5000);
    expect(ratio, `${small.toFixed(1)} ms -> ${large.toFixed(1)} ms`).toBeLessThan(LINEAR_RATIO);
  });

  it('reads documents with no line end at all, in linear time', () => {
    const make = (n: number): Buffer =>
      Buffer.from(`<SEC-DOCUMENT>x${'<DOCUMENT><TYPE>x<SEQUENCE>1<TEXT>body</TEXT></DOCUMENT>'.repeat(n)}`, 'latin1');
    const submission = parseSubmission(make(3));
    expect(submission.documents.map((document) => [document.type, decodeDocumentText(document).text])).toEqual([
      ['x', 'body'],
      ['x', 'body'],
      ['x', 'body'],
    ]);
    const { ratio, small, large } = scalingRatio(make, (bytes) => parseSubmission(bytes), 5000);
    expect(ratio, `${small.toFixed(1)} ms -> ${large.toFixed(1)} ms`).toBeLessThan(LINEAR_RATIO);
  });

  it('streams a CR-only file holding only a window of it', () => {
    const bytes = crOnlySubmission(100_000);
    expect(bytes.length).toBeGreaterThan(8_000_000);
    const parser = new SubmissionParser();
    let most = 0;
    for (let at = 0; at < bytes.length; at += 65_536) {
      parser.write(bytes.subarray(at, at + 65_536));
      most = Math.max(most, parser.bufferedBytes);
    }
    const submission = parser.end();
    expect(submission.documents).toHaveLength(100_000);
    expect(most).toBeLessThan(2 * 65_536 + 64 * 1024);
  });

  it('streams a document body of many megabytes holding about one part of it (1 MiB), not the whole body', () => {
    const bytes = Buffer.from(
      `<SEC-DOCUMENT>x.txt\n<DOCUMENT>\n<TYPE>EX-99\n<TEXT>\n${'a'.repeat(5_000_000)}\n</TEXT>\n</DOCUMENT>\n`,
      'latin1',
    );
    const parser = new SubmissionParser();
    let most = 0;
    for (let at = 0; at < bytes.length; at += 65_536) {
      parser.write(bytes.subarray(at, at + 65_536));
      most = Math.max(most, parser.bufferedBytes);
    }
    const body = parser.end().documents[0]?.body;
    expect(Buffer.from(body ?? []).equals(Buffer.from(parseSubmission(bytes).documents[0]?.body ?? []))).toBe(true);
    expect(body?.length).toBe(5_000_001);
    expect(most).toBeLessThan(1024 * 1024 + 2 * 65_536);
  });
});
