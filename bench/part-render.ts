/**
 * What a render thread does for a middle part of a 12 MB (`--mb`) legacy ASCII document, each run in a fresh process, in turns:
 * - `old`: another checkout's `renderStoredDocument` (`--old DIR`, default ../main): the whole submission parsed and
 *   the whole model built for one part, as every part request did;
 * - `first`: this checkout's first request of the document (`renderStoredDocumentAndSkeleton`: the whole model, the
 *   part, and the skeleton later parts are rendered from);
 * - `later`: a later request (`renderPartTask`): only the part's bytes, read from the file at their offsets, as the
 *   server reads them from the store, and the skeleton made beforehand (not counted).
 * Each reports CPU and wall time (and the CPU time of the same render run again in the process, warm, as a server's
 * render threads are), the heap the render grew to (V8's committed heap after it, less before it, with no
 * collection between), the heap its model holds (built again after the timed run and kept: collected before and
 * after; the processes collect on their own thread, so a figure is not taken mid-sweep), the process's peak RSS after
 * the first run, and the rendering's size; the load average beside each round.
 * Two documents: pages of about 1.9 KB (a `<PAGE>` line after each: parts are whole pages) and one page of 12 MB (the
 * same without `<PAGE>`, as bench/server-stress.ts makes it, its `<PAGE>` not alone on a line: parts are pieces of it).
 *
 * Run: node --import tsx bench/part-render.ts [--rounds 3] [--old DIR] [--mb 12]
 */
import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, readSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getHeapStatistics } from 'node:v8';
import { largeAsciiBody } from '../test/large-ascii.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const args = process.argv.slice(2);
const option = (name: string, fallback: string) => (args.includes(name) ? (args[args.indexOf(name) + 1] ?? fallback) : fallback);

/** A legacy ASCII document of about `mb` MB: paragraphs and a column table, `<PAGE>` between them or not. */
function largeAscii(mb: number, paged: boolean): string {
  const body = largeAsciiBody(mb, paged ? '<PAGE>\n' : '\n');
  return `<SEC-DOCUMENT>0009999999-26-000001.txt : 20260101\n<SEC-HEADER>0009999999-26-000001.hdr.sgml : 20260101\nACCESSION NUMBER:\t\t0009999999-26-000001\nCONFORMED SUBMISSION TYPE:\t6-K\nPUBLIC DOCUMENT COUNT:\t\t1\n</SEC-HEADER>\n<DOCUMENT>\n<TYPE>6-K\n<SEQUENCE>1\n<FILENAME>large.txt\n<TEXT>\n${body}\n</TEXT>\n</DOCUMENT>\n</SEC-DOCUMENT>\n`;
}

const REQUEST = { format: 'html', fragment: true } as const;

async function child(mode: string, file: string, part: number, extra: string): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
  let run: () => number;
  /** The model the render builds (the part's, or the whole document's), made again and kept, to weigh it. */
  let model: () => unknown;
  if (mode === 'later') {
    const { partModel, renderPartTask, partTask } = await import('../src/pipeline/part-skeleton.js');
    const skeleton = JSON.parse(readFileSync(extra, 'utf8'));
    const task = partTask(skeleton, part, { ...REQUEST, part });
    if (!task) throw new Error('the part is not read alone');
    // Only the part's bytes, at their offsets, as the server reads them from the store.
    const read = () => {
      const start = skeleton.document.bodyStart + task.recipe.bytes.start;
      const bytes = new Uint8Array(task.recipe.bytes.end - task.recipe.bytes.start);
      const fd = openSync(file, 'r');
      readSync(fd, bytes, 0, bytes.length, start);
      closeSync(fd);
      return bytes;
    };
    run = () => {
      const body = renderPartTask(read(), task);
      if (body === null) throw new Error('the part did not read alone');
      return body.length;
    };
    model = () => partModel(read(), task);
  } else {
    const root = mode === 'old' ? extra : resolve(here, '..');
    const module = await import(join(root, 'src', 'pipeline', 'render-stored-document.ts'));
    const { openDocument } = await import(join(root, 'src', 'pipeline', 'open-document.ts'));
    model = () => openDocument(readFileSync(file), '1');
    run = () => {
      const bytes = readFileSync(file);
      const rendered =
        mode === 'old'
          ? module.renderStoredDocument(bytes, '1', { ...REQUEST, part })
          : module.renderStoredDocumentAndSkeleton(bytes, '1', { ...REQUEST, part }).rendered;
      return rendered.body.length;
    };
  }
  gc();
  const before = getHeapStatistics().total_heap_size;
  const started = performance.now();
  const cpu = process.cpuUsage();
  const chars = run();
  const used = process.cpuUsage(cpu);
  const heap = getHeapStatistics().total_heap_size - before;
  const ms = performance.now() - started;
  const rssMb = process.resourceUsage().maxRSS / 1024;
  // Again in the same process: a server's render threads are warm (their code compiled), a fresh process is not.
  gc();
  const warmCpu = process.cpuUsage();
  run();
  const warm = process.cpuUsage(warmCpu);
  gc();
  gc();
  const empty = process.memoryUsage().heapUsed;
  const kept = model();
  gc();
  gc();
  const modelMb = (process.memoryUsage().heapUsed - empty) / 1e6;
  if (kept === null) throw new Error('no model');
  process.stdout.write(
    `${JSON.stringify({ ms, cpuMs: (used.user + used.system) / 1000, warmCpuMs: (warm.user + warm.system) / 1000, heapMb: heap / 1e6, modelMb, rssMb, chars })}\n`,
  );
}

