/**
 * Response bodies sent in pieces: a rendering of a large document is bytes shared by every request for it (sent as
 * views of them, never copied), and text is escaped and encoded a piece at a time as the client reads. No request
 * builds its answer as one large string, so what a request holds is a piece, however large the document.
 */

/** Part of a body: bytes as they are, text to encode, or text made a piece at a time (escaped as it is asked for). */
export type BodyPart = Uint8Array | string | Iterable<string>;

/** Bytes handed to the socket at a time; also the characters of text escaped or encoded at a time. */
const PIECE = 64 * 1024;

const encoder = new TextEncoder();

/** The parts as one stream, read as the client reads (nothing is made before the socket asks for it). */
export function bodyStream(parts: readonly BodyPart[]): ReadableStream<Uint8Array> {
  const chunks = pieces(parts);
  return new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        const next = chunks.next();
        if (next.done) controller.close();
        else controller.enqueue(next.value);
      },
      cancel() {
        chunks.return(undefined);
      },
    },
    { highWaterMark: 0 },
  );
}

function* pieces(parts: readonly BodyPart[]): Generator<Uint8Array, void, undefined> {
  for (const part of parts) {
    if (part instanceof Uint8Array) {
      for (let at = 0; at < part.byteLength; at += PIECE) yield part.subarray(at, Math.min(part.byteLength, at + PIECE));
    } else if (typeof part === 'string') {
      yield* encoded(part);
    } else {
      for (const text of part) yield* encoded(text);
    }
  }
}

function* encoded(text: string): Generator<Uint8Array, void, undefined> {
  for (let at = 0; at < text.length; ) {
    const end = cut(text, at + PIECE);
    if (end > at) yield encoder.encode(text.slice(at, end));
    at = end;
  }
}

/** `at`, or one before it when `at` would part a surrogate pair (each half alone would encode as U+FFFD). */
function cut(text: string, at: number): number {
  if (at >= text.length) return text.length;
  const before = text.charCodeAt(at - 1);
  return before >= 0xd800 && before <= 0xdbff ? at - 1 : at;
}

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** `text[start, end)` escaped for HTML, a piece at a time (each piece escaped only when it is asked for). */
export function* escapedPieces(text: string, start = 0, end = text.length): Generator<string, void, undefined> {
  for (let at = start; at < end; ) {
    const next = Math.min(end, cut(text, at + PIECE));
    yield text.slice(at, next).replace(/[&<>"']/g, (character) => ESCAPES[character] as string);
    at = next;
  }
}
