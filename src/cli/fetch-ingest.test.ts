import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureIo } from '../../test/capture-io.js';
import { type FakeEdgar, startFakeEdgar } from '../../test/fake-edgar/fake-edgar.js';
import { TEST_USER_AGENT } from '../../test/fake-edgar/test-client.js';
import { makeTempDir } from '../../test/store-conformance.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import type { CliIo } from './io.js';
import { runCli } from './main.js';

let server: FakeEdgar;
beforeAll(async () => {
  server = await startFakeEdgar();
});
afterAll(async () => {
  await server.close();
});

function captureFetchIo(home: string) {
  return captureIo({ env: { HOME: home, EDGARKIT_USER_AGENT: TEST_USER_AGENT } });
}

describe('fetch --ingest and sync', () => {
  it('fetches a company’s 6-Ks straight into the database, and sync then finds nothing new', { timeout: 240_000 }, async () => {
    const home = makeTempDir('edgarkit-fetch-ingest-');
    const db = join(home, 'fetched.db');
    // The company with the most 6-Ks in the fake server's corpus.
    const counts = new Map<string, number>();
    for (const filing of server.filings)
      if (filing.formType === '6-K') for (const cik of filing.ciks) counts.set(cik, (counts.get(cik) ?? 0) + 1);
    const [cik, expected] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0] as [string, number];
    const connection = ['--base-url', server.url, '--data-url', server.url];

    const io = captureFetchIo(home);
    const code = await runCli(['fetch', 'filings', '--cik', cik, '--form', '6-K', '--ingest', '--db', db, ...connection], io);
    expect(code, io.err()).toBe(0);
    expect(io.out()).toContain(`${expected} ingested, 0 replaced, 0 skipped as duplicates, 0 failed`);
    const store = openSqliteStore(db, { readonly: true });
    const stored = await store.listFilings({ cik, form: '6-K', limit: 200 });
    await store.close();
    expect(stored).toHaveLength(expected);
    // Byte-identical: the fake server serves the corpus files themselves.
    const reopened = openSqliteStore(db, { readonly: true });
    const first = server.filings.find((filing) => filing.accessionNumber === stored[0]?.accessionNumber);
    expect(Buffer.from((await reopened.getOriginal(stored[0]?.filingId ?? ''))!).equals(first!.bytes)).toBe(true);
    await reopened.close();

    const again = captureFetchIo(home);
    expect(await runCli(['sync', '--db', db, '--form', '6-K', ...connection], again)).toBe(0);
    expect(again.err()).toMatch(/sync: \d+ compan(y|ies); fetched 0, ingested 0 new or changed, failed 0/);
  });

  it('fetches a day’s feed archive into the database', { timeout: 240_000 }, async () => {
    const home = makeTempDir('edgarkit-fetch-feed-');
    const db = join(home, 'feed.db');
    const io = captureFetchIo(home);
    const code = await runCli(
      ['fetch', 'feed', '--date', server.feed.date, '--ingest', '--db', db, '--base-url', server.url, '--data-url', server.url],
      io,
    );
    expect(code, io.err()).toBe(0);
    const store = openSqliteStore(db, { readonly: true });
    const stats = await store.stats();
    await store.close();
    expect(stats.filings).toBeGreaterThan(0);
    expect(io.out()).toMatch(/\d+ ingested/);
  });

  it('refuses to run without a User-Agent, sending nothing', async () => {
    const home = makeTempDir('edgarkit-fetch-noua-');
    server.resetRequests();
    let err = '';
    const io: CliIo = {
      stdout: { write: () => true },
      stderr: { write: (text: string) => (err += text) },
      stdin: Readable.from([]),
      env: { HOME: home },
    };
    expect(await runCli(['sync', '--cik', '1', '--db', join(home, 'x.db'), '--base-url', server.url, '--data-url', server.url], io)).toBe(
      2,
    );
    expect(err).toContain('User-Agent');
    expect(server.requests).toHaveLength(0);
  });
});
