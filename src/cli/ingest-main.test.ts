import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { captureIo } from '../../test/capture-io.js';
import { corpusPath } from '../../test/shared-files.js';
import { runCli as runIngestAlone } from './ingest-main.js';
import { runCli as runAll } from './main.js';

const dir = mkdtempSync(join(tmpdir(), 'edgarkit-ingest-main-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What a run prints and returns, its database path and timing written alike (progress lines, which only time, left out). */
async function outcome(run: typeof runIngestAlone, argv: string[], db: string): Promise<{ code: number; out: string; err: string }> {
  const io = captureIo();
  const code = await run([...argv, '--db', db, '--workers', '0'], io);
  const same = (text: string) => text.replaceAll(db, 'DB').replace(/in \d+(?:\.\d+)? s\)/g, 'in N s)');
  const err = io
    .err()
    .split('\n')
    .filter((line) => !line.startsWith('ingest: '))
    .join('\n');
  return { code, out: same(io.out()), err: same(err) };
}

describe('edgarkit ingest started alone (bin/edgarkit.js loads ingest-main for `ingest`)', () => {
  it('prints, fails and exits exactly as the whole CLI does', async () => {
    const cases: string[][] = [
      ['ingest', corpusPath('nc')],
      ['ingest', corpusPath('fpi/0000912282-09-000008.txt'), corpusPath('fpi/0000912282-09-000008.txt')],
      ['ingest', '/no/such/file'],
      ['ingest', corpusPath('nc'), '--batch', '0'],
      ['ingest', '--no-such-option', corpusPath('nc')],
      ['ingest', '--help'],
    ];
    const codes = new Set<number>();
    for (const [index, argv] of cases.entries()) {
      const alone = await outcome(runIngestAlone, argv, join(dir, `alone-${index}.db`));
      expect(alone, argv.join(' ')).toEqual(await outcome(runAll, argv, join(dir, `all-${index}.db`)));
      codes.add(alone.code);
    }
    // The cases cover success and failures.
    expect(codes.has(0)).toBe(true);
    expect([...codes].some((code) => code !== 0)).toBe(true);
  });
});
