import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { type IngestInput, ingest, readIngestInputs } from '../src/pipeline/ingest.js';
import { migrateSqlite, SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { corpusPath, projectRoot } from './shared-files.js';
import { makeTempDir } from './store-conformance.js';

const CLI = join(projectRoot, 'bin', 'edgarkit.js');

describe('ingest on a full disk', () => {
  it('ends in the one error handler: a clean message and exit 2, never a raw SqliteError', { timeout: 300_000 }, () => {
    // The database may not grow past ~1 MB (RLIMIT_FSIZE: works without root and without a tmpfs); the corpus's
    // fpi folder is several MB. Writes from worker-prepared filings, one per transaction, hit the limit.
    for (const workers of ['2', '0']) {
      const db = join(makeTempDir('edgarkit-full-'), 'full.db');
      const run = spawnSync(
        'sh',
        [
          '-c',
          'ulimit -f 2048 && exec "$0" "$@"',
          process.execPath,
          CLI,
          'ingest',
          corpusPath('fpi'),
          '--db',
          db,
          '--workers',
          workers,
          '--batch',
          '1',
        ],
        { encoding: 'utf8' },
      );
      expect(run.status, `workers ${workers}: ${run.stderr}`).toBe(2);
      expect(run.stderr).toMatch(
        new RegExp(`edgarkit: Cannot write to the database ${db.replaceAll('/', '\\/')}: .*SQLITE_(?:IOERR|FULL)`),
      );
      expect(run.stderr).toContain('run the same command again');
      expect(run.stderr).not.toMatch(/SqliteError|\n\s+at |Node\.js v/);
      // What was committed before the fault is readable and whole.
      const check = spawnSync(process.execPath, [CLI, 'stats', '--db', db], { encoding: 'utf8' });
      expect(check.status, check.stderr).toBe(0);
      expect(check.stdout).toMatch(/filings/);
    }
  });

  it('rejects ingest() with the write error once, with no unhandled rejection, when the database is full', async () => {
    // SQLite's own size cap (max_page_count) makes the database "full" without touching the disk.
    const db = new Database(join(makeTempDir('edgarkit-full-'), 'capped.db'));
    migrateSqlite(db);
    const pages = (db.pragma('page_count', { simple: true }) as number) + 40;
    db.pragma(`max_page_count = ${pages}`);
    const store = new SqliteStore(db);
    const inputs = readdirSync(corpusPath('fpi')).length;
    expect(inputs).toBeGreaterThan(10);
    // Inputs that arrive slowly: the failing write of a filing prepared in a worker happens while ingest waits for
    // the next input, which is where a write's rejection was once left unhandled (and killed the process).
    async function* slowly(): AsyncGenerator<IngestInput> {
      for await (const input of readIngestInputs([corpusPath('fpi')])) {
        yield input;
        await new Promise((resolve) => setTimeout(resolve, 30));
      }
    }
    for (const workers of [2, 0]) {
      await expect(ingest(store, slowly(), { workers, batchSize: 1 })).rejects.toMatchObject({ code: 'SQLITE_FULL' });
    }
    const filings = (db.prepare('SELECT count(*) AS n FROM filings').get() as { n: number }).n;
    expect(filings).toBeGreaterThan(0);
    expect(filings).toBeLessThan(inputs);
    expect(await store.checkIntegrity()).toEqual([]);
    await store.close();
  });
});
