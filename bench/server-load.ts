/**
 * Load on the HTTP server over loopback: builds (or reuses) a SQLite database of ≥ 50,000 filings in /tmp, starts
 * `createApp` in a child process, and from this process sends search requests (20 typical queries) and filing and
 * document pages, first at a fixed rate (open loop, 200 requests/s) and then as fast as a pool of connections
 * allows. Prints requests/s, p50/p95/p99 latency per route and the error count.
 *
 * The server runs as `edgarkit serve` runs it: compiled JavaScript (built here, see compile()), so documents
 * render in worker threads. It runs twice: as configured by default (repeated searches answered from a 60 s
 * cache; warmed up with each query once), at the fixed rate and flat out; then with the search cache off, flat
 * out only, which measures what SQLite full-text search itself sustains.
 *
 * Run: npx tsx bench/server-load.ts [filings] [--rate N] [--seconds N] [--concurrency N] [--build-only]
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { accessionedCorpus, syntheticAccession, writeFilingSet } from '../test/filing-set.js';

const args = process.argv.slice(2);

function option(name: string, fallback: number): number {
  const at = args.indexOf(name);
  if (at === -1) return fallback;
  const value = Number(args[at + 1]);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} needs a positive number`);
  return value;
}

/** The child: the compiled server alone in its process, as `edgarkit serve` runs it (read-only store, @hono/node-server). */
async function serveChild(dist: string, database: string, searchCacheMs: number): Promise<void> {
  const { serve } = await import('@hono/node-server');
  const { openSqliteStore } = (await import(
    pathToFileURL(join(dist, 'store/sqlite/sqlite-store.js')).href
  )) as typeof import('../src/store/sqlite/sqlite-store.js');
  const { createApp } = (await import(
    pathToFileURL(join(dist, 'server/create-app.js')).href
  )) as typeof import('../src/server/create-app.js');
  const store = openSqliteStore(database, { readonly: true });
  const app = createApp({ store, searchCacheMs });
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
    process.stdout.write(`listening ${info.port}\n`);
  });
  const stop = () => server.close(() => void store.close().then(() => process.exit(0)));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

/**
 * Compiles src/ to the JavaScript `edgarkit serve` runs, with its worker script, under node_modules/.cache (outside
 * the linted and type-checked folders; packages still resolve from there).
 */
function compile(): string {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const dist = join(root, 'node_modules', '.cache', 'edgarkit-server-load', 'dist');
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const started = Date.now();
  const result = spawnSync(
    process.execPath,
    [tsc, '-p', join(root, 'tsconfig.build.json'), '--outDir', dist, '--declaration', 'false', '--sourceMap', 'false'],
    { encoding: 'utf8' },
  );
  if (!existsSync(join(dist, 'pipeline', 'render-worker.js')))
    throw new Error(`compiling the server failed:\n${result.stdout}${result.stderr}`);
  if (result.status !== 0) console.log(`server-load: tsc reported type errors (elsewhere in the tree?); the JavaScript was written anyway`);
  console.log(`server-load: compiled the server to ${dist} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return dist;
}

async function main(): Promise<void> {
  const filings = Number(args.find((arg) => /^\d+$/.test(arg)) ?? 50_000);
  const rate = option('--rate', 200);
  const seconds = option('--seconds', 20);
  const concurrency = option('--concurrency', 16);
  const dir = join(tmpdir(), `edgarkit-server-load-${filings}`);
  const database = join(dir, 'edgarkit.db');
  const complete = join(dir, 'complete.json');
  if (!existsSync(complete)) await build(filings, dir, database, complete);
  else {
    const built = JSON.parse(readFileSync(complete, 'utf8')) as { summary: string; writeSeconds: number };
    console.log(
      `server-load: reusing ${database} (delete ${dir} to rebuild); when built: wrote the inputs in ${built.writeSeconds.toFixed(0)} s, ${built.summary}`,
    );
  }
  if (args.includes('--build-only')) return;

  const dist = compile();
  const targets = requestMix(filings);
  for (const [label, searchCacheMs, fixedRate] of [
    ['search cache on (default, 60 s)', 60_000, true],
    ['search cache off: every search goes to SQLite', 0, false],
  ] as const) {
    const child = spawn(
      process.execPath,
      [...process.execArgv, fileURLToPath(import.meta.url), '--serve', dist, database, String(searchCacheMs)],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const port = await new Promise<number>((resolve, reject) => {
      const lines = createInterface({ input: child.stdout });
      lines.on('line', (line) => {
        const match = /^listening (\d+)$/.exec(line);
        if (match) resolve(Number(match[1]));
      });
      child.once('exit', (code) => reject(new Error(`the server exited with code ${code} before listening`)));
    });
    const base = `http://127.0.0.1:${port}`;
    console.log(`\n=== ${label}: server (pid ${child.pid}) at ${base}/ ===`);
    try {
      // Warm up as a server that has been running a while: each search and each company page asked once (so their
      // caches hold them when caching is on), then mixed load, which compiles statements, starts the render workers
      // and fills the OS page cache. The cold costs are printed.
      const repeated = [...new Set(targets.filter((target) => !target.route.includes('/filings/')).map((target) => target.path))];
      const cold: Result[] = [];
      for (const path of repeated)
        cold.push(await timed(base, { route: path.startsWith('/companies/') ? 'company page, first visit' : 'search, first time', path }));
      report('warm-up, one request at a time', { results: cold, seconds: cold.reduce((sum, result) => sum + result.ms, 0) / 1000 });
      await closedLoop(base, targets, 8, 3);
      if (fixedRate) report(`fixed rate ${rate} requests/s for ${seconds} s`, await openLoop(base, targets, rate, seconds));
      report(
        `as fast as possible, ${concurrency} connections, ${Math.ceil(seconds / 2)} s`,
        await closedLoop(base, targets, concurrency, Math.ceil(seconds / 2)),
      );
    } finally {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    }
  }
}

