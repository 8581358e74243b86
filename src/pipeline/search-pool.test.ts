import { readdirSync } from 'node:fs';
import { getPriority } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusPath, seedPath } from '../../test/shared-files.js';
import { makeTempDir } from '../../test/store-conformance.js';
import { QueryTooBroadError } from '../store/search.js';
import { QuerySyntaxError } from '../store/search-query.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import { ingestPaths } from './ingest.js';
import { SearchPool } from './search-pool.js';
import { LOWERED_BY } from './thread-priority.js';

const path = join(makeTempDir('edgarkit-search-pool-'), 'search.db');
let pool: SearchPool;

beforeAll(async () => {
  const store = openSqliteStore(path);
  await ingestPaths(store, [seedPath(), corpusPath('fpi/0000912282-09-000008.txt'), corpusPath('fpi/0000950127-09-000020.txt')], {
    workers: 0,
  });
  await store.close();
  // The compiled search thread (npm run build makes it; `npm test` builds first).
  const opened = SearchPool.open({ path, threads: 1 });
  if (!opened) throw new Error('no compiled search worker: run npm run build first');
  pool = opened;
});
afterAll(async () => {
  await pool?.close();
});

describe('SearchPool', () => {
  it('answers as the store does, from a thread of its own', async () => {
    const store = openSqliteStore(path, { readonly: true });
    try {
      for (const text of ['"convertible bonds"', 'hanaro OR acergy', 'telec* form:6-K']) {
        expect(await pool.search({ text })).toEqual(await store.search({ text }));
      }
    } finally {
      await store.close();
    }
  });

  it('warms its threads up with a search of the database, and answers as before', async () => {
    await pool.warmUp();
    const store = openSqliteStore(path, { readonly: true });
    try {
      expect(await pool.search({ text: 'hanaro' })).toEqual(await store.search({ text: 'hanaro' }));
    } finally {
      await store.close();
    }
  });

  it('throws what the store throws, as the same classes', async () => {
    const broad = pool.search({ text: '(s* OR t*) (p* OR r*) -e*' });
    await expect(broad).rejects.toBeInstanceOf(QueryTooBroadError);
    await expect(broad).rejects.toMatchObject({ term: 's*', message: expect.stringMatching(/^Query too broad: "s\*"/) });
    const malformed = pool.search({ text: '"unclosed' });
    await expect(malformed).rejects.toBeInstanceOf(QuerySyntaxError);
    await expect(malformed).rejects.toMatchObject({ position: 0, message: expect.stringContaining('is never closed') });
  });

  it('runs a plain query beside a costly one, not after it', { timeout: 240_000 }, async () => {
    const lanes = SearchPool.open({ path, threads: 2 }) as SearchPool;
    try {
      // Warm both lanes' threads first, so neither answer below counts a thread's start.
      await Promise.all([lanes.search({ text: 'sec* pro*' }), lanes.search({ text: 'hanaro' })]);
      const started = performance.now();
      let costlyAt = 0;
      const costly = Array.from({ length: 6 }, (_, index) =>
        lanes.search({ text: `${['com', 'pro', 'sec'][index % 3]}* ${['inc', 'rep', 'sha'][index % 3]}* ${index}` }).then(
          () => (costlyAt = Math.max(costlyAt, performance.now() - started)),
          () => (costlyAt = Math.max(costlyAt, performance.now() - started)),
        ),
      );
      const plain = await lanes.search({ text: '"convertible bonds"' });
      const plainAt = performance.now() - started;
      await Promise.all(costly);
      expect(plain.total).toBeGreaterThan(0);
      // Six costly queries queue in their own lane; the plain one is answered before the last of them.
      expect(plainAt).toBeLessThan(costlyAt);
    } finally {
      await lanes.close();
    }
  });

  it('runs costly searches below the process priority and plain ones at it (Linux)', async () => {
    const before = new Set(threadIds());
    const lanes = SearchPool.open({ path, threads: 2 }) as SearchPool;
    try {
      // One search in each lane: both threads have started and set their priority by the time they answer.
      await Promise.all([lanes.search({ text: 'sec* pro*' }), lanes.search({ text: 'hanaro' })]);
      const own = getPriority(process.pid);
      const lowered = Math.min(19, Math.max(LOWERED_BY, own + LOWERED_BY));
      const started = threadIds()
        .filter((tid) => !before.has(tid))
        .map((tid) => getPriority(tid));
      if (process.platform !== 'linux' || lowered === own) {
        expect(started.filter((niceness) => niceness !== own)).toEqual([]);
      } else {
        // The costly lane's one thread is lowered; the plain lane's keeps the process's priority.
        expect(started.filter((niceness) => niceness === lowered)).toHaveLength(1);
        expect(started.filter((niceness) => niceness === own).length).toBeGreaterThanOrEqual(1);
      }
    } finally {
      await lanes.close();
    }
  });
});

/** This process's threads (Linux: its tasks), or none elsewhere. */
function threadIds(): number[] {
  try {
    return readdirSync('/proc/self/task').map(Number);
  } catch {
    return [];
  }
}
