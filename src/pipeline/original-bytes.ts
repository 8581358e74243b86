import { isUtf8 } from 'node:buffer';
import { Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip } from 'node:zlib';
import type { StoredBlob } from '../store/store.js';

/**
 * Reading stored originals without holding them whole: a 600 MB submission is stored compressed, and decompressing it
 * at once for each request is what drove a server to gigabytes. These read it as a stream, or only the part asked for.
 */

/**
 * The bytes of a stored blob as a stream of chunks of up to `chunkBytes` (zlib's default 16 KiB), decompressed as
 * they are read (zlib waits for the reader).
 */
export function blobStream(blob: StoredBlob, chunkBytes?: number): Readable {
  const bytes = Buffer.from(blob.data.buffer, blob.data.byteOffset, blob.data.byteLength);
  if (blob.compression === 'none') return Readable.from([bytes]);
  const options = chunkBytes === undefined ? {} : { chunkSize: chunkBytes };
  const decompress = blob.compression === 'brotli' ? createBrotliDecompress(options) : createGunzip(options);
  decompress.end(bytes);
  return decompress;
}

/**
 * The most a range read decompresses per step. Each step is a trip to zlib's thread and back through the event
 * loop, so on a busy server a document read in 16 KiB steps waited for the loop dozens of times.
 */
const RANGE_CHUNK_BYTES = 1024 * 1024;

/** Bytes `[start, end)` of a stored blob: decompressed only up to `end`, and only the range kept. */
export async function readBlobRange(blob: StoredBlob, start: number, end: number): Promise<Uint8Array> {
  const from = Math.max(0, Math.min(start, blob.byteLength));
  const to = Math.max(from, Math.min(end, blob.byteLength));
  if (blob.compression === 'none') return blob.data.subarray(from, to);
  const out = new Uint8Array(to - from);
  let at = 0;
  const chunkBytes = Math.min(RANGE_CHUNK_BYTES, Math.max(64 * 1024, to));
  for await (const chunk of blobStream(blob, chunkBytes) as AsyncIterable<Buffer>) {
    const next = at + chunk.length;
    if (next > from) out.set(chunk.subarray(Math.max(0, from - at), Math.min(chunk.length, to - at)), Math.max(0, at - from));
    at = next;
    if (at >= to) break;
  }
  return out.subarray(0, Math.max(0, Math.min(at, to) - from));
}

/** How far before its body a document's `<DOCUMENT>` line may stand: the parser reads a preamble within 64 KiB. */
const PREAMBLE_BYTES = 64 * 1024;
/** Room after the body for its `</TEXT>` and `</DOCUMENT>` lines. */
const TRAILER_BYTES = 1024;
const OPEN_TAGS = ['<DOCUMENT>', '<document>', '<Document>'].map((tag) => Buffer.from(tag, 'latin1'));

/**
 * One document of a stored submission as a submission of its own: the bytes from its `<DOCUMENT>` line to just
 * past its body, read without the rest of the file (so rendering a 2 MB exhibit of a 600 MB filing reads about 2
 * MB). `offset` is where those bytes stand in the original; `first` is true when the document is the first of them.
 * A document with no `<DOCUMENT>` line before it (a bare document) is read from the start of the submission.
 */
export async function readStoredDocument(
  blob: StoredBlob,
  document: { readonly bodyStart: number; readonly bodyEnd: number },
): Promise<{ readonly bytes: Uint8Array; readonly offset: number; readonly first: boolean }> {
  const from = Math.max(0, document.bodyStart - PREAMBLE_BYTES);
  const to = Math.min(blob.byteLength, document.bodyEnd + TRAILER_BYTES);
  const window = await readBlobRange(blob, from, to);
  const view = Buffer.from(window.buffer, window.byteOffset, window.byteLength);
  const before = document.bodyStart - from;
  const open = Math.max(...OPEN_TAGS.map((tag) => view.lastIndexOf(tag, before)));
  if (open >= 0) return { bytes: window.subarray(open), offset: from + open, first: true };
  return { bytes: from === 0 ? window : await readBlobRange(blob, 0, to), offset: 0, first: false };
}

/** Blobs up to this size are checked whole; larger ones a chunk at a time. */
const WHOLE_CHECK_BYTES = 16 * 1024 * 1024;

/** True when the blob's bytes are valid UTF-8 (ASCII is), read as a stream: nothing but a chunk is held. */
export async function isUtf8Blob(blob: StoredBlob): Promise<boolean> {
  if (blob.compression === 'none' || blob.byteLength <= WHOLE_CHECK_BYTES) {
    if (blob.compression === 'none') return isUtf8(blob.data);
    return isUtf8(await readBlobRange(blob, 0, blob.byteLength));
  }
  let carry: Uint8Array = new Uint8Array();
  for await (const chunk of blobStream(blob) as AsyncIterable<Buffer>) {
    const bytes = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
    const cut = completeLength(bytes);
    if (!isUtf8(bytes.subarray(0, cut))) return false;
    carry = bytes.subarray(cut);
  }
  return carry.length === 0;
}

/** The length of `bytes` without a multi-byte sequence cut off at its end (continued in the next chunk). */
function completeLength(bytes: Uint8Array): number {
  for (let index = bytes.length - 1; index >= Math.max(0, bytes.length - 3); index--) {
    const byte = bytes[index] as number;
    if ((byte & 0xc0) === 0x80) continue;
    const needs = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return bytes.length - index < needs ? index : bytes.length;
  }
  return bytes.length;
}