async function build(filings: number, dir: string, database: string, complete: string): Promise<void> {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const inputs = join(dir, 'inputs');
  let started = Date.now();
  writeFilingSet(inputs, filings);
  const writeSeconds = (Date.now() - started) / 1000;
  console.log(`server-load: wrote ${filings} submissions in ${writeSeconds.toFixed(0)} s`);
  const { openSqliteStore } = await import('../src/store/sqlite/sqlite-store.js');
  const { ingestPaths } = await import('../src/pipeline/ingest.js');
  const store = openSqliteStore(database);
  started = Date.now();
  const workers = Math.min(8, availableParallelism());
  const summary = await ingestPaths(store, [inputs], {
    workers,
    batchSize: 200,
    onProgress: (progress) => {
      if (process.stdout.isTTY)
        process.stdout.write(
          `\r  ${progress.filings} filings, ${progress.filingsPerSecond.toFixed(0)}/s, ${progress.megabytesPerSecond.toFixed(1)} MB/s   `,
        );
    },
  });
  await store.close();
  const ingestSeconds = (Date.now() - started) / 1000;
  rmSync(inputs, { recursive: true, force: true });
  const line = `ingested ${summary.ingested} filings (${(summary.bytes / 1e9).toFixed(2)} GB, ${summary.failed.length} failed) with ${workers} workers in ${ingestSeconds.toFixed(0)} s; database ${(statSync(database).size / 1e9).toFixed(2)} GB`;
  console.log(`\nserver-load: ${line}`);
  writeFileSync(complete, JSON.stringify({ filings, writeSeconds, ingestSeconds, summary: line }, null, 2));
}

/** Twenty queries of the kind people type, over the words the corpus holds. */
const QUERIES = [
  '"convertible bonds"',
  'dividend',
  '"annual report"',
  '"board of directors"',
  'redempt*',
  'acquisition',
  'merger OR acquisition',
  '"press release"',
  'shareholders meeting',
  'kosdaq',
  'revenue growth',
  '"net income"',
  'bonds NOT notes',
  'interim results',
  '"financial statements"',
  'telecom*',
  'share buyback OR repurchase',
  '"general meeting"',
  'offshore',
  'fuel cell',
];

/** A request not answered in this long counts as an error, so a run ends in bounded time however slow the server. */
const TIMEOUT_MS = 10_000;

interface Target {
  readonly route: string;
  readonly path: string;
}

