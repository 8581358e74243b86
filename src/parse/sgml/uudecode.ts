import { indexOfByte, indexOfByteFar } from '../../core/bytes.js';
import { type Diagnostic, diagnostic } from '../../core/diagnostic.js';

/** A uuencoded attachment decoded: its file name, mode and exact bytes. */
export interface DecodedAttachment {
  /** The file name on the `begin` line. */
  readonly filename: string;
  /** The Unix mode on the `begin` line (`644`). */
  readonly mode: string;
  readonly bytes: Uint8Array;
  readonly diagnostics: readonly Diagnostic[];
}

// The file name is trimmed after the match: `(.*?)\s*$` would backtrack quadratically on trailing blanks.
const BEGIN_LINE = /^begin(?:-base64)? +([0-7]{3,4}) +(.*)$/;
const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;
const BACKTICK = 0x60;
/** A `begin` line longer than this is not one. */
const MAX_BEGIN_LINE = 1024;

/**
 * Finds the `begin MODE NAME` line of a uuencoded body; null when the body is not uuencoded. `lineBreak` is the
 * byte that ends its lines: LF (CRLF included), or CR in dissemination files written with bare CR line ends.
 */
export function findUuencodeBegin(
  body: Uint8Array,
): { mode: string; filename: string; lineStart: number; dataStart: number; lineBreak: number } | null {
  let at = 0;
  // Skip blank lines before `begin`.
  while (at < body.length && (body[at] === NEWLINE || body[at] === CARRIAGE_RETURN || body[at] === 0x20)) at++;
  if (body[at] !== 0x62 /* b */) return null;
  const limit = Math.min(body.length, at + MAX_BEGIN_LINE);
  let lineEnd = at;
  while (lineEnd < limit && body[lineEnd] !== NEWLINE && body[lineEnd] !== CARRIAGE_RETURN) lineEnd++;
  if (lineEnd === limit && limit < body.length) return null;
  let lineBreak = NEWLINE;
  let dataStart = lineEnd + 1;
  if (body[lineEnd] === CARRIAGE_RETURN) {
    if (body[lineEnd + 1] === NEWLINE) dataStart++;
    else lineBreak = CARRIAGE_RETURN;
  }
  const line = String.fromCharCode(...body.subarray(at, lineEnd));
  const match = BEGIN_LINE.exec(line);
  if (!match) return null;
  return {
    mode: match[1] as string,
    filename: (match[2] as string).trimEnd(),
    lineStart: at,
    dataStart: Math.min(dataStart, body.length),
    lineBreak,
  };
}

/** Sum of the length bytes of each line: the decoded size, without decoding. */
export function uudecodedLength(body: Uint8Array): number | null {
  const begin = findUuencodeBegin(body);
  if (!begin) return null;
  let total = 0;
  let at = begin.dataStart;
  while (at < body.length) {
    // Lines are about 60 bytes: the native search at once.
    let lineEnd = indexOfByteFar(body, begin.lineBreak, at);
    if (lineEnd === -1) lineEnd = body.length;
    const first = body[at] as number;
    if (lineEnd > at && first !== CARRIAGE_RETURN) {
      if (first === 0x65 /* e */ && body[at + 1] === 0x6e && body[at + 2] === 0x64) break;
      total += (first - 0x20) & 0x3f;
    }
    at = lineEnd + 1;
  }
  return total;
}

/**
 * Decodes the groups of four characters in `body[from, stop)` into `out` from `to`; false when a byte under 0x20 (a
 * line break among them) is met, which the caller then reads line by line. A function of its own: small, it is
 * optimised after a few hundred lines, where the whole decoder would run unoptimised through the first attachment.
 */
function decodeWholeLine(body: Uint8Array, from: number, stop: number, out: Uint8Array, to: number): boolean {
  let low = 0;
  let next = to;
  for (let group = from; group < stop; group += 4) {
    const b0 = (body[group] as number) - 0x20;
    const b1 = (body[group + 1] as number) - 0x20;
    const b2 = (body[group + 2] as number) - 0x20;
    const b3 = (body[group + 3] as number) - 0x20;
    low |= b0 | b1 | b2 | b3;
    const c1 = b1 & 0x3f;
    const c2 = b2 & 0x3f;
    out[next] = ((b0 & 0x3f) << 2) | (c1 >> 4);
    out[next + 1] = ((c1 & 0x0f) << 4) | (c2 >> 2);
    out[next + 2] = ((c2 & 0x03) << 6) | (b3 & 0x3f);
    next += 3;
  }
  return low >= 0;
}

/**
 * Decodes a uuencoded body to its exact bytes. Lenient: a short line is padded, a missing `end` is reported, and
 * the declared line lengths decide the output so the size matches what the encoder wrote.
 * `offset` is the body's byte offset in its submission, so diagnostics point into the submission.
 */
