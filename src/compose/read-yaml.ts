import { type Document, isAlias, isMap, isPair, isScalar, isSeq, LineCounter, type Node, parseAllDocuments, type YAMLError } from 'yaml';
import { childPath, type InputDocument, type InputPosition, InputSyntaxError } from './input-value.js';

/**
 * Reads a YAML 1.2 record (core schema) with the `yaml` package, which keeps the place of every node, and remembers
 * where every value is: a map entry at its key, a list item at the item. Refused, with the place and a reason:
 * anchors, aliases and tags (a record has no use for them, and an alias can expand without bound), keys given
 * twice, more than one document, and every syntax error the parser reports.
 */
export function readYaml(text: string, source = 'input.yaml'): InputDocument {
  const lines = new LineCounter();
  const documents = parseAllDocuments(text, { lineCounter: lines, uniqueKeys: true, version: '1.2', schema: 'core' });
  const fail = (offset: number, reason: string): never => {
    const place = lines.linePos(offset);
    throw new InputSyntaxError(source, place.line, place.col, `Cannot read the YAML: ${reason}`);
  };
  if (!Array.isArray(documents)) return { value: null, positions: new Map([['', { line: 1, column: 1 }]]) };
  const first = documents[0];
  if (first === undefined) return { value: null, positions: new Map([['', { line: 1, column: 1 }]]) };
  const error = first.errors[0];
  if (error) fail(placeOfError(error, text), reasonOf(error, text));
  const second = documents[1];
  if (second) fail(second.contents?.range[0] ?? second.range[0], 'only one document per file (found more after the document marker)');
  return readDocument(first, text, lines, fail);
}

function readDocument(
  document: Document.Parsed,
  text: string,
  lines: LineCounter,
  fail: (offset: number, reason: string) => never,
): InputDocument {
  const positions = new Map<string, InputPosition>();
  const place = (offset: number): InputPosition => {
    const found = lines.linePos(offset);
    return { line: found.line, column: found.col };
  };
  const refuseExtras = (node: Node, offset: number) => {
    if (isAlias(node) || node.anchor !== undefined || (node.tag !== undefined && isExplicitTag(node)))
      fail(propertiesStart(text, offset), 'anchors (&), aliases (*) and tags (!) are not part of the YAML edgarkit reads');
  };
  const read = (node: Node | null, path: string, at: number): unknown => {
    if (node === null) return null;
    refuseExtras(node, at);
    if (isMap(node)) {
      const out: Record<string, unknown> = {};
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const key = pair.key as Node | null;
        const keyAt = key?.range?.[0] ?? node.range?.[0] ?? 0;
        if (key !== null) refuseExtras(key, keyAt);
        const name = String(isScalar(key) ? key.value : key === null ? '' : key.toJSON());
        const child = childPath(path, name);
        positions.set(child, place(keyAt));
        out[name] = read(pair.value as Node | null, child, (pair.value as Node | null)?.range?.[0] ?? keyAt);
      }
      return out;
    }
    if (isSeq(node)) {
      return node.items.map((item, index) => {
        const child = childPath(path, index);
        const itemAt = (item as Node | null)?.range?.[0] ?? at;
        positions.set(child, place(itemAt));
        return read(item as Node | null, child, itemAt);
      });
    }
    if (isScalar(node)) return node.value ?? null;
    return null;
  };
  const root = document.contents as Node | null;
  positions.set('', place(root?.range?.[0] ?? 0));
  return { value: read(root, '', root?.range?.[0] ?? 0), positions };
}

/** Where a node's anchor or tag begins: the node's range starts at its value, after them on the same line. */
function propertiesStart(text: string, offset: number): number {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const match = /(?:[&!]\S*\s+)+$/.exec(text.slice(lineStart, offset));
  return match ? lineStart + match.index : offset;
}

/** A tag written in the file (`!foo`, `!!str`), not one the schema resolved. */
function isExplicitTag(node: Node): boolean {
  return typeof node.tag === 'string' && !(isScalar(node) && node.tag === undefined);
}

/**
 * Where to point at: an unclosed flow list is reported where the parser gave up (the next line); the reader looks
 * for it at the end of the line that left it open. A badly indented line is pointed at its first character.
 */
function placeOfError(error: YAMLError, text: string): number {
  const offset = error.pos[0];
  if (isUnclosedFlow(error) && offset > 0 && text[offset - 1] === '\n') return offset - 1;
  if (error.code === 'BAD_INDENT') {
    let at = offset;
    while (text[at] === ' ') at++;
    return at;
  }
  return offset;
}

function isUnclosedFlow(error: YAMLError): boolean {
  return /^Flow (?:sequence|mapping)/.test(error.message) || (error.code === 'MISSING_CHAR' && /flow/i.test(error.message));
}

/** The parser's error in the words our other input errors use, for the errors a hand-written record meets. */
function reasonOf(error: YAMLError, text: string): string {
  if (isUnclosedFlow(error))
    return /mapping/.test(error.message)
      ? 'expected "," or "}" (a flow mapping must close on its line)'
      : 'expected "," or "]" (a flow list must close on its line)';
  switch (error.code) {
    case 'DUPLICATE_KEY': {
      const key = /^\s*("[^"]*"|'[^']*'|[^:\n]+?)\s*:/.exec(text.slice(error.pos[0]))?.[1] ?? '';
      return `the key "${key.replace(/^["']|["']$/g, '')}" is given twice`;
    }
    case 'TAB_AS_INDENT':
      return 'a tab indents this line (YAML indents with spaces only)';
    case 'BLOCK_AS_IMPLICIT_KEY':
      return 'a value with ": " in it must be quoted';
    case 'BAD_INDENT':
      return 'this line is indented less than the block it follows, or more than the block it starts';
    default:
      // The parser's own words, without the place (the message starts with it already).
      return error.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? error.message;
  }
}