/** A shuffled, repeating mix: 40% JSON search, 20% search page, 25% filing page, 10% document page, 5% company page. */
function requestMix(filings: number): Target[] {
  const corpus = accessionedCorpus();
  const corpusSize = corpus.length;
  const ciks = [
    ...new Set(
      corpus
        .map((entry) => /CENTRAL INDEX KEY:\s*(\d{10})/.exec(entry.bytes.subarray(0, 8192).toString('latin1'))?.[1])
        .filter((cik): cik is string => cik !== undefined),
    ),
  ];
  let seed = 42;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const accession = () => {
    const index = Math.floor(random() * filings);
    return syntheticAccession(Math.floor(index / corpusSize), index % corpusSize);
  };
  const query = () => encodeURIComponent(QUERIES[Math.floor(random() * QUERIES.length)] as string);
  const targets: Target[] = [];
  for (let i = 0; i < 2000; i++) {
    const pick = random();
    if (pick < 0.4) targets.push({ route: 'GET /api/search', path: `/api/search?q=${query()}` });
    else if (pick < 0.6) targets.push({ route: 'GET / (search page)', path: `/?q=${query()}` });
    else if (pick < 0.85) targets.push({ route: 'GET /filings/:accession', path: `/filings/${accession()}` });
    else if (pick < 0.95) targets.push({ route: 'GET /filings/:accession/documents/1', path: `/filings/${accession()}/documents/1` });
    else targets.push({ route: 'GET /companies/:cik', path: `/companies/${ciks[Math.floor(random() * ciks.length)]}` });
  }
  return targets;
}

interface Result {
  readonly route: string;
  readonly ms: number;
  readonly ok: boolean;
  /** What went wrong, for a failed request. */
  readonly problem?: string;
}

async function timed(base: string, target: Target): Promise<Result> {
  const started = performance.now();
  try {
    const response = await fetch(base + target.path, { signal: AbortSignal.timeout(TIMEOUT_MS) });
    await response.arrayBuffer();
    // A synthetic accession may point at a corpus file that failed to ingest: 404 is an answer, not an error.
    const ok = response.status < 500;
    return { route: target.route, ms: performance.now() - started, ok, ...(ok ? {} : { problem: `HTTP ${response.status}` }) };
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const problem =
      (error as Error).name === 'TimeoutError' ? `no answer in ${TIMEOUT_MS / 1000} s` : (cause?.code ?? cause?.message ?? String(error));
    return { route: target.route, ms: performance.now() - started, ok: false, problem };
  }
}

/** Open loop: request i leaves at start + i/rate whether or not earlier ones have come back. */
async function openLoop(
  base: string,
  targets: readonly Target[],
  rate: number,
  seconds: number,
): Promise<{ results: Result[]; seconds: number }> {
  const results: Promise<Result>[] = [];
  const total = Math.round(rate * seconds);
  const started = performance.now();
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    results.push(timed(base, targets[i % targets.length] as Target));
  }
  const settled = await Promise.all(results);
  return { results: settled, seconds: (performance.now() - started) / 1000 };
}

/** Closed loop: `concurrency` clients, each sending its next request as soon as the last one is answered. */
async function closedLoop(
  base: string,
  targets: readonly Target[],
  concurrency: number,
  seconds: number,
): Promise<{ results: Result[]; seconds: number }> {
  const results: Result[] = [];
  const started = performance.now();
  const until = started + seconds * 1000;
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < until) results.push(await timed(base, targets[next++ % targets.length] as Target));
    }),
  );
  return { results, seconds: (performance.now() - started) / 1000 };
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

function report(title: string, run: { results: Result[]; seconds: number }): void {
  const failed = run.results.filter((result) => !result.ok);
  const problems = new Map<string, number>();
  for (const result of failed) problems.set(result.problem ?? '?', (problems.get(result.problem ?? '?') ?? 0) + 1);
  const why = failed.length > 0 ? ` (${[...problems].map(([problem, count]) => `${count} × ${problem}`).join(', ')})` : '';
  console.log(
    `\n${title}: ${run.results.length} requests in ${run.seconds.toFixed(1)} s = ${(run.results.length / run.seconds).toFixed(0)} requests/s, ${failed.length} errors${why}`,
  );
  const routes = new Map<string, number[]>();
  for (const result of run.results) {
    const list = routes.get(result.route) ?? [];
    list.push(result.ms);
    routes.set(result.route, list);
  }
  routes.set(
    'all',
    run.results.map((result) => result.ms),
  );
  console.log(
    `  ${'route'.padEnd(40)} ${'count'.padStart(6)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'max ms'.padStart(8)}`,
  );
  for (const [route, times] of routes) {
    const sorted = times.sort((a, b) => a - b);
    const cells = [50, 95, 99, 100].map((p) => percentile(sorted, p).toFixed(1).padStart(8));
    console.log(`  ${route.padEnd(40)} ${String(times.length).padStart(6)} ${cells.join(' ')}`);
  }
}

// Last, so every constant above is initialised before it runs.
if (args[0] === '--serve') await serveChild(args[1] as string, args[2] as string, Number(args[3]));
else await main();
