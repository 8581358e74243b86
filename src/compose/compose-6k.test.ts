import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { valuesOf } from '../../test/record-values.js';
import { projectRoot, readSeed } from '../../test/shared-files.js';
import { extractFiling } from '../forms/extract-filing.js';
import type { Table } from '../model/document.js';
import { parseDocument, parseSubmissionDocuments } from '../parse/parse-document.js';
import { decodeAttachment, parseSubmission } from '../parse/sgml/parse-submission.js';
import { readBack6K } from '../validate/round-trip.js';
import { validateSubmission } from '../validate/validate-submission.js';
import { centre, toAscii, wrap } from './ascii-text.js';
import { compose6K } from './compose-6k.js';
import { composeAscii6K } from './compose-ascii-6k.js';
import { composeHtml6K, escapeEdgarHtml } from './compose-html-6k.js';
import { composeEdgarLinkXml } from './edgarlink-xml.js';
import { base64, uuencode } from './encodings.js';
import { conformName, fileNameProblem } from './file-names.js';
import { checkCompose6KValue } from './read-record.js';
import type { Compose6KRecord, Exhibit6KInput } from './record-6k.js';
import { addressLines, signatureSections } from './wording-6k.js';

const golden = JSON.parse(readFileSync(join(projectRoot, 'testdata', 'golden', 'forms', 'hanaro-6k-2002-12.json'), 'utf8')) as Record<
  string,
  unknown
>;
delete golden._comment;

/** The seed's record: the golden's exact values, and the seed's own words for what it furnishes. */
function seedRecord(): Compose6KRecord {
  const checked = checkCompose6KValue({
    ...golden,
    furnishing: 'Hanaro Telecom, Inc. (the "Company") is furnishing under cover of Form 6-K:',
  });
  if (!checked.ok) throw new Error(JSON.stringify(checked.problems));
  return checked.record;
}

function extract(text: string | Uint8Array) {
  const submission = parseSubmission(text);
  return extractFiling({ header: submission.header, documents: parseSubmissionDocuments(submission) });
}

/** The pages of a legacy ASCII document (split at `<PAGE>`), each a list of lines, empty pages dropped. */
function pages(text: string): string[][] {
  const out: string[][] = [[]];
  for (const line of text.replace(/\n$/, '').split('\n')) {
    if (line === '<PAGE>') out.push([]);
    else (out.at(-1) as string[]).push(line);
  }
  return out.map((page) => trimBlank(page)).filter((page) => page.length > 0);
}

function trimBlank(lines: string[]): string[] {
  let start = 0;
  let end = lines.length;
  while (start < end && (lines[start] as string).trim() === '') start++;
  while (end > start && (lines[end - 1] as string).trim() === '') end--;
  return lines.slice(start, end);
}

/** Where a word stands on a line: its column. */
function columnOf(line: string, word: string, from = 0): number {
  return line.indexOf(word, from);
}

function tableRows(text: string, index: number): string[][] {
  const model = parseDocument(text, 'text');
  const tables = model.pages.flatMap((page) => page.blocks.filter((block): block is Table => block.kind === 'table'));
  const table = tables[index] as Table;
  return table.rows.map((row) => row.cells.map((cell) => cell.text).filter((cell) => cell !== ''));
}

