import type { DocumentModel } from '../model/document.js';
import type { DocumentLine } from './document-lines.js';

/**
 * The heading finder shared by the 8-K items and the sections of 10-K, 10-Q, 20-F and 40-F: every line that
 * starts like an item heading ("Item 2.02 Results of …", "ITEM 1A.", "PART II, Item 1.", "Item 3.D"), with the
 * table-of-contents lines told apart from real headings. One pass over the lines; every regular expression is
 * anchored at the start of at most the first 240 characters of a line, so the whole is linear in the document.
 */

export type PartNumber = 'I' | 'II' | 'III' | 'IV';

export interface ItemLine {
  /** Index into the lines the finder was given. */
  readonly index: number;
  readonly line: DocumentLine;
  /** The part the line itself names ("PART II, Item 1."), else the last "PART …" line above it; null before any. */
  readonly part: PartNumber | null;
  /** True when the part comes from the line itself. */
  readonly ownPart: boolean;
  /** The number as written, normalised: `2.02`, `1`, `16`. */
  readonly number: string;
  /** A letter after the number: `A` of `1A`, `D` of `3.D`; which of the two it is, the form decides. */
  readonly letter: string | null;
  /** True when a dot stands between number and letter (`3.D`: a 20-F sub-item rather than item `4A`). */
  readonly dottedLetter: boolean;
  /** The text after the number and its punctuation: the title, when the heading gives one. */
  readonly rest: string;
  /** Where `rest` starts in the line's text. */
  readonly restAt: number;
  /** A table-of-contents line, or a line of a run of item lines with nothing between them. */
  readonly toc: boolean;
}

export interface ItemLines {
  readonly items: readonly ItemLine[];
  /** The "SIGNATURES" headings, in document order. */
  readonly signatures: readonly DocumentLine[];
}

const HEAD = 240;
const ITEM_LINE =
  /^(?:PART\s+(IV|I{1,3})\b\s*[.,:;\-–—]?\s*)?ITEMS?\s*(\d{1,2})(?!\d)(?:\.(\d{2})(?!\d)|\s?(\.)?\s?([A-K])(?![A-Za-z0-9]))?\s*[.:;\-–—)]*\s*/i;
const PART_LINE = /^PART\s+(IV|I{1,3})\b/i;
const SIGNATURE_LINE = /^SIGNATURES?\b/i;
const PAGE_TOKEN = /^(?:\d{1,3}|[ivxlc]{1,7}|[A-Z]{1,2}-\d{1,3})$/i;
const CONTINUED = /\(\s*continued\s*\)|\bcontinued\s*$/i;

/** Spaces of every kind as one plain space, at most `HEAD` characters. */
export function headText(text: string): string {
  return text.slice(0, HEAD).replace(/[\u00a0\u2000-\u200b\u202f\u3000\t]/g, ' ');
}

/**
 * True when a line ends with a page reference set apart from its title: two spaces, a tab or dot leaders, then
 * `12`, `iv` or `F-1` (the shape of a table-of-contents entry). Read from the end without a regular expression
 * over the whole line, so a long run of spaces costs one pass.
 */
export function endsWithPageNumber(text: string): boolean {
  let end = text.length;
  while (end > 0 && isBlank(text.charCodeAt(end - 1))) end--;
  let start = end;
  while (start > 0 && !isBlank(text.charCodeAt(start - 1)) && text.charCodeAt(start - 1) !== 46 /* . */) start--;
  // "F-1" contains no dot; "3" may follow dot leaders directly.
  const token = text.slice(start, end);
  if (token === '' || !PAGE_TOKEN.test(token)) return false;
  let gap = 0;
  let dots = 0;
  let at = start;
  while (at > 0 && (isBlank(text.charCodeAt(at - 1)) || text.charCodeAt(at - 1) === 46)) {
    if (text.charCodeAt(at - 1) === 46) dots++;
    else gap++;
    at--;
  }
  if (at === 0) return false;
  return gap >= 2 || dots >= 2 || text.charCodeAt(start - 1) === 9;
}

function isBlank(code: number): boolean {
  return code === 32 || code === 9 || code === 160 || (code >= 0x2000 && code <= 0x200b) || code === 0x202f || code === 0x3000;
}

/** A line that stands between table-of-contents entries without ending the table: a page number, "Page", a part. */
function betweenEntries(text: string): boolean {
  const head = headText(text).trim();
  if (head === '' || PAGE_TOKEN.test(head) || /^page$/i.test(head)) return true;
  if (PART_LINE.test(head) && text.length <= 120) return true;
  return text.length <= 80 && endsWithPageNumber(text);
}

/**
 * The item lines of `lines`, in order. A line is a table-of-contents entry when it ends with a page number, when
 * it is one of three or more item rows of one table, or when it is one of a run of three or more item lines with
 * nothing but page numbers and part lines between them whose items appear again further on (a real heading is
 * followed by its text; a contents entry by the next entry).
 */
