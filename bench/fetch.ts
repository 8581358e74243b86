/**
 * The polite client against the fake EDGAR on loopback, no faults: the sustained request rate the server sees
 * (it must be close to the limit and never over it in any one-second window), then the throughput of one feed
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

// One copy of the corpus .nc files is about 0.9 MB gzipped.
const started = performance.now();
const server = await startFakeEdgar({ feedCopies: Math.max(1, Math.round(feedMb / 0.9)) });
console.log(`fetch: fake EDGAR at ${server.url}, feed archive ${mb(server.feed.bytes.length)} MB built in ${((performance.now() - started) / 1000).toFixed(1)} s`);

const client = createEdgarClient({ userAgent: 'edgarkit bench edgarkit-bench@example.com', archivesBaseUrl: server.url, dataBaseUrl: server.url, maxRequestsPerSecond: rate });
const urls = Array.from({ length: requests }, (_, index) => {
  const filing = server.filings[index % server.filings.length] as (typeof server.filings)[number];
  return `${server.url}/Archives/edgar/data/${Number(filing.ciks[0])}/${filing.accessionNumber.replaceAll('-', '')}/${filing.accessionNumber}.txt`;
});
const rateStarted = performance.now();
await Promise.all(urls.map((url) => client.get(url)));
const rateSeconds = (performance.now() - rateStarted) / 1000;
const times = server.requests.map((request) => request.time).sort((a, b) => a - b);
const span = ((times.at(-1) as number) - (times[0] as number)) / 1000;
const limit = Math.min(10, Math.floor(rate));
console.log(`  ${requests} concurrent requests at a limit of ${rate}/s: done in ${rateSeconds.toFixed(2)} s`);
console.log(`  sustained rate seen by the server: ${((times.length - limit) / span).toFixed(2)} requests/s (after the first burst of ${limit})`);
console.log(`  most requests started in any 1 s window: ${server.maxStartsPerWindow(1000)} (limit ${limit}); in any 2 s window: ${server.maxStartsPerWindow(2000)}`);

const dir = mkdtempSync(join(tmpdir(), 'edgarkit-bench-fetch-'));
try {
  // Three downloads (a fresh file each time): the first includes warm-up, so the median is the figure to quote.
  const speeds: number[] = [];
  for (let run = 0; run < 3; run++) {
    const path = join(dir, `feed-${run}.nc.tar.gz`);
    const feedStarted = performance.now();
    const result = await client.download(`${server.url}${server.feed.path}`, path);
    const feedSeconds = (performance.now() - feedStarted) / 1000;
    if (statSync(path).size !== server.feed.bytes.length) throw new Error('download size differs from the archive served');
    speeds.push(result.bytes / 1e6 / feedSeconds);
    console.log(`  feed archive download ${run + 1}: ${mb(result.bytes)} MB in ${feedSeconds.toFixed(2)} s: ${(result.bytes / 1e6 / feedSeconds).toFixed(0)} MB/s`);
  }
  console.log(`  feed archive throughput, median of 3: ${([...speeds].sort((a, b) => a - b)[1] as number).toFixed(0)} MB/s`);
  console.log(`  peak RSS ${peakRssMb()} MB`);
} finally {
  rmSync(dir, { recursive: true, force: true });
  client.close();
  await server.close();
}