describe('composing the seed', () => {
  const seed = readSeed().toString('latin1');
  const composed = composeAscii6K(seedRecord());

  it('as ASCII: parsing and extracting the result gives back the golden record, field by field', () => {
    expect(composed.problems).toEqual([]);
    const result = extract(composed.text);
    expect(valuesOf(result.record)).toEqual(golden);
    // Info diagnostics only say why a field the seed does not give is null (no file number, no 101(b) questions).
    expect(result.record?.diagnostics.filter((found) => found.severity !== 'info')).toEqual([]);
  });

  it('as HTML: the same record comes back', () => {
    const html = composeHtml6K(seedRecord());
    expect(valuesOf(extract(html.text).record)).toEqual(golden);
  });

  it('puts the same cover lines where the seed has them, character for character', () => {
    const [seedCover] = pages(seed);
    const [cover] = pages(composed.text);
    expect(cover).toEqual(seedCover);
  });

  it('puts the marks in the same columns under the same labels', () => {
    const lines = composed.text.split('\n');
    const seedLines = seed.split('\n');
    for (const label of ['Form 20-F', 'Yes']) {
      const at = lines.findIndex((line) => line.includes(label) && /\bX\b/.test(line));
      const seedAt = seedLines.findIndex((line) => line.includes(label) && /\bX\b/.test(line));
      const line = lines[at] as string;
      const seedLine = seedLines[seedAt] as string;
      expect(columnOf(line, label)).toBe(columnOf(seedLine, label));
      expect(line.lastIndexOf('X')).toBe(seedLine.lastIndexOf('X'));
      // The slots under the labels.
      expect(lines[at + 1]).toBe(seedLines[seedAt + 1]);
    }
    // 20-F is marked: the X stands over the first slot; 12g3-2(b) is answered No: over the second.
    const form = lines.find((line) => line.includes('Form 20-F')) as string;
    const slots = lines[lines.indexOf(form) + 1] as string;
    expect(slots.indexOf('---')).toBeLessThanOrEqual(form.indexOf('X'));
    expect(slots.indexOf('---') + 3).toBeGreaterThan(form.indexOf('X'));
  });

  it('writes the furnishing words, the exhibit list and the signatures exactly as the seed does', () => {
    const [, list, signatures] = pages(composed.text);
    const [, seedList, seedSignatures] = pages(seed);
    expect(list).toEqual(seedList);
    expect(signatures).toEqual(seedSignatures);
  });

  it('gives the exhibit index the same heading and the same table rows (the seed wraps one row a word later)', () => {
    const index = pages(composed.text)[3] as string[];
    const seedIndex = pages(seed)[3] as string[];
    expect(index[0]?.trim()).toBe(seedIndex[0]?.trim());
    expect(index.slice(1, 8)).toEqual(seedIndex.slice(1, 8));
    expect(tableRows(composed.text, 1)).toEqual(tableRows(seed, 1));
    expect(tableRows(composed.text, 1)).toEqual([
      [
        'Exhibit 99.1:',
        'a notice regarding the redemption of convertible bonds issued to Cheil Jedang and Jae-Hyun Lee, filed with Korea Securities Dealers Association Automated Quotation Market ("KOSDAQ") and the Financial Supervisory Commission of Korea on December 24, 2002.',
      ],
      [
        'Exhibit 99.2:',
        'a notice of lease of real estate to an affiliated company, filed with KOSDAQ and the Financial Supervisory Commission of Korea on December 26, 2002.',
      ],
    ]);
  });

  it("keeps EDGAR's ASCII rules: printable ASCII, lines of at most 80 characters", () => {
    for (const line of composed.text.split('\n')) {
      expect(line.length).toBeLessThanOrEqual(80);
      expect(line).toMatch(/^[\x20-\x7e]*$/);
    }
  });
});

