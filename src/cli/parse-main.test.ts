import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { captureIo } from '../../test/capture-io.js';
import { corpusPath } from '../../test/shared-files.js';
import { runCli as runAll } from './main.js';
import { runCli as runParseAlone } from './parse-main.js';

/** What a run prints and returns. */
async function outcome(run: typeof runParseAlone, argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = captureIo();
  const code = await run(argv, io);
  return { code, out: io.out(), err: io.err() };
}

describe('edgarkit parse started alone (bin/edgarkit.js loads parse-main for `parse`)', () => {
  it('prints, fails and exits exactly as the whole CLI does', async () => {
    const cases: string[][] = [
      ['parse', corpusPath('nc'), '--jsonl'],
      ['parse', corpusPath('fpi/0000912282-09-000008.txt')],
      ['parse', corpusPath('fpi/0000912282-09-000008.txt'), '--json'],
      ['parse', corpusPath('submissions'), '--json'],
      ['parse', corpusPath('nc/0001104659-25-002604.nc'), '--strict'],
      ['parse', '/no/such/file', '--jsonl'],
      ['parse', corpusPath('nc'), '--json', '--jsonl'],
      ['parse', '--no-such-option', corpusPath('nc')],
      ['parse', '--help'],
    ];
    for (const argv of cases) {
      const alone = await outcome(runParseAlone, argv);
      expect(alone, argv.join(' ')).toEqual(await outcome(runAll, argv));
    }
    // The cases cover success, a usage error and a missing file.
    const codes = new Set<number>();
    for (const argv of cases) codes.add((await outcome(runParseAlone, argv)).code);
    expect([...codes].sort()).toEqual(expect.arrayContaining([0, 2]));
  });

  it('writes uuencoded attachments with --extract-attachments (the reading pipeline loaded only then)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'edgarkit-parse-main-'));
    try {
      const run = await outcome(runParseAlone, ['parse', corpusPath('fpi/0000912282-09-000008.txt'), '--extract-attachments', dir]);
      expect(run.code).toBe(0);
      expect(readdirSync(join(dir, '0000912282-09-000008'))).toContain('ballot.jpg');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
