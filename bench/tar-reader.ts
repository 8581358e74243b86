/**
 * Tar member reading, tar-stream against src/io/tar-reader.ts, in the same process and rounds, beside the scan
 * limit (`Buffer.indexOf` over the same chunks for `<DOCUMENT>`), each member gathered whole as readSubmissions
 * needs it:
 *
 * - `.tar`: a tar of the corpus submissions repeated to `--mb`, read from the page cache in `--chunk` byte chunks;
 * - `.tar.gz`: the same through zlib's gunzip stream (gunzip alone is measured too: it is the floor there).
 *
 * Each way runs `--rounds` times in turn (scan, tar-stream, reader, …), so drift in machine load falls on all of
 * them; CPU time of the process is reported beside wall time. Members and bytes read must agree.
 * Run: npx tsx bench/tar-reader.ts [--mb 200] [--rounds 3] [--chunk 1048576] [--gunzip-chunk 262144]
 */
import { createReadStream, createWriteStream, mkdirSync, rmSync, statSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { createGunzip, createGzip } from 'node:zlib';
import tarStream from 'tar-stream';
import { TarReader } from '../src/io/tar-reader.js';
import { corpusSubmissions } from './corpus.js';

const { values } = parseArgs({
  options: {
    mb: { type: 'string', default: '200' },
    rounds: { type: 'string', default: '3' },
    chunk: { type: 'string', default: String(1024 * 1024) },
    'gunzip-chunk': { type: 'string', default: String(256 * 1024) },
    dir: { type: 'string', default: '/tmp/edgarkit-bench-tar-reader' },
  },
});
const chunkSize = Number(values.chunk);
const gunzipChunk = Number(values['gunzip-chunk']);
const OPEN = Buffer.from('<DOCUMENT>');

interface Read {
  readonly members: number;
  readonly bytes: number;
}

function source(path: string): Readable {
  const file = createReadStream(path, { highWaterMark: chunkSize });
  return path.endsWith('.gz') ? file.pipe(createGunzip({ chunkSize: gunzipChunk })) : file;
}

async function scan(path: string): Promise<Read> {
  let members = 0;
  let bytes = 0;
  for await (const chunk of source(path) as AsyncIterable<Buffer>) {
    for (let at = chunk.indexOf(OPEN); at !== -1; at = chunk.indexOf(OPEN, at + OPEN.length)) members++;
    bytes += chunk.length;
  }
  return { members, bytes };
}

async function gunzipOnly(path: string): Promise<Read> {
  let bytes = 0;
  for await (const chunk of source(path) as AsyncIterable<Buffer>) bytes += chunk.length;
  return { members: 0, bytes };
}

/** tar-stream as readSubmissions used it: each file entry's chunks gathered into one buffer. */
async function withTarStream(path: string): Promise<Read> {
  const extract = tarStream.extract();
  const feeding = pipeline(source(path), extract);
  let members = 0;
  let bytes = 0;
  for await (const entry of extract) {
    if (entry.header.type !== 'file') {
      entry.resume();
      continue;
    }
    const chunks: Buffer[] = [];
    let length = 0;
    for await (const chunk of entry as AsyncIterable<Buffer>) {
      chunks.push(chunk);
      length += chunk.length;
    }
    const data = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, length);
    members++;
    bytes += data.length;
  }
  await feeding;
  return { members, bytes };
}

async function withReader(path: string): Promise<Read> {
  const reader = new TarReader(path);
  let members = 0;
  let bytes = 0;
  const take = (events: ReturnType<TarReader['push']>) => {
    for (const event of events) {
      if (event.kind === 'member') {
        members++;
        bytes += event.data.length;
      } else if (event.kind === 'error') throw event.error;
    }
  };
  for await (const chunk of source(path) as AsyncIterable<Buffer>) take(reader.push(chunk));
  take(reader.end());
  return { members, bytes };
}

async function writeArchives(dir: string): Promise<{ tar: string; gz: string; members: number; bytes: number }> {
  mkdirSync(dir, { recursive: true });
  const tar = `${dir}/submissions.tar`;
  const gz = `${dir}/submissions.tar.gz`;
  const pack = tarStream.pack();
  const writing = pipeline(pack, createWriteStream(tar));
  let members = 0;
  let bytes = 0;
  const corpus = corpusSubmissions();
  while (bytes < Number(values.mb) * 1e6) {
    for (const { name, bytes: submission } of corpus) {
      await new Promise<void>((ok, fail) =>
        pack.entry({ name: `${members}-${name.replace('/', '-')}` }, submission, (error) => (error ? fail(error) : ok())),
      );
      members++;
      bytes += submission.length;
    }
  }
  pack.finalize();
  await writing;
  await pipeline(createReadStream(tar), createGzip({ level: 6 }), createWriteStream(gz));
  return { tar, gz, members, bytes };
}

const made = await writeArchives(values.dir);
console.log(
  `${made.members} members, ${(made.bytes / 1e6).toFixed(0)} MB of submissions; .tar ${(statSync(made.tar).size / 1e6).toFixed(0)} MB, .tar.gz ${(statSync(made.gz).size / 1e6).toFixed(0)} MB; chunks of ${chunkSize} bytes`,
);
const ways: [string, (path: string) => Promise<Read>][] = [
  ['scan', scan],
  ['tar-stream', withTarStream],
  ['tar-reader', withReader],
];
for (const [label, path] of [
  ['.tar', made.tar],
  ['.tar.gz', made.gz],
] as const) {
  const list = label === '.tar.gz' ? [['gunzip', gunzipOnly] as [string, (path: string) => Promise<Read>], ...ways] : ways;
  const totals = new Map<string, { wall: number; cpu: number }>();
  for (let round = 1; round <= Number(values.rounds); round++) {
    for (const [name, read] of list) {
      const started = process.hrtime.bigint();
      const cpu = process.cpuUsage();
      const result = await read(path);
      const wall = Number(process.hrtime.bigint() - started) / 1e9;
      const used = process.cpuUsage(cpu);
      const cpuSeconds = (used.user + used.system) / 1e6;
      if (name.startsWith('tar') && (result.members !== made.members || result.bytes !== made.bytes)) {
        throw new Error(`${name} read ${result.members} members, ${result.bytes} bytes; expected ${made.members}, ${made.bytes}`);
      }
      const total = totals.get(name) ?? { wall: 0, cpu: 0 };
      totals.set(name, { wall: total.wall + wall, cpu: total.cpu + cpuSeconds });
      console.log(
        `${label} round ${round} ${name.padEnd(10)} ${(made.bytes / 1e6 / wall).toFixed(0).padStart(5)} MB/s wall, ${(made.bytes / 1e6 / cpuSeconds).toFixed(0).padStart(5)} MB/s CPU`,
      );
    }
  }
  const scanCpu = totals.get('scan')?.cpu ?? Number.NaN;
  for (const [name, total] of totals) {
    console.log(
      `${label} all rounds ${name.padEnd(10)} CPU ${total.cpu.toFixed(2)} s, ${(made.bytes / 1e6 / (total.cpu / Number(values.rounds))).toFixed(0)} MB/s; ratio to scan by CPU ${(scanCpu / total.cpu).toFixed(2)}`,
    );
  }
}
rmSync(values.dir, { recursive: true, force: true });
