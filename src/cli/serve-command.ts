import type { AddressInfo } from 'node:net';
import { hostname, networkInterfaces } from 'node:os';
import { type ServerType, serve } from '@hono/node-server';
import type { Command } from 'commander';
import { SearchPool } from '../pipeline/search-pool.js';
import { WorkerPool } from '../pipeline/worker-pool.js';
import { LOCAL_HOSTS } from '../server/allowed-hosts.js';
import { createApp } from '../server/create-app.js';
import { DEFAULT_RENDER_LIMITS, renderThreadsForMachine } from '../server/document-renderer.js';
import type { SearchRequest } from '../store/store.js';
import { databaseSpec, openForReading } from './database-options.js';
import { type CliIo, EXIT, type ExitCode, UserError } from './io.js';

export interface ServeCommandOptions {
  readonly db?: string;
  readonly port: number;
  readonly host: string;
  /** More names the server answers for in `Host` (besides the bound address and localhost); `*` for any. */
  readonly allowHost?: readonly string[];
  /** Seconds one document render may take before its thread is ended and the answer is a 503. */
  readonly renderTimeout?: number;
  /** Documents larger than this many MB are not rendered (a 413 with a download link). */
  readonly maxRenderMb?: number;
  /** MB of rendered documents kept in memory for the next request. */
  readonly renderCacheMb?: number;
  /** MB of heap one render thread may use (a document that needs more is a 503 with the download link). */
  readonly renderMemoryMb?: number;
  /** Threads that render small documents only (default 1). */
  readonly smallRenderThreads?: number;
}

export interface ServeControl {
  /** Aborting stops the server: it stops accepting, lets requests in flight finish (at most a few seconds), closes the store. */
  readonly signal: AbortSignal;
  /** Called once listening, with the URL printed. */
  readonly onListening?: (url: string) => void;
}

/** How long requests in flight may take to finish after a stop before their connections are cut. */
const DRAIN_MS = 3000;

/** `edgarkit serve [--db FILE] [--port N] [--host H]`, stopped by SIGINT or SIGTERM. */
export function registerServeCommand(program: Command, io: CliIo, setExit: (code: number) => void): void {
  program
    .command('serve')
    .description('Serve the database read-only: a JSON API under /api/ and a web UI for search, companies, filings and documents')
    .option('--db <file>', 'database file (default: $EDGARKIT_DB or ~/.local/share/edgarkit/edgarkit.db)')
    .option('--port <n>', 'TCP port (0 picks a free one)', portNumber, 8080)
    .option('--host <address>', 'address to listen on (127.0.0.1 keeps it to this machine)', '127.0.0.1')
    .option(
      '--allow-host <name>',
      'also answer requests whose Host header is this name (repeatable; "*" for any); the bound address and localhost always are',
      collect,
      [],
    )
    .option('--render-timeout <seconds>', 'how long one document may take to render before a 503', positiveNumber('--render-timeout'), 10)
    .option(
      '--max-render-mb <mb>',
      'documents larger than this are offered as a download instead of rendered',
      positiveNumber('--max-render-mb'),
      32,
    )
    .option('--render-cache-mb <mb>', 'memory for rendered documents kept for the next request', positiveNumber('--render-cache-mb'), 64)
    .option(
      '--render-memory-mb <mb>',
      'heap one render thread may use; a document that needs more is offered as a download (a 503)',
      positiveNumber('--render-memory-mb'),
      DEFAULT_RENDER_LIMITS.threadMemoryMb,
    )
    .option(
      '--small-render-threads <n>',
      'threads that render only small documents (under 256 KB), at the priority of the thread that answers requests',
      wholeNumber('--small-render-threads', 1, 4),
      1,
    )
    .addHelpText(
      'after',
      '\nExamples:\n  edgarkit serve --db filings.db\n  edgarkit serve --port 0          # any free port; the URL is printed\n  edgarkit serve --host 0.0.0.0 --allow-host filings.example.org\n',
    )
    .action(async (options: ServeCommandOptions) => {
      const controller = new AbortController();
      const stop = () => controller.abort();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      try {
        setExit(await runServeCommand(options, io, { signal: controller.signal }));
      } finally {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
      }
    });
}

