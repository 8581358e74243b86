import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusPath } from '../../test/shared-files.js';
import { makeTempDir } from '../../test/store-conformance.js';
import { ingestPaths } from '../pipeline/ingest.js';
import { WorkerPool } from '../pipeline/worker-pool.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import type { ReadWriteStore } from '../store/store.js';
import { createApp } from './create-app.js';
import { DEFAULT_RENDER_LIMITS, DocumentRenderer } from './document-renderer.js';

const UNRELATED = '0000912282-09-000008';
const HOSTILE = '0000950127-09-000020';
/** A generated 2 MB legacy ASCII document (a large one). */
const LARGE = '0009999999-26-000077';

let store: ReadWriteStore;

beforeAll(async () => {
  store = openSqliteStore(':memory:');
  // Acergy's 6-K with a marker in its first document: the test worker spins on it until its thread is ended.
  const folder = makeTempDir('edgarkit-render-');
  const hostile = readFileSync(corpusPath(`fpi/${HOSTILE}.txt`), 'latin1').replace('<TEXT>', '<TEXT>\nEDGARKIT-TEST-SLOW');
  writeFileSync(join(folder, 'hostile.txt'), hostile, 'latin1');
  const summary = await ingestPaths(
    store,
    [
      join(folder, 'hostile.txt'),
      ...['fpi/0000912282-09-000008.txt', 'fpi/0001279569-09-000080.txt', 'fpi/0001193125-09-115755.txt'].map(corpusPath),
    ],
    { workers: 0 },
  );
  expect(summary.failed).toEqual([]);
  // A legacy ASCII document of 2 MB: its render holds far more than 24 MB of model and markup.
  const row = (index: number) => `Revenue line ${String(index).padEnd(22)}   ${String(index * 1234).padStart(12)}`;
  const page = [
    'Results for the quarter.',
    '',
    '<TABLE>',
    '<S>                  <C>',
    ...Array.from({ length: 20 }, (_, index) => row(index)),
    '</TABLE>',
    '',
  ];
  const body = page.join('\n').repeat(Math.ceil((2 * 1024 * 1024) / page.join('\n').length));
  writeFileSync(
    join(folder, 'large.txt'),
    `<SEC-DOCUMENT>${LARGE}.txt : 20260101\n<SEC-HEADER>\nACCESSION NUMBER:\t\t${LARGE}\nCONFORMED SUBMISSION TYPE:\t6-K\n</SEC-HEADER>\n<DOCUMENT>\n<TYPE>6-K\n<SEQUENCE>1\n<TEXT>\n${body}</TEXT>\n</DOCUMENT>\n</SEC-DOCUMENT>\n`,
    'latin1',
  );
  expect((await ingestPaths(store, [join(folder, 'large.txt')], { workers: 0 })).failed).toEqual([]);
  rmSync(folder, { recursive: true, force: true });
});
afterAll(async () => {
  await store.close();
});

describe('a render past its deadline', () => {
  it('answers 503 while an unrelated document still renders at once, and its thread is replaced', { timeout: 240_000 }, async () => {
    const pool = new WorkerPool({ threads: 2, script: new URL('../../test/fixtures/slow-render-worker.mjs', import.meta.url) });
    const logged: unknown[] = [];
    const app = createApp({ store, pool, renderLimits: { deadlineMs: 2_000 }, log: (error) => logged.push(error) });
    try {
      // Both threads started first (on a busy machine a thread's start alone can take the 2 s deadline).
      await Promise.all(
        ['0001279569-09-000080', '0001193125-09-115755'].map((id) => app.request(`/api/filings/${id}/documents/1?format=markdown`)),
      );
      const started = performance.now();
      const timed = async (path: string) => {
        const response = await app.request(path);
        return { status: response.status, text: await response.text(), at: performance.now() - started };
      };
      // Six readers of the hostile document (one render between them), then one of another filing.
      const hostile = Array.from({ length: 6 }, () => timed(`/filings/${HOSTILE}/documents/1`));
      await new Promise((resolve) => setTimeout(resolve, 100));
      const unrelated = await timed(`/filings/${UNRELATED}/documents/1`);
      expect(unrelated.status, /<h1>[\s\S]*?<\/p>/.exec(unrelated.text)?.[0]).toBe(200);
      expect(unrelated.text).toContain('7076991 Canada Inc.');
      const refused = await Promise.all(hostile);
      for (const answer of refused) {
        expect(answer.status).toBe(503);
        expect(answer.text).toContain('did not render within 2 s and its render was stopped');
        expect(answer.text).toContain(`href="/api/filings/${HOSTILE}/original"`);
      }
      // The unrelated page did not wait for the hostile one: it was answered well before the deadline ran out.
      expect(unrelated.at).toBeLessThan(Math.min(...refused.map((answer) => answer.at)));
      expect(Math.min(...refused.map((answer) => answer.at))).toBeGreaterThanOrEqual(1_900);
      // Asked again, the document is refused at once rather than given another thread for 2 s.
      const again = performance.now();
      const api = await app.request(`/api/filings/${HOSTILE}/documents/1?format=text`);
      expect(api.status).toBe(503);
      expect(await api.json()).toEqual({
        error: expect.stringContaining('took longer than 2 s to render when it was last tried'),
        link: `/api/filings/${HOSTILE}/original`,
      });
      expect(performance.now() - again).toBeLessThan(1_000);
      // The pool still has both threads: two other documents render side by side.
      const [first, second] = await Promise.all([
        app.request('/api/filings/0001279569-09-000080/documents/1?format=text'),
        app.request('/api/filings/0001193125-09-115755/documents/1?format=text'),
      ]);
      expect([first.status, second.status]).toEqual([200, 200]);
      expect(logged).toEqual([]);
    } finally {
      await pool.close();
    }
  });
});