export function uudecode(body: Uint8Array, offset = 0): DecodedAttachment | null {
  const begin = findUuencodeBegin(body);
  if (!begin) return null;
  const diagnostics: Diagnostic[] = [];
  const out = new Uint8Array(Math.ceil(((body.length - begin.dataStart) * 3) / 4) + 3);
  let written = 0;
  let at = begin.dataStart;
  let sawEnd = false;
  let shortLines = 0;
  const lineBreak = begin.lineBreak;
  while (at < body.length) {
    const lead = body[at] as number;
    if (lead > 0x20 && lead < 0x60) {
      // A whole line ends where its length byte says (nearly every line): decoded without looking for its end
      // first. Taken only when the reading below would see the same line (no line break before `stop`, the break
      // at `stop`, no blank before it), which the loop checks as it goes; otherwise the line is read below.
      const declared = lead - 0x20;
      const stop = at + 1 + Math.ceil(declared / 3) * 4;
      const next = body[stop];
      const breakAt =
        next === lineBreak ? stop : next === CARRIAGE_RETURN && lineBreak === NEWLINE && body[stop + 1] === NEWLINE ? stop + 1 : -1;
      if (breakAt !== -1 && body[stop - 1] !== 0x20 && decodeWholeLine(body, at + 1, stop, out, written)) {
        // The last group's bytes past the declared length are overwritten or cut off.
        written += declared;
        at = breakAt + 1;
        continue;
      }
    }
    let lineEnd = indexOfByte(body, lineBreak, at);
    if (lineEnd === -1) lineEnd = body.length;
    let contentEnd = lineEnd;
    while (contentEnd > at && (body[contentEnd - 1] === CARRIAGE_RETURN || body[contentEnd - 1] === 0x20)) contentEnd--;
    if (contentEnd > at) {
      const first = body[at] as number;
      if (first === 0x65 && body[at + 1] === 0x6e && body[at + 2] === 0x64 && contentEnd - at === 3) {
        sawEnd = true;
        break;
      }
      const declared = (first - 0x20) & 0x3f;
      if (declared > 0) {
        const needed = Math.ceil(declared / 3) * 4;
        if (contentEnd - at - 1 < needed) shortLines++;
        let produced = 0;
        if (contentEnd - at - 1 >= needed) {
          // A whole line (nearly every one): its full groups without the past-the-end checks.
          const whole = Math.floor(declared / 3);
          for (let group = at + 1, stop = at + 1 + whole * 4; group < stop; group += 4) {
            const c0 = ((body[group] as number) - 0x20) & 0x3f;
            const c1 = ((body[group + 1] as number) - 0x20) & 0x3f;
            const c2 = ((body[group + 2] as number) - 0x20) & 0x3f;
            const c3 = ((body[group + 3] as number) - 0x20) & 0x3f;
            out[written] = (c0 << 2) | (c1 >> 4);
            out[written + 1] = ((c1 & 0x0f) << 4) | (c2 >> 2);
            out[written + 2] = ((c2 & 0x03) << 6) | c3;
            written += 3;
          }
          produced = whole * 3;
        }
        for (let group = at + 1 + (produced / 3) * 4; produced < declared; group += 4) {
          // Characters past the line end read as zero (a space or backtick both encode 0).
          const c0 = group < contentEnd ? ((body[group] as number) - 0x20) & 0x3f : 0;
          const c1 = group + 1 < contentEnd ? ((body[group + 1] as number) - 0x20) & 0x3f : 0;
          const c2 = group + 2 < contentEnd ? ((body[group + 2] as number) - 0x20) & 0x3f : 0;
          const c3 = group + 3 < contentEnd ? ((body[group + 3] as number) - 0x20) & 0x3f : 0;
          out[written++] = (c0 << 2) | (c1 >> 4);
          produced++;
          if (produced < declared) {
            out[written++] = ((c1 & 0x0f) << 4) | (c2 >> 2);
            produced++;
          }
          if (produced < declared) {
            out[written++] = ((c2 & 0x03) << 6) | c3;
            produced++;
          }
        }
      } else if (first !== BACKTICK && first !== 0x20) {
        diagnostics.push(diagnostic('uu/bad-line', 'warning', 'Skipped a line that is not uuencoded data', offset + at));
      }
    }
    at = lineEnd + 1;
  }
  if (shortLines > 0) {
    diagnostics.push(
      diagnostic(
        'uu/short-line',
        'warning',
        `${shortLines} uuencoded line(s) were shorter than their length byte says; the missing bytes were read as zero`,
        offset + begin.dataStart,
      ),
    );
  }
  if (!sawEnd) {
    diagnostics.push(diagnostic('uu/missing-end', 'warning', `Uuencoded "${begin.filename}" has no "end" line`, offset + body.length));
  }
  return { filename: begin.filename, mode: begin.mode, bytes: out.subarray(0, written), diagnostics };
}
