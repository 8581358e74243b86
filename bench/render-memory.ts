/**
 * What one render holds: `edgarkit render` (text, HTML, Markdown) of large documents, each in a fresh process,
 * reporting time, peak RSS, the heap the document's model takes, and the peak heap while the rendering is written
 * (sampled at every write to stdout: a render is synchronous, so its writes are where its memory can be seen).
 * The figure to read is `render heap` = the most live heap (collected first) at a write − the heap with the model
 * built: what the rendering itself holds beyond the model. Each document is measured twice, in the same run: the
 * whole-string rendering (`renderDocument`, one string written once) and the streamed one (what `edgarkit render`
 * does: `documentOutputInto` written in batches of about 1 MiB).
 *
 * Run: node --import tsx bench/render-memory.ts [FILE ...] (default: the largest corpus documents and two generated
 * 12 MB documents, written under /tmp and removed after). `--child FILE FORMAT` is the measured process.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const FORMATS = ['text', 'html', 'markdown'] as const;
const here = fileURLToPath(new URL('.', import.meta.url));
const corpus = join(here, '..', '..', 'shared', 'corpus');

/**
 * The server's render of the document page (`renderStoredDocument`, as a render thread runs it): the whole document,
 * or its first part. Reports the rendering's size, the process's peak RSS and CPU time.
 */
async function serverChild(file: string, mode: 'page-whole' | 'page-part'): Promise<void> {
  const { renderStoredDocument } = await import('../src/pipeline/render-stored-document.js');
  const bytes = readFileSync(file);
  const started = performance.now();
  const cpu = process.cpuUsage();
  const rendered = renderStoredDocument(bytes, '1', { format: 'html', fragment: true, ...(mode === 'page-part' ? { part: 1 } : {}) });
  const used = process.cpuUsage(cpu);
  if (rendered.kind !== 'model') throw new Error(`${file}: no document model`);
  process.stdout.write(
    `${JSON.stringify({
      ms: performance.now() - started,
      cpuMs: (used.user + used.system) / 1000,
      chars: rendered.body?.length ?? 0,
      parts: rendered.parts.length,
      rssMb: process.resourceUsage().maxRSS / 1024,
    })}\n`,
  );
}

async function child(file: string, format: (typeof FORMATS)[number], mode: 'stream' | 'whole'): Promise<void> {
  const { writeInBatches } = await import('../src/cli/io.js');
  const { documentOutputInto } = await import('../src/pipeline/open-document.js');
  const { renderDocument } = await import('../src/render/index.js');
  const { parseSubmission } = await import('../src/parse/sgml/parse-submission.js');
  const { openDocument } = await import('../src/pipeline/open-document.js');
  const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
  const bytes = readFileSync(file);
  // The model's own heap, measured apart (built, kept, collected around).
  gc();
  const before = process.memoryUsage().heapUsed;
  const opened = openDocument(parseSubmission(bytes), undefined);
  gc();
  const modelHeap = process.memoryUsage().heapUsed - before;
  const pages = opened?.kind === 'model' ? opened.model.pages.length : 0;
  let peak = 0;
  let written = 0;
  let writes = 0;
  const write = (text: string) => {
    written += text.length;
    writes++;
    // Collected first: what is live at the write (the model, what the render holds, the piece being written).
    gc();
    const heap = process.memoryUsage().heapUsed;
    if (heap > peak) peak = heap;
    return true;
  };
  gc();
  const base = process.memoryUsage().heapUsed - modelHeap;
  const started = performance.now();
  const cpu = process.cpuUsage();
  if (opened?.kind !== 'model') throw new Error(`${file}: no document model`);
  if (mode === 'stream') {
    // What `edgarkit render` does: the pieces written in batches of about 1 MiB as the renderer makes them.
    const output = documentOutputInto(opened, format);
    if (!output.ok) throw new Error(output.reason);
    writeInBatches({ write }, output.writeTo);
  }
  // The whole-string rendering, as `renderDocument` returns it: what a render held before it streamed.
  else write(renderDocument(opened.model, format));
  const used = process.cpuUsage(cpu);
  process.stdout.write(
    `${JSON.stringify({
      ms: performance.now() - started,
      cpuMs: (used.user + used.system) / 1000,
      chars: written,
      writes,
      pages,
      modelMb: modelHeap / 1e6,
      peakAboveBaseMb: (peak - base) / 1e6,
      renderHeapMb: (peak - base - modelHeap) / 1e6,
      rssMb: process.resourceUsage().maxRSS / 1024,
    })}\n`,
  );
}

