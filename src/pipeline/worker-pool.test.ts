import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusPath, seedPath } from '../../test/shared-files.js';
import { renderStoredDocument } from './render-stored-document.js';
import { RenderPool } from './worker-pool.js';

/** The worker as a runnable script: render-worker.ts bundled (a test runner cannot start a TypeScript worker). */
let script: URL;
let pool: RenderPool;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'edgarkit-render-worker-'));
  const outfile = join(dir, 'render-worker.mjs');
  await build({
    entryPoints: [fileURLToPath(new URL('./render-worker.ts', import.meta.url))],
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile,
    logLevel: 'silent',
  });
  script = pathToFileURL(outfile);
  pool = new RenderPool(2, script);
}, 60_000);
afterAll(async () => {
  await pool.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('RenderPool', () => {
  it('renders in worker threads exactly what renders inline', async () => {
    expect(pool.threads).toBe(2);
    const cases = [
      [seedPath(), '1', { format: 'html', fragment: true }],
      [seedPath(), '1', { format: 'markdown', page: 2 }],
      [seedPath(), '1', { format: null, includeText: true }],
      [corpusPath('fpi/0000912282-09-000008.txt'), '1', { format: 'text' }],
      [corpusPath('fpi/0000912282-09-000008.txt'), '2', { format: 'html' }],
      [corpusPath('fpi/0000950127-09-000020.txt'), 'EX-99.1', { format: 'json' }],
      [corpusPath('fpi/0000950127-09-000020.txt'), '9', { format: 'text' }],
    ] as const;
    const inThreads = await Promise.all(
      cases.map(([file, which, request]) => pool.render(new Uint8Array(readFileSync(file)), which, request)),
    );
    for (const [index, [file, which, request]] of cases.entries()) {
      expect(inThreads[index]).toEqual(await renderStoredDocument(new Uint8Array(readFileSync(file)), which, request));
    }
    expect(inThreads.map((result) => result.kind)).toEqual(['model', 'model', 'model', 'model', 'binary', 'model', 'missing']);
  });

  it('leaves a view of a larger buffer intact (it is copied, not transferred)', async () => {
    const whole = readFileSync(seedPath());
    const padded = new Uint8Array(whole.length + 10);
    padded.set(whole, 5);
    const view = padded.subarray(5, 5 + whole.length);
    const rendered = await pool.render(view, '1', { format: 'text' });
    expect(rendered.kind).toBe('model');
    expect(padded.byteLength).toBe(whole.length + 10);
    expect(Buffer.from(view).equals(whole)).toBe(true);
  });

  it('fails the jobs of a worker that dies, and starts a new one for the next', async () => {
    const crashing = join(dir, 'crash.mjs');
    writeFileSync(crashing, "import { parentPort } from 'node:worker_threads'; parentPort.on('message', () => process.exit(3));");
    const fragile = new RenderPool(1, pathToFileURL(crashing));
    await expect(fragile.render(new Uint8Array(readFileSync(seedPath())), '1', { format: 'text' })).rejects.toThrow(/exited with code 3/);
    await expect(fragile.render(new Uint8Array(readFileSync(seedPath())), '1', { format: 'text' })).rejects.toThrow(/exited with code 3/);
    await fragile.close();
  });

  it('renders on the calling thread when asked for no threads or when there is no worker script', async () => {
    expect(new RenderPool(0, script).threads).toBe(0);
    const inline = new RenderPool(2, null);
    expect(inline.threads).toBe(0);
    expect((await inline.render(new Uint8Array(readFileSync(seedPath())), '1', { format: 'text' })).kind).toBe('model');
  });
});
