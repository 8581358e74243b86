import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { Command, CommanderError } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo, ExitCode } from '../../src/cli/io.js';
import { UserError } from '../../src/cli/io.js';
import { registerScaleCommands } from '../../src/cli/scale-commands.js';
import { inputPaths } from '../../src/io/input-paths.js';
import { ingestPaths } from '../../src/pipeline/ingest.js';
import { runIngestWorker, type WorkerEvent } from '../../src/pipeline/queue-worker.js';
import { claimJob, enqueueJobs, finishJob, queueCounts, renewLease } from '../../src/store/postgres/job-queue.js';
import { openPostgresStore, type PostgresStore, type Queryable } from '../../src/store/postgres/postgres-store.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { writeFilingSet } from '../filing-set.js';
import { corpusPath, seedPath } from '../shared-files.js';
import { makeTempDir } from '../store-conformance.js';
import { queryOnce } from './cluster.js';
import { useTestCluster } from './use-test-cluster.js';

const requireCluster = useTestCluster();

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('job queue in PostgreSQL', () => {
  let url: string;
  let store: PostgresStore;
  let db: Queryable;
  beforeAll(async () => {
    url = await requireCluster().createDatabase('queue');
    store = await openPostgresStore(url);
    db = store.pool as unknown as Queryable;
  });
  afterAll(async () => {
    await store?.close();
  });

  it('adds one job per path, never the same path twice', async () => {
    const dir = makeTempDir('edgarkit-queue-');
    mkdirSync(join(dir, 'a', 'deeper'), { recursive: true });
    writeFileSync(join(dir, 'a', 'one.txt'), 'x');
    writeFileSync(join(dir, 'a', 'deeper', 'two.nc'), 'x');
    writeFileSync(join(dir, 'three.tar.gz'), 'x');
    const files = await inputPaths([dir]);
    expect(files.map((path) => path.slice(dir.length))).toEqual(['/a/deeper/two.nc', '/a/one.txt', '/three.tar.gz']);
    expect((await inputPaths([dir], { folders: true })).map((path) => path.slice(dir.length))).toEqual(['/a', '/three.tar.gz']);
    expect(await enqueueJobs(db, files)).toEqual({ added: 3, alreadyQueued: 0 });
    expect(await enqueueJobs(db, [...files, join(dir, 'four.txt')])).toEqual({ added: 1, alreadyQueued: 3 });
    await queryOnce(url, 'DELETE FROM jobs');
  });

  it('gives concurrent claims different jobs, and a job whose lease ran out to another worker', async () => {
    await enqueueJobs(db, ['/nowhere/1.txt', '/nowhere/2.txt']);
    const [first, second] = await Promise.all([claimJob(db, 'w1', 'token-1', 1, 3), claimJob(db, 'w2', 'token-2', 1, 3)]);
    expect(new Set([first?.path, second?.path])).toEqual(new Set(['/nowhere/1.txt', '/nowhere/2.txt']));
    expect(await claimJob(db, 'w3', 'token-3', 1, 3)).toBeNull();
    expect(await renewLease(db, first!, 1)).toBe(true);
    await sleep(1300);
    const taken = await claimJob(db, 'w3', 'token-3', 30, 3);
    expect(taken?.takenOverFrom).toMatch(/^w[12]$/);
    expect(taken?.attempt).toBe(2);
    const loser = taken?.path === first?.path ? first! : second!;
    // The old owner can neither renew nor finish any more.
    expect(await renewLease(db, loser, 30)).toBe(false);
    expect(await finishJob(db, loser, { state: 'done', filings: 0, inserted: 0, bytes: 0 })).toBe(false);
    expect(await finishJob(db, taken!, { state: 'done', filings: 0, inserted: 0, bytes: 0 })).toBe(true);
    const rows = await queryOnce<{ state: string; last_error: string }>(url, 'SELECT state, last_error FROM jobs WHERE id = $1', [
      taken!.id,
    ]);
    expect(rows[0]?.state).toBe('done');
    expect(rows[0]?.last_error).toMatch(/lease of w[12] ran out/);
    await queryOnce(url, 'DELETE FROM jobs');
  });

  it('fails a job whose lease ran out on every attempt, with the reason', async () => {
    await enqueueJobs(db, ['/nowhere/poison.txt']);
    for (let attempt = 1; attempt <= 2; attempt++) {
      expect((await claimJob(db, `w${attempt}`, `t${attempt}`, 0.2, 2))?.attempt).toBe(attempt);
      await sleep(300);
    }
    expect(await claimJob(db, 'w3', 't3', 0.2, 2)).toBeNull();
    const rows = await queryOnce<{ state: string; attempts: number; last_error: string }>(
      url,
      'SELECT state, attempts, last_error FROM jobs',
    );
    expect(rows).toEqual([{ state: 'failed', attempts: 2, last_error: expect.stringContaining('ran out on attempt 2 of 2') }]);
    await queryOnce(url, 'DELETE FROM jobs');
  });

  it('runs jobs with ingest until none are left, marking each done with its last batch; unreadable inputs fail the job', async () => {
    const dir = makeTempDir('edgarkit-queue-run-');
    const accessions = writeFilingSet(join(dir, 'set'), 90, 30);
    writeFileSync(join(dir, 'broken.tar.gz'), Buffer.from([0x1f, 0x8b, 8, 0, 1, 2, 3]));
    await enqueueJobs(db, await inputPaths([join(dir, 'set')], { folders: true }));
    await enqueueJobs(db, [join(dir, 'broken.tar.gz')]);
    const events: WorkerEvent[] = [];
    const summary = await runIngestWorker(url, {
      concurrency: 2,
      threads: 0,
      batchSize: 7,
      leaseSeconds: 10,
      onEvent: (event) => events.push(event),
    });
    expect(summary, JSON.stringify(events)).toMatchObject({ jobs: 4, failed: 1, lost: 0, filings: 90, inserted: 90 });
    expect(await queueCounts(db)).toMatchObject({ queued: 0, running: 0, done: 3, failed: 1 });
    const jobs = await queryOnce<{ path: string; state: string; filings: number; last_error: string | null }>(
      url,
      'SELECT path, state, filings, last_error FROM jobs ORDER BY id',
    );
    expect(jobs.map((job) => job.filings)).toEqual([30, 30, 30, 0]);
    // A broken archive makes ingest throw: tried three times, then failed with every reason.
    expect(jobs[3]?.state).toBe('failed');
    expect(jobs[3]?.last_error).toMatch(/^attempt 1: .+; attempt 2: .+; attempt 3: .+$/);
    const ids = await queryOnce<{ id: string }>(url, 'SELECT id FROM filings');
    expect(new Set(ids.map((row) => row.id))).toEqual(new Set(accessions));
    expect(await store.checkIntegrity()).toEqual([]);
    // Nothing left: a second worker stops at once.
    expect((await runIngestWorker(url, { threads: 0 })).jobs).toBe(0);
    await queryOnce(url, 'DELETE FROM jobs');
  });
});