/** Opens the store read-only, serves until `control.signal` aborts, then shuts down cleanly. */
export async function runServeCommand(options: ServeCommandOptions, io: CliIo, control: ServeControl): Promise<ExitCode> {
  const spec = databaseSpec(options.db, io);
  const store = await openForReading(options.db, io);
  // The pool is ours to close: a stop ends its threads, so nothing keeps the process alive after the last request.
  const threadMemoryMb = Math.round(options.renderMemoryMb ?? DEFAULT_RENDER_LIMITS.threadMemoryMb);
  // Small documents have a thread of their own at the request thread's priority (a small render is short, and at a
  // lower priority a busy machine starves it for seconds; a second one measured no better on two busy cores); large
  // ones render in the rest, at a lower priority.
  const smallPool = new WorkerPool({
    threads: options.smallRenderThreads ?? 1,
    lowPriority: false,
    maxHeapMb: threadMemoryMb,
    keepThreads: true,
  });
  const pool = new WorkerPool({
    threads: Math.max(1, renderThreadsForMachine() - 1),
    lowPriority: true,
    maxHeapMb: threadMemoryMb,
    keepThreads: true,
  });
  // SQLite answers on the thread that asks: its searches get threads of their own, so one search never holds
  // the pages. (PostgreSQL's run in the database server.)
  const searches = spec !== ':memory:' && !/^postgres/i.test(spec) ? SearchPool.open({ path: spec }) : null;
  try {
    const app = createApp({
      store,
      pool,
      smallPool,
      allowedHosts: servedHosts(options.host, options.allowHost ?? []),
      ...(searches ? { search: (request: SearchRequest) => searches.search(request) } : {}),
      renderLimits: {
        deadlineMs: Math.round((options.renderTimeout ?? 10) * 1000),
        maxDocumentBytes: Math.round((options.maxRenderMb ?? 32) * 1024 * 1024),
        cacheBytes: Math.round((options.renderCacheMb ?? 64) * 1024 * 1024),
        threadMemoryMb,
      },
      log: (error, request) => {
        io.stderr.write(
          `edgarkit serve: ${request.method} ${new URL(request.url).pathname}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
        );
      },
    });
    // Every thread warms up at once (a cold thread's first renders and searches took up to hundreds of ms on a
    // busy machine, a warm one's a few): listening does not wait for it, since a request that comes first waits
    // for one small warm-up task at most, which is what its own render would have paid cold. (warmUp never fails.)
    void Promise.all([smallPool.warmUp(), pool.warmUp(), searches?.warmUp()]);
    const server = await listen(app.fetch, options);
    const address = server.address() as AddressInfo;
    const host = address.family === 'IPv6' || address.address.includes(':') ? `[${address.address}]` : address.address;
    const url = `http://${host}:${address.port}/`;
    io.stdout.write(`edgarkit: serving ${spec} at ${url}\n`);
    control.onListening?.(url);
    if (!control.signal.aborted) await new Promise((resolve) => control.signal.addEventListener('abort', resolve, { once: true }));
    await close(server);
    return EXIT.ok;
  } finally {
    await searches?.close();
    await Promise.all([pool.close(), smallPool.close()]);
    await store.close();
  }
}

function listen(fetch: (request: Request) => Response | Promise<Response>, options: ServeCommandOptions): Promise<ServerType> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch, port: options.port, hostname: options.host }, () => resolve(server));
    server.once('error', (error: NodeJS.ErrnoException) => {
      const where = `${options.host}:${options.port}`;
      if (error.code === 'EADDRINUSE')
        reject(new UserError(`Cannot listen on ${where}: the port is in use (choose another with --port, or --port 0 for any free one)`));
      else if (error.code === 'EACCES')
        reject(new UserError(`Cannot listen on ${where}: permission denied (ports below 1024 need privileges)`));
      else if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND')
        reject(new UserError(`Cannot listen on ${where}: no such address on this machine`));
      else reject(error);
    });
  });
}

/** Stops accepting, closes idle keep-alive connections, and cuts the rest after DRAIN_MS. */
function close(server: ServerType): Promise<void> {
  return new Promise((resolve) => {
    const http = server as ServerType & { closeIdleConnections?: () => void; closeAllConnections?: () => void };
    const timer = setTimeout(() => http.closeAllConnections?.(), DRAIN_MS);
    timer.unref();
    server.close(() => {
      clearTimeout(timer);
      resolve();
    });
    http.closeIdleConnections?.();
  });
}

/**
 * The names the server answers for: localhost's, the address it is bound to, and those given with --allow-host.
 * Bound to every address (0.0.0.0, ::), it answers for this machine's own addresses and host name too.
 */
export function servedHosts(host: string, allowed: readonly string[]): string[] {
  const names = new Set<string>([...LOCAL_HOSTS, host.includes(':') && !host.startsWith('[') ? `[${host}]` : host, ...allowed]);
  if (host === '0.0.0.0' || host === '::' || host === '[::]') {
    names.add(hostname());
    for (const entries of Object.values(networkInterfaces())) {
      for (const entry of entries ?? []) names.add(entry.family === 'IPv6' ? `[${entry.address}]` : entry.address);
    }
  }
  return [...names];
}

function collect(value: string, previous: readonly string[]): string[] {
  if (!/^(\*|[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])$/.test(value))
    throw new UserError(`--allow-host takes a host name or address without a port (or "*"), not "${value}"`);
  return [...previous, value];
}

function positiveNumber(name: string): (value: string) => number {
  return (value) => {
    const number = Number(value);
    if (!/^\d+(\.\d+)?$/.test(value) || !(number > 0)) throw new UserError(`${name} must be a number above 0, not "${value}"`);
    return number;
  };
}

function wholeNumber(name: string, min: number, max: number): (value: string) => number {
  return (value) => {
    const number = Number(value);
    if (!/^\d{1,2}$/.test(value) || number < min || number > max)
      throw new UserError(`${name} must be a whole number from ${min} to ${max}, not "${value}"`);
    return number;
  };
}

function portNumber(value: string): number {
  const port = Number(value);
  if (!/^\d{1,5}$/.test(value) || port > 65535) throw new UserError(`--port must be a whole number from 0 to 65535, not "${value}"`);
  return port;
}
