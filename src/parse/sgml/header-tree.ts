import { latin1 } from '../../core/bytes.js';
import { type Diagnostic, diagnostic } from '../../core/diagnostic.js';
import type { HeaderNode } from '../../model/submission.js';

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;
const TAB = 0x09;
const SPACE = 0x20;
const LESS_THAN = 0x3c;
const NO_BREAK_SPACE = 0xa0;
const LINE_BREAK = /[\r\n]/;
const MAX_TAG_DEPTH = 32;

interface MutableNode {
  key: string;
  value: string;
  children: MutableNode[];
  offset: number;
}

/** The children of every leaf: one shared empty list, replaced by a list of its own at a node's first child. */
const NO_CHILDREN: MutableNode[] = [];

/** Whitespace as `String.prototype.trim` sees it within Latin-1: tab to CR, space and no-break space. */
function isBlank(code: number): boolean {
  return code === SPACE || (code >= TAB && code <= CARRIAGE_RETURN) || code === NO_BREAK_SPACE;
}

/** `text[start, end)` without the blanks at either end, sliced once. */
function trimmed(text: string, start: number, end: number): string {
  let from = start;
  let to = end;
  while (from < to && isBlank(text.charCodeAt(from))) from++;
  while (to > from && isBlank(text.charCodeAt(to - 1))) to--;
  return text.slice(from, to);
}

/**
 * Reads the `KEY:<tabs>value` lines of an SGML header into a tree nested by tab indentation.
 * A key whose following lines are indented deeper opens a block. `<TAG>value` lines inside the header
 * (`<ACCEPTANCE-DATETIME>`) become nodes too, and a line that is neither is kept with an empty key:
 * nothing in the header is dropped.
 *
 * `bytes[start, end)` is the header (`precedingByte` the byte before it, -1 for none); offsets in nodes and diagnostics are absolute. The header is decoded once and
 * read with string searches (native scans) and one slice per key and value: the header of a 40-APP names hundreds
 * of parties in a quarter of a megabyte.
 */
export function readHeaderLines(
  bytes: Uint8Array,
  start: number,
  end: number,
  diagnostics: Diagnostic[],
  base = 0,
  precedingByte = start > 0 ? (bytes[start - 1] as number) : -1,
): HeaderNode[] {
  const text = latin1(bytes, start, end);
  const length = text.length;
  const origin = base + start;
  const roots: MutableNode[] = [];
  // The open blocks as two parallel stacks (indent, node): no object per line.
  const indents: number[] = [];
  const open: MutableNode[] = [];
  let depth = 0;
  // The next LF, CR, ':' and '>' found by the last search (-2 before the first): each is searched again only
  // once the reading has passed it, so a header with none of them is still read in linear time.
  let nextLf = -2;
  let nextCr = -2;
  let nextColon = -2;
  let nextGt = -2;
  // Whether the byte before a leading space is a space too (a run of spaces is one level); at the header's first
  // line that byte is the one before the header, which a streaming caller may no longer hold, so it passes it.
  let previous = precedingByte;
  let at = 0;
  while (at < length) {
    // LF, CRLF or a bare CR ends a line.
    if (nextLf !== -1 && nextLf < at) nextLf = text.indexOf('\n', at);
    if (nextCr !== -1 && nextCr < at) nextCr = text.indexOf('\r', at);
    let lineEnd = nextLf === -1 ? length : nextLf;
    if (nextCr !== -1 && nextCr < lineEnd) {
      lineEnd = nextCr;
      if (lineEnd + 1 < length && text.charCodeAt(lineEnd + 1) === NEWLINE) lineEnd++;
    }
    let contentEnd = lineEnd;
    while (contentEnd > at) {
      const code = text.charCodeAt(contentEnd - 1);
      if (code !== CARRIAGE_RETURN && code !== SPACE && code !== TAB) break;
      contentEnd--;
    }
    let indent = 0;
    let keyStart = at;
    // Tabs are EDGAR's indentation; a run of spaces is read as one level so hand-edited copies still nest.
    while (keyStart < contentEnd) {
      const code = text.charCodeAt(keyStart);
      if (code === TAB) indent++;
      else if (code !== SPACE) break;
      else if (previous !== SPACE) indent++;
      previous = code;
      keyStart++;
    }
    if (keyStart < contentEnd) {
      // One line's node: `<TAG>value`, `KEY: value`, or (no colon) the whole line as a value with no key.
      const offset = origin + keyStart;
      let node: MutableNode | null = null;
      if (text.charCodeAt(keyStart) === LESS_THAN) {
        if (nextGt !== -1 && nextGt < keyStart) nextGt = text.indexOf('>', keyStart);
        if (nextGt !== -1 && nextGt < contentEnd) {
          node = { key: text.slice(keyStart + 1, nextGt), value: trimmed(text, nextGt + 1, contentEnd), children: NO_CHILDREN, offset };
        }
      }
      if (node === null) {
        if (nextColon !== -1 && nextColon < keyStart) nextColon = text.indexOf(':', keyStart);
        if (nextColon === -1 || nextColon >= contentEnd) {
          diagnostics.push(diagnostic('sgml/header-line-without-key', 'warning', 'Kept a header line that has no "KEY:"', offset));
          node = { key: '', value: trimmed(text, keyStart, contentEnd), children: NO_CHILDREN, offset };
        } else {
          node = {
            key: trimmed(text, keyStart, nextColon),
            value: trimmed(text, nextColon + 1, contentEnd),
            children: NO_CHILDREN,
            offset,
          };
        }
      }
      while (depth > 0 && (indents[depth - 1] as number) >= indent) depth--;
      if (depth > 0) {
        const parent = open[depth - 1] as MutableNode;
        if (parent.children === NO_CHILDREN) parent.children = [node];
        else parent.children.push(node);
      } else roots.push(node);
      open[depth] = node;
      indents[depth] = indent;
      depth++;
    }
    previous = lineEnd < length ? text.charCodeAt(lineEnd) : previous;
    at = lineEnd + 1;
  }
  return roots;
}