function spawnChild(mode: string, file: string, part: number, extra: string): Promise<Record<string, number>> {
  return new Promise((done, fail) => {
    const process_ = spawn(
      process.execPath,
      ['--expose-gc', '--single-threaded-gc', '--import', 'tsx', join(here, 'part-render.ts'), '--child', mode, file, String(part), extra],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    process_.stdout.on('data', (chunk) => (out += String(chunk)));
    process_.on('close', (code) => (code === 0 ? done(JSON.parse(out)) : fail(new Error(`${mode} exited ${code}`))));
  });
}

async function main(): Promise<void> {
  if (args[0] === '--child') return child(args[1] as string, args[2] as string, Number(args[3]), args[4] as string);
  const rounds = Number(option('--rounds', '3'));
  const mb = Number(option('--mb', '12'));
  const old = resolve(option('--old', join(here, '..', '..', 'main')));
  const dir = mkdtempSync(join(tmpdir(), 'edgarkit-part-render-'));
  try {
    const { renderStoredDocumentAndSkeleton } = await import('../src/pipeline/render-stored-document.js');
    console.log(
      'document | run | part | CPU s | wall s | CPU s warm | heap grown MB | model heap MB | peak RSS MB | rendering M chars | load (1 min)',
    );
    for (const paged of [true, false]) {
      const file = join(dir, paged ? 'paged.txt' : 'one-page.txt');
      writeFileSync(file, largeAscii(mb, paged), 'latin1');
      const { rendered, skeleton } = renderStoredDocumentAndSkeleton(readFileSync(file), '1', { ...REQUEST, part: 1 });
      if (rendered.kind !== 'model' || skeleton === null) throw new Error('no skeleton');
      const part = Math.ceil(rendered.parts.length / 2);
      const skeletonFile = join(dir, 'skeleton.json');
      writeFileSync(skeletonFile, JSON.stringify(skeleton));
      const name = `${paged ? `${rendered.pages.length} pages` : 'one page'}, ${rendered.parts.length} parts (skeleton ${(skeleton.size / 1e6).toFixed(2)} MB)`;
      for (let round = 0; round < rounds; round++) {
        for (const mode of ['old', 'first', 'later']) {
          const r = await spawnChild(mode, file, part, mode === 'old' ? old : skeletonFile);
          console.log(
            `${name} | ${mode} | ${part} | ${((r.cpuMs ?? 0) / 1000).toFixed(3)} | ${((r.ms ?? 0) / 1000).toFixed(3)} | ${((r.warmCpuMs ?? 0) / 1000).toFixed(3)} | ${(r.heapMb ?? 0).toFixed(1)} | ${(r.modelMb ?? 0).toFixed(1)} | ${(r.rssMb ?? 0).toFixed(0)} | ${((r.chars ?? 0) / 1e6).toFixed(2)} | ${loadavg()[0]?.toFixed(2)}`,
          );
        }
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
