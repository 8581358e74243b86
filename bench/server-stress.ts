/**
 * The server under hostile load, over loopback: `edgarkit serve` (the compiled CLI, as users run it) on a database
 * of the real corpus plus generated hostile filings, and N concurrent clients (default 50) each sending, for a
 * fixed time, a mix of normal pages (search, filing, company and small-document pages, 60%), hostile documents (deep
 * nesting, runs of spaces, no line feeds, a large document, one above the render size limit: 20%) and broad prefix
 * queries (some refused by the cost checks, some allowed but costly, few of them twice: 20%). Prints p50/p95/p99 by
 * kind and route, statuses, and the server's peak RSS; the aim is normal pages' p99 under 200 ms.
 *
 * It fails (exit 1) only when an answer is wrong in kind: a 500, a normal page that is not a 200, a broad query
 * that is not a 200 or a 400, a hostile document that is not a 200, 413 or 503, or the server dying. `--smoke` runs
 * a tiny set for a few seconds (CI runs it: no timing is asserted).
 *
 * The client shares the machine with the server, so two sets of figures are printed: the latencies as the client saw
 * them, and as the server timed them itself, from each request's arrival to its last byte written
 * (bench/server-timing.mjs, loaded into the server's node with --import: it needs no change to the server, so an
 * older build is measured the same way), with both processes' event-loop delay. The client costs little: keep-alive
 * connections, bodies dropped unread, no timer per request (`--fetch-client` runs the global-fetch client it had
 * before, to compare).
 *
 * Run (after `npm run build`): npx tsx bench/server-stress.ts [--clients 50] [--seconds 30] [--big-mb 12] [--smoke]
 * [--node-arg FLAG]… (a flag for the server's node, e.g. `--node-arg=--cpu-prof` or `--node-arg=--max-old-space-size=512`)
 * [--db FILE] (keep the database in FILE and reuse it when it exists, made with the same --big-mb and --smoke:
 * repeated runs skip the ingest) [--cli PATH] (serve with another build's bin/edgarkit.js, e.g. an older checkout's, to
 * compare old and new in the same conditions) [--timing-log FILE] (keep the server's per-request timings:
 * `ms<TAB>status<TAB>url<TAB>arrival ms`) [--fetch-client] [--serve-arg=FLAG]… (an option for `edgarkit serve`,
 * e.g. `--serve-arg=--small-render-threads=2`)
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { largeAsciiBody } from '../test/large-ascii.js';

const args = process.argv.slice(2);
const smoke = args.includes('--smoke');

function option(name: string, fallback: number): number {
  const at = args.indexOf(name);
  if (at === -1) return fallback;
  const value = Number(args[at + 1]);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} needs a positive number`);
  return value;
}

/** Flags for the server's node (`--node-arg=--cpu-prof`): to profile it or cap its heap under the load. */
const NODE_ARGS = args.filter((arg) => arg.startsWith('--node-arg=')).map((arg) => arg.slice('--node-arg='.length));
/** Options for `edgarkit serve` itself (`--serve-arg=--small-render-threads=2`), to compare settings. */
const SERVE_ARGS = args.filter((arg) => arg.startsWith('--serve-arg=')).map((arg) => arg.slice('--serve-arg='.length));
/** A database to keep and reuse (made on the first run), or null for a fresh one in a temporary folder. */
const KEPT_DB = args.includes('--db') ? (args[args.indexOf('--db') + 1] ?? null) : null;

const CLIENTS = option('--clients', smoke ? 8 : 50);
const SECONDS = option('--seconds', smoke ? 3 : 30);
/** The large hostile document, in MB; the refused one is larger than the render limit set below. */
const BIG_MB = option('--big-mb', smoke ? 1 : 12);
const MAX_RENDER_MB = smoke ? 2 : 16;
/** The first seconds of the load, also reported apart: a cold start (every page asked for the first time at once). */
const COLD_START_MS = Math.min(5000, (SECONDS * 1000) / 4);
/** A render may wait up to --render-timeout for a thread and then run as long again: past both, no answer is a fault. */
const TIMEOUT_MS = 30_000;

const root = fileURLToPath(new URL('..', import.meta.url));
/** The CLI to serve with: this checkout's, or another build's `bin/edgarkit.js` (`--cli`), to compare old and new. */
const cli = args.includes('--cli') ? (args[args.indexOf('--cli') + 1] ?? '') : join(root, 'bin', 'edgarkit.js');
/** The client as it was (global fetch, a timer per request, bodies read into memory), to measure what it costs. */
const FETCH_CLIENT = args.includes('--fetch-client');
const corpus = join(root, '..', 'shared', 'corpus');

