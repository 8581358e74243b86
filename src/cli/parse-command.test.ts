import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { captureIo } from '../../test/capture-io.js';
import { corpusPath, seedPath } from '../../test/shared-files.js';
import { runCli } from './main.js';

describe('edgarkit parse', () => {
  it('prints the JSON names other tools rely on', async () => {
    const io = captureIo();
    const code = await runCli(['parse', corpusPath('fpi/0000912282-09-000008.txt'), '--json'], io);
    expect(code).toBe(0);
    const json = JSON.parse(io.out());
    expect(json.accessionNumber).toBe('0000912282-09-000008');
    expect(json.formType).toBe('6-K');
    expect(json.filedAt).toBe('2009-01-02');
    expect(json.periodOfReport).toBe('2009-01-02');
    expect(json.filers).toEqual([{ role: 'FILER', cik: '0001453015', name: '7076991 Canada Inc.' }]);
    expect(json.documents[1]).toMatchObject({
      sequence: 2,
      type: 'GRAPHIC',
      filename: 'ballot.jpg',
      description: 'GRAPHIC',
      encoding: 'uuencode',
    });
    expect(typeof json.documents[0].byteLength).toBe('number');
    expect(json.diagnostics).toEqual([]);
  });

  it('prints a human summary by default, and one JSON line per submission with --jsonl', async () => {
    const io = captureIo();
    expect(await runCli(['parse', corpusPath('nc/0001193125-10-145855.nc')], io)).toBe(0);
    expect(io.out()).toContain('0001193125-10-145855  424B5');
    expect(io.out()).toContain('SERIAL COMPANY');
    const lines = captureIo();
    expect(await runCli(['parse', corpusPath('headers'), '--jsonl'], lines)).toBe(0);
    const parsed = lines
      .out()
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(parsed).toHaveLength(7);
    expect(parsed.map((entry) => entry.formType)).toContain('40-APP');
  });

  it('keeps the document sizes in one column when a file name is longer than usual', async () => {
    const io = captureIo();
    expect(await runCli(['parse', corpusPath('submissions/0000066740-24-000023.txt')], io)).toBe(0);
    const rows = io
      .out()
      .split('\n')
      .filter((line) => /^ {4} *\d+ {2}/.test(line));
    expect(rows.length).toBeGreaterThan(10);
    expect(rows.some((row) => row.includes('0000066740-24-000023-xbrl.zip'))).toBe(true);
    const sizeColumns = new Set(rows.map((row) => row.search(/ \d+ bytes/)));
    expect([...sizeColumns]).toHaveLength(1);
  });

  it('refuses --json for many submissions, and a missing file, with exit 2 and no stack trace', async () => {
    const many = captureIo();
    expect(await runCli(['parse', corpusPath('headers'), '--json'], many)).toBe(2);
    expect(many.err()).toContain('use --jsonl');
    const missing = captureIo();
    expect(await runCli(['parse', '/nonexistent/file.txt'], missing)).toBe(2);
    expect(missing.err()).toBe('edgarkit: Cannot read /nonexistent/file.txt: no such file or directory\n');
    const usage = captureIo();
    expect(await runCli(['parse'], usage)).toBe(2);
    expect(usage.err()).toContain("missing required argument 'input'");
  });

  it('exits 1 in strict mode on a broken file with file:line:col, and 0 leniently', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'edgarkit-cli-'));
    const file = join(dir, 'broken.txt');
    writeFileSync(
      file,
      '<SEC-DOCUMENT>x\n<SEC-HEADER>y\nACCESSION NUMBER: 0000000001-02-000003\n</SEC-HEADER>\n<DOCUMENT>\n<TYPE>X\n<TEXT>\nbody\n',
    );
    const strict = captureIo();
    expect(await runCli(['parse', file, '--strict'], strict)).toBe(1);
    expect(strict.err()).toContain(`${file}:9:1: The input ends inside a document body`);
    const lenient = captureIo();
    expect(await runCli(['parse', file], lenient)).toBe(0);
    expect(lenient.out()).toContain(`error: ${file}:9:1:`);
  });

  it('accepts the seed as a bare document and reads stdin', async () => {
    const io = captureIo({ stdin: readFileSync(seedPath()) });
    expect(await runCli(['parse', '-', '--json'], io)).toBe(0);
    const json = JSON.parse(io.out());
    expect(json.format).toBe('bare-document');
    expect(json.documents).toHaveLength(1);
  });

  it('extracts attachments with safe names only', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'edgarkit-cli-'));
    const io = captureIo();
    expect(await runCli(['parse', corpusPath('fpi/0000912282-09-000008.txt'), '--extract-attachments', dir], io)).toBe(0);
    const files = readdirSync(join(dir, '0000912282-09-000008')).sort();
    expect(files).toEqual(['ballot.jpg', 'ballotx.jpg', 'img2.jpg']);
    expect([...readFileSync(join(dir, '0000912282-09-000008', 'img2.jpg')).subarray(0, 2)]).toEqual([0xff, 0xd8]);

    const hostile = join(dir, 'hostile.txt');
    writeFileSync(
      hostile,
      '<DOCUMENT>\n<TYPE>GRAPHIC\n<SEQUENCE>1\n<FILENAME>../../escape.jpg\n<TEXT>\nbegin 644 ../../escape.jpg\n#86)C\n`\nend\n</TEXT>\n</DOCUMENT>\n',
    );
    const out = join(dir, 'out');
    expect(await runCli(['parse', hostile, '--extract-attachments', out], captureIo())).toBe(0);
    expect(readdirSync(join(out, 'hostile.txt'))).toEqual(['escape.jpg']);
    expect(readFileSync(join(out, 'hostile.txt', 'escape.jpg')).toString()).toBe('abc');
  });

  it('prints help that names every option', async () => {
    const io = captureIo();
    expect(await runCli(['parse', '--help'], io)).toBe(0);
    for (const option of ['--json', '--jsonl', '--strict', '--extract-attachments']) expect(io.out()).toContain(option);
  });
});

describe('files that are not EDGAR filings', () => {
  it.each(['parse', 'extract', 'render', 'validate'])(
    '%s refuses one with its path and reason, and prints nothing of it',
    async (command) => {
      const folder = mkdtempSync(join(tmpdir(), 'edgarkit-not-filing-'));
      const png = join(folder, 'logo.png');
      writeFileSync(png, Buffer.from('89504e470d0a1a0a0000000d4948445200000001', 'hex'));
      for (const path of [corpusPath('README.md'), png]) {
        const io = captureIo();
        expect(await runCli([command, path], io), `${command} ${path}`).toBe(2);
        expect(io.err()).toContain(`${path}: not an EDGAR filing: `);
        expect(io.out()).toBe('');
      }
    },
  );
});