function run(file: string, format: string, mode: string): Promise<Record<string, number>> {
  return new Promise((resolve, reject) => {
    const process_ = spawn(
      process.execPath,
      ['--expose-gc', '--import', 'tsx', join(here, 'render-memory.ts'), '--child', file, format, ...(mode ? [mode] : [])],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let out = '';
    process_.stdout.on('data', (chunk) => (out += String(chunk)));
    process_.on('close', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`${file} ${format} exited ${code}`))));
  });
}

/** A legacy ASCII document and an HTML one of about 12 MB, from the corpus's two 20-Fs repeated. */
function generated(dir: string): string[] {
  const header = (name: string) =>
    `<SEC-DOCUMENT>0000000000-01-000001.txt : 20010101\n<SEC-HEADER>0000000000-01-000001.hdr.sgml : 20010101\nACCESSION NUMBER:\t\t0000000000-01-000001\nCONFORMED SUBMISSION TYPE:\t20-F\nPUBLIC DOCUMENT COUNT:\t\t1\n</SEC-HEADER>\n<DOCUMENT>\n<TYPE>20-F\n<SEQUENCE>1\n<FILENAME>${name}\n<TEXT>\n`;
  const tail = '\n</TEXT>\n</DOCUMENT>\n</SEC-DOCUMENT>\n';
  const ascii = readFileSync(join(corpus, 'html', '20-f-0000928385-01-500187.html'), 'latin1')
    .replace(/^<html><body><div>/, '')
    .replace(/<\/div><\/body><\/html>\s*$/, '');
  const html = readFileSync(join(corpus, 'html', '20-f-0001062993-21-003193.html'), 'latin1');
  const body = html.slice(html.indexOf('>', html.toLowerCase().indexOf('<body')) + 1, html.toLowerCase().lastIndexOf('</body>'));
  const textFile = join(dir, 'legacy-12mb.txt');
  writeFileSync(textFile, header('a.txt') + new Array(Math.ceil(12e6 / ascii.length)).fill(ascii).join('\n<PAGE>\n') + tail, 'latin1');
  const htmlFile = join(dir, 'html-12mb.txt');
  const pages = new Array(Math.ceil(12e6 / body.length)).fill(body).join('<hr style="page-break-after:always">');
  writeFileSync(htmlFile, `${header('a.htm')}<html><body>${pages}</body></html>${tail}`, 'latin1');
  return [textFile, htmlFile];
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args[0] === '--child' && args[2]?.startsWith('page-')) return serverChild(args[1] as string, args[2] as 'page-whole' | 'page-part');
  if (args[0] === '--child') return child(args[1] as string, args[2] as (typeof FORMATS)[number], args[3] === 'whole' ? 'whole' : 'stream');
  const dir = mkdtempSync(join(tmpdir(), 'edgarkit-render-memory-'));
  try {
    const files =
      args.length > 0
        ? args
        : [
            join(corpus, 'nc', '0001193125-10-145855.nc'),
            join(corpus, 'html', '20-f-0001062993-21-003193.html'),
            join(corpus, 'html', '20-f-0000928385-01-500187.html'),
            ...generated(dir),
          ];
    console.log(
      'file | format | pages | output MB | model heap MB | whole string: render heap MB, peak RSS MB | streamed: s, CPU s, render heap MB, peak RSS MB | load',
    );
    for (const file of files) {
      for (const format of FORMATS) {
        const whole = await run(file, format, 'whole');
        const r = await run(file, format, 'stream');
        const load = loadavg()[0]?.toFixed(2);
        console.log(
          `${file.split('/').pop()} | ${format} | ${r.pages} | ${((r.chars ?? 0) / 1e6).toFixed(1)} | ${(r.modelMb ?? 0).toFixed(0)} | ${(whole.renderHeapMb ?? 0).toFixed(1)}, ${(whole.rssMb ?? 0).toFixed(0)} | ${((r.ms ?? 0) / 1000).toFixed(2)}, ${((r.cpuMs ?? 0) / 1000).toFixed(2)}, ${(r.renderHeapMb ?? 0).toFixed(1)}, ${(r.rssMb ?? 0).toFixed(0)} | ${load}`,
        );
      }
    }
    console.log(
      '\nfile | server document page: whole document (chars, s, CPU s, peak RSS MB) | first part (parts, chars, s, CPU s, peak RSS MB) | load',
    );
    for (const file of files) {
      const whole = await run(file, 'page-whole', '');
      const part = await run(file, 'page-part', '');
      const load = loadavg()[0]?.toFixed(2);
      const figures = (r: Record<string, number>) =>
        `${((r.chars ?? 0) / 1e6).toFixed(1)} M, ${((r.ms ?? 0) / 1000).toFixed(2)}, ${((r.cpuMs ?? 0) / 1000).toFixed(2)}, ${(r.rssMb ?? 0).toFixed(0)}`;
      console.log(`${file.split('/').pop()} | ${figures(whole)} | ${part.parts}, ${figures(part)} | ${load}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