describe('composing a submission', () => {
  const encoder = new TextEncoder();
  const sources = new Map<string, Uint8Array>([
    ['ex1.htm', encoder.encode('<html><body><p><img src="logo.gif"> Results \u2013 \u201cstrong\u201d</p></body></html>')],
    ['ex2.txt', encoder.encode('NOTICE\r\n\r\nThe meeting\u2019s agenda \u2014 in full.\r\n')],
    ['ex1.pdf', encoder.encode('%PDF-1.4\n%\u00e2\u00e3\n1 0 obj\n<<>>\nendobj\n%%EOF\n')],
    ['images/logo.gif', new Uint8Array([0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0, 0, 0x20, 0x60, 0xff, 0x0a])],
  ]);
  const record: Compose6KRecord = {
    ...seedRecord(),
    commissionFileNumber: '000-30948',
    furnishesUnderRule12g32b: true,
    rule12g32bFileNumber: '82-4453',
    paperUnderRule101b1: false,
    paperUnderRule101b7: true,
    exhibits: [
      {
        number: '99.1',
        description: 'a press release on results',
        date: '2009-11-10',
        filedWith: [],
        attached: true,
        documentSequence: 2,
        file: 'ex1.htm',
        pdf: 'ex1.pdf',
        graphics: ['images/logo.gif'],
      },
      {
        number: '99.2',
        description: 'a notice of meeting',
        date: null,
        filedWith: [{ name: 'KOSDAQ', fullName: null }],
        attached: true,
        documentSequence: 4,
        file: 'ex2.txt',
      },
      { number: '99.3', description: 'a letter', date: null, filedWith: [], attached: false, documentSequence: null },
    ],
  };

  it('carries every document with its type, sequence and an EDGAR file name; binaries uuencoded to the exact bytes', () => {
    const composed = compose6K(record, { format: 'html', sources, filerCik: '1123456' });
    expect(composed.ok).toBe(true);
    expect(composed.documents.map((document) => [document.sequence, document.type, document.filename])).toEqual([
      [1, '6-K', 'form6-k.htm'],
      [2, 'EX-99.1', 'ex99-1.htm'],
      [3, 'EX-99.1', 'ex99-1.pdf'],
      [4, 'EX-99.2', 'ex99-2.txt'],
      [5, 'GRAPHIC', 'logo.gif'],
    ]);
    const submission = parseSubmission(composed.submissionTxt);
    expect(submission.diagnostics).toEqual([]);
    expect(submission.header?.formType).toBe('6-K');
    expect(submission.header?.publicDocumentCount).toBe(5);
    expect(submission.header?.parties[0]?.company?.cik).toBe('0001123456');
    expect(submission.header?.periodOfReport).toBe('2002-12-27');
    expect(submission.documents.map((document) => [document.encoding, document.wrapper])).toEqual([
      ['text', null],
      ['text', null],
      ['uuencode', 'PDF'],
      ['text', null],
      ['uuencode', null],
    ]);
    expect(decodeAttachment(submission.documents[2] as never)?.bytes).toEqual(sources.get('ex1.pdf'));
    expect(decodeAttachment(submission.documents[4] as never)?.bytes).toEqual(sources.get('images/logo.gif'));
    // HTML keeps every character as a reference; text is made ASCII (and says so).
    expect(new TextDecoder().decode(composed.documents[1]?.bytes)).toContain('Results &#8211; &#8220;strong&#8221;');
    expect(new TextDecoder().decode(composed.documents[3]?.bytes)).toBe("NOTICE\n\nThe meeting's agenda -- in full.\n");
    expect(composed.problems.map((problem) => problem.path)).toEqual(['exhibits[1].file']);
    expect(validateSubmission(encoder.encode(composed.submissionTxt)).findings).toEqual([]);
  });

  it('reads back as the record: answers, file numbers, attached exhibits with their sequences', () => {
    for (const format of ['ascii', 'html'] as const) {
      const composed = compose6K(record, { format, sources });
      const back = readBack6K(composed.submissionTxt) as Record<string, unknown>;
      expect(back).toMatchObject({
        commissionFileNumber: '000-30948',
        furnishesUnderRule12g32b: true,
        rule12g32bFileNumber: '82-4453',
        paperUnderRule101b1: false,
        paperUnderRule101b7: true,
      });
      expect(
        (back.exhibits as { number: string; attached: boolean; documentSequence: number | null; date: string | null }[]).map((exhibit) => [
          exhibit.number,
          exhibit.attached,
          exhibit.documentSequence,
          exhibit.date,
        ]),
      ).toEqual([
        ['99.1', true, 2, '2009-11-10'],
        ['99.2', true, 4, null],
        ['99.3', false, null, null],
      ]);
    }
  });

  it('stops with the field named when a source is missing, a name cannot be an EDGAR name, or a value does not fit ASCII', () => {
    const missing = compose6K(record, { sources: new Map() });
    expect(missing.ok).toBe(false);
    expect(missing.submissionTxt).toBe('');
    expect(missing.problems.filter((problem) => problem.severity === 'error').map((problem) => problem.message)).toEqual([
      'exhibits[0].file: cannot read "ex1.htm"',
      'exhibits[0].pdf: cannot read "ex1.pdf"',
      'exhibits[1].file: cannot read "ex2.txt"',
      'exhibits[0].graphics: cannot read "images/logo.gif"',
    ]);
    const badImage = compose6K(
      { ...record, exhibits: [{ ...(record.exhibits[0] as Exhibit6KInput), graphics: ['My Logo.GIF'] }] },
      { sources: new Map([...sources, ['My Logo.GIF', new Uint8Array([1])]]) },
    );
    expect(badImage.problems.find((problem) => problem.severity === 'error')?.message).toBe(
      'exhibits[0].graphics: "My Logo.GIF" is not an EDGAR file name ("My Logo.GIF" contains " "; EDGAR file names take letters, digits, ".", "_" and "-" only); rename the image to "my_logo.gif" and refer to it by that name',
    );
    const long = composeAscii6K({ ...record, registrant: 'A'.repeat(90) });
    expect(long.problems).toContainEqual({
      path: 'registrant',
      severity: 'error',
      message:
        'registrant is 90 characters long; the name line of the cover of an ASCII document holds at most 78. Shorten it, or compose the document as HTML (--format html)',
    });
    const accented = composeAscii6K({ ...record, registrant: 'Soci\u00e9t\u00e9 G\u00e9n\u00e9rale S.A.' });
    expect(accented.problems).toContainEqual({
      path: 'registrant',
      severity: 'warning',
      message:
        'registrant: ASCII documents take plain ASCII only, so "\u00e9" became "e"; the document reads back with the changed text (compose as HTML to keep it)',
    });
    expect(composeHtml6K({ ...record, registrant: 'Soci\u00e9t\u00e9 G\u00e9n\u00e9rale S.A.' }).text).toContain(
      'Soci&#233;t&#233; G&#233;n&#233;rale S.A.',
    );
  });

  it('writes the EDGARLink Online XML: header data, credentials from the caller or marked placeholders, documents in base64', () => {
    const composed = compose6K(record, { format: 'ascii', sources });
    const placeholders = composeEdgarLinkXml(composed);
    expect(placeholders).toContain('<liveTestFlag>TEST</liveTestFlag>');
    expect(placeholders).toContain('<cik>0000000000</cik><!-- PLACEHOLDER: the filer CIK -->');
    expect(placeholders).toContain('<ccc>XXXXXXXX</ccc><!-- PLACEHOLDER: the filer CCC -->');
    expect(placeholders).toContain('<periodOfReport>12-27-2002</periodOfReport>');
    expect(placeholders).toContain('UNCONFIRMED:');
    expect(placeholders).not.toMatch(/<!--(?:(?!-->)[\s\S])*--(?!>)/);
    const filled = composeEdgarLinkXml(composed, { cik: '1123456', ccc: 'ab1@cd2#', liveTestFlag: 'LIVE' });
    expect(filled).toContain('<cik>0001123456</cik>\n');
    expect(filled).toContain('<ccc>ab1@cd2#</ccc>\n');
    expect(filled).not.toContain('PLACEHOLDER');
    const documents = [
      ...filled.matchAll(
        /<document>\s*<conformedName>([^<]+)<\/conformedName>\s*<conformedDocumentType>([^<]+)<\/conformedDocumentType>\s*<description>([^<]*)<\/description>\s*<contents>([^<]+)<\/contents>/g,
      ),
    ];
    expect(documents.map((match) => [match[1], match[2]])).toEqual(
      composed.documents.map((document) => [document.filename, document.type]),
    );
    documents.forEach((match, index) => {
      expect(new Uint8Array(Buffer.from((match[4] as string).replace(/\s+/g, ''), 'base64'))).toEqual(composed.documents[index]?.bytes);
    });
  });
});

