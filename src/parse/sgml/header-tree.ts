import { latin1 } from '../../core/bytes.js';
import { type Diagnostic, diagnostic } from '../../core/diagnostic.js';
import type { HeaderNode } from '../../model/submission.js';

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;
const TAB = 0x09;
const SPACE = 0x20;
const LESS_THAN = 0x3c;
const LINE_BREAK = /[\r\n]/;
const MAX_TAG_DEPTH = 32;

interface MutableNode {
  key: string;
  value: string;
  children: MutableNode[];
  offset: number;
}

/**
 * Reads the `KEY:<tabs>value` lines of an SGML header into a tree nested by tab indentation.
 * A key whose following lines are indented deeper opens a block. `<TAG>value` lines inside the header
 * (`<ACCEPTANCE-DATETIME>`) become nodes too, and a line that is neither is kept with an empty key:
 * nothing in the header is dropped.
 *
 * `bytes[start, end)` is the header; offsets in nodes and diagnostics are absolute.
 */
export function readHeaderLines(bytes: Uint8Array, start: number, end: number, diagnostics: Diagnostic[], base = 0): HeaderNode[] {
  const roots: MutableNode[] = [];
  const stack: { indent: number; node: MutableNode }[] = [];
  let at = start;
  while (at < end) {
    // LF, CRLF or a bare CR ends a line; the scan stops at the header's end (never runs on into the body).
    let lineEnd = at;
    while (lineEnd < end && bytes[lineEnd] !== NEWLINE && bytes[lineEnd] !== CARRIAGE_RETURN) lineEnd++;
    if (bytes[lineEnd] === CARRIAGE_RETURN && lineEnd + 1 < end && bytes[lineEnd + 1] === NEWLINE) lineEnd++;
    let contentEnd = lineEnd;
    while (contentEnd > at && (bytes[contentEnd - 1] === 0x0d || bytes[contentEnd - 1] === SPACE || bytes[contentEnd - 1] === TAB)) {
      contentEnd--;
    }
    let indent = 0;
    let keyStart = at;
    // Tabs are EDGAR's indentation; a run of spaces is read as one level so hand-edited copies still nest.
    while (keyStart < contentEnd && (bytes[keyStart] === TAB || bytes[keyStart] === SPACE)) {
      if (bytes[keyStart] === TAB) indent++;
      else if (bytes[keyStart - 1] !== SPACE) indent++;
      keyStart++;
    }
    if (keyStart < contentEnd) {
      const node = readLine(bytes, keyStart, contentEnd, diagnostics, base);
      while (stack.length > 0 && (stack[stack.length - 1] as { indent: number }).indent >= indent) stack.pop();
      const parent = stack[stack.length - 1];
      if (parent) parent.node.children.push(node);
      else roots.push(node);
      stack.push({ indent, node });
    }
    at = lineEnd + 1;
  }
  return roots;
}

/** The first `value` in `bytes[start, end)`, or -1: a search that never runs past the line. */
function indexWithin(bytes: Uint8Array, value: number, start: number, end: number): number {
  for (let at = start; at < end; at++) if (bytes[at] === value) return at;
  return -1;
}

function readLine(bytes: Uint8Array, start: number, end: number, diagnostics: Diagnostic[], base: number): MutableNode {
  if (bytes[start] === LESS_THAN) {
    const close = indexWithin(bytes, 0x3e, start, end);
    if (close !== -1) {
      return { key: latin1(bytes, start + 1, close), value: latin1(bytes, close + 1, end).trim(), children: [], offset: base + start };
    }
  }
  const colon = indexWithin(bytes, 0x3a, start, end);
  if (colon === -1) {
    diagnostics.push(diagnostic('sgml/header-line-without-key', 'warning', 'Kept a header line that has no "KEY:"', base + start));
    return { key: '', value: latin1(bytes, start, end).trim(), children: [], offset: base + start };
  }
  return {
    key: latin1(bytes, start, colon).trim(),
    value: latin1(bytes, colon + 1, end).trim(),
    children: [],
    offset: base + start,
  };
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
