import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/main.js';
import { captureIo } from './capture-io.js';
import { corpusPath, projectRoot, seedPath } from './shared-files.js';
import { makeTempDir } from './store-conformance.js';

const CLI = join(projectRoot, 'bin', 'edgarkit.js');

/** Single-quotes a word for `sh -c`. */
const quote = (word: string) => `'${word.replaceAll("'", `'\\''`)}'`;

/**
 * Runs the CLI on a pseudo-terminal with util-linux `script` (stdin, stdout and stderr are the terminal), at a
 * terminal width of 160 columns, and returns everything it drew.
 */
function runOnTerminal(args: readonly string[]): string {
  const command = `stty cols 160; ${[process.execPath, CLI, ...args].map(quote).join(' ')}`;
  return execFileSync('script', ['-qfec', command, '/dev/null'], { encoding: 'utf8', timeout: 300_000 });
}

// Escape sequences (cursor moves, line clears, wrap on and off, cursor save and restore) and carriage returns out:
// what a reader sees drawn.
// biome-ignore lint/suspicious/noControlCharactersInRegex: escape sequences are exactly what this removes.
const CONTROL_SEQUENCE = /\u001b\[[0-9;?]*[A-Za-z]/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: escape sequences are exactly what this removes.
const CURSOR_SAVE_RESTORE = /\u001b[78]/g;
const drawn = (output: string) =>
  output
    .replace(CONTROL_SEQUENCE, '\n')
    .replace(CURSOR_SAVE_RESTORE, '\n')
    .replace(/\r/g, '\n')
    .split('\n')
    .filter((line) => line.trim() !== '');

const BAR = /^([#.]{20}) (\d{1,3})% \| (\d+) filings\/s, (\d+\.\d) MB\/s \| ETA (\S+) \| (\d+) filings, (\d+\.\d) of (\d+\.\d) MB$/;

describe('ingest progress on a terminal', () => {
  it('draws a bar with the percentage, the rate and the ETA, and ends it full', { timeout: 360_000 }, () => {
    const db = join(makeTempDir('edgarkit-pty-'), 'pty.db');
    const output = runOnTerminal(['ingest', corpusPath('fpi'), seedPath(), '--db', db, '--workers', '1']);
    const bars = drawn(output)
      .map((line) => BAR.exec(line.trim()))
      .filter((match): match is RegExpExecArray => match !== null);
    expect(bars.length, output.slice(-2000)).toBeGreaterThanOrEqual(2);
    // The bar's fill follows the percentage (to the nearest of its 20 steps), and the percentages never go back.
    const percentages = bars.map((match) => Number(match[2]));
    for (const match of bars) {
      const filled = match[1]?.replaceAll('.', '').length ?? -1;
      expect(Math.abs(filled - (Number(match[2]) / 100) * 20)).toBeLessThanOrEqual(1);
    }
    expect(percentages).toEqual([...percentages].sort((a, b) => a - b));
    const last = bars.at(-1) as RegExpExecArray;
    expect(last[1]).toBe('#'.repeat(20));
    expect(last[2]).toBe('100');
    expect(last[5]).toBe('0s');
    expect(Number(last[6])).toBeGreaterThan(10);
    expect(Number(last[3])).toBeGreaterThan(0);
    expect(output).toMatch(/\d+ ingested, 0 replaced, \d+ skipped as duplicates, 0 failed/);
  });

  it('prints plain progress lines, never a bar drawn with escape sequences, when stderr is not a terminal', async () => {
    const db = join(makeTempDir('edgarkit-nopty-'), 'plain.db');
    const io = captureIo();
    expect(await runCli(['ingest', corpusPath('fpi/0000950127-09-000020.txt'), '--db', db, '--workers', '0'], io)).toBe(0);
    expect(io.err()).toMatch(/^ingest: \[#+\.*\] 100%, 1 filings, /m);
    expect(io.err()).not.toContain('\u001b');
  });
});