describe('the pieces', () => {
  it('uuencodes as EDGAR does, and edgarkit decodes it to the same bytes', () => {
    for (const length of [0, 1, 2, 3, 44, 45, 46, 90, 1000]) {
      const bytes = new Uint8Array(length).map((_, i) => (i * 37 + length) & 0xff);
      const text = uuencode(bytes, 'x.pdf');
      expect(text.startsWith('begin 644 x.pdf\n')).toBe(true);
      expect(text.endsWith('`\nend\n')).toBe(true);
      expect(text).not.toMatch(/ $/m);
      const submission = parseSubmission(`<DOCUMENT>\n<TYPE>GRAPHIC\n<SEQUENCE>1\n<FILENAME>x.pdf\n<TEXT>\n${text}</TEXT>\n</DOCUMENT>\n`);
      const decoded = decodeAttachment(submission.documents[0] as never);
      expect(decoded?.bytes).toEqual(bytes);
      expect(decoded?.diagnostics).toEqual([]);
    }
  });

  it('base64 agrees with Node', () => {
    for (const length of [0, 1, 2, 3, 4, 5, 100]) {
      const bytes = new Uint8Array(length).map((_, i) => (i * 91 + 7) & 0xff);
      expect(base64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
    }
    expect(
      base64(new Uint8Array(100), 76)
        .split('\n')
        .map((line) => line.length),
    ).toEqual([76, 60]);
  });

  it("knows EDGAR's file-name rules", () => {
    expect(fileNameProblem('ex99-1.htm')).toBeNull();
    expect(fileNameProblem('d12345dex991.htm')).toBeNull();
    expect(fileNameProblem(`${'a'.repeat(29)}.htm`)).toMatch(/33 characters long; EDGAR allows at most 32/);
    expect(fileNameProblem('report.html')).toMatch(/rename it \.htm/);
    expect(fileNameProblem('logo.png')).toMatch(/ends in \.png/);
    expect(fileNameProblem('_x.txt')).toMatch(/must start with a letter or a digit/);
    expect(fileNameProblem('my file.txt')).toMatch(/contains " "/);
    expect(conformName('Docs/My Press Release (final).HTML')).toBe('my_press_release_final_.htm');
    expect(conformName(`${'x'.repeat(40)}.jpeg`)).toBe(`${'x'.repeat(28)}.jpg`);
  });

  it('makes text ASCII, centres like the seed and wraps greedily', () => {
    expect(toAscii('\u201cQuoted\u201d \u2013 it\u2019s\u2026 na\u00efve\u00a0caf\u00e9 \u20ac5').text).toBe(
      '"Quoted" - it\'s... naive cafe EUR5',
    );
    expect(toAscii('\u4e2d').text).toBe('?');
    expect(centre('FORM 6-K')).toBe(`${' '.repeat(36)}FORM 6-K`);
    expect(centre('the Securities Exchange Act of 1934')).toBe(`${' '.repeat(23)}the Securities Exchange Act of 1934`);
    expect(wrap('aa bb cc', 5)).toEqual(['aa bb', 'cc']);
    expect(wrap('x'.repeat(12), 5)).toEqual(['xxxxx', 'xxxxx', 'xx']);
    expect(escapeEdgarHtml('<a & "b"> \u2612')).toBe('&lt;a &amp; "b"&gt; &#9746;');
  });

  it("breaks the address the seed's way and groups signatures by registrant and dating", () => {
    expect(addressLines(golden.address as string, 60)).toEqual([
      'Kukje Electronics Center Bldg., 24th Floor',
      'Seocho-dong 1445-3, Seocho-ku',
      'Seoul, Korea 137-728',
    ]);
    const a = { registrant: 'A', signature: '/s/ X', name: 'X', title: null, date: '2002-12-27' };
    const b = { ...a, registrant: 'B' };
    const undated = { ...a, date: null };
    expect(signatureSections([a, a, b, undated]).map((section) => section.length)).toEqual([2, 1, 1]);
  });
});