describe('a render past its thread memory', () => {
  it('answers 503 with the download link, and the next document renders in a new thread', { timeout: 300_000 }, async () => {
    const accession = LARGE;
    const pool = new WorkerPool({ threads: 2, maxHeapMb: 24 });
    const logged: unknown[] = [];
    const app = createApp({ store, pool, renderLimits: { threadMemoryMb: 24 }, log: (error) => logged.push(error) });
    try {
      const large = await app.request(`/filings/${accession}/documents/1`);
      expect(large.status).toBe(503);
      const text = await large.text();
      expect(text).toContain('needs more memory to render than a render thread may use (edgarkit serve --render-memory-mb sets it)');
      expect(text).toContain(`href="/api/filings/${accession}/original"`);
      const small = await app.request(`/filings/${UNRELATED}/documents/1`);
      expect(small.status).toBe(200);
      expect(await small.text()).toContain('7076991 Canada Inc.');
      // Asked again, it is refused at once.
      const again = performance.now();
      const api = await app.request(`/api/filings/${accession}/documents/1?format=text`);
      expect(api.status).toBe(503);
      expect(((await api.json()) as { error: string }).error).toContain('needed more memory to render');
      expect(performance.now() - again).toBeLessThan(1_000);
      expect(logged).toEqual([]);
    } finally {
      await pool.close();
    }
  });
});

describe('the small-document lane', () => {
  it('renders small documents in the small pool and large ones in the other', async () => {
    const counted = (pool: WorkerPool, calls: string[], name: string) =>
      ({
        threads: 1,
        renderEncoded: (...args: Parameters<WorkerPool['renderEncoded']>) => {
          calls.push(name);
          return pool.renderEncoded(...args);
        },
      }) as unknown as WorkerPool;
    const inline = new WorkerPool({ threads: 0 });
    const calls: string[] = [];
    const renderer = new DocumentRenderer(store, counted(inline, calls, 'large'), DEFAULT_RENDER_LIMITS, counted(inline, calls, 'small'));
    await renderer.render((await store.getFiling(UNRELATED))!, '1', { format: 'text' });
    await renderer.render((await store.getFiling(LARGE))!, '1', { format: 'text' });
    expect(calls).toEqual(['small', 'large']);
  });
});

describe('the render cache', () => {
  it('keeps renders up to its size in bytes, and answers a repeated render from memory', async () => {
    const inline = new WorkerPool({ threads: 0 });
    let renders = 0;
    const counting = {
      threads: 0,
      renderEncoded: (...args: Parameters<WorkerPool['renderEncoded']>) => {
        renders++;
        return inline.renderEncoded(...args);
      },
    } as unknown as WorkerPool;
    const limit = 80_000;
    const renderer = new DocumentRenderer(store, counting, { ...DEFAULT_RENDER_LIMITS, cacheBytes: limit });
    let total = 0;
    for (const accession of [UNRELATED, '0001279569-09-000080', '0001193125-09-115755']) {
      const filing = await store.getFiling(accession);
      for (const format of ['html', 'text', 'json', 'markdown'] as const) {
        const rendered = await renderer.render(filing!, '1', { format });
        if (rendered.kind === 'model') total += rendered.body?.byteLength ?? 0;
        expect(renderer.cachedBytes).toBeLessThanOrEqual(limit);
      }
    }
    // More was rendered than the cache holds, so the bound was what kept it small.
    expect(total).toBeGreaterThan(limit);
    const filing = await store.getFiling('0001193125-09-115755');
    const before = renders;
    await renderer.render(filing!, '1', { format: 'markdown' });
    expect(renders).toBe(before);
    const evicted = await store.getFiling(UNRELATED);
    await renderer.render(evicted!, '1', { format: 'html' });
    expect(renders).toBe(before + 1);
  });
});