/** A submission of one document with a made-up accession (agent CIK 0009999999, never a real one). */
function submission(index: number, type: string, filename: string, body: string, lineEnd = '\n'): string {
  const accession = `0009999999-26-${String(index).padStart(6, '0')}`;
  return [
    `<SEC-DOCUMENT>${accession}.txt : 20260101`,
    `<SEC-HEADER>${accession}.hdr.sgml : 20260101`,
    `ACCESSION NUMBER:\t\t${accession}`,
    'CONFORMED SUBMISSION TYPE:\t6-K',
    'PUBLIC DOCUMENT COUNT:\t\t1',
    'FILED AS OF DATE:\t\t20260101',
    'FILER:',
    '\tCOMPANY DATA:\t',
    `\t\tCOMPANY CONFORMED NAME:\t\t\tHOSTILE TEST CO ${index}`,
    '\t\tCENTRAL INDEX KEY:\t\t\t0009999999',
    '</SEC-HEADER>',
    '<DOCUMENT>',
    `<TYPE>${type}`,
    '<SEQUENCE>1',
    `<FILENAME>${filename}`,
    '<TEXT>',
    body,
    '</TEXT>',
    '</DOCUMENT>',
    '</SEC-DOCUMENT>',
    '',
  ].join(lineEnd);
}

/** The hostile filings: each once made a server stall or grow before the fixes this load checks. */
function writeHostile(folder: string): void {
  mkdirSync(folder, { recursive: true });
  const files: [string, string][] = [
    ['nesting.txt', submission(1, '6-K', 'nesting.htm', `<html><body>${'<table><tr><td>'.repeat(32_000)}deep</body></html>`)],
    ['spaces.txt', submission(2, '6-K', 'spaces.txt', `<PRE>Spaces follow${' '.repeat(200_000)}x\n</PRE>`)],
    ['no-line-feeds.txt', submission(3, '6-K', 'cr.txt', 'A line ended by a carriage return only. '.repeat(25_000), '\r')],
    ['large.txt', submission(4, '6-K', 'large.txt', largeAsciiBody(BIG_MB, '<PAGE>'))],
    ['large-pages.txt', submission(6, '6-K', 'large-pages.txt', largeAsciiBody(BIG_MB, '<PAGE>\n'))],
    ['above-limit.txt', submission(5, '6-K', 'huge.txt', largeAsciiBody(MAX_RENDER_MB + 1, '<PAGE>'))],
  ];
  for (const [name, text] of files) writeFileSync(join(folder, name), text, 'latin1');
}

interface Target {
  readonly kind: 'normal' | 'hostile' | 'broad';
  readonly route: string;
  readonly path: string;
}

interface Result {
  readonly kind: Target['kind'];
  readonly route: string;
  readonly path: string;
  readonly ms: number;
  readonly status: number;
  /** When it was sent (client) or arrived (server), in ms since the load began. */
  readonly at: number;
}

/** The requests as the server timed them (bench/server-timing.mjs), and the server's own event-loop delay. */
interface Inside {
  readonly results: readonly Result[];
  readonly loop: string;
}

