import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/main.js';
import { captureIo } from './capture-io.js';
import { corpusPath, projectRoot, seedPath } from './shared-files.js';
import { makeTempDir } from './store-conformance.js';

const CLI = join(projectRoot, 'bin', 'edgarkit.js');

/**
 * A read-only folder: chmod 555. Root ignores file modes, so as root the commands run as `nobody` (uid 65534),
 * for whom the modes hold; the test checks that an ingest into the folder is indeed refused.
 */
const asReader = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};

function edgarkit(args: readonly string[]) {
  return spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    ...asReader,
    env: { PATH: process.env.PATH ?? '', HOME: '/nonexistent' },
  });
}

describe('a database in a read-only folder', () => {
  let folder: string;
  let db: string;
  let walDb: string;
  beforeAll(async () => {
    const root = makeTempDir('edgarkit-ro-');
    chmodSync(root, 0o755);
    const made = join(root, 'made.db');
    const io = captureIo();
    const inputs = [seedPath(), corpusPath('fpi/0000912282-09-000008.txt'), corpusPath('nc/0001193125-10-145855.nc')];
    expect(await runCli(['ingest', ...inputs, '--db', made, '--workers', '0'], io), io.err()).toBe(0);
    folder = join(root, 'read-only');
    mkdirSync(folder);
    db = join(folder, 'edgarkit.db');
    copyFileSync(made, db);
    // A database left in WAL mode (its writer closed it while a reader had it open): SQLite needs its -shm.
    walDb = join(folder, 'wal.db');
    copyFileSync(made, walDb);
    const wal = new Database(walDb);
    wal.pragma('journal_mode = WAL');
    wal.close();
    for (const file of [db, walDb]) chmodSync(file, 0o444);
    chmodSync(folder, 0o555);
  }, 240_000);
  afterAll(() => {
    chmodSync(folder, 0o755);
  });

  it('is really read-only for the reader: an ingest into it is refused', () => {
    const run = edgarkit(['ingest', seedPath(), '--db', join(folder, 'new.db'), '--workers', '0']);
    expect(run.status, run.stderr).toBe(2);
    expect(existsSync(join(folder, 'new.db'))).toBe(false);
  });

  it('is read by stats, search, show, companies and filings, which create nothing beside it', () => {
    const cases: [string[], RegExp][] = [
      [['stats'], /^3 filings, /],
      [['search', 'convertible bonds'], /HANARO TELECOM/],
      [['show', '0000912282-09-000008'], /0000912282-09-000008/],
      [['show', '0000912282-09-000008', '--doc', '1', '--format', 'text'], /Ballard Power Systems/],
      [['companies'], /\d{10}|[A-Z]/],
      [['filings', '--json'], /0001193125-10-145855/],
    ];
    for (const [args, expected] of cases) {
      const run = edgarkit([...args, '--db', db]);
      expect(run.status, `${args.join(' ')}: ${run.stderr}`).toBe(0);
      expect(run.stdout, args.join(' ')).toMatch(expected);
    }
    for (const suffix of ['-wal', '-shm', '-journal']) expect(existsSync(`${db}${suffix}`)).toBe(false);
  });

  it('is served: the API answers 200, not 500', { timeout: 120_000 }, async () => {
    const child = spawn(process.execPath, [CLI, 'serve', '--db', db, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'], ...asReader });
    try {
      const url = await listening(child);
      for (const path of [
        'api/stats',
        'api/search?q=bonds',
        'filings/0000912282-09-000008/documents/1',
        'api/filings/0000912282-09-000008/original',
      ]) {
        const response = await fetch(`${url}${path}`);
        expect(response.status, path).toBe(200);
        await response.arrayBuffer();
      }
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('left in WAL mode, is refused with what to do, never a raw SQLite message alone', () => {
    const run = edgarkit(['stats', '--db', walDb]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`edgarkit: Cannot open the database ${walDb}: `);
    expect(run.stderr).toContain('is in WAL mode and its folder is read-only');
    expect(run.stderr).toContain(`edgarkit migrate --db ${walDb}`);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('a database that exists but has no tables yet', () => {
  it('is "no database yet" for every reading command, never "no such table"', async () => {
    const folder = makeTempDir('edgarkit-noschema-');
    const empty = join(folder, 'empty.db');
    writeFileSync(empty, '');
    const other = join(folder, 'other.db');
    const otherDb = new Database(other);
    otherDb.exec('CREATE TABLE notes (text TEXT)');
    otherDb.close();
    for (const file of [empty, other]) {
      for (const args of [['stats'], ['search', 'bonds'], ['show', '0000912282-09-000008'], ['companies'], ['filings']]) {
        const io = captureIo();
        expect(await runCli([...args, '--db', file], io), args.join(' ')).toBe(2);
        expect(io.err()).toBe(
          `edgarkit: No database yet at ${file}: the file holds no edgarkit tables (an ingest may be creating them now: wait for it to finish; else run "edgarkit ingest <files>" first)\n`,
        );
      }
    }
  });

  it('stats racing the first ingest says there is no database yet, or counts it, and nothing else', { timeout: 240_000 }, async () => {
    const db = join(makeTempDir('edgarkit-race-'), 'race.db');
    const child = spawn(process.execPath, [CLI, 'ingest', corpusPath('fpi'), '--db', db, '--workers', '1'], { stdio: 'ignore' });
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    let done = false;
    void exited.then(() => {
      done = true;
    });
    const said = new Set<string>();
    while (!done) {
      const io = captureIo();
      const code = await runCli(['stats', '--db', db], io);
      if (code === 0) said.add('counted');
      else if (/^edgarkit: No database (?:yet )?at /.test(io.err())) said.add('no database');
      else said.add(io.err());
      // Let the child's exit be seen: a refused stats never leaves the microtask queue on its own.
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(await exited).toBe(0);
    expect([...said].filter((what) => what !== 'counted' && what !== 'no database')).toEqual([]);
  });
});

function listening(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    child.stderr?.on('data', (chunk) => (stderr += chunk));
    child.stdout?.on('data', (chunk) => {
      stdout += chunk;
      const match = /serving .* at (http:\/\/\S+)/.exec(stdout);
      if (match) resolve(match[1] as string);
    });
    child.on('exit', () => reject(new Error(`serve exited before listening: ${stderr}`)));
  });
}
