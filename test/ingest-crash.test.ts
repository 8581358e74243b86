import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { writeFilingSet } from './filing-set.js';
import { projectRoot } from './shared-files.js';
import { makeTempDir } from './store-conformance.js';

const CLI = join(projectRoot, 'bin', 'edgarkit.js');

function countFilings(db: string): number {
  if (!existsSync(db)) return 0;
  try {
    const connection = new Database(db, { readonly: true, fileMustExist: true });
    try {
      return (connection.prepare('SELECT count(*) AS n FROM filings').get() as { n: number }).n;
    } finally {
      connection.close();
    }
  } catch {
    return 0;
  }
}

function runIngest(args: string[]): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, 'ingest', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

describe('ingest survives kill -9', () => {
  it('is killed mid-way, run again, and ends with every filing exactly once', { timeout: 480_000 }, async () => {
    const dir = makeTempDir('edgarkit-crash-');
    const inputs = join(dir, 'filings');
    const accessions = writeFilingSet(inputs, 1200, 300);
    const db = join(dir, 'crash.db');
    const child = spawn(process.execPath, [CLI, 'ingest', inputs, '--db', db, '--batch', '20'], { stdio: 'ignore' });
    // Wait until some batches are committed, then kill without warning.
    const deadline = Date.now() + 120_000;
    while (countFilings(db) < 100 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    const killedAfter = countFilings(db);
    child.kill('SIGKILL');
    await new Promise((resolve) => child.on('exit', resolve));
    expect(killedAfter).toBeGreaterThanOrEqual(100);
    expect(killedAfter).toBeLessThan(accessions.length);

    const rerun = await runIngest([inputs, '--db', db]);
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(rerun.stdout).toMatch(/(\d+) ingested, 0 replaced, (\d+) skipped as duplicates, 0 failed/);
    const [, ingested, skipped] = /(\d+) ingested, 0 replaced, (\d+) skipped/.exec(rerun.stdout) as unknown as [string, string, string];
    expect(Number(ingested) + Number(skipped)).toBe(accessions.length);

    const store = openSqliteStore(db);
    try {
      expect(await store.checkIntegrity()).toEqual([]);
      expect((await store.stats()).filings).toBe(accessions.length);
      const ids = new Set<string>();
      for (let offset = 0; offset < accessions.length; offset += 200) {
        for (const filing of await store.listFilings({ limit: 200, offset })) ids.add(filing.filingId);
      }
      expect(ids).toEqual(new Set(accessions));
    } finally {
      await store.close();
    }
  });
});