export function findItemLines(lines: readonly DocumentLine[]): ItemLines {
  const items: ItemLine[] = [];
  const signatures: DocumentLine[] = [];
  let part: PartNumber | null = null;
  const rowsPerTable = new Map<unknown, number>();
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] as DocumentLine;
    const head = headText(line.text).trim();
    const match = ITEM_LINE.exec(head);
    if (!match) {
      const partMatch = PART_LINE.exec(head);
      if (partMatch && line.text.length <= 160) part = (partMatch[1] as string).toUpperCase() as PartNumber;
      else if (SIGNATURE_LINE.test(head) && line.text.length <= 40) signatures.push(line);
      continue;
    }
    const ownPart = match[1] ? ((match[1] as string).toUpperCase() as PartNumber) : null;
    if (ownPart) part = ownPart;
    const number = match[3] ? `${Number(match[2])}.${match[3]}` : String(Number(match[2]));
    const rest = head.slice(match[0].length);
    if (CONTINUED.test(rest.slice(0, 120))) continue;
    if (line.block.kind === 'table') rowsPerTable.set(line.block, (rowsPerTable.get(line.block) ?? 0) + 1);
    items.push({
      index,
      line,
      part,
      ownPart: ownPart !== null,
      number,
      letter: match[5] ? (match[5] as string).toUpperCase() : null,
      dottedLetter: Boolean(match[4]),
      rest: rest.trim(),
      restAt: line.text.length - line.text.trimStart().length + match[0].length,
      toc: endsWithPageNumber(line.text),
    });
  }
  return { items: markContents(items, lines, rowsPerTable), signatures };
}

function markContents(items: ItemLine[], lines: readonly DocumentLine[], rowsPerTable: ReadonlyMap<unknown, number>): ItemLine[] {
  const toc = items.map((item) => item.toc || (item.line.block.kind === 'table' && (rowsPerTable.get(item.line.block) ?? 0) >= 3));
  // Runs of item lines with nothing between them.
  const keyOf = (item: ItemLine) => `${item.number}${item.letter ?? ''}`;
  const lastSeen = new Map<string, number>();
  items.forEach((item, position) => {
    lastSeen.set(keyOf(item), position);
  });
  let runStart = 0;
  for (let position = 1; position <= items.length; position++) {
    const previous = items[position - 1] as ItemLine;
    const current = items[position];
    // Lines already known as contents entries neither start nor join a run: the heading after a contents table
    // ("PART I" between) is not part of it.
    let adjacent = current !== undefined && !toc[position - 1] && !toc[position];
    if (current && adjacent) {
      for (let index = previous.index + 1; index < current.index && adjacent; index++)
        adjacent = betweenEntries((lines[index] as DocumentLine).text);
    }
    if (adjacent) continue;
    const run = items.slice(runStart, position);
    if (run.length >= 3) {
      const again = run.filter((item) => (lastSeen.get(keyOf(item)) ?? -1) >= position).length;
      if (again * 2 >= run.length) for (let index = runStart; index < position; index++) toc[index] = true;
    }
    runStart = position;
  }
  return items.map((item, position) => (toc[position] === item.toc ? item : { ...item, toc: toc[position] as boolean }));
}

/**
 * The longest run of `keys` that strictly increases, as positions into `keys` (O(n log n)). Among runs of equal
 * length the earliest entries are kept, so a repeated heading keeps its first place.
 */
export function longestIncreasing(keys: readonly number[]): number[] {
  const tails: number[] = [];
  const previous = new Array<number>(keys.length).fill(-1);
  for (let position = 0; position < keys.length; position++) {
    const key = keys[position] as number;
    let low = 0;
    let high = tails.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((keys[tails[middle] as number] as number) < key) low = middle + 1;
      else high = middle;
    }
    if (low < tails.length && keys[tails[low] as number] === key) continue;
    if (low > 0) previous[position] = tails[low - 1] as number;
    tails[low] = position;
  }
  const out: number[] = [];
  for (let at = tails.length > 0 ? (tails.at(-1) as number) : -1; at !== -1; at = previous[at] as number) out.push(at);
  return out.reverse();
}

/**
 * Where a heading starts, for a section's span: its line, or the whole table when the line is the table's first
 * row (HTML reports often set "ITEM 1. | BUSINESS" as a table of one row), so a section never cuts a block.
 */
export function headingStart(line: DocumentLine): number {
  const block = line.block;
  if (block.kind !== 'table') return line.start;
  const first = block.headerRows[0] ?? block.rows[0];
  return first && first.span.start === line.start ? Math.min(block.span.start, line.start) : line.start;
}

/** The end of the document's text: where the last section runs to when no signature follows it. */
export function documentEnd(model: DocumentModel): number {
  return model.pages.at(-1)?.span.end ?? model.source.length;
}

/**
 * The heading as written: the line, or for a run-in heading ("Item 2.02 Results of Operations and Financial
 * Condition. On May 1 …") the line up to the end of its title.
 */
export function headingText(item: ItemLine, title: string | null): string {
  const text = item.line.text.replace(/\s+/g, ' ').trim();
  if (text.length <= 200) return text;
  const from = Math.max(0, item.restAt + Math.floor((title?.length ?? 0) * 0.8));
  const stop = text.indexOf('.', from);
  return stop !== -1 && stop < 400 ? text.slice(0, stop + 1) : `${text.slice(0, 120).replace(/\s+\S*$/, '')}`;
}

/** True when `rest` begins with the words of `title` (at most its first four), compared without case or punctuation. */
export function restStartsWithTitle(rest: string, title: string, words: (text: string) => string): boolean {
  const wanted = words(title).split(' ').slice(0, 4).join(' ');
  return wanted !== '' && words(rest.slice(0, 200)).startsWith(wanted);
}
