import { describe, expect, it } from 'vitest';
import { accessionedCorpus } from '../../test/filing-set.js';
import type { PreparedFiling } from '../model/prepared-filing.js';
import type { FilingSink, WriteResult } from '../store/store.js';
import { type IngestInput, ingest } from './ingest.js';

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
