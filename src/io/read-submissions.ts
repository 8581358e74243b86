import { closeSync, createReadStream, fstatSync, openSync, readSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import type { Submission } from '../model/submission.js';
import { CLASSIFY_HEAD_BYTES, classifyInput } from '../parse/classify-input.js';
import { SubmissionParser, type SubmissionParserOptions } from '../parse/sgml/submission-parser.js';
import { type TarEvent, TarReader } from './tar-reader.js';

/**
 * One item of a stream of submissions: a parsed submission, or the reason one input could not be read.
 * `release`, on a member of a large `.tar` file: gives the member's memory back, to read a later member into. A
 * consumer that calls it says it is done with the submission: the document bodies are views of that memory and must
 * not be read after. A consumer that never calls it gets every member in memory of its own, as before.
 */
export type SubmissionEntry =
  | { readonly ok: true; readonly source: string; readonly submission: Submission; readonly release?: () => void }
  | { readonly ok: false; readonly source: string; readonly error: Error };

/**
 * One item of a stream of raw submissions: the exact bytes, or the reason one input could not be read. `owned`:
 * the bytes fill a memory block read for this entry alone (a whole file), which may be moved to another thread.
 */
export type RawSubmissionEntry =
  | { readonly ok: true; readonly source: string; readonly bytes: Buffer; readonly owned: boolean }
  | { readonly ok: false; readonly source: string; readonly error: Error };

/** Receives one submission's bytes chunk by chunk and makes the item to yield. */
interface EntryConsumer<T> {
  /** `owned`: the chunk fills a block of memory of its own that nothing else holds (a file read whole). */
  write(chunk: Buffer, owned?: boolean): void;
  /** `release`: gives the bytes written back to the memory they were read into (see SubmissionEntry). */
  end(release?: () => void): T;
}

type ConsumerFactory<T> = (source: string) => EntryConsumer<T>;

/** Largest single submission read whole into memory (a Buffer may hold up to 4 GiB on 64-bit Node). */
const MAX_RAW_BYTES = 4 * 1024 * 1024 * 1024 - 1;

/** An input that is not an EDGAR filing (a README, an index file, an image…): skipped, never read as one. */
export class NotAFilingError extends Error {
  readonly source: string;
  readonly reason: string;
  constructor(source: string, reason: string) {
    super(`not an EDGAR filing: ${reason}`);
    this.name = 'NotAFilingError';
    this.source = source;
    this.reason = reason;
  }
}

/** Options of `readSubmissions`: strict parsing, and a callback told of the bytes read. */
export interface ReadSubmissionsOptions {
  readonly strict?: boolean;
  /** Called for each input file or archive member as it is reached (for progress). */
  readonly onBytes?: (bytes: number) => void;
}

const GZIP_MAGIC_0 = 0x1f;
const GZIP_MAGIC_1 = 0x8b;
const READ_CHUNK = 1024 * 1024;
const GUNZIP_CHUNK = 256 * 1024;
/**
 * A plain file up to this size is read whole in one call, with no stream set up for it: most submissions are a few
 * hundred kilobytes, and a read stream per file cost more than reading it. Larger files, and archives found
 * inside a folder, stream in chunks as before.
 */
const WHOLE_FILE_BYTES = 64 * 1024 * 1024;

/**
 * Reads a file, a directory (recursively, in name order), a `.tar` or `.tar.gz` archive (daily feed archives), or
 * stdin (`-`) as a stream of submissions. Archives are read member by member in constant memory: only the
 * submission being parsed is held.
 */
export async function* readSubmissions(
  path: string,
  options: ReadSubmissionsOptions = {},
  stdin: Readable = process.stdin,
): AsyncGenerator<SubmissionEntry> {
  const factory: ConsumerFactory<SubmissionEntry> = (source) => {
    const parser = new SubmissionParser({ ...parserOptions(options), source });
    return {
      write: (chunk) => parser.write(chunk),
      end: (release) => (release ? { ok: true, source, submission: parser.end(), release } : { ok: true, source, submission: parser.end() }),
    };
  };
  yield* readEntries(path, options, stdin, onlyFilings(factory), new MemberBuffers());
}

/**
 * The same inputs as `readSubmissions`, but each submission's exact bytes instead of a parse: for storing the
 * original and for handing the parse to a worker thread.
 */
export async function* readRawSubmissions(
  path: string,
  options: ReadSubmissionsOptions = {},
  stdin: Readable = process.stdin,
): AsyncGenerator<RawSubmissionEntry> {
  const factory: ConsumerFactory<RawSubmissionEntry> = (source) => {
    const chunks: Buffer[] = [];
    let length = 0;
    let owned = false;
    return {
      write: (chunk, whole = false) => {
        length += chunk.length;
        if (length > MAX_RAW_BYTES) throw new Error(`${source} is larger than ${MAX_RAW_BYTES} bytes`);
        chunks.push(chunk);
        owned = whole && chunks.length === 1;
      },
      end: () =>
        chunks.length === 1
          ? { ok: true, source, bytes: chunks[0] as Buffer, owned }
          : { ok: true, source, bytes: Buffer.concat(chunks, length), owned: false },
    };
  };
  yield* readEntries(path, options, stdin, onlyFilings(factory));
}

type ErrorEntry = { readonly ok: false; readonly source: string; readonly error: Error };

/**
 * Holds back the first CLASSIFY_HEAD_BYTES of each input and classifies them: a filing goes on to the consumer,
 * anything else becomes a NotAFilingError entry and the rest of its bytes are dropped unread by the consumer.
 */
function onlyFilings<T>(factory: ConsumerFactory<T>): ConsumerFactory<T | ErrorEntry> {
  return (source) => {
    let consumer: EntryConsumer<T> | null = null;
    let rejected: string | null = null;
    let held: Buffer[] = [];
    let heldLength = 0;
    let heldOwned = false;
    const decide = () => {
      // Only the head is classified: a whole file held in one chunk is not copied for it.
      const first = held[0];
      const head =
        first && (held.length === 1 || first.length >= CLASSIFY_HEAD_BYTES)
          ? first
          : Buffer.concat(held, Math.min(heldLength, CLASSIFY_HEAD_BYTES));
      const verdict = classifyInput(head);
      if (verdict.filing) {
        consumer = factory(source);
        for (const chunk of held) consumer.write(chunk, heldOwned && held.length === 1);
      } else rejected = verdict.reason;
      held = [];
    };
    return {
      write(chunk, owned = false) {
        if (consumer) consumer.write(chunk);
        else if (rejected === null) {
          held.push(chunk);
          heldOwned = owned;
          heldLength += chunk.length;
          if (heldLength >= CLASSIFY_HEAD_BYTES) decide();
        }
      },
      end(release) {
        if (!consumer && rejected === null) decide();
        if (rejected !== null) {
          release?.();
          return { ok: false, source, error: new NotAFilingError(source, rejected) };
        }
        return (consumer as unknown as EntryConsumer<T>).end(release);
      },
    };
  };
}

async function* readEntries<T>(
  path: string,
  options: ReadSubmissionsOptions,
  stdin: Readable,
  factory: ConsumerFactory<T>,
  buffers: MemberBuffers | null = null,
): AsyncGenerator<T | ErrorEntry> {
  if (path === '-') {
    yield* readStream(stdin, '<stdin>', options, factory);
    return;
  }
  const info = await stat(path);
  if (info.isDirectory()) {
    yield* readDirectory(path, options, factory, buffers);
    return;
  }
  // Only a regular file is read whole; a pipe or device (`<(…)`, /dev/stdin) streams, and is opened once.
  if (!info.isFile()) {
    yield* readStream(createReadStream(path, { highWaterMark: READ_CHUNK }), path, options, factory);
    return;
  }
  yield* readFileEntries(path, options, factory, buffers);
}

/** One file: read whole when it is small and not an archive (one entry, no stream), else streamed. */
async function* readFileEntries<T>(
  path: string,
  options: ReadSubmissionsOptions,
  factory: ConsumerFactory<T>,
  buffers: MemberBuffers | null,
): AsyncGenerator<T | ErrorEntry> {
  const whole = readSmallFile(path);
  if (!whole && isTarHead(readHead(path))) {
    // Members read into reused memory are views of a larger block: not owned, never moved to another thread.
    yield* readTar((reader) => tarFileChunks(path, reader, buffers), path, options, factory, buffers === null, buffers);
    return;
  }
  if (whole && !isArchive(whole)) {
    try {
      options.onBytes?.(whole.length);
      const consumer = factory(path);
      consumer.write(whole, whole.byteOffset === 0 && whole.byteLength === whole.buffer.byteLength);
      yield consumer.end();
    } catch (error) {
      yield { ok: false, source: path, error: asError(error) };
    }
    return;
  }
  const stream = whole ? Readable.from([whole], { objectMode: false }) : createReadStream(path, { highWaterMark: READ_CHUNK });
  yield* readStream(stream, path, options, factory);
}

/**
 * The regular file's bytes in a buffer of their own, or null when it is larger than WHOLE_FILE_BYTES. Read with
 * blocking calls: for a file of a few hundred kilobytes in the page cache, four round trips through libuv's thread
 * pool (open, stat, read, close) cost the reading thread more than the read itself.
 */
function readSmallFile(path: string): Buffer | null {
  const fd = openSync(path, 'r');
  try {
    const { size } = fstatSync(fd);
    if (size > WHOLE_FILE_BYTES) return null;
    // Not from Buffer's shared pool: the bytes own their memory, and nothing else lives in it.
    const bytes = Buffer.allocUnsafeSlow(size);
    let filled = 0;
    while (filled < size) {
      const bytesRead = readSync(fd, bytes, filled, size - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    // A file that shrank while being read keeps what was there; one that grew is read to its size at open.
    return filled === size ? bytes : bytes.subarray(0, filled);
  } finally {
    closeSync(fd);
  }
}

/** gzip, or a tar header (`ustar` at byte 257): what readStream unpacks. */
function isArchive(bytes: Buffer): boolean {
  if (bytes[0] === GZIP_MAGIC_0 && bytes[1] === GZIP_MAGIC_1) return true;
  return isTarHead(bytes);
}

function isTarHead(bytes: Buffer): boolean {
  return bytes.length >= 262 && bytes.toString('latin1', 257, 262) === 'ustar';
}

/** The first block of a file. */
function readHead(path: string): Buffer {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(512);
    return head.subarray(0, readSync(fd, head, 0, 512, 0));
  } finally {
    closeSync(fd);
  }
}

/** Largest piece of a member too large to be read whole. */
const TAR_PIECE_BYTES = 8 * 1024 * 1024;
/** Smallest block of MemberBuffers, and how many free blocks it keeps. */
const MEMBER_BLOCK_BYTES = 64 * 1024;
const FREE_MEMBER_BLOCKS = 2;

/**
 * Memory for the members of a large .tar file, used again: a member is read into a free block big enough for it,
 * and the block is free again once the consumer releases the member's entry (see SubmissionEntry). A member read
 * into memory of its own costs page faults, and the collections V8 starts as external memory grows: 528 MB of
 * members read in 1 MB steps cost 124–154 ms of CPU against 100–117 ms into one reused buffer.
 */
class MemberBuffers {
  readonly #free: ArrayBuffer[] = [];
  readonly #made = new WeakSet<ArrayBuffer>();

  /** `size` bytes of a free block, or of a new one (a power of two, so that it fits most later members). */
  take(size: number): Buffer {
    const free = this.#free;
    for (let index = 0; index < free.length; index++) {
      const block = free[index] as ArrayBuffer;
      if (block.byteLength >= size) {
        free.splice(index, 1);
        return Buffer.from(block, 0, size);
      }
    }
    const blockSize = size <= MEMBER_BLOCK_BYTES ? MEMBER_BLOCK_BYTES : Math.max(size, Math.min(2 ** Math.ceil(Math.log2(size)), WHOLE_FILE_BYTES));
    const block = Buffer.allocUnsafeSlow(blockSize).buffer as ArrayBuffer;
    this.#made.add(block);
    return Buffer.from(block, 0, size);
  }

  /** The function that gives back the block `bytes` were read into (once, however often it is called), or undefined. */
  releaserOf(bytes: Buffer): (() => void) | undefined {
    const block = bytes.buffer as ArrayBuffer;
    if (!this.#made.has(block)) return undefined;
    let given = false;
    return () => {
      if (given) return;
      given = true;
      this.#free.push(block);
      // The largest blocks are kept: they fit every member.
      if (this.#free.length > FREE_MEMBER_BLOCKS) this.#free.sort((a, b) => b.byteLength - a.byteLength).pop();
    };
  }
}

/**
 * A large .tar file read in the steps its reader asks for: each header block, then each member's data into a
 * buffer of its own (parsed in place, and free to move to a worker thread), or into a block of `buffers` when the
 * consumer gives members back; in blocking reads as readSmallFile does. Header blocks and padding, of which the
 * reader keeps nothing, are read into one buffer used again.
 */
function* tarFileChunks(path: string, reader: TarReader, buffers: MemberBuffers | null): Generator<Buffer, void, undefined> {
  const fd = openSync(path, 'r');
  let scratch: Buffer | null = null;
  try {
    let position = 0;
    for (;;) {
      const wanted = reader.wanted(TAR_PIECE_BYTES) || 512;
      const next = reader.nextBytes;
      let chunk: Buffer;
      if (next === 'read') {
        if (!scratch || scratch.length < wanted) scratch = Buffer.allocUnsafeSlow(Math.max(wanted, 4096));
        chunk = scratch.subarray(0, wanted);
      } else chunk = next === 'member' && buffers ? buffers.take(wanted) : Buffer.allocUnsafeSlow(wanted);
      const bytesRead = readSync(fd, chunk, 0, wanted, position);
      if (bytesRead === 0) return;
      position += bytesRead;
      yield bytesRead === wanted ? chunk : chunk.subarray(0, bytesRead);
    }
  } finally {
    closeSync(fd);
  }
}

async function* readDirectory<T>(
  directory: string,
  options: ReadSubmissionsOptions,
  factory: ConsumerFactory<T>,
  buffers: MemberBuffers | null,
): AsyncGenerator<T | ErrorEntry> {
  const entries = await readdir(directory, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const path = join(directory, entry.name);
    if (entry.isDirectory()) yield* readDirectory(path, options, factory, buffers);
    else if (entry.isFile()) {
      try {
        yield* readFileEntries(path, options, factory, buffers);
      } catch (error) {
        yield { ok: false, source: path, error: asError(error) };
      }
    }
  }
}

/**
 * Sniffs the first bytes: gzip is unzipped and sniffed again; a tar header (`ustar` at byte 257) makes an archive;
 * anything else is one submission.
 */
async function* readStream<T>(
  stream: Readable,
  source: string,
  options: ReadSubmissionsOptions,
  factory: ConsumerFactory<T>,
): AsyncGenerator<T | ErrorEntry> {
  const iterator = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const head: Buffer[] = [];
  let headLength = 0;
  let done = false;
  while (headLength < 512 && !done) {
    const next = await iterator.next();
    if (next.done) done = true;
    else {
      head.push(next.value);
      headLength += next.value.length;
    }
  }
  const first = Buffer.concat(head);
  const rest = chain(first, iterator, done);
  if (first[0] === GZIP_MAGIC_0 && first[1] === GZIP_MAGIC_1) {
    // zlib's default 16 KiB output chunks cost twice the CPU of 256 KiB ones on a feed archive (bench/tar-reader.ts).
    const gunzip = createGunzip({ chunkSize: GUNZIP_CHUNK });
    const feeding = pipeInto(rest, gunzip);
    let failure: Error | null = null;
    feeding.catch((error: unknown) => {
      failure = asError(error);
    });
    try {
      yield* readStream(gunzip, source, options, factory);
    } finally {
      gunzip.destroy();
    }
    await feeding.catch(() => undefined);
    if (failure) yield { ok: false, source, error: new Error(`Cannot decompress ${source}: ${(failure as Error).message}`) };
    return;
  }
  if (first.length >= 262 && first.toString('latin1', 257, 262) === 'ustar') {
    yield* readTar(() => rest, source, options, factory, false);
    return;
  }
  try {
    const consumer = factory(source);
    for await (const chunk of rest) {
      options.onBytes?.(chunk.length);
      consumer.write(chunk);
    }
    yield consumer.end();
  } catch (error) {
    yield { ok: false, source, error: asError(error) };
  }
}

function parserOptions(options: ReadSubmissionsOptions): SubmissionParserOptions {
  return options.strict ? { strict: true } : {};
}

/**
 * A tar's members in archive order, read by TarReader: a member inside one chunk is parsed in place (a whole .tar
 * file of ordinary size is one chunk), one that spans chunks is gathered once into a buffer of its own.
 */
async function* readTar<T>(
  chunksOf: (reader: TarReader) => AsyncIterable<Buffer> | Iterable<Buffer>,
  source: string,
  options: ReadSubmissionsOptions,
  factory: ConsumerFactory<T>,
  ownedChunks: boolean,
  buffers: MemberBuffers | null = null,
): AsyncGenerator<T | ErrorEntry> {
  const reader = new TarReader(source, { wholeBytes: WHOLE_FILE_BYTES });
  const chunks = chunksOf(reader);
  // A member larger than WHOLE_FILE_BYTES arrives in pieces: its consumer, or the error that stopped it.
  let large: { name: string; consumer: EntryConsumer<T> | null; error: Error | null } | null = null;
  const settle = function* (events: readonly TarEvent[]): Generator<T | ErrorEntry, boolean> {
    for (const event of events) {
      switch (event.kind) {
        case 'member': {
          const name = `${source}:${event.header.name}`;
          const release = buffers?.releaserOf(event.data);
          let entry: T | ErrorEntry;
          try {
            options.onBytes?.(event.data.length);
            const consumer = factory(name);
            if (event.data.length > 0) consumer.write(event.data, event.owned);
            entry = consumer.end(release);
          } catch (error) {
            // Nothing was made of the bytes: they are free at once.
            release?.();
            entry = { ok: false, source: name, error: asError(error) };
          }
          yield entry;
          break;
        }
        case 'start': {
          const name = `${source}:${event.header.name}`;
          try {
            large = { name, consumer: factory(name), error: null };
          } catch (error) {
            large = { name, consumer: null, error: asError(error) };
          }
          break;
        }
        case 'data': {
          const open = large as { consumer: EntryConsumer<T> | null; error: Error | null } | null;
          if (!open?.consumer) break;
          options.onBytes?.(event.data.length);
          try {
            open.consumer.write(event.data);
          } catch (error) {
            open.consumer = null;
            open.error = asError(error);
          }
          break;
        }
        case 'end': {
          const open = large as { name: string; consumer: EntryConsumer<T> | null; error: Error | null } | null;
          large = null;
          if (!open) break;
          if (open.consumer) {
            try {
              yield open.consumer.end();
            } catch (error) {
              yield { ok: false, source: open.name, error: asError(error) };
            }
          } else yield { ok: false, source: open.name, error: open.error ?? new Error('unreadable member') };
          break;
        }
        case 'unsafe':
          yield { ok: false, source: `${source}:${event.header.name}`, error: event.error };
          break;
        case 'error':
          yield { ok: false, source, error: new Error(`Cannot read archive ${event.error.message}`) };
          return false;
        default:
          break;
      }
    }
    return true;
  };
  try {
    for await (const chunk of chunks) if (!(yield* settle(reader.push(chunk, ownedChunks)))) return;
  } catch (error) {
    yield { ok: false, source, error: new Error(`Cannot read archive ${source}: ${asError(error).message}`) };
    return;
  }
  yield* settle(reader.end());
}

async function* chain(first: Buffer, rest: AsyncIterator<Buffer>, done: boolean): AsyncGenerator<Buffer> {
  if (first.length > 0) yield first;
  if (done) return;
  for (;;) {
    const next = await rest.next();
    if (next.done) return;
    yield next.value;
  }
}

/** Writes an async iterable into a stream with backpressure; settles when the target finishes or is destroyed. */
function pipeInto(chunks: AsyncIterable<Buffer>, target: NodeJS.WritableStream): Promise<void> {
  return pipeline(Readable.from(chunks, { objectMode: false }), target);
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
