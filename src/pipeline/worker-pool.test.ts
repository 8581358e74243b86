import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusPath, projectRoot, seedPath } from '../../test/shared-files.js';
import { prepareFiling } from './prepare-filing.js';
import { renderStoredDocument } from './render-stored-document.js';
import { WARM_UP_SUBMISSION } from './warm-up-submission.js';
import { runTask } from './worker.js';
import { WorkerPool } from './worker-pool.js';

/**
 * The worker as a runnable script: worker.ts bundled (a test runner cannot start a TypeScript worker), piscina
 * left out so the thread uses the same piscina as the pool. The bundle lives under node_modules/.cache so that
 * `import 'piscina'` resolves.
 */
let script: URL;
let pool: WorkerPool;
let dir: string;

beforeAll(async () => {
  dir = join(projectRoot, 'node_modules', '.cache', `edgarkit-worker-test-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  const outfile = join(dir, 'worker.mjs');
  await build({
    entryPoints: [fileURLToPath(new URL('./worker.ts', import.meta.url))],
    bundle: true,
    platform: 'node',
    format: 'esm',
    external: ['piscina'],
    outfile,
    logLevel: 'silent',
  });
  script = pathToFileURL(outfile);
  pool = new WorkerPool({ threads: 2, script });
}, 240_000);
afterAll(async () => {
  await pool.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('WorkerPool', () => {
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
      expect(inThreads[index]).toEqual(renderStoredDocument(new Uint8Array(readFileSync(file)), which, request));
    }
    expect(inThreads.map((result) => result.kind)).toEqual(['model', 'model', 'model', 'model', 'binary', 'model', 'missing']);
  });

  it('prepares in worker threads exactly what prepares inline, attachments and all', async () => {
    const file = corpusPath('fpi/0000912282-09-000008.txt');
    const bytes = new Uint8Array(readFileSync(file));
    const inline = prepareFiling(bytes, file, 'hash');
    const threaded = await pool.prepare(bytes, file, 'hash');
    // A Buffer comes back from a thread as a plain Uint8Array: compare the bytes.
    const plain = (filing: typeof inline) => ({ ...filing, blobs: filing.blobs.map((blob) => ({ ...blob, data: [...blob.data] })) });
    expect(plain(threaded)).toEqual(plain(inline));
    expect(threaded.blobs.length).toBeGreaterThan(1);
    // The caller's bytes are copied, never moved away from it.
    expect(bytes.byteLength).toBe(readFileSync(file).length);
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

  it('fails the task of a thread that dies, and starts a new one for the next', async () => {
    const crashing = join(dir, 'crash.mjs');
    writeFileSync(crashing, 'export default () => process.exit(3);');
    const fragile = new WorkerPool({ threads: 1, script: pathToFileURL(crashing) });
    await expect(fragile.render(new Uint8Array(readFileSync(seedPath())), '1', { format: 'text' })).rejects.toThrow(/exit/i);
    await expect(fragile.render(new Uint8Array(readFileSync(seedPath())), '1', { format: 'text' })).rejects.toThrow(/exit/i);
    await fragile.close();
  });

  it('warms every thread up on a made-up submission that takes the text and HTML parsers through a table, and an XML document', async () => {
    // What the warm-up renders must reach the code real documents take: a legacy ASCII document and an HTML one,
    // each with a table (a sample that fell to a plain paragraph would warm up little).
    const ascii = renderStoredDocument(WARM_UP_SUBMISSION, '1', { format: 'html', fragment: true });
    const html = renderStoredDocument(WARM_UP_SUBMISSION, '2', { format: 'html', fragment: true });
    expect(ascii).toMatchObject({ kind: 'model', sourceFormat: 'text', document: { type: '6-K' } });
    expect(html).toMatchObject({ kind: 'model', sourceFormat: 'html', document: { type: 'EX-99.1' } });
    for (const rendered of [ascii, html]) {
      expect(rendered.kind === 'model' && rendered.tables.length).toBeGreaterThan(0);
      expect(rendered.kind === 'model' && rendered.body).toContain('Net income');
    }
    expect(renderStoredDocument(WARM_UP_SUBMISSION, '3', { format: 'html', fragment: true })).toMatchObject({
      kind: 'xml',
      text: expect.stringContaining('EXAMPLE CORP &amp; CO'),
    });
    expect(runTask({ task: 'warm-up' })).toBeNull();
    await pool.warmUp();
    await new WorkerPool({ threads: 0 }).warmUp();
    // The threads render as before once warmed.
    // (The bytes given to a thread are moved there: the inline render reads a copy of its own.)
    const inline = renderStoredDocument(new Uint8Array(readFileSync(seedPath())), '1', { format: 'text' });
    expect(await pool.render(new Uint8Array(readFileSync(seedPath())), '1', { format: 'text' })).toEqual(inline);
  });

  it('runs on the calling thread when asked for no threads or when there is no worker script', async () => {
    expect(new WorkerPool({ threads: 0, script }).threads).toBe(0);
    const inline = new WorkerPool({ threads: 2, script: null });
    expect(inline.threads).toBe(0);
    expect((await inline.render(new Uint8Array(readFileSync(seedPath())), '1', { format: 'text' })).kind).toBe('model');
  });
});