/** A pool that renders on this thread and writes down each render it is asked for ("part of N bytes" for a part). */
function spyingPool(): { inline: WorkerPool; calls: string[]; spying: WorkerPool } {
  const inline = new WorkerPool({ threads: 0 });
  const calls: string[] = [];
  const spying = {
    threads: 0,
    renderEncoded: (...args: Parameters<WorkerPool['renderEncoded']>) => {
      calls.push('whole');
      return inline.renderEncoded(...args);
    },
    renderEncodedWithSkeleton: (...args: Parameters<WorkerPool['renderEncodedWithSkeleton']>) => {
      calls.push('whole and skeleton');
      return inline.renderEncodedWithSkeleton(...args);
    },
    renderPart: (...args: Parameters<WorkerPool['renderPart']>) => {
      calls.push(`part of ${args[0].byteLength} bytes`);
      return inline.renderPart(...args);
    },
  } as unknown as WorkerPool;
  return { inline, calls, spying };
}

describe('parts of a long legacy ASCII document', () => {
  it('renders a part after the first from its own bytes, as the whole document renders it', async () => {
    const { inline, calls, spying } = spyingPool();
    const renderer = new DocumentRenderer(store, spying, DEFAULT_RENDER_LIMITS);
    // The same parts rendered whole each time (a renderer asked nothing before), to compare with.
    const wholly = () => new DocumentRenderer(store, inline, DEFAULT_RENDER_LIMITS);
    const filing = (await store.getFiling(LARGE))!;
    const request = { format: 'html' as const, fragment: true };
    const first = await renderer.render(filing, '1', { ...request, part: 1 });
    if (first.kind !== 'model') throw new Error('no model');
    expect(calls).toEqual(['whole and skeleton']);
    // One page of 2 MB: pieces of at most 512K characters.
    expect(first.parts.length).toBeGreaterThanOrEqual(4);
    const decode = (body: Uint8Array | null) => (body === null ? null : new TextDecoder().decode(body));
    for (let part = 2; part <= first.parts.length; part++) {
      calls.length = 0;
      const alone = await renderer.render(filing, '1', { ...request, part });
      const whole = await wholly().render(filing, '1', { ...request, part });
      expect(calls).toHaveLength(1);
      const bytes = Number(/^part of (\d+) bytes$/.exec(calls[0] ?? '')?.[1]);
      // About the part's own size (512K characters, the last one less), not the document's 2 MB.
      expect(bytes).toBeLessThan(600_000);
      if (part < first.parts.length) expect(bytes).toBeGreaterThan(400_000);
      if (alone.kind !== 'model' || whole.kind !== 'model') throw new Error('no model');
      expect(decode(alone.body)).toBe(decode(whole.body));
      expect({ ...alone, body: null }).toEqual({ ...whole, body: null });
    }
    // The part holding an offset, as a section's link asks; and a part that does not exist, with no thread.
    calls.length = 0;
    const range = first.parts[2]!;
    const at = await renderer.render(filing, '1', { ...request, partAt: range.start + 10 });
    expect(at.kind === 'model' && at.part).toBe(3);
    const third = await wholly().render(filing, '1', { ...request, part: 3 });
    expect(decode(at.kind === 'model' ? at.body : null)).toBe(decode(third.kind === 'model' ? third.body : null));
    const missing = await renderer.render(filing, '1', { ...request, part: first.parts.length + 1 });
    expect(missing.kind === 'model' && missing.body).toBeNull();
    expect(calls).toEqual([expect.stringMatching(/^part of/)]);
  });
});