/**
 * Reads the nested tags of a dissemination (`.nc`) header: `<TAG>value` leaves and `<TAG>` … `</TAG>` containers,
 * several to a line or one per line. A tag with no value is a container when its closing tag appears later.
 */
export function readHeaderTags(bytes: Uint8Array, start: number, end: number, diagnostics: Diagnostic[], base = 0): HeaderNode[] {
  const origin = base + start;
  const text = latin1(bytes, start, end);
  const closed = new Set<string>();
  for (let at = text.indexOf('</'); at !== -1; at = text.indexOf('</', at + 2)) {
    const close = text.indexOf('>', at);
    if (close === -1) break;
    closed.add(text.slice(at + 2, close).toUpperCase());
  }
  const roots: MutableNode[] = [];
  const stack: MutableNode[] = [];
  let tooDeep = false;
  let at = text.indexOf('<');
  if (at > 0 && text.slice(0, at).trim() !== '') {
    diagnostics.push(diagnostic('sgml/stray-header-text', 'warning', 'Kept text outside any header tag', origin));
    roots.push({ key: '', value: text.slice(0, at).trim(), children: [], offset: origin });
  }
  while (at !== -1) {
    const close = text.indexOf('>', at);
    if (close === -1) {
      diagnostics.push(diagnostic('sgml/unclosed-tag', 'warning', 'Header ends inside a tag', origin + at));
      break;
    }
    const next = text.indexOf('<', close + 1);
    const valueEnd = next === -1 ? text.length : next;
    if (text.charCodeAt(at + 1) === 0x2f /* / */) {
      const name = text.slice(at + 2, close).toUpperCase();
      const openIndex = findOpen(stack, name);
      if (openIndex === -1) {
        diagnostics.push(diagnostic('sgml/stray-close-tag', 'warning', `Ignored "</${name}>" with no opening tag`, origin + at));
      } else {
        stack.length = openIndex;
      }
    } else {
      const key = text.slice(at + 1, close);
      const rawValue = text.slice(close + 1, valueEnd);
      const lineBreak = rawValue.search(LINE_BREAK);
      const value = (lineBreak === -1 ? rawValue : rawValue.slice(0, lineBreak)).trim();
      const node: MutableNode = { key, value, children: [], offset: origin + at };
      const parent = stack[stack.length - 1];
      if (parent) parent.children.push(node);
      else roots.push(node);
      if (value === '' && closed.has(key.toUpperCase())) {
        // Real headers nest four deep; a bound keeps the search for each closing tag short on hostile input.
        if (stack.length < MAX_TAG_DEPTH) stack.push(node);
        else if (!tooDeep) {
          tooDeep = true;
          diagnostics.push(
            diagnostic(
              'sgml/header-too-deep',
              'warning',
              `Header tags nest deeper than ${MAX_TAG_DEPTH}; deeper ones were kept as leaves`,
              origin + at,
            ),
          );
        }
      }
    }
    at = next;
  }
  return roots;
}

function findOpen(stack: readonly MutableNode[], name: string): number {
  for (let i = stack.length - 1; i >= 0; i--) {
    if ((stack[i] as MutableNode).key.toUpperCase() === name) return i;
  }
  return -1;
}
