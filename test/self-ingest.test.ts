import { copyFileSync, existsSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/main.js';
import { captureIo } from './capture-io.js';
import { corpusPath } from './shared-files.js';
import { makeTempDir } from './store-conformance.js';

const size = (file: string) => (existsSync(file) ? statSync(file).size : 0);

describe('ingest DIR --db DIR/x.db', () => {
  it('never reads its own database (nor its -wal, -shm, -journal, nor any SQLite file): 5 re-runs, no growth', {
    timeout: 300_000,
  }, async () => {
    const folder = makeTempDir('edgarkit-self-');
    for (const file of ['fpi/0000912282-09-000008.txt', 'nc/0001193125-10-145855.nc']) {
      copyFileSync(corpusPath(file), join(folder, file.split('/')[1] as string));
    }
    const db = join(folder, 'x.db');
    // Another database beside it, and a rollback journal (its header magic), as a crashed writer leaves them.
    const first = captureIo();
    expect(await runCli(['ingest', corpusPath('fpi/0000950127-09-000020.txt'), '--db', join(folder, 'other.sqlite')], first)).toBe(0);
    writeFileSync(join(folder, 'other.sqlite-journal'), Buffer.concat([Buffer.from('d9d505f920a163d7', 'hex'), Buffer.alloc(4096, 0x41)]));
    const sizes: number[] = [];
    for (let run = 1; run <= 5; run++) {
      const io = captureIo();
      expect(await runCli(['ingest', folder, '--db', db, '--workers', run % 2 === 0 ? '1' : '0'], io), io.err()).toBe(0);
      expect(io.out()).toMatch(run === 1 ? /^2 ingested, 0 replaced/ : /^0 ingested, 0 replaced, 2 skipped as duplicates, 0 failed/);
      expect(io.out()).toContain(`${join(folder, 'other.sqlite')}: a SQLite database, not a filing`);
      expect(io.out()).toContain(`${join(folder, 'other.sqlite-journal')}: a SQLite rollback journal, not a filing`);
      if (run > 1) expect(io.out()).toContain(`${db}: a SQLite database, not a filing`);
      const stats = captureIo();
      expect(await runCli(['stats', '--db', db, '--json'], stats)).toBe(0);
      expect(JSON.parse(stats.out()).filings).toBe(2);
      sizes.push(size(db) + size(`${db}-wal`));
    }
    expect(Math.max(...sizes)).toBe(sizes[0]);
  });
});