const QUERIES = ['dividend', '"annual report"', '"board of directors"', 'redempt*', 'acquisition', 'kosdaq', '"net income"', 'offshore'];
const PREFIXES = [
  'com',
  'pro',
  'sec',
  'inc',
  'rep',
  'sha',
  'ann',
  'fin',
  'sta',
  'the',
  'and',
  'for',
  'con',
  'res',
  'tra',
  'man',
  'per',
  'int',
  'acc',
  'inv',
];
const REFUSED = ['(s* OR t*) (p* OR r*) -e*', 'a* b*', '!!!', '... ,,,', 'com* pro* sec* inc* rep*'];

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'edgarkit-server-stress-'));
  try {
    const database = KEPT_DB ?? join(work, 'stress.db');
    const hostile = join(work, 'hostile');
    writeHostile(hostile);
    if (KEPT_DB && existsSync(KEPT_DB)) console.log(`server-stress: reusing ${KEPT_DB}`);
    else await ingestAll(database, hostile);

    // Every request is timed inside the server too (bench/server-timing.mjs), from its arrival to its last byte.
    const timingLog = args.includes('--timing-log') ? (args[args.indexOf('--timing-log') + 1] ?? '') : join(work, 'timing.tsv');
    const server = spawn(
      process.execPath,
      [
        ...NODE_ARGS,
        '--import',
        join(root, 'bench', 'server-timing.mjs'),
        cli,
        'serve',
        '--db',
        database,
        '--port',
        '0',
        '--max-render-mb',
        String(MAX_RENDER_MB),
        ...SERVE_ARGS,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, EDGARKIT_TIMING_LOG: timingLog } },
    );
    let stderr = '';
    server.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    const exited = new Promise<number | null>((resolve) => server.on('exit', (code) => resolve(code)));
    const base = await new Promise<string>((resolve, reject) => {
      let out = '';
      server.stdout.on('data', (chunk) => {
        out += chunk;
        const match = /serving .* at (http:\/\/\S+)\//.exec(out);
        if (match) resolve(match[1] as string);
      });
      void exited.then(() => reject(new Error(`serve exited before listening: ${stderr}`)));
    });
    let peakRss = 0;
    const sampler = setInterval(() => {
      try {
        const status = readFileSync(`/proc/${server.pid}/status`, 'utf8');
        peakRss = Math.max(peakRss, Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024);
      } catch {
        // Not Linux, or the server has ended.
      }
    }, 250);
    try {
      const targets = await discover(base);
      console.log(
        `server-stress: ${CLIENTS} clients for ${SECONDS} s against ${base}/ (${targets.normal.length} normal pages, ${targets.hostile.length} hostile document pages)`,
      );
      server.kill('SIGUSR2');
      const results = await load(base, targets);
      const died = await Promise.race([exited, new Promise<'running'>((resolve) => setTimeout(() => resolve('running'), 10))]);
      if (died !== 'running') throw new Error(`the server died during the load (exit ${died}): ${stderr}`);
      clearInterval(sampler);
      server.kill('SIGTERM');
      await exited;
      const inside = readTimingLog(timingLog, results);
      const wrong = report(results, inside);
      console.log(`  server peak RSS: ${(peakRss / 1024 / 1024).toFixed(0)} MB`);
      if (/Internal server error|edgarkit serve: GET/.test(stderr))
        console.log(`server-stress: the server logged errors:\n${stderr.slice(0, 4000)}`);
      if (wrong > 0) process.exitCode = 1;
    } finally {
      clearInterval(sampler);
      if (server.exitCode === null && server.signalCode === null) {
        server.kill('SIGTERM');
        await exited;
      }
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Ingests the corpus (a few filings with --smoke) and the hostile filings into `database`. */
async function ingestAll(database: string, hostile: string): Promise<void> {
  const inputs = smoke
    ? readdirSync(join(corpus, 'fpi'))
        .sort()
        .slice(0, 6)
        .map((name) => join(corpus, 'fpi', name))
    : ['fpi', 'submissions', 'nc', 'html'].map((folder) => join(corpus, folder));
  const started = Date.now();
  const ingest = spawnSync(process.execPath, [cli, 'ingest', ...inputs, hostile, '--db', database], { encoding: 'utf8' });
  if (ingest.status !== 0) throw new Error(`ingest failed: ${ingest.stderr}`);
  console.log(`server-stress: ${ingest.stdout.trim().split('\n').pop()} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
}

/** Normal pages found through the API itself: filings, their small documents, companies, searches. */
async function discover(base: string): Promise<{ normal: Target[]; hostile: Target[] }> {
  const listing = (await (await fetch(`${base}/api/search?q=&limit=200`)).json()) as { hits: { filingId: string; cik: string | null }[] };
  const normal: Target[] = [];
  const hostile: Target[] = [];
  for (const hit of listing.hits) {
    const filing = (await (await fetch(`${base}/api/filings/${hit.filingId}`)).json()) as {
      documents: { sequence: number | null; position: number; byteLength: number; encoding: string }[];
    };
    const first = filing.documents[0];
    const key = first ? (first.sequence ?? first.position + 1) : 1;
    if (hit.filingId.startsWith('0009999999-')) {
      hostile.push({ kind: 'hostile', route: 'hostile document page', path: `/filings/${hit.filingId}/documents/${key}` });
      // Later parts of a large document (parts 2 to 9, each rendered once and then cached): a build that reads a
      // part from its own bytes (skeletons, part-skeleton.ts) builds the whole model only for the first of them.
      if (first && first.byteLength > 4 * 1024 * 1024 && first.byteLength < MAX_RENDER_MB * 1024 * 1024) {
        for (let part = 2; part <= 9; part++) {
          hostile.push({
            kind: 'hostile',
            route: 'large document, a later part',
            path: `/filings/${hit.filingId}/documents/${key}?part=${part}`,
          });
        }
      }
      hostile.push({
        kind: 'hostile',
        route: 'hostile document, API text',
        path: `/api/filings/${hit.filingId}/documents/${key}?format=text`,
      });
      continue;
    }
    normal.push({ kind: 'normal', route: 'filing page', path: `/filings/${hit.filingId}` });
    if (hit.cik) normal.push({ kind: 'normal', route: 'company page', path: `/companies/${hit.cik}` });
    if (first && first.encoding === 'text' && first.byteLength < 256 * 1024)
      normal.push({ kind: 'normal', route: 'small document page', path: `/filings/${hit.filingId}/documents/${key}` });
  }
  for (const query of QUERIES) {
    normal.push({ kind: 'normal', route: 'search page', path: `/?q=${encodeURIComponent(query)}` });
    normal.push({ kind: 'normal', route: 'search API', path: `/api/search?q=${encodeURIComponent(query)}` });
  }
  return { normal, hostile };
}

function broadQuery(random: () => number): Target {
  if (random() < 0.3) {
    const text = REFUSED[Math.floor(random() * REFUSED.length)] as string;
    return { kind: 'broad', route: 'broad query, refused', path: `/api/search?q=${encodeURIComponent(text)}` };
  }
  // Four prefixes of three letters: allowed, costly, and seldom the same twice (so no cache answers them).
  const words = Array.from({ length: 4 }, () => `${PREFIXES[Math.floor(random() * PREFIXES.length)]}*`);
  return { kind: 'broad', route: 'broad query, allowed', path: `/api/search?q=${encodeURIComponent(words.join(' '))}` };
}

async function load(base: string, targets: { normal: Target[]; hostile: Target[] }): Promise<Result[]> {
  const results: Result[] = [];
  const send = FETCH_CLIENT ? fetchClient(base) : httpClient(base);
  const began = performance.now();
  const until = began + SECONDS * 1000;
  // The client's own delay: time a response waited for this thread, counted in the latencies as the server's.
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const cpu = process.cpuUsage();
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, client) => {
      let seed = 7 + client * 7919;
      const random = () => {
        seed = (seed * 1103515245 + 12345) % 2 ** 31;
        return seed / 2 ** 31;
      };
      while (performance.now() < until) {
        const pick = random();
        const target =
          pick < 0.6 || targets.hostile.length === 0
            ? (targets.normal[Math.floor(random() * targets.normal.length)] as Target)
            : pick < 0.8
              ? (targets.hostile[Math.floor(random() * targets.hostile.length)] as Target)
              : broadQuery(random);
        const started = performance.now();
        const status = await send(target.path);
        results.push({
          kind: target.kind,
          route: target.route,
          path: target.path,
          ms: performance.now() - started,
          status,
          at: started - began,
        });
      }
    }),
  );
  delay.disable();
  const used = process.cpuUsage(cpu);
  const ms = (p: number) => (delay.percentile(p) / 1e6).toFixed(1);
  console.log(
    `  client: event-loop delay p50 ${ms(50)} ms, p99 ${ms(99)} ms, max ${(delay.max / 1e6).toFixed(1)} ms (part of every latency below); CPU ${((used.user + used.system) / 1e6).toFixed(1)} s in ${SECONDS} s`,
  );
  return results;
}

/**
 * The client that costs little: keep-alive connections (one a client), bodies read and dropped as they come (never
 * decoded nor kept), and no timer of its own per request (the socket's idle timeout ends a stalled answer).
 * Resolves with the status, or 0 when no answer came.
 */
function httpClient(base: string): (path: string) => Promise<number> {
  const url = new URL(base);
  const agent = new Agent({ keepAlive: true, maxSockets: CLIENTS });
  return (path) =>
    new Promise((resolve) => {
      const request = get({ agent, hostname: url.hostname, port: url.port, path }, (response) => {
        response.on('end', () => resolve(response.statusCode ?? 0));
        response.on('error', () => resolve(0));
        response.resume();
      });
      request.setTimeout(TIMEOUT_MS, () => request.destroy());
      request.on('error', () => resolve(0));
    });
}

/** The client as it was (`--fetch-client`): global fetch, a timeout signal per request, each body read whole. */
function fetchClient(base: string): (path: string) => Promise<number> {
  return async (path) => {
    try {
      const response = await fetch(base + path, { signal: AbortSignal.timeout(TIMEOUT_MS) });
      await response.arrayBuffer();
      return response.status;
    } catch {
      return 0;
    }
  };
}

/** The server's own timings, each given the route the client sent its path as. */
function readTimingLog(file: string, sent: readonly Result[]): Inside | null {
  if (!existsSync(file)) return null;
  const routes = new Map(sent.map((result) => [result.path, result]));
  const results: Result[] = [];
  let loop = 'not written';
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const [ms, status, path, at] = line.split('\t');
    if (ms === '#loop') {
      loop = `p50 ${status} ms, p99 ${path} ms, max ${line.split('\t')[3]} ms`;
      continue;
    }
    const route = routes.get(path ?? '');
    if (route && path) results.push({ kind: route.kind, route: route.route, path, ms: Number(ms), status: Number(status), at: Number(at) });
  }
  return { results, loop };
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

/** Results grouped by `kind: all` and `kind: route`. */
function groupResults(results: readonly Result[]): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  for (const result of results) {
    for (const key of [`${result.kind}: all`, `${result.kind}: ${result.route}`]) {
      const group = groups.get(key) ?? [];
      group.push(result.ms);
      groups.set(key, group);
    }
  }
  for (const group of groups.values()) group.sort((x, y) => x - y);
  return groups;
}

/**
 * Prints the table: each route's latencies as the client saw them and as the server timed them (arrival to last
 * byte); what lies between is the time a request waited in the socket for the server's loop, and the client's own
 * delay. Returns how many answers were wrong in kind.
 */
function report(results: readonly Result[], inside: Inside | null): number {
  const expected: Record<Target['kind'], readonly number[]> = { normal: [200], hostile: [200, 413, 503], broad: [200, 400] };
  const client = groupResults(results);
  const server = groupResults(inside?.results ?? []);
  const statuses = new Map<string, Map<number, number>>();
  for (const result of results) {
    for (const key of [`${result.kind}: all`, `${result.kind}: ${result.route}`]) {
      const counts = statuses.get(key) ?? new Map<number, number>();
      counts.set(result.status, (counts.get(result.status) ?? 0) + 1);
      statuses.set(key, counts);
    }
  }
  const heads = ['p50', 'p95', 'p99', 'max'];
  console.log(`  ${''.padEnd(38)} ${'client (ms)'.padStart(42)}   ${'inside the server (ms)'.padStart(42)}`);
  console.log(
    `  ${'kind: route'.padEnd(38)} ${[
      ['count', ...heads],
      ['count', ...heads],
    ]
      .map((row) => row.map((head) => head.padStart(8)).join(''))
      .join('   ')}  statuses`,
  );
  const cells = (sorted: readonly number[] | undefined) =>
    [String(sorted?.length ?? 0), ...[50, 95, 99, 100].map((p) => (sorted ? percentile(sorted, p).toFixed(1) : '-'))]
      .map((cell) => cell.padStart(8))
      .join('');
  for (const key of [...client.keys()].sort()) {
    const counts = [...(statuses.get(key) ?? [])].map(([status, count]) => `${status || 'no answer'}×${count}`).join(' ');
    console.log(`  ${key.padEnd(38)} ${cells(client.get(key))}   ${cells(server.get(key))}  ${counts}`);
  }
  const normal = client.get('normal: all') ?? [];
  const p99 = percentile(normal, 99);
  const insideP99 = percentile(server.get('normal: all') ?? [], 99);
  if (inside) console.log(`  server: event-loop delay ${inside.loop}`);
  // The first seconds are a cold start: 50 clients at once, every page and rendering asked for the first time.
  const later = (set: readonly Result[]) =>
    set
      .filter((result) => result.kind === 'normal' && result.at >= COLD_START_MS)
      .map((result) => result.ms)
      .sort((x, y) => x - y);
  const warmClient = later(results);
  const warmServer = later(inside?.results ?? []);
  const figures = (sorted: readonly number[]) => [50, 95, 99].map((p) => `p${p} ${percentile(sorted, p).toFixed(1)}`).join(' ');
  console.log(
    `  normal pages sent after the first ${COLD_START_MS / 1000} s: ${warmClient.length} requests, ${figures(warmClient)} ms; inside the server ${figures(warmServer)} ms`,
  );
  console.log(
    `\nnormal pages: ${normal.length} requests, p99 ${p99.toFixed(1)} ms (aim: under 200 ms) ${p99 < 200 ? 'met' : 'NOT met'}; inside the server p99 ${insideP99.toFixed(1)} ms`,
  );
  const wrong = results.filter((result) => !expected[result.kind].includes(result.status));
  if (wrong.length > 0)
    console.log(
      `server-stress: ${wrong.length} answers of the wrong kind, e.g. ${wrong
        .slice(0, 5)
        .map((result) => `${result.route} → ${result.status || 'no answer'}`)
        .join('; ')}`,
    );
  return wrong.length;
}

await main();
