/**
 * What one render holds: `edgarkit render` (text, HTML, Markdown) of large documents, each in a fresh process,
 * reporting time, peak RSS, the heap the document's model takes, and the peak heap while the rendering is written
 * (sampled at every write to stdout: a render is synchronous, so its writes are where its memory can be seen).
 * The figure to read is `render heap` = peak heap at a write − heap with the model built: what the rendering itself
 * holds beyond the model, which streaming bounds by a page rather than the document.
 *
 * Run: node --import tsx bench/render-memory.ts [FILE ...] (default: the largest corpus documents and two generated
 * 12 MB documents, written under /tmp and removed after). `--child FILE FORMAT` is the measured process.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';

const FORMATS = ['text', 'html', 'markdown'] as const;
const here = fileURLToPath(new URL('.', import.meta.url));
const corpus = join(here, '..', '..', 'shared', 'corpus');

async function child(file: string, format: (typeof FORMATS)[number]): Promise<void> {
  const { runRenderCommand } = await import('../src/cli/render-command.js');
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
  void opened;
  let peak = 0;
  let written = 0;
  let writes = 0;
  const io = {
    stdout: {
      write: (text: string) => {
        written += text.length;
        writes++;
        const heap = process.memoryUsage().heapUsed;
        if (heap > peak) peak = heap;
        return true;
      },
    },
    stderr: { write: () => true },
    stdin: Readable.from([]),
    env: {},
  };
  gc();
  const base = process.memoryUsage().heapUsed;
  const started = performance.now();
  const cpu = process.cpuUsage();
  await runRenderCommand(file, { format }, io);
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

function run(file: string, format: string): Promise<Record<string, number>> {
  return new Promise((resolve, reject) => {
    const process_ = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', join(here, 'render-memory.ts'), '--child', file, format], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
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
  if (args[0] === '--child') return child(args[1] as string, args[2] as (typeof FORMATS)[number]);
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
    console.log('file | format | s | CPU s | pages | output MB | model heap MB | render heap MB (peak − model) | peak RSS MB | load');
    for (const file of files) {
      for (const format of FORMATS) {
        const r = await run(file, format);
        const load = loadavg()[0]?.toFixed(2);
        console.log(
          `${file.split('/').pop()} | ${format} | ${((r.ms ?? 0) / 1000).toFixed(2)} | ${((r.cpuMs ?? 0) / 1000).toFixed(2)} | ${r.pages} | ${((r.chars ?? 0) / 1e6).toFixed(1)} | ${(r.modelMb ?? 0).toFixed(0)} | ${(r.renderHeapMb ?? 0).toFixed(1)} | ${(r.rssMb ?? 0).toFixed(0)} | ${load}`,
        );
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
