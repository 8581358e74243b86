/**
 * The polite client against the fake EDGAR on loopback, no faults: the sustained request rate the server sees
 * (it must be close to the limit and never over it in any one-second window), then the throughput of a feed
 * archive download.
 * Run: npx tsx bench/fetch.ts [requests=100] [feedMB=100] [rate=10]
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createEdgarClient } from '../src/fetch/edgar-client.js';
import { startFakeEdgar } from '../test/fake-edgar/fake-edgar.js';
import { mb, peakRssMb } from './corpus.js';

const requests = Number(process.argv[2] ?? 100);
const feedMb = Number(process.argv[3] ?? 100);
const rate = Number(process.argv[4] ?? 10);
const userAgent = 'edgarkit bench edgarkit-bench@example.com';

// 1. Request rate. The server runs in this process, so a long GC pause delays when it notes arrivals; a small
// server (no big feed archive in memory) keeps that noise out of the measurement.
{
  const server = await startFakeEdgar();
  const client = createEdgarClient({ userAgent, archivesBaseUrl: server.url, dataBaseUrl: server.url, maxRequestsPerSecond: rate });
  const urls = Array.from({ length: requests }, (_, index) => {
    const filing = server.filings[index % server.filings.length] as (typeof server.filings)[number];
    return `${server.url}/Archives/edgar/data/${Number(filing.ciks[0])}/${filing.accessionNumber.replaceAll('-', '')}/${filing.accessionNumber}.txt`;
  });
  const started = performance.now();
  await Promise.all(urls.map((url) => client.get(url)));
  const seconds = (performance.now() - started) / 1000;
  const times = server.requests.map((request) => request.time).sort((a, b) => a - b);
  const span = ((times.at(-1) as number) - (times[0] as number)) / 1000;
  const limit = Math.min(10, Math.floor(rate));
  console.log(`fetch: ${requests} concurrent requests at a limit of ${rate}/s, cold start, done in ${seconds.toFixed(2)} s`);
  console.log(
    `  sustained rate seen by the server: ${((times.length - limit) / span).toFixed(2)} requests/s (after the first burst of ${limit})`,
  );
  console.log(
    `  most requests started in any 1 s window: ${server.maxStartsPerWindow(1000)} (limit ${limit}); in any 2 s window: ${server.maxStartsPerWindow(2000)}`,
  );
  client.close();
  await server.close();
}

// 2. Feed archive throughput: one day's archive, streamed to disk through .partial and renamed.
{
  const built = performance.now();
  // One copy of the corpus .nc files is about 0.9 MB gzipped.
  const server = await startFakeEdgar({ feedCopies: Math.max(1, Math.round(feedMb / 0.9)) });
  console.log(`  feed archive of ${mb(server.feed.bytes.length)} MB built in ${((performance.now() - built) / 1000).toFixed(1)} s`);
  const client = createEdgarClient({ userAgent, archivesBaseUrl: server.url, dataBaseUrl: server.url });
  const dir = mkdtempSync(join(tmpdir(), 'edgarkit-bench-fetch-'));
  try {
    // Three downloads (a fresh file each time): the first includes warm-up, so the median is the figure to quote.
    const speeds: number[] = [];
    for (let run = 0; run < 3; run++) {
      const path = join(dir, `feed-${run}.nc.tar.gz`);
      const started = performance.now();
      const result = await client.download(`${server.url}${server.feed.path}`, path);
      const seconds = (performance.now() - started) / 1000;
      if (statSync(path).size !== server.feed.bytes.length) throw new Error('download size differs from the archive served');
      speeds.push(result.bytes / 1e6 / seconds);
      console.log(
        `  feed archive download ${run + 1}: ${mb(result.bytes)} MB in ${seconds.toFixed(2)} s: ${(result.bytes / 1e6 / seconds).toFixed(0)} MB/s`,
      );
    }
    console.log(`  feed archive throughput, median of 3: ${([...speeds].sort((a, b) => a - b)[1] as number).toFixed(0)} MB/s`);
    console.log(`  peak RSS ${peakRssMb()} MB (the fake server holds the archive in memory)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    client.close();
    await server.close();
  }
}
