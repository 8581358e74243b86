import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeEdgar, startFakeEdgar } from '../../test/fake-edgar/fake-edgar.js';
import { listFiles, temporaryDirectory, testClient } from '../../test/fake-edgar/test-client.js';
import { LookupError } from './fetch-errors.js';
import { type FilingEvent, fetchFilingsToDirectory } from './fetch-filings-to-directory.js';

let server: FakeEdgar;

beforeAll(async () => {
  server = await startFakeEdgar();
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  server.clearFaults();
  server.resetRequests();
});

const ACERGY = '0000898685';

async function expectIdenticalToCorpus(directory: string): Promise<string[]> {
  const names = await listFiles(directory);
  for (const name of names) {
    const filing = server.filings.find((candidate) => `${candidate.accessionNumber}.txt` === name);
    expect(filing, name).toBeDefined();
    expect((await readFile(join(directory, name))).equals(await readFile(filing?.source as string)), name).toBe(true);
  }
  return names;
}

describe('fetchFilingsToDirectory', () => {
  it('writes every filing of a CIK as <accession>.txt, byte-identical to the corpus, and returns the paths', async () => {
    const folder = await temporaryDirectory('filings');
    try {
      const client = testClient(server);
      const result = await fetchFilingsToDirectory(client, { cik: '898685', outDir: folder.path });
      client.close();
      const expected = server.filingsOf(ACERGY).map((filing) => `${filing.accessionNumber}.txt`);
      expect(result.selected).toHaveLength(16);
      expect(result.fetched).toHaveLength(16);
      expect(result.skipped).toEqual([]);
      expect(result.failed).toEqual([]);
      expect(result.paths).toEqual(expected.map((name) => join(folder.path, name)));
      expect(await expectIdenticalToCorpus(folder.path)).toEqual([...expected].sort());
      // The main JSON, the older page, then one request per filing: nothing twice.
      expect(server.requests).toHaveLength(18);
    } finally {
      await folder.remove();
    }
  });

  it('resolves a ticker and filters by form and filing date', async () => {
    const folder = await temporaryDirectory('filings-ticker');
    try {
      const client = testClient(server);
      const result = await fetchFilingsToDirectory(client, {
        ticker: 'bldp',
        forms: ['6-k'],
        from: '2009-01-03',
        to: '2010-03-31',
        outDir: folder.path,
      });
      client.close();
      expect(result.cik).toBe('0001453015');
      expect(result.selected.map((filing) => [filing.accessionNumber, filing.filingDate])).toEqual([
        ['0001309014-10-000168', '2010-03-08'],
        ['0001309014-10-000132', '2010-02-25'],
        ['0000912282-09-000017', '2009-01-05'],
      ]);
      expect(await expectIdenticalToCorpus(folder.path)).toHaveLength(3);
      await expect(fetchFilingsToDirectory(testClient(server), { ticker: 'NOPE', outDir: folder.path })).rejects.toThrow(LookupError);
    } finally {
      await folder.remove();
    }
  });

  it('resumes a run interrupted mid-download: no partial file, no duplicate request, every file complete', async () => {
    const folder = await temporaryDirectory('filings-resume');
    try {
      const filings = server.filingsOf(ACERGY);
      const slow = filings[5];
      if (!slow) throw new Error('corpus changed');
      const slowPath = `/Archives/edgar/data/898685/${slow.accessionNumber.replaceAll('-', '')}/${slow.accessionNumber}.txt`;
      // The sixth filing trickles in, so the run is surely in the middle of it when it is interrupted.
      server.inject({ kind: 'slow-body', chunkBytes: 4096, delayMs: 40 }, { path: slowPath });
      const controller = new AbortController();
      const events: FilingEvent[] = [];
      const client = testClient(server, {
        maxRequestsPerSecond: 5,
        onProgress: (event) => {
          if (event.type === 'bytes' && event.url.endsWith(slowPath) && event.received >= 8192) controller.abort();
        },
      });
      const interrupted = await fetchFilingsToDirectory(client, {
        cik: ACERGY,
        outDir: folder.path,
        concurrency: 2,
        signal: controller.signal,
        onFiling: (event) => events.push(event),
      }).catch((error: unknown) => error);
      client.close();
      expect(interrupted).toMatchObject({ name: 'AbortError' });
      const afterFirstRun = await expectIdenticalToCorpus(folder.path);
      // Interrupted in the middle: some filings done, the slow one not there at all (not even as .partial).
      expect(afterFirstRun.length).toBeGreaterThan(0);
      expect(afterFirstRun.length).toBeLessThan(16);
      expect(afterFirstRun).not.toContain(`${slow.accessionNumber}.txt`);
      expect(afterFirstRun.some((name) => name.endsWith('.partial'))).toBe(false);
      expect(
        events
          .filter((event) => event.type === 'fetched')
          .map((event) => event.path.slice(folder.path.length + 1))
          .sort(),
      ).toEqual(afterFirstRun);
      const slowRequest = server.requests.find((request) => request.path === slowPath);
      expect(slowRequest?.fault).toBe('slow-body');

      server.resetRequests();
      const second = testClient(server);
      const resumed = await fetchFilingsToDirectory(second, { cik: ACERGY, outDir: folder.path });
      second.close();
      expect(resumed.skipped).toHaveLength(afterFirstRun.length);
      expect(resumed.fetched).toHaveLength(16 - afterFirstRun.length);
      expect(resumed.paths).toHaveLength(16);
      // The second run asked only for what was missing, each once.
      const filingRequests = server.requests.filter((request) => request.path.startsWith('/Archives/')).map((request) => request.path);
      expect(new Set(filingRequests).size).toBe(filingRequests.length);
      expect(filingRequests).toHaveLength(16 - afterFirstRun.length);
      for (const name of afterFirstRun) expect(filingRequests.some((path) => path.endsWith(`/${name}`))).toBe(false);
      expect(await expectIdenticalToCorpus(folder.path)).toHaveLength(16);
    } finally {
      await folder.remove();
    }
  });

  it('never takes a stale .partial file for a complete one', async () => {
    const folder = await temporaryDirectory('filings-stale');
    try {
      const [newest] = server.filingsOf('1453015');
      if (!newest) throw new Error('corpus changed');
      // What a killed process leaves behind: the first bytes under the .partial name.
      await writeFile(join(folder.path, `${newest.accessionNumber}.txt.partial`), newest.bytes.subarray(0, 100));
      const client = testClient(server);
      const result = await fetchFilingsToDirectory(client, { cik: '1453015', outDir: folder.path });
      client.close();
      expect(result.skipped).toEqual([]);
      expect(result.fetched).toHaveLength(6);
      expect(await expectIdenticalToCorpus(folder.path)).toHaveLength(6);
    } finally {
      await folder.remove();
    }
  });

  it('reports a filing that cannot be fetched and goes on with the rest', async () => {
    const folder = await temporaryDirectory('filings-fail');
    try {
      const [newest] = server.filingsOf('1453015');
      if (!newest) throw new Error('corpus changed');
      server.inject({ kind: 'status', status: 503 }, { path: new RegExp(`${newest.accessionNumber}\\.txt$`), times: 10 });
      const client = testClient(server, { maxRetries: 1 });
      const result = await fetchFilingsToDirectory(client, { cik: '1453015', outDir: folder.path });
      client.close();
      expect(result.failed.map((failure) => failure.filing.accessionNumber)).toEqual([newest.accessionNumber]);
      expect(result.failed[0]?.error.message).toMatch(/^Gave up on .* after 2 tries; last status: 503 Service Unavailable$/);
      expect(result.fetched).toHaveLength(5);
      expect(result.paths).toHaveLength(5);
      expect(await listFiles(folder.path)).toHaveLength(5);
    } finally {
      await folder.remove();
    }
  });
});
