import type { Table } from '../../model/document.js';
import { looksNumericAt, type Phrase, splitPhrases } from './phrases.js';
import { assembleRows, finishRow, makeStops } from './table-grid.js';
import { isBlankLine, isRuleLine, type TextContext } from './text-lines.js';

const MIN_ROWS = 3;

/**
 * A table drawn with spaces only, no `<TABLE>` tags. Recognised only where the alignment leaves no doubt,
 * since a false table is worse than a missed one:
 * - at least three consecutive lines (rule lines may stand between them), each of two phrases or more
 *   separated by runs of two blanks or more;
 * - the phrases of all lines fall into the same columns: columns are separated by at least two columns
 *   that are blank on every line, and no line has two phrases in one column;
 * - the columns right of the first hold figures: at least three, and at least 60% of their cells; the
 *   last column at least two.
 * ```
 * > | Balance at January 1           668,426     583,180
 * > | Stock split                    668,426           -
 * > | Issuance of shares                   -      82,546
 * ```
 * Returns the table (or null) and the line after the lines looked at: a run that is no table is not
 * looked at again from a later line.
 * Kept as one function: each test (a run of lines, two column segments or more, enough figures) narrows the same
 * lines and returns `none` when it fails, and the segments found become the stops; split, the run and the segments
 * would be passed between the parts.
 */
export function matchAlignedTable(ctx: TextContext, from: number, to: number): { table: Table | null; next: number } {
  const { text, lines } = ctx;
  // Extend over lines of two phrases or more (and rule lines between them).
  const phraseLists: Phrase[][] = [];
  let end = from;
  while (end < to && !isBlankLine(lines, end)) {
    if (isRuleLine(text, lines, end)) {
      phraseLists.push([]);
      end++;
      continue;
    }
    const phrases = splitPhrases(text, lines.start[end] ?? 0, lines.inkStart[end] ?? 0, lines.inkEnd[end] ?? 0, {
      leaders: true,
    });
    if (phrases.length < 2) break;
    phraseLists.push(phrases);
    end++;
  }
  const runEnd = Math.max(end, from + 1);
  while (end > from && (phraseLists[end - from - 1]?.length ?? 0) === 0) end--;
  const dataLines: number[] = [];
  for (let i = from; i < end; i++) if ((phraseLists[i - from]?.length ?? 0) > 0) dataLines.push(i);
  const none = { table: null, next: runEnd };
  if (dataLines.length < MIN_ROWS || (phraseLists[0]?.length ?? 0) === 0) return none;

  // Columns: runs of columns inked on some line, separated by two or more columns blank on all lines.
  let width = 0;
  for (const i of dataLines) width = Math.max(width, (lines.inkEnd[i] ?? 0) - (lines.start[i] ?? 0));
  const used = new Uint8Array(width + 2);
  for (const i of dataLines) {
    const lineStart = lines.start[i] ?? 0;
    for (const p of phraseLists[i - from] ?? []) used.fill(1, p.start - lineStart, p.end - lineStart);
  }
  const segments: Array<[number, number]> = [];
  let c = 0;
  while (c < width) {
    if (used[c] === 0) {
      c++;
      continue;
    }
    const s = c;
    let e = c;
    while (c < width) {
      if (used[c] === 1) {
        c++;
        e = c;
      } else if (used[c + 1] === 1 && used[c] === 0 && c + 1 < width) c++;
      else break;
    }
    segments.push([s, e]);
  }
  if (segments.length < 2) return none;

  // Every phrase in one segment, one phrase per segment per line; count figures right of the stub.
  let figures = 0;
  let cells = 0;
  let lastColumnFigures = 0;
  for (const i of dataLines) {
    const lineStart = lines.start[i] ?? 0;
    const seen = new Uint8Array(segments.length);
    for (const p of phraseLists[i - from] ?? []) {
      const a = p.start - lineStart;
      const k = segments.findIndex(([s, e]) => a >= s && a < e);
      if (k < 0 || seen[k] === 1) return none;
      seen[k] = 1;
      if (k === 0) continue;
      cells++;
      if (looksNumericAt(text, p.start, p.end)) {
        figures++;
        if (k === segments.length - 1) lastColumnFigures++;
      }
    }
  }
  if (figures < 3 || figures < cells * 0.6 || lastColumnFigures < 2) return none;

  const columns = makeStops(segments.map(([s]) => s));
  const body: number[] = [];
  for (let i = from; i < end; i++) body.push(i);
  const assembled = assembleRows(ctx, body, columns, false);
  const n = columns.stops.length;
  const rows = assembled.rows.map((r) => finishRow(ctx, r, n, columns.stops));
  const first = dataLines[0] as number;
  const last = dataLines[dataLines.length - 1] as number;
  return {
    table: {
      kind: 'table',
      origin: 'aligned',
      caption: null,
      headerRows: [],
      rows,
      footnotes: [],
      columnCount: n,
      span: { start: lines.inkStart[first] ?? 0, end: lines.inkEnd[last] ?? 0 },
    },
    next: end,
  };
}