function captureIo(): CliIo & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    stdout: { write: (text: string) => (out += text) },
    stderr: { write: (text: string) => (err += text) },
    stdin: Readable.from([]),
    env: {},
    out: () => out,
    err: () => err,
  };
}

/** Runs one scale command in-process, as main.ts would: the exit code returned, never process.exit. */
async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = captureIo();
  let code: number = 0;
  const program = new Command('edgarkit')
    .exitOverride()
    .configureOutput({ writeOut: (text) => io.stdout.write(text), writeErr: (text) => io.stderr.write(text) });
  registerScaleCommands(program, io, (exit: ExitCode) => {
    code = exit;
  });
  try {
    await program.parseAsync(args, { from: 'user' });
  } catch (error) {
    if (error instanceof UserError) {
      io.stderr.write(`edgarkit: ${error.message}\n`);
      code = error.exitCode;
    } else if (error instanceof CommanderError) code = error.exitCode === 0 ? 0 : 2;
    else throw error;
  }
  return { code, out: io.out(), err: io.err() };
}

describe('scale commands', () => {
  it('migrate: both adapters, and PostgreSQL a second time finds nothing to do', async () => {
    const url = await requireCluster().createDatabase('migrate');
    expect(await run(['migrate', '--db', url])).toMatchObject({
      code: 0,
      out: expect.stringContaining('applied migrations 1, 2, 3, 4, 5, 6, 7, 8; schema version 8'),
    });
    expect(await run(['migrate', '--db', url])).toMatchObject({ code: 0, out: expect.stringContaining('schema up to date (version 8)') });
    // Company filters (a substring of a party's name) have a trigram index to use.
    const [index] = await queryOnce<{ indexdef: string }>(
      url,
      "SELECT indexdef FROM pg_indexes WHERE indexname = 'filing_parties_name_trgm'",
    );
    expect(index?.indexdef).toContain('gin_trgm_ops');
    const file = join(makeTempDir('edgarkit-migrate-'), 'm.db');
    expect(await run(['migrate', '--db', file])).toMatchObject({ code: 0, out: `${file}: schema up to date\n` });
  });

  it('enqueue, status with a failure and its reason, and refusal of a SQLite file', async () => {
    const url = await requireCluster().createDatabase('status');
    expect(
      await run(['enqueue', seedPath(), corpusPath('fpi/0000912282-09-000008.txt'), '/nowhere/at/all.txt', '--db', url]),
    ).toMatchObject({
      code: 2,
      err: expect.stringContaining('Cannot read /nowhere/at/all.txt'),
    });
    const dir = makeTempDir('edgarkit-status-');
    // An archive cut short: ingest reports it as unreadable and goes on.
    writeFileSync(join(dir, 'broken.tar.gz'), gzipSync(Buffer.alloc(200_000, 7)).subarray(0, 100));
    expect(
      await run(['enqueue', seedPath(), corpusPath('fpi/0000912282-09-000008.txt'), join(dir, 'broken.tar.gz'), '--db', url]),
    ).toMatchObject({
      code: 0,
      out: '3 jobs added, 0 already in the queue\n',
    });
    expect((await run(['enqueue', seedPath(), '--db', url])).out).toBe('0 jobs added, 1 already in the queue\n');
    const before = await run(['status', '--db', url]);
    expect(before.out).toContain('jobs: 3 queued, 0 running, 0 done, 0 failed');
    const worker = await run(['worker', '--db', url, '--threads', '0']);
    expect(worker.code, worker.err).toBe(0);
    expect(worker.out).toContain('3 jobs finished (1 failed, 0 lost to other workers): 2 filings, 2 new');
    const after = await run(['status', '--db', url]);
    expect(after.out).toContain('jobs: 0 queued, 0 running, 2 done, 1 failed');
    expect(after.out).toMatch(/ETA: nothing left/);
    expect(after.out).toMatch(/broken\.tar\.gz \(1 attempt\): 1 input could not be read/);
    const json = JSON.parse((await run(['status', '--db', url, '--json'])).out) as { done: number; filings: number };
    expect(json).toMatchObject({ done: 2, filings: 2 });
    expect(await run(['status', '--db', join(dir, 'x.db')])).toMatchObject({
      code: 2,
      err: expect.stringContaining('needs a PostgreSQL database'),
    });
  });

  it('copy: SQLite into PostgreSQL, resumable, compared row by row and hash by hash', async () => {
    const dir = makeTempDir('edgarkit-copy-');
    const inputs = join(dir, 'in');
    mkdirSync(inputs);
    for (const file of [
      'fpi/0000912282-09-000008.txt',
      'fpi/0000950127-09-000020.txt',
      'submissions/0001011438-98-000429.txt',
      'nc/0001193125-10-145855.nc',
      'submissions/0001564590-20-004475-minimal.txt',
    ]) {
      copyFileSync(corpusPath(file), join(inputs, file.split('/')[1] as string));
    }
    copyFileSync(seedPath(), join(inputs, 'seed.txt'));
    const file = join(dir, 'source.db');
    // Small index shards, so that the copy reads passages from several of them.
    const sqlite = openSqliteStore(file, { shardPassages: 8 });
    await ingestPaths(sqlite, [inputs], { workers: 0 });
    // Facts of no stored filing (EDGAR's JSON APIs'): copied as facts.
    const apiFact = { cik: '0001318605', accession: '0001564590-21-004599', concept: 'us-gaap:Revenues', dimensions: {}, unit: 'USD' };
    const more = {
      decimals: null,
      form: '10-K',
      filed: '2021-02-08',
      fiscalYear: 2020,
      fiscalPeriod: 'FY',
      source: 'companyfacts',
    } as const;
    await sqlite.writeFacts([
      {
        ...apiFact,
        ...more,
        periodStart: '2020-01-01',
        periodEnd: '2020-12-31',
        value: '31536000000',
        number: 31536000000,
        frame: 'CY2020',
      },
      { ...apiFact, ...more, periodStart: '2019-01-01', periodEnd: '2019-12-31', value: '24578000000', number: 24578000000, frame: null },
    ]);
    await sqlite.close();
    const url = await requireCluster().createDatabase('copy');
    // A first copy of part of it, as if interrupted: the rest is copied by the next run.
    const partial = await openPostgresStore(url);
    await ingestPaths(partial, [join(inputs, 'seed.txt')], { workers: 0 });
    await partial.close();
    const copy = await run(['copy', '--from', file, '--to', url, '--batch', '2']);
    expect(copy.code, copy.out + copy.err).toBe(0);
    expect(copy.out).toContain('5 filings copied, 1 already there, of 6');
    expect(copy.out).toContain('content hashes: 6 match, 0 missing, 0 different, 0 only in PostgreSQL');
    expect(copy.out).toMatch(/xbrl_facts\s+(1[0-9])\s+\1\n/);
    expect(copy.out).toContain('The copy is complete and identical.');
    expect(copy.out).toMatch(/documents\s+(\d+)\s+\1\n/);
    const again = await run(['copy', '--from', file, '--to', url]);
    expect(again.out).toContain('0 filings copied, 6 already there, of 6');
    // The copy searches like the original.
    const source = openSqliteStore(file, { readonly: true });
    const target = await openPostgresStore(url, { readonly: true });
    try {
      for (const text of ['"convertible bonds"', 'ballot', 'kosdaq OR glenlyon']) {
        const ids = async (store: typeof source | typeof target) =>
          new Set((await store.search({ text, limit: 200 })).hits.map((hit) => hit.filingId));
        expect(await ids(target), text).toEqual(await ids(source));
      }
      expect((await target.getFiling('0000912282-09-000008'))?.documents).toEqual(
        (await source.getFiling('0000912282-09-000008'))?.documents,
      );
      expect(
        Buffer.from((await target.getOriginal('0000912282-09-000008'))!).equals(
          Buffer.from((await source.getOriginal('0000912282-09-000008'))!),
        ),
      ).toBe(true);
      expect(await target.checkIntegrity()).toEqual([]);
      // Tesla's revenue: the filing's fact and the API's later year, the same series on both.
      const series = await target.queryFacts({ concept: 'us-gaap:Revenues', cik: '1318605' });
      expect(series.map((fact) => [fact.periodEnd, fact.value, fact.source])).toEqual([
        ['2019-12-31', '24578000000', 'inline'],
        ['2019-12-31', '24578000000', 'companyfacts'],
        ['2020-12-31', '31536000000', 'companyfacts'],
      ]);
      expect(series).toEqual(await source.queryFacts({ concept: 'us-gaap:Revenues', cik: '1318605' }));
    } finally {
      await source.close();
      await target.close();
    }
  });
});
