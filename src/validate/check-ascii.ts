import type { FindingCollector, FindingPlace } from './finding.js';
import { asciiAdvice, characterAt, describeCharacter } from './check-characters.js';

const LF = 0x0a;
const CR = 0x0d;
const LINE_LIMIT = 80;
const TABLE_LINE_LIMIT = 132;

function isPermitted(code: number): boolean {
  return (code >= 0x20 && code <= 0x7e) || code === 0x09 || code === LF || code === CR || code === 0x0c;
}

/** True when the bytes from `at` spell `tag` (upper case) followed by the end of the line. */
function lineIs(bytes: Uint8Array, at: number, end: number, tag: string): boolean {
  let stop = end;
  while (stop > at && (bytes[stop - 1] === CR || bytes[stop - 1] === 0x20 || bytes[stop - 1] === 0x09)) stop--;
  let start = at;
  while (start < stop && (bytes[start] === 0x20 || bytes[start] === 0x09)) start++;
  if (stop - start !== tag.length) return false;
  for (let i = 0; i < tag.length; i++) if (((bytes[start + i] as number) | 0x20) !== (tag.charCodeAt(i) | 0x20)) return false;
  return true;
}

/**
 * A legacy ASCII document: only printable ASCII, tab, line feed, carriage return and form feed; lines of at most 80
 * characters, 132 between `<TABLE>` and `</TABLE>`; every `<TABLE>` closed. `body` is the document's bytes, which
 * start at `base` in the file.
 */
export function checkAsciiDocument(body: Uint8Array, base: number, place: Omit<FindingPlace, 'offset'>, findings: FindingCollector): void {
  let lineStart = 0;
  let inTable = false;
  let tableOffset = 0;
  while (lineStart <= body.length) {
    let lineEnd = body.indexOf(LF, lineStart);
    if (lineEnd === -1) lineEnd = body.length;
    let contentEnd = lineEnd;
    if (contentEnd > lineStart && body[contentEnd - 1] === CR) contentEnd--;
    // Characters, counted as characters (a UTF-8 sequence is one).
    let width = 0;
    for (let at = lineStart; at < contentEnd; ) {
      const code = body[at] as number;
      if (isPermitted(code)) {
        width += code === 0x09 ? 8 - (width % 8) : 1;
        at++;
        continue;
      }
      const { char, length } = characterAt(body, at);
      findings.add(
        'ascii/invalid-character',
        `Replace ${describeCharacter(char)}: ASCII documents take printable ASCII only; ${asciiAdvice(char)}`,
        {
          ...place,
          offset: base + at,
        },
      );
      width++;
      at += length;
    }
    if (body[lineStart] === 0x3c /* < */) {
      if (lineIs(body, lineStart, contentEnd, '<TABLE>')) {
        inTable = true;
        tableOffset = lineStart;
      } else if (lineIs(body, lineStart, contentEnd, '</TABLE>')) inTable = false;
    }
    const limit = inTable ? TABLE_LINE_LIMIT : LINE_LIMIT;
    if (width > limit)
      findings.add(
        'ascii/line-too-long',
        `The line is ${width} characters long; break it at ${limit}${inTable ? ' (the limit inside <TABLE>)' : ' (132 inside <TABLE>)'}`,
        { ...place, offset: base + lineStart + limit },
      );
    if (lineEnd === body.length) break;
    lineStart = lineEnd + 1;
  }
  if (inTable)
    findings.add('ascii/unclosed-table', 'This <TABLE> is never closed; add </TABLE> after its last row', {
      ...place,
      offset: base + tableOffset,
    });
}
