import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { captureIo } from '../../test/capture-io.js';
import { makeTempDir } from '../../test/store-conformance.js';
import { runCli } from './main.js';
import { terminalText } from './terminal-text.js';

/** What a hostile filing hides in its header and body: window title, screen clear, OSC 52 clipboard write, C1 CSI. */
const HOSTILE = ['\u001b]0;pwned title\u0007', '\u001b[2J', '\u001b]52;c;ZWNobyBwd25lZA==\u0007', '\u009b31m', '\r\u001b[2Kspoof'];
// A CR ends a header line (bare-CR files exist), so the name carries all but the last; the body carries all.
const NAME = `EVIL${HOSTILE.slice(0, -1).join('')} CORP`;

function hostileSubmission(): string {
  return [
    '<SEC-DOCUMENT>0009999999-20-000001.txt : 20200102',
    '<SEC-HEADER>0009999999-20-000001.hdr.sgml : 20200102',
    'ACCESSION NUMBER:\t\t0009999999-20-000001',
    'CONFORMED SUBMISSION TYPE:\t6-K',
    'PUBLIC DOCUMENT COUNT:\t\t1',
    'FILED AS OF DATE:\t\t20200102',
    '',
    'FILER:',
    '',
    '\tCOMPANY DATA:\t',
    `\t\tCOMPANY CONFORMED NAME:\t\t\t${NAME}`,
    '\t\tCENTRAL INDEX KEY:\t\t\t0009999999',
    '</SEC-HEADER>',
    '<DOCUMENT>',
    '<TYPE>6-K',
    '<SEQUENCE>1',
    '<FILENAME>evil.txt',
    `<DESCRIPTION>REPORT ${HOSTILE.join('')}`,
    '<TEXT>',
    'SECURITIES AND EXCHANGE COMMISSION',
    'FORM 6-K',
    '',
    `Quarterly zanzibarite report of ${NAME}, with ${HOSTILE.join(' and ')} inside.`,
    '</TEXT>',
    '</DOCUMENT>',
    '</SEC-DOCUMENT>',
    '',
  ].join('\n');
}

/** Control characters left in output, our own taken out first: bold on/off, and the progress line's start. */
function controls(text: string): string[] {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: our own escape sequences are what this takes out.
  const ours = text.replaceAll(/\u001b\[(?:1|22)m|\r\u001b\[2K(?=\[|\d+ filings|failed: )/g, '');
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this looks for.
  return [...ours.matchAll(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g)].map((match) => match[0]);
}

describe('terminal output of hostile filings', () => {
  it('makes every control character inert and keeps tab, LF and bold', () => {
    expect(terminalText('a\tb\nc\u001b]0;t\u0007d\u009b\u007fe\r\nf\rg \u001b[1mbold\u001b[22m')).toBe(
      'a\tb\nc\\u001b]0;t\\u0007d\\u009b\\u007fe\nf\ng \u001b[1mbold\u001b[22m',
    );
  });

  it('never lets an escape sequence of a filing reach the terminal, in any command', { timeout: 240_000 }, async () => {
    const folder = makeTempDir('edgarkit-hostile-');
    const file = join(folder, 'hostile.txt');
    writeFileSync(file, hostileSubmission(), 'utf8');
    const db = join(folder, 'hostile.db');
    const commands: string[][] = [
      ['parse', file],
      ['parse', file, '--json'],
      ['render', file],
      ['render', file, '--format', 'markdown'],
      ['render', file, '--format', 'html'],
      ['render', file, '--format', 'json'],
      ['extract', file],
      ['validate', file],
      ['ingest', file, '--db', db, '--workers', '0'],
      ['companies', '--db', db],
      ['companies', '--db', db, '--csv'],
      ['companies', '--db', db, '--json'],
      ['filings', '--db', db],
      ['filings', '--db', db, '--csv'],
      ['show', '0009999999-20-000001', '--db', db],
      ['show', '0009999999-20-000001', '--db', db, '--json'],
      ['show', '0009999999-20-000001', '--db', db, '--doc', '1'],
      ['search', 'zanzibarite', '--db', db],
      ['search', 'zanzibarite', '--db', db, '--json'],
      ['search', 'zanzibarite', '--db', db, '--csv'],
      ['stats', '--db', db],
      ['show', `0009999999-20-000001\u001b]0;x\u0007`, '--db', db],
    ];
    for (const args of commands) {
      const captured = captureIo({ tty: true });
      // The progress bar draws on the terminal itself (its cursor moves are ours): kept apart, to check it holds
      // nothing but its own numbers, bar and cursor moves.
      let drawn = '';
      const io = { ...captured, stderr: { ...captured.stderr, unsanitised: { isTTY: true, write: (text: string) => (drawn += text) } } };
      await runCli(args, io);
      const what = args.slice(0, 2).join(' ');
      if (args[0] === 'ingest') expect(drawn, 'the bar is drawn').toContain('100%');
      expect(controls(captured.out()), `${what} stdout`).toEqual([]);
      expect(controls(captured.err()), `${what} stderr`).toEqual([]);
      // biome-ignore lint/suspicious/noControlCharactersInRegex: the bar's cursor moves (save, restore, wrap off/on, column, erase) are what this takes out.
      const bar = drawn.replaceAll(/\u001b(?:[78]|\[\?7[hl]|\[\d*[GK])/g, '');
      expect(
        [...bar].filter((char) => !/[#. \d%|a-zA-Z/,:()\n-]/.test(char)),
        `${what} bar`,
      ).toEqual([]);
      if (args.includes('--json')) JSON.parse(captured.out());
    }
    // The hostile name is shown, inert; the JSON a terminal gets still reads back to the exact name.
    const companies = captureIo({ tty: true });
    expect(await runCli(['companies', '--db', db], companies)).toBe(0);
    expect(companies.out()).toContain('EVIL\\u001b]0;pwned title\\u0007\\u001b[2J');
    const json = captureIo({ tty: true });
    expect(await runCli(['companies', '--db', db, '--json'], json)).toBe(0);
    const piped = captureIo({ tty: false });
    expect(await runCli(['companies', '--db', db, '--json'], piped)).toBe(0);
    expect(controls(piped.out()).length).toBeGreaterThan(0);
    expect(JSON.parse(json.out())).toEqual(JSON.parse(piped.out()));
    expect(JSON.parse(json.out())[0].name).toContain('EVIL\u001b]0;pwned title\u0007\u001b[2J\u001b]52;c;');
  });

  it('leaves output to a file or a pipe exact', async () => {
    const file = join(makeTempDir('edgarkit-hostile-'), 'hostile.txt');
    writeFileSync(file, hostileSubmission(), 'utf8');
    const io = captureIo({ tty: false });
    expect(await runCli(['parse', file, '--json'], io)).toBe(0);
    expect(io.out()).toContain('\u009b31m');
  });
});