describe('parts of a long legacy ASCII document asked for at once', () => {
  it('build the whole model once: the parts asked while it renders wait for its skeleton', async () => {
    const { inline, calls, spying } = spyingPool();
    const renderer = new DocumentRenderer(store, spying, DEFAULT_RENDER_LIMITS);
    const filing = (await store.getFiling(LARGE))!;
    const request = { format: 'html' as const, fragment: true };
    const answers = await Promise.all([1, 2, 3, 4].map((part) => renderer.render(filing, '1', { ...request, part })));
    expect(calls.filter((call) => call.startsWith('whole'))).toEqual(['whole and skeleton']);
    expect(calls.filter((call) => call.startsWith('part of '))).toHaveLength(3);
    // Each is the part asked for, as a renderer asked nothing before renders it from the whole model.
    for (const [index, answer] of answers.entries()) {
      const whole = await new DocumentRenderer(store, inline, DEFAULT_RENDER_LIMITS).render(filing, '1', { ...request, part: index + 1 });
      if (answer.kind !== 'model' || whole.kind !== 'model') throw new Error('no model');
      expect(answer.part).toBe(index + 1);
      expect(Buffer.from(answer.body ?? []).equals(Buffer.from(whole.body ?? []))).toBe(true);
    }
  });
});

describe('parts of a long legacy ASCII document in a render thread', () => {
  it('come back from the thread as the inline render gives them', async () => {
    const threads = new WorkerPool({ threads: 1 });
    try {
      const renderer = new DocumentRenderer(store, threads, DEFAULT_RENDER_LIMITS);
      const filing = (await store.getFiling(LARGE))!;
      const request = { format: 'html' as const, fragment: true };
      const first = await renderer.render(filing, '1', { ...request, part: 1 });
      if (first.kind !== 'model') throw new Error('no model');
      for (const part of [2, first.parts.length]) {
        const alone = await renderer.render(filing, '1', { ...request, part });
        const whole = await new DocumentRenderer(store, new WorkerPool({ threads: 0 }), DEFAULT_RENDER_LIMITS).render(filing, '1', {
          ...request,
          part,
        });
        if (alone.kind !== 'model' || whole.kind !== 'model') throw new Error('no model');
        expect(alone.body?.byteLength).toBeGreaterThan(1000);
        expect(Buffer.from(alone.body!).equals(Buffer.from(whole.body!))).toBe(true);
      }
    } finally {
      await threads.close();
    }
  });
});

describe('documents above the size limit', () => {
  it('are refused with a 413 that says why and links the original, on the page and in the API', async () => {
    const app = createApp({ store, renderThreads: 0, renderLimits: { maxDocumentBytes: 1_000 } });
    const page = await app.request(`/filings/${UNRELATED}/documents/1`);
    expect(page.status).toBe(413);
    const text = await page.text();
    expect(text).toMatch(
      /Document 1 \(6-K\) of 0000912282-09-000008 is [\d.]+ KB, larger than this server renders \(1000 B; edgarkit serve --max-render-mb sets it\)/,
    );
    expect(text).toContain(`href="/api/filings/${UNRELATED}/original" download>Download the original submission`);
    const api = await app.request(`/api/filings/${UNRELATED}/documents/1?format=json`);
    expect(api.status).toBe(413);
    expect(((await api.json()) as { link: string }).link).toBe(`/api/filings/${UNRELATED}/original`);
    // The download itself is not refused.
    expect((await app.request(`/api/filings/${UNRELATED}/original`)).status).toBe(200);
  });
});

describe('the Host allow-list', () => {
  it('answers 421 for a name it was not given, and serves the names it was', async () => {
    const app = createApp({ store, renderThreads: 0 });
    for (const host of ['localhost:8080', '127.0.0.1:8080', '[::1]:8080', 'LOCALHOST.']) {
      expect((await app.request('/api/stats', { headers: { host } })).status, host).toBe(200);
    }
    const rebound = await app.request('/api/stats', { headers: { host: 'attacker.example:8080' } });
    expect(rebound.status).toBe(421);
    expect(await rebound.json()).toEqual({
      error:
        'This server does not answer for the host "attacker.example": it answers for localhost, 127.0.0.1, [::1] (start it with --allow-host attacker.example to allow that name)',
    });
    const page = await app.request('/', { headers: { host: 'attacker.example' } });
    expect(page.status).toBe(421);
    expect(await page.text()).toContain('Wrong host');
    const named = createApp({ store, renderThreads: 0, allowedHosts: ['filings.example.org'] });
    expect((await named.request('/api/stats', { headers: { host: 'filings.example.org' } })).status).toBe(200);
    expect((await named.request('/api/stats', { headers: { host: 'localhost' } })).status).toBe(421);
    const any = createApp({ store, renderThreads: 0, allowedHosts: ['*'] });
    expect((await any.request('/api/stats', { headers: { host: 'anything.example' } })).status).toBe(200);
  });
});
