/**
 * What a user waits for, fresh process by fresh process, at several input sizes: how much of reading a .tar of
 * submissions is Node's start, loading our modules, the JIT warming up, and the work. Each figure is CPU seconds of
 * a whole child process (every thread), the way a command runs:
 *
 * - `node`: `node -e 0`, the floor of any command;
 * - `import`: loading `dist/io/read-submissions.js` and nothing else;
 * - `scan`: the scan limit, a plain script that reads the tar in 1 MiB chunks and finds every `<DOCUMENT>`;
 * - `lazy`: `readSubmissions` of the tar (typed header + document ranges of each member);
 * - `jsonl`: `bin/edgarkit.js parse <tar> --jsonl > /dev/null`.
 *
 * `--roots` lists checkouts to compare (built with `npm run build`), e.g. this one and a copy of main, each run in
 * turn within a round. Ratios are the scan's CPU over the way's CPU, start-up included, as in container-ratio.ts.
 * Run: npx tsx bench/container-startup.ts [--sizes 5,25,100,400] [--rounds 2] [--roots .,/tmp/main-copy]
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { corpusSubmissions } from './corpus.js';

const here = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '5,25,100,400' },
    rounds: { type: 'string', default: '2' },
    roots: { type: 'string', default: '.' },
    dir: { type: 'string', default: '/tmp/edgarkit-bench-startup' },
  },
});
const dir = values.dir;
mkdirSync(dir, { recursive: true });

const SCAN = `import{createReadStream}from'node:fs';const O=Buffer.from('<DOCUMENT>'),C=Buffer.from('</DOCUMENT>');let d=0,c=Buffer.alloc(0);for await(const k of createReadStream(process.argv[1],{highWaterMark:1<<20})){const b=c.length?Buffer.concat([c,k]):k;for(let a=b.indexOf(O);a!==-1;a=b.indexOf(O,a)){d++;const e=b.indexOf(C,a+10);if(e===-1)break;a=e+11}c=b.subarray(Math.max(0,b.length-11))}console.log(d)`;
const lazy = (root: string) =>
  `const{readSubmissions}=await import(${JSON.stringify(join(root, 'dist/io/read-submissions.js'))});let d=0;for await(const e of readSubmissions(process.argv[1]))if(e.ok)d+=e.submission.documents.length;console.log(d)`;
const load = (root: string) => `await import(${JSON.stringify(join(root, 'dist/io/read-submissions.js'))})`;

/** A tar of corpus submissions of about `megabytes`, written with plain ustar headers. */
function writeTar(path: string, megabytes: number): number {
  const parts: Buffer[] = [];
  let bytes = 0;
  let index = 0;
  const corpus = corpusSubmissions();
  while (bytes < megabytes * 1e6) {
    for (const { bytes: data } of corpus) {
      const header = Buffer.alloc(512);
      header.write(`${index++}.txt`, 0);
      header.write('0000644\0', 100);
      header.write(`${data.length.toString(8).padStart(11, '0')}\0`, 124);
      header.write('00000000000\0', 136);
      header.write('0', 156);
      header.write('ustar\x0000', 257, 'latin1');
      header.fill(0x20, 148, 156);
      let sum = 0;
      for (const byte of header) sum += byte;
      header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1');
      parts.push(header, data, Buffer.alloc((512 - (data.length % 512)) % 512));
      bytes += data.length;
      if (bytes >= megabytes * 1e6) break;
    }
  }
  parts.push(Buffer.alloc(1024));
  writeFileSync(path, Buffer.concat(parts));
  return bytes;
}

/** CPU seconds (user + system, every thread) and wall seconds of one child, its stdout thrown away. */
function cpuOf(args: readonly string[]): { cpu: number; wall: number } {
  const started = process.hrtime.bigint();
  const result = spawnSync('/usr/bin/time', ['-f', 'cpu %U %S', process.execPath, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  const stderr = String(result.stderr);
  const match = /cpu ([\d.]+) ([\d.]+)\s*$/.exec(stderr);
  if (result.status !== 0 || !match) throw new Error(`${args.join(' ')} failed:\n${stderr}`);
  return { cpu: Number(match[1]) + Number(match[2]), wall };
}

const roots = values.roots.split(',').map((root) => resolve(here, root));
for (const size of values.sizes.split(',').map(Number)) {
  const tar = join(dir, `${size}.tar`);
  const bytes = writeTar(tar, size);
  const best = new Map<string, number>();
  const keep = (name: string, cpu: number) => best.set(name, Math.min(best.get(name) ?? Number.POSITIVE_INFINITY, cpu));
  for (let round = 0; round < Number(values.rounds); round++) {
    keep('node', cpuOf(['-e', '0']).cpu);
    keep('scan', cpuOf(['--input-type=module', '-e', SCAN, tar]).cpu);
    roots.forEach((root, index) => {
      keep(`import ${index}`, cpuOf(['--input-type=module', '-e', load(root)]).cpu);
      keep(`lazy ${index}`, cpuOf(['--input-type=module', '-e', lazy(root), tar]).cpu);
      keep(`jsonl ${index}`, cpuOf([join(root, 'bin', 'edgarkit.js'), 'parse', tar, '--jsonl']).cpu);
    });
  }
  const scan = best.get('scan') as number;
  const node = best.get('node') as number;
  console.log(
    `${(bytes / 1e6).toFixed(0)} MB: node -e 0 ${node.toFixed(2)} s CPU; scan ${scan.toFixed(2)} s (${(bytes / 1e6 / scan).toFixed(0)} MB/s)`,
  );
  roots.forEach((root, index) => {
    const parts = ['import', 'lazy', 'jsonl'].map((way) => {
      const cpu = best.get(`${way} ${index}`) as number;
      return way === 'import'
        ? `import ${(cpu - node).toFixed(2)} s over node`
        : `${way} ${cpu.toFixed(2)} s, ratio ${(scan / cpu).toFixed(2)} (${((scan - node) / (cpu - node)).toFixed(2)} without Node's start)`;
    });
    console.log(`  ${root}: ${parts.join('; ')}`);
  });
  rmSync(tar, { force: true });
}
rmSync(dir, { recursive: true, force: true });
