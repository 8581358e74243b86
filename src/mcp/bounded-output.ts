import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';

/**
 * Every tool answer is bounded: an assistant reads it whole, so a result never carries a whole 50 MB document or
 * a list without end. Each tool bounds what it asks for (pages of rows, a page of a document); `fitJson` is the
 * last guard, which shortens the longest lists and strings of a result until it fits and says what it cut.
 */

/** The most characters one tool result holds. */
export const MAX_OUTPUT_CHARS = 50_000;

/** Room kept for the notes `fitJson` adds. */
const NOTES_ROOM = 2_000;
/** A string shorter than this is never cut by `fitJson`. */
const SHORT_STRING = 400;
const MAX_ROUNDS = 200;

/** A tool's answer: one text block. */
export function textResult(text: string): CallToolResult {
  return { content: [{ type: 'text', text }] };
}

/** The longest refusal: a message is a sentence or two, but it may quote names from a filing. */
const MAX_ERROR_CHARS = 4_000;

/** A refusal the assistant can act on: what was wrong, and where. */
export function errorResult(message: string): CallToolResult {
  const text = message.length > MAX_ERROR_CHARS ? `${message.slice(0, MAX_ERROR_CHARS - 3)}...` : message;
  return { content: [{ type: 'text', text }], isError: true };
}

/** A JSON answer within `cap` characters; what had to be cut is said in its `notes`. */
export function jsonResult(value: Readonly<Record<string, unknown>>, cap = MAX_OUTPUT_CHARS): CallToolResult {
  return textResult(fitJson(value, cap));
}

/**
 * The value as indented JSON of at most `cap` characters. When it is longer, the longest list is cut to its first
 * half, or the longest string to its first half with a mark, again until it fits; each cut is listed in `notes`
 * (`documents: 100 of 412 shown`). Linear in the size of the value per round, and the rounds are bounded.
 */
export function fitJson(value: Readonly<Record<string, unknown>>, cap = MAX_OUTPUT_CHARS): string {
  const whole = JSON.stringify(value, null, 2);
  if (whole.length <= cap) return whole;
  const cuts = new Map<string, string>();
  let current: unknown = structuredClone(value);
  const budget = Math.max(1_000, cap - NOTES_ROOM);
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const text = JSON.stringify(current, null, 2);
    if (text.length <= budget) break;
    const target = largestCuttable(current);
    if (!target) break;
    current = cutAt(current, target.path, cuts);
  }
  const notes = [...cuts.values()].slice(0, 12);
  const existing = Array.isArray((current as Record<string, unknown>).notes)
    ? ((current as Record<string, unknown>).notes as unknown[])
    : [];
  const fitted = JSON.stringify(
    {
      ...(current as Record<string, unknown>),
      notes: [...existing, `Output bounded to ${cap.toLocaleString('en-US')} characters: ${notes.join('; ')}`],
    },
    null,
    2,
  );
  if (fitted.length <= cap) return fitted;
  // No list or long string left to cut (a value of very many small fields): cut the text itself, and say so.
  return `${fitted.slice(0, cap - 200)}\n… [cut: this answer is ${fitted.length.toLocaleString('en-US')} characters, more than the ${cap.toLocaleString('en-US')} a tool returns; ask for less]`;
}

type Path = readonly (string | number)[];

/** The longest list (of two items or more) or long string in the value, by its serialized length. */
function largestCuttable(value: unknown): { readonly path: Path; readonly size: number } | null {
  let best: { path: Path; size: number } | null = null;
  const visit = (node: unknown, path: Path): number => {
    if (typeof node === 'string') {
      const size = node.length + 2;
      if (node.length > SHORT_STRING && (best === null || size > best.size)) best = { path, size };
      return size;
    }
    if (Array.isArray(node)) {
      let size = 2;
      node.forEach((item, index) => {
        size += visit(item, [...path, index]) + 4;
      });
      if (node.length > 1 && (best === null || size > best.size)) best = { path, size };
      return size;
    }
    if (node !== null && typeof node === 'object') {
      let size = 2;
      for (const [key, item] of Object.entries(node)) size += key.length + 6 + visit(item, [...path, key]);
      return size;
    }
    return String(node).length;
  };
  visit(value, []);
  return best;
}

/** The value with the list or string at `path` cut to its first half; the cut is noted under the path's name. */
function cutAt(root: unknown, path: Path, cuts: Map<string, string>): unknown {
  const name = pathName(path);
  const replace = (node: unknown, depth: number): unknown => {
    if (depth === path.length) {
      if (typeof node === 'string') {
        const kept = Math.floor(node.length / 2);
        const original = originalLength(cuts.get(name)) ?? node.length;
        cuts.set(name, `${name}: first ${kept.toLocaleString('en-US')} of ${original.toLocaleString('en-US')} characters shown`);
        return `${node.slice(0, kept)}… [cut]`;
      }
      const list = node as unknown[];
      const kept = Math.max(1, Math.floor(list.length / 2));
      const original = originalLength(cuts.get(name)) ?? list.length;
      cuts.set(name, `${name}: ${kept.toLocaleString('en-US')} of ${original.toLocaleString('en-US')} items shown`);
      return list.slice(0, kept);
    }
    const key = path[depth] as string | number;
    if (Array.isArray(node)) return node.map((item, index) => (index === key ? replace(item, depth + 1) : item));
    const object = node as Record<string, unknown>;
    return { ...object, [key]: replace(object[key], depth + 1) };
  };
  return replace(root, 0);
}

/** The original length remembered in an earlier note of the same path. */
function originalLength(note: string | undefined): number | null {
  const match = note ? / of ([\d,]+) /.exec(note) : null;
  return match ? Number((match[1] as string).replaceAll(',', '')) : null;
}

/** `documents`, `record.exhibits`, `parties[0].formerCompanies`. */
function pathName(path: Path): string {
  let name = '';
  for (const part of path) name += typeof part === 'number' ? `[${part}]` : name === '' ? part : `.${part}`;
  return name || 'the answer';
}

/** One part of a long text: where it was cut and where the next part starts. */
export interface TextPart {
  readonly text: string;
  /** The offset just past this part (where the next one starts). */
  readonly end: number;
  /** True when the text goes on after `end`. */
  readonly more: boolean;
}

/**
 * `text` from `offset`, at most `max` characters, cut at a line end (or else a space) in the last quarter of the
 * window when there is one, so a part does not end inside a word; a surrogate pair is never split.
 */
export function textPart(text: string, offset: number, max: number): TextPart {
  const start = Math.min(offset, text.length);
  if (text.length - start <= max) return { text: text.slice(start), end: text.length, more: false };
  let end = start + max;
  const floor = start + Math.floor(max * 0.75);
  const newline = text.lastIndexOf('\n', end - 1);
  if (newline >= floor) end = newline + 1;
  else {
    const space = text.lastIndexOf(' ', end - 1);
    if (space >= floor) end = space + 1;
  }
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return { text: text.slice(start, end), end, more: true };
}
