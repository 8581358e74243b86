import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { projectRoot } from './shared-files.js';

/**
 * What each entry of the package loads, seen from a fresh Node process that imports it by its name (the compiled
 * dist/, as a user gets it). A module hook reports every module resolved, ESM and CommonJS alike.
 */
const HOOKS = `
let port;
export function initialize(data) { port = data.port; }
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  port.postMessage(result.url);
  return result;
}`;

const CHILD = `
import { register } from 'node:module';
import { MessageChannel } from 'node:worker_threads';
const { port1, port2 } = new MessageChannel();
const urls = new Set();
port1.on('message', (url) => urls.add(url));
register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(HOOKS)}), { data: { port: port2 }, transferList: [port2] });
const entry = process.argv[1];
const loaded = await import(entry);
await new Promise((resolve) => setTimeout(resolve, 200));
port1.close();
process.stdout.write(JSON.stringify({ exports: Object.keys(loaded).sort(), urls: [...urls] }));
`;

function load(entry: string): { exports: string[]; urls: string[] } {
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', CHILD, entry], { cwd: projectRoot, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`importing ${entry} failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as { exports: string[]; urls: string[] };
}

/** The packages a pure import must not load: drivers, the server, the CLI, archives and the worker pool. */
const IMPURE = ['pg', 'better-sqlite3', 'tar-stream', 'hono', '@hono', 'commander', 'piscina'];

/** The folders of dist/ the pure entry may load. */
const PURE_FOLDERS = ['index.js', 'core', 'model', 'parse', 'forms', 'render', 'compose', 'validate'];

function packagesOf(urls: readonly string[]): Set<string> {
  const names = new Set<string>();
  for (const url of urls) {
    const match = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
    if (match) names.add(match[1] as string);
  }
  return names;
}

describe('package exports', () => {
  it('declares the pure library and its five subpaths, with no side effects', () => {
    const pkg = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as {
      exports: Record<string, unknown>;
      sideEffects: unknown;
    };
    expect(Object.keys(pkg.exports)).toEqual(['.', './store', './fetch', './server', './pipeline', './edgar', './package.json']);
    expect(pkg.sideEffects).toBe(false);
  });

  it("import 'edgarkit' loads no driver, no server, no CLI, no worker pool and no node:* module", () => {
    const { exports, urls } = load('edgarkit');
    expect(exports).toContain('parseSubmission');
    expect(exports).toContain('extract6K');
    expect(exports).toContain('validateSubmission');
    // Values, not types only: a program can use them.
    expect(exports).toContain('SNIPPET_MARK');
    expect(exports).toContain('extractFiling');
    const impure = [...packagesOf(urls)].filter((name) => IMPURE.some((bad) => name === bad || name.startsWith(`${bad}/`)));
    expect(impure).toEqual([]);
    expect(urls.filter((url) => url.startsWith('node:'))).toEqual([]);
    // Only the library's own floor is loaded: no store, pipeline, io, fetch, cli or server module.
    const dist = `${pathToFileURL(join(projectRoot, 'dist')).href}/`;
    const own = new Set(urls.filter((url) => url.startsWith(dist)).map((url) => url.slice(dist.length).split('/')[0] as string));
    expect(own.has('index.js') && own.has('parse') && own.has('forms')).toBe(true);
    expect([...own].filter((folder) => !PURE_FOLDERS.includes(folder))).toEqual([]);
  });

  it('the subpaths load what they are for (so the check above can see a driver when one is loaded)', () => {
    const store = load('edgarkit/store');
    expect(store.exports).toEqual(expect.arrayContaining(['openStore', 'openSqliteStore', 'openPostgresStore', 'MAX_PAGE']));
    expect([...packagesOf(store.urls)]).toEqual(expect.arrayContaining(['better-sqlite3', 'pg']));
    const pipeline = load('edgarkit/pipeline');
    expect(pipeline.exports).toEqual(expect.arrayContaining(['readFiling', 'ingest', 'WorkerPool', 'composeAndCheck', 'syncCompanies']));
    expect([...packagesOf(pipeline.urls)]).toContain('piscina');
    expect(load('edgarkit/server').exports).toContain('createApp');
    expect(load('edgarkit/fetch').exports).toContain('createEdgarClient');
    expect(load('edgarkit/store').exports).toContain('SNIPPET_MARK');
    expect(load('edgarkit/edgar').exports).toEqual(['Company', 'EdgarError', 'Filing', 'FilingDocument', 'createEdgar']);
  });
});
