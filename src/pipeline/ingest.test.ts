import { describe, expect, it } from 'vitest';
import { accessionedCorpus } from '../../test/filing-set.js';
import type { PreparedFiling } from '../model/prepared-filing.js';
import type { FilingSink, WriteResult } from '../store/store.js';
import { type IngestInput, ingest, type PreparePool } from './ingest.js';
import { prepareFiling } from './prepare-filing.js';

/** A sink that keeps each transaction's filings. */
function recordingSink(): FilingSink & { readonly batches: PreparedFiling[][] } {
  const batches: PreparedFiling[][] = [];
  return {
    batches,
    contentHashOf: async () => null,
    writeFilings: async (filings): Promise<WriteResult> => {
      batches.push([...filings]);
      return { inserted: filings.length, replaced: 0, unchanged: 0 };
    },
  };
}

describe('ingest batches', () => {
  const corpus = accessionedCorpus().slice(0, 6);
  const inputs = (): IngestInput[] => corpus.map(({ name, bytes }) => ({ ok: true, source: name, bytes }));

  it('writes a transaction once the waiting filings hold batchBytes of submissions, before batchSize filings', async () => {
    const sink = recordingSink();
    const smallest = Math.min(...corpus.map(({ bytes }) => bytes.length));
    // Any two filings together exceed the bound; one alone may not.
    const summary = await ingest(sink, inputs(), { workers: 0, batchSize: 100, batchBytes: smallest * 2 });
    expect(summary.ingested).toBe(corpus.length);
    expect(sink.batches.flat().map((filing) => filing.accessionNumber)).toEqual(corpus.map(({ accession }) => accession));
    for (const batch of sink.batches) {
      const held = batch.reduce((sum, filing) => sum + filing.byteLength, 0);
      // A batch is written as soon as it reaches the bound, so without its last filing it was under it.
      expect(held - (batch.at(-1)?.byteLength ?? 0)).toBeLessThan(smallest * 2);
    }
    expect(sink.batches.length).toBeGreaterThanOrEqual(corpus.length / 2);
  });

  it('writes batchSize filings per transaction when they hold fewer bytes than batchBytes', async () => {
    const sink = recordingSink();
    await ingest(sink, inputs(), { workers: 0, batchSize: 4 });
    expect(sink.batches.map((batch) => batch.length)).toEqual([4, 2]);
  });
});

/**
 * A pool of `threads` that prepares on this thread after a pause (so tasks pile up as they would in threads) and
 * records the bytes it holds at once: what ingest's back-pressure bounds.
 */
function slowPool(threads: number): PreparePool & { peakBytes: number; peakTasks: number; hashes: (string | null)[] } {
  let held = 0;
  let tasks = 0;
  const pool = {
    threads,
    tasksPerThread: 64,
    peakBytes: 0,
    peakTasks: 0,
    hashes: [] as (string | null)[],
    async prepare(bytes: Uint8Array, source: string, hash: string | null) {
      held += bytes.length;
      tasks++;
      pool.peakBytes = Math.max(pool.peakBytes, held);
      pool.peakTasks = Math.max(pool.peakTasks, tasks);
      pool.hashes.push(hash);
      try {
        await new Promise((resolve) => setTimeout(resolve, 5));
        return prepareFiling(bytes, source, hash ?? undefined);
      } finally {
        held -= bytes.length;
        tasks--;
      }
    },
  };
  return pool;
}

describe('ingest back-pressure', () => {
  const corpus = accessionedCorpus().slice(0, 12);
  const inputs = (): IngestInput[] => corpus.map(({ name, bytes }) => ({ ok: true, source: name, bytes }));
  const largest = Math.max(...corpus.map(({ bytes }) => bytes.length));

  it('never hands the threads more than bytesInFlight of submissions at once, yet keeps several in flight', async () => {
    const pool = slowPool(2);
    const bound = largest * 2;
    const summary = await ingest(recordingSink(), inputs(), { pool, bytesInFlight: bound });
    expect(summary.ingested).toBe(corpus.length);
    expect(pool.peakBytes).toBeLessThanOrEqual(bound);
    expect(pool.peakTasks).toBeGreaterThan(1);
  });

  it('lets a submission larger than bytesInFlight go alone rather than stall', async () => {
    const pool = slowPool(2);
    const summary = await ingest(recordingSink(), inputs(), { pool, bytesInFlight: 1 });
    expect(summary.ingested).toBe(corpus.length);
    expect(pool.peakTasks).toBe(1);
    expect(pool.peakBytes).toBe(largest);
  });

  it('hashes a new accession in the thread, and an accession already stored before any work', async () => {
    const pool = slowPool(2);
    const sink = recordingSink();
    await ingest(sink, inputs(), { pool });
    expect(pool.hashes.every((hash) => hash === null)).toBe(true);
    const stored = new Map(sink.batches.flat().map((filing) => [filing.id, filing.contentHash]));
    const again = slowPool(2);
    const summary = await ingest({ ...sink, contentHashOf: async (id) => stored.get(id) ?? null }, inputs(), { pool: again });
    expect(summary.duplicates).toBe(corpus.length);
    expect(again.hashes).toEqual([]);
  });
});
