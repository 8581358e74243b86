/**
 * Byte helpers for the hot path. Multi-byte search goes through Node's Buffer#indexOf (a native scan that runs at
 * several GB/s) when Buffer exists, and through a first-byte scan elsewhere; nothing here imports `node:*`.
 */

type BufferIndexOf = (this: Uint8Array, value: Uint8Array | number, byteOffset?: number) => number;
type BufferStatic = {
  prototype: { indexOf: BufferIndexOf; latin1Slice(this: Uint8Array, start: number, end: number): string };
};

const NodeBuffer = (globalThis as { Buffer?: BufferStatic }).Buffer;
// Node's Buffer#indexOf accepts any Uint8Array as `this`: called on a plain view, no Buffer object need be made for
// a search (making one costs more than a short search).
const bufferIndexOf = NodeBuffer?.prototype.indexOf;

/** Index of `needle` in `haystack` at or after `from`, or -1: a native scan (memchr, Boyer-Moore-Horspool) under Node. */
export function indexOfBytes(haystack: Uint8Array, needle: Uint8Array, from = 0): number {
  if (bufferIndexOf) return bufferIndexOf.call(haystack, needle, from);
  const first = needle[0];
  if (first === undefined) return from;
  let at = haystack.indexOf(first, from);
  while (at !== -1 && at + needle.length <= haystack.length) {
    let matched = true;
    for (let k = 1; k < needle.length; k++) {
      if (haystack[at + k] !== needle[k]) {
        matched = false;
        break;
      }
    }
    if (matched) return at;
    at = haystack.indexOf(first, at + 1);
  }
  return -1;
}

/**
 * Bytes looked at one by one before a search for a single byte goes native. The native search (memchr) costs about
 * 10–15 ns a call whatever the distance, the loop about 1 ns a byte (Node 20): the loop wins only over the first
 * dozen bytes.
 */
const SHORT_SEARCH = 16;
/** A bounded search over at most this many bytes runs as a loop: the native one needs a view to bound it (about 30 ns). */
const SHORT_RANGE_SEARCH = 32;

/**
 * Index of the byte `value` in `haystack` at or after `from`, or -1. A search that ends within a few bytes is
 * cheaper as a loop than as a native call; a longer one goes on with memchr.
 */
export function indexOfByte(haystack: Uint8Array, value: number, from = 0): number {
  const stop = Math.min(haystack.length, from + SHORT_SEARCH);
  for (let at = from; at < stop; at++) if (haystack[at] === value) return at;
  if (stop >= haystack.length) return -1;
  return indexOfByteFar(haystack, value, stop);
}

/**
 * Index of the byte `value` at or after `from`, or -1, by the native search at once: for searches that run past a
 * dozen bytes (uuencoded lines), and the rest of a longer `indexOfByte`.
 */
export function indexOfByteFar(haystack: Uint8Array, value: number, from = 0): number {
  return bufferIndexOf ? bufferIndexOf.call(haystack, value, from) : haystack.indexOf(value, from);
}

/** Index of the byte `value` in `haystack[from, to)`, or -1; the search never reads past `to`. */
export function indexOfByteWithin(haystack: Uint8Array, value: number, from: number, to: number): number {
  const end = Math.min(to, haystack.length);
  if (end - from <= SHORT_RANGE_SEARCH) {
    for (let at = from; at < end; at++) if (haystack[at] === value) return at;
    return -1;
  }
  const within = indexOfByte(haystack.subarray(from, end), value);
  return within === -1 ? -1 : within + from;
}

/** Bytes of an ASCII string. */
export function ascii(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i) & 0x7f;
  return out;
}

/** True when `bytes` at `at` spell `expected` (ASCII), ignoring letter case. */
export function startsWithAsciiIgnoreCase(bytes: Uint8Array, at: number, expected: string): boolean {
  if (at < 0 || at + expected.length > bytes.length) return false;
  for (let k = 0; k < expected.length; k++) {
    let byte = bytes[at + k] as number;
    if (byte >= 0x61 && byte <= 0x7a) byte -= 0x20;
    let want = expected.charCodeAt(k);
    if (want >= 0x61 && want <= 0x7a) want -= 0x20;
    if (byte !== want) return false;
  }
  return true;
}

/** Case-insensitive search for an ASCII needle; slower than `indexOfBytes`, meant for repair paths only. */
export function indexOfAsciiIgnoreCase(bytes: Uint8Array, needle: string, from = 0, to = bytes.length): number {
  const lower = needle.toLowerCase().charCodeAt(0);
  const upper = needle.toUpperCase().charCodeAt(0);
  const last = to - needle.length;
  for (let at = from; at <= last; at++) {
    const byte = bytes[at];
    if ((byte === lower || byte === upper) && startsWithAsciiIgnoreCase(bytes, at, needle)) return at;
  }
  return -1;
}

const latin1Decoder = new TextDecoder('latin1');
// Node's own Latin-1 slice makes the string in one native call, with none of TextDecoder's checks (a third faster on
// a header); it accepts any Uint8Array.
const latin1Slice = NodeBuffer?.prototype.latin1Slice;

/** Latin-1 decoding of a byte range (header keys and values); one char per byte so offsets match. */
export function latin1(bytes: Uint8Array, start = 0, end = bytes.length): string {
  if (end - start < 16) {
    // Short keys and values: a plain loop beats a native call.
    let out = '';
    for (let at = start; at < end; at++) out += String.fromCharCode(bytes[at] as number);
    return out;
  }
  if (latin1Slice) return latin1Slice.call(bytes, start, end);
  return latin1Decoder.decode(bytes.subarray(start, end));
}

export function isWhitespaceByte(byte: number): boolean {
  return byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d || byte === 0x0c || byte === 0x0b;
}

/** Concatenates byte chunks into one array (no copy when there is only one). */
export function concatBytes(chunks: readonly Uint8Array[], totalLength?: number): Uint8Array {
  if (chunks.length === 1) return chunks[0] as Uint8Array;
  const length = totalLength ?? chunks.reduce((sum, chunk) => sum + chunk.length, 0);
  const out = new Uint8Array(length);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}
