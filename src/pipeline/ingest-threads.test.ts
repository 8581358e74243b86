import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot, sharedRoot } from '../../test/shared-files.js';
import { PASSAGE_STRIDE } from '../store/passages.js';
import { shardTable } from '../store/sqlite/migrations.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import { ingest, type PreparePool, readIngestInputs } from './ingest.js';
import { WorkerPool } from './worker-pool.js';

/**
 * Ingest in worker threads stores exactly what ingest on one thread stores: the whole corpus (every folder, with
 * its `.nc` and `.txt` copies of one accession, and the files that are not filings) through both, compared row
 * by row by what the rows say (filing id, document position, passage number), not by row ids.
 */
let dir: string;
let script: URL;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'edgarkit-ingest-threads-'));
  // The worker as a runnable script (a test runner cannot start a TypeScript worker), beside node_modules so that
  // `import 'piscina'` resolves to the pool's own piscina.
  const bundleDir = join(projectRoot, 'node_modules', '.cache', `edgarkit-ingest-threads-${process.pid}`);
  mkdirSync(bundleDir, { recursive: true });
  const outfile = join(bundleDir, 'worker.mjs');
  await build({
    entryPoints: [fileURLToPath(new URL('./worker.ts', import.meta.url))],
    bundle: true,
    platform: 'node',
    format: 'esm',
    external: ['piscina'],
    outfile,
    logLevel: 'silent',
  });
  script = pathToFileURL(outfile);
}, 240_000);
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(fileURLToPath(new URL('.', script)), { recursive: true, force: true });
});

type Row = Record<string, unknown>;

/** What the database holds, keyed by what rows say rather than by their row ids. */
function contents(path: string): Record<string, Row[]> {
  const db = new Database(path, { readonly: true });
  try {
    const rows = (sql: string) => db.prepare(sql).all() as Row[];
    const filings = rows('SELECT * FROM filings ORDER BY id').map(({ ingested_at: _at, ...row }) => row);
    const rowids = new Map(filings.map((row) => [row.rowid, row.id]));
    const documentIds = new Map(
      rows('SELECT d.id, f.id AS filing, d.position FROM documents d JOIN filings f ON f.rowid = d.filing_rowid').map((row) => [
        row.id,
        `${row.filing}#${row.position}`,
      ]),
    );
    const passages: Row[] = [];
    for (const { first_document: shard } of rows('SELECT first_document FROM passage_shards')) {
      for (const row of rows(`SELECT rowid, text FROM ${shardTable(Number(shard))}`)) {
        const document = documentIds.get(Math.floor(Number(row.rowid) / PASSAGE_STRIDE));
        passages.push({ document, passage: Number(row.rowid) % PASSAGE_STRIDE, text: row.text });
      }
    }
    passages.sort((a, b) => String(a.document).localeCompare(String(b.document)) || Number(a.passage) - Number(b.passage));
    const byFiling = (table: string) =>
      rows(`SELECT f.id AS filing, t.* FROM ${table} t JOIN filings f ON f.rowid = t.filing_rowid ORDER BY f.id, t.position`).map(
        ({ filing_rowid: _rowid, id: _id, ...row }) => row,
      );
    return {
      filings: filings.map(({ rowid: _rowid, ...row }) => row),
      documents: byFiling('documents'),
      passages,
      parties: byFiling('filing_parties'),
      exhibits: byFiling('exhibits'),
      signatures: byFiling('signatures'),
      copies: rows('SELECT filing_rowid, content_hash FROM filing_copies ORDER BY content_hash').map((row) => ({
        filing: rowids.get(row.filing_rowid),
        hash: row.content_hash,
      })),
      blobs: rows('SELECT sha256, compression, byte_length, hex(data) AS data FROM blobs ORDER BY sha256'),
      companies: rows('SELECT * FROM companies ORDER BY cik'),
    };
  } finally {
    db.close();
  }
}

async function ingestCorpus(path: string, pool: PreparePool | null, prepareHere = false): Promise<void> {
  const store = openSqliteStore(path);
  try {
    // With prepareHere and a backlog of one byte, this thread prepares whenever a thread has anything queued.
    const options = pool ? { pool, ...(prepareHere ? { prepareHere, backlogBytes: 1 } : {}) } : { workers: 0 };
    const summary = await ingest(store, readIngestInputs([join(sharedRoot, 'corpus')]), options);
    expect(summary.failed).toEqual([]);
    expect(summary.ingested).toBeGreaterThan(50);
  } finally {
    await store.close();
  }
}

describe('ingest in worker threads', () => {
  it('stores the corpus exactly as ingest on one thread does', async () => {
    const pool = new WorkerPool({ threads: 2, script, tasksPerThread: 64 });
    try {
      await ingestCorpus(join(dir, 'one-thread.db'), null);
      await ingestCorpus(join(dir, 'threads.db'), pool);
    } finally {
      await pool.close();
    }
    const one = contents(join(dir, 'one-thread.db'));
    const threads = contents(join(dir, 'threads.db'));
    expect(one.passages?.length).toBeGreaterThan(one.documents?.length ?? Number.POSITIVE_INFINITY);
    for (const table of Object.keys(one)) expect({ table, rows: threads[table] }).toEqual({ table, rows: one[table] });
  }, 480_000);

  it('stores the corpus exactly as ingest on one thread does when the writing thread prepares too', async () => {
    const pool = new WorkerPool({ threads: 2, script, tasksPerThread: 64 });
    let inThreads = 0;
    const counting: PreparePool = {
      threads: pool.threads,
      tasksPerThread: pool.tasksPerThread,
      prepare(...args) {
        inThreads++;
        return pool.prepare(...args);
      },
    };
    let ingested = 0;
    try {
      await ingestCorpus(join(dir, 'one-thread-2.db'), null);
      await ingestCorpus(join(dir, 'mixed.db'), counting, true);
      ingested = (contents(join(dir, 'mixed.db')).filings ?? []).length;
    } finally {
      await pool.close();
    }
    // Both kinds of preparing took part: some filings went to the threads, and some did not.
    expect(inThreads).toBeGreaterThan(0);
    expect(inThreads).toBeLessThan(ingested);
    const one = contents(join(dir, 'one-thread-2.db'));
    const mixed = contents(join(dir, 'mixed.db'));
    for (const table of Object.keys(one)) expect({ table, rows: mixed[table] }).toEqual({ table, rows: one[table] });
  }, 480_000);
});
