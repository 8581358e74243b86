import { diagnostic } from '../../core/diagnostic.js';
import type { Preformatted, Table, TableCell, TableRow } from '../../model/document.js';
import { looksNumericAt, type Phrase, phraseText, splitPhrases } from './phrases.js';
import { joinWrapped, reflowRanges } from './reflow.js';
import {
  assembleRows,
  type ColumnStops,
  columnExtents,
  type DraftRow,
  type Extent,
  emptyCell,
  finishRow,
  makeCell,
  makeStops,
} from './table-grid.js';
import { indentOf, isBlankLine, isRuleLine, lineTag, markerStops, ruleRuns, type TextContext, type TextLines } from './text-lines.js';

/** The lines of one `<TABLE>`: the opening tag's line, the closing tag's line if any, and the last line read. */
export interface TaggedTableLines {
  readonly open: number;
  /** Line of `</TABLE>`, or null when the table was never closed. */
  readonly close: number | null;
  /** Last line that belongs to the table (the `</TABLE>` line when closed). */
  readonly last: number;
}

/**
 * A `<TABLE>` whose lines times columns exceed this is kept as preformatted text, with a `text/table-too-large`
 * diagnostic, instead of being read as a grid. Reading and rendering a grid is linear in its cells (test/scaling.ts
 * checks it) but each cell is several objects through every renderer: about 10 µs of CPU a cell for the read, the
 * four renderings and extraction together on the densest hostile table (15-byte rows of three ragged sign-and-figure
 * cells; `bench/fuzz.ts`: 503 ms at 49,000 cells, 833 ms at 66,000), so this cap keeps such an input well under a
 * second, while a 13F-HR holdings table of 4,990 rows by 12 columns keeps its columns (the corpus's largest legacy
 * table is 535 cells).
 */
export const MAX_TAGGED_TABLE_CELLS = 60_000;

/** More non-blank lines than this above a marker line are not all headings. */
const MAX_HEADING_LINES = 24;

interface Section {
  readonly header: number[];
  marker: number;
  readonly body: number[];
}

/**
 * Read one `<TABLE>` … `</TABLE>`: `<CAPTION>` heading lines, the `<S>`/`<C>` marker line whose marker
 * positions are the column stops, body rows, and `<FN>` footnotes.
 * ```
 * > | <TABLE>
 * > | <CAPTION>
 * > |                        1998         1997      <- column headings (merged over several lines)
 * > | <S>                <C>          <C>           <- column stops at the markers
 * > | Revenues .......    $ 12,345     $ 11,002     <- rows, cut at the stops
 * > | </TABLE>
 * ```
 * A second `<CAPTION>` or marker line inside the same table starts a new section: its headings become rows
 * of the table and its own stops cut the lines after it.
 * Kept as one function: its steps (cut the lines into sections by mode, build each section's stops, rows and
 * headings, take the footnotes from the foot, merge the sections into one table) hand the sections, the built parts
 * and the ragged count to each other in order; split, those would be passed around.
 */
export function parseTaggedTable(ctx: TextContext, at: TaggedTableLines): Table | Preformatted {
  const { text, lines, diagnostics } = ctx;
  const tooLarge = oversizeTable(ctx, at);
  if (tooLarge !== null) return tooLarge;
  const sections: Section[] = [];
  let section: Section = { header: [], marker: -1, body: [] };
  let mode: 'header' | 'body' | 'footnotes' = 'header';
  const footnoteRanges: Array<[number, number]> = [];
  const bodyEnd = at.close ?? at.last + 1;
  for (let i = at.open + 1; i < bodyEnd; i++) {
    const tag = lineTag(text, lines, i);
    if (tag === 'page') {
      diagnostics.push(
        diagnostic('text/page-in-table', 'info', 'A <PAGE> break inside a <TABLE> was read as part of the table', lines.inkStart[i] ?? 0),
      );
      continue;
    }
    if (mode === 'footnotes') {
      footnoteRanges.push([lines.inkStart[i] ?? 0, lines.inkEnd[i] ?? 0]);
      continue;
    }
    if (tag === 'caption') {
      if (section.marker >= 0 || section.body.length > 0) {
        sections.push(section);
        section = { header: [], marker: -1, body: [] };
      }
      mode = 'header';
    } else if (tag === 'marker') {
      if (section.marker >= 0) {
        sections.push(section);
        section = { header: [], marker: -1, body: [] };
      }
      section.marker = i;
      mode = 'body';
    } else if (tag === 'fn') {
      mode = 'footnotes';
      footnoteRanges.push([(lines.inkStart[i] ?? 0) + 4, lines.inkEnd[i] ?? 0]);
    } else if (mode === 'header') section.header.push(i);
    else section.body.push(i);
  }
  sections.push(section);

  const tableStart = lines.inkStart[at.open] ?? 0;
  let tableEnd = lines.inkEnd[at.last] ?? tableStart;
  if (at.close === null) {
    let j = at.last;
    while (j > at.open && isBlankLine(lines, j)) j--;
    tableEnd = lines.inkEnd[j] ?? tableEnd;
    diagnostics.push(diagnostic('text/unclosed-table', 'warning', 'A <TABLE> was not closed by </TABLE>; it was ended here', tableEnd));
  }

  type Built = { columns: ColumnStops; rows: DraftRow[]; header: HeaderResult };
  const built: Built[] = [];
  let columnCount = 1;
  let ragged = 0;
  let firstRagged = -1;
  for (const s of sections) {
    let columns: ColumnStops;
    let headerLines: number[];
    let bodyLines: number[];
    if (s.marker >= 0) {
      columns = makeStops(markerStops(text, lines, s.marker));
      headerLines = s.header;
      bodyLines = s.body;
      // Headings are a few lines: of a long <CAPTION> part only the last lines are read as headings, the
      // rest as rows.
      let inked = 0;
      let cut = headerLines.length;
      while (cut > 0 && inked < MAX_HEADING_LINES) if (!isBlankLine(lines, headerLines[--cut] as number)) inked++;
      if (cut > 0) {
        bodyLines = [...headerLines.slice(0, cut), ...bodyLines];
        headerLines = headerLines.slice(cut);
      }
    } else {
      bodyLines = [...s.header, ...s.body];
      headerLines = [];
      if (bodyLines.every((i) => isBlankLine(lines, i))) continue;
      columns = inferStops(ctx, bodyLines);
      diagnostics.push(
        diagnostic(
          'text/missing-column-markers',
          'warning',
          `A <TABLE> has no <S>/<C> marker line; ${columns.stops.length} column(s) were inferred from the alignment`,
          lines.inkStart[bodyLines[0] ?? at.open] ?? tableStart,
        ),
      );
    }
    let assembled = assembleRows(ctx, bodyLines, columns, true);
    if (assembled.cut.filter((lc) => lc.crowded).length >= 3) {
      const split = splitFigureColumns(ctx, bodyLines, columns);
      if (split !== columns) {
        columns = split;
        assembled = assembleRows(ctx, bodyLines, columns, true);
      }
    }
    ragged += assembled.ragged;
    if (firstRagged < 0) firstRagged = assembled.firstRaggedLine;
    const allHeader = [...headerLines, ...assembled.leadingHeaderLines].sort((a, b) => a - b);
    const extents = columnExtents(ctx, assembled.cut, columns.stops.length);
    const header = buildHeader(ctx, allHeader, columns, extents, [...allHeader, ...bodyLines]);
    columnCount = Math.max(columnCount, columns.stops.length);
    built.push({ columns, rows: assembled.rows, header });
  }
  if (ragged > 0) {
    diagnostics.push(
      diagnostic(
        'text/ragged-column',
        'info',
        `${ragged} cell(s) of a <TABLE> overflowed a <C> column stop and were given to the column holding most of their text`,
        lines.inkStart[firstRagged] ?? tableStart,
      ),
    );
  }

  // Stub-only lines at the foot of the body that start like a note (`*  Less than 1%.`) are footnotes.
  const notes: string[] = [];
  const lastRows = built[built.length - 1]?.rows ?? [];
  while (lastRows.length > 1) {
    const row = lastRows[lastRows.length - 1] as DraftRow;
    const stub = row.cells[0];
    if (stub === undefined || !(row.stubOnly || row.closed)) break;
    const note = joinWrapped(stub.pieces);
    if (!NOTE_START.test(note)) break;
    notes.unshift(note);
    lastRows.pop();
  }

  let caption: string | null = null;
  let headerRows: TableRow[] = [];
  let rows: TableRow[] = [];
  for (let index = 0; index < built.length; index++) {
    const b = built[index] as Built;
    const finished = b.rows.map((r) => finishRow(ctx, r, columnCount, b.columns.stops));
    const headers = b.header.rows.map((r) => padRow(r, columnCount));
    if (index === 0) {
      caption = b.header.caption;
      headerRows = headers;
    } else {
      if (b.header.caption !== null) rows.push(captionRow(b.header.caption, b.header.captionSpan, columnCount));
      rows = rows.concat(headers);
    }
    rows = rows.concat(finished);
  }
  const merged = mergeSignColumns(headerRows, rows, columnCount);
  return {
    kind: 'table',
    origin: 'tagged',
    caption,
    headerRows: merged.headerRows,
    rows: merged.rows,
    footnotes: [...notes, ...splitFootnotes(text, footnoteRanges)],
    columnCount: merged.columnCount,
    span: { start: tableStart, end: Math.max(tableStart, tableEnd) },
  };
}

/**
 * The table as preformatted text when its lines times its widest marker line's columns exceed
 * `MAX_TAGGED_TABLE_CELLS`: every line between `<TABLE>` and `</TABLE>` as it stands, less the `<S>`/`<C>`,
 * `<CAPTION>` and `<PAGE>` tag lines and the indentation the lines share.
 */
function oversizeTable(ctx: TextContext, at: TaggedTableLines): Preformatted | null {
  const { text, lines, diagnostics } = ctx;
  const bodyEnd = at.close ?? at.last + 1;
  let inked = 0;
  let columns = 1;
  for (let i = at.open + 1; i < bodyEnd; i++) {
    if (isBlankLine(lines, i)) continue;
    inked++;
    if (lineTag(text, lines, i) === 'marker') columns = Math.max(columns, markerStops(text, lines, i).length);
  }
  if (inked * columns <= MAX_TAGGED_TABLE_CELLS) return null;
  const kept: number[] = [];
  let indent = Number.POSITIVE_INFINITY;
  for (let i = at.open + 1; i < bodyEnd; i++) {
    const tag = lineTag(text, lines, i);
    if (tag === 'marker' || tag === 'caption' || tag === 'page') continue;
    kept.push(i);
    if (!isBlankLine(lines, i)) indent = Math.min(indent, indentOf(lines, i));
  }
  const parts: string[] = [];
  for (const i of kept) {
    const start = (lines.start[i] ?? 0) + indent;
    const end = lines.inkEnd[i] ?? 0;
    parts.push(end > start ? text.slice(start, end) : '');
  }
  const start = lines.inkStart[at.open] ?? 0;
  let last = at.last;
  if (at.close === null) while (last > at.open && isBlankLine(lines, last)) last--;
  const end = Math.max(start, lines.inkEnd[last] ?? start);
  diagnostics.push(
    diagnostic(
      'text/table-too-large',
      'warning',
      `A <TABLE> of ${inked} lines by ${columns} column(s) is over the ${MAX_TAGGED_TABLE_CELLS} cells read as a grid; it was kept as preformatted text`,
      start,
    ),
  );
  if (at.close === null)
    diagnostics.push(diagnostic('text/unclosed-table', 'warning', 'A <TABLE> was not closed by </TABLE>; it was ended here', end));
  return { kind: 'preformatted', text: parts.join('\n'), span: { start, end } };
}

function captionRow(textValue: string, span: { start: number; end: number }, columnCount: number): TableRow {
  return { cells: [makeCell(textValue, columnCount, span, 'center')], span };
}

function padRow(row: TableRow, columnCount: number): TableRow {
  let width = 0;
  for (const c of row.cells) width += c.colspan;
  if (width >= columnCount) return row;
  const cells = row.cells.slice();
  for (; width < columnCount; width++) cells.push(emptyCell({ start: row.span.end, end: row.span.end }));
  return { cells, span: row.span };
}

/**
 * A column whose lines hold two figures each, in two columns of their own (`17,983   58` under `EUR   %`
 * with one `<C>` for both), is split where the blank run between them ends: at least three lines have
 * figures on both sides of a run of two blank columns or more that no line inks.
 */
function splitFigureColumns(ctx: TextContext, body: readonly number[], columns: ColumnStops): ColumnStops {
  const { text, lines } = ctx;
  const stops = columns.stops;
  const n = stops.length;
  if (n < 2) return columns;
  // Each line's phrases once, by column as `cutLine` reads them: a figure where it ends, words where they start.
  type Placed = { a: number; b: number; figure: boolean };
  const perColumn: Placed[][][] = Array.from({ length: n }, () => []);
  let dataLines = 0;
  for (const i of body) {
    if (isBlankLine(lines, i) || isRuleLine(text, lines, i) || (lines.maxGap[i] ?? 0) < 2) continue;
    dataLines++;
    const lineStart = lines.start[i] ?? 0;
    const phrases = splitPhrases(text, lineStart, lines.inkStart[i] ?? 0, lines.inkEnd[i] ?? 0, { leaders: true, pipes: true });
    let lineLists: Array<Placed[] | undefined> | null = null;
    for (const p of phrases) {
      const a = p.start - lineStart;
      const b = p.end - lineStart;
      const figure = looksNumericAt(text, p.start, p.end);
      let k = 0;
      const at = figure ? b - 1 : a;
      while (k + 1 < n && (stops[k + 1] ?? 0) <= at) k++;
      if (k === 0) continue;
      lineLists ??= new Array(n);
      let list = lineLists[k];
      if (list === undefined) {
        list = [];
        lineLists[k] = list;
        perColumn[k]?.push(list);
      }
      list.push({ a: Math.max(a, stops[k] ?? 0), b, figure });
    }
  }
  if (dataLines < 3) return columns;
  const added: number[] = [];
  for (let k = 1; k < n; k++) {
    const lo = stops[k] ?? 0;
    const hi = stops[k + 1] ?? Number.POSITIVE_INFINITY;
    const perLine = perColumn[k] ?? [];
    if (perLine.length < 3) continue;
    let width = lo;
    for (const list of perLine) for (const p of list) width = Math.max(width, p.b);
    if (width <= lo) continue;
    const used = new Uint8Array(width - lo);
    for (const list of perLine) for (const p of list) used.fill(1, p.a - lo, p.b - lo);
    for (let c = lo + 1; c < width; c++) {
      if (used[c - lo] !== 0 || used[c - lo - 1] !== 1) continue;
      let e = c;
      while (e < width && used[e - lo] === 0) e++;
      if (e - c < 2 || e >= width) continue;
      // Lines of figures only (heading words under the marker line do not count) with a figure on each
      // side of the run, and no line with text across it. Figures right of the run that end at the next
      // stop belong to the next column, set short.
      let both = 0;
      let figureLines = 0;
      let across = false;
      let rightEnd = 0;
      for (const list of perLine) {
        if (list.some((p) => !p.figure)) continue;
        figureLines++;
        let left = false;
        let right = false;
        for (const p of list) {
          if (p.b <= c) left = true;
          else if (p.a >= e) {
            right = true;
            rightEnd = Math.max(rightEnd, p.b);
          } else across = true;
        }
        if (left && right) both++;
      }
      if (!across && both >= 3 && both * 2 >= figureLines && rightEnd < hi - 2) {
        added.push(e);
        break;
      }
    }
  }
  return added.length === 0 ? columns : makeStops([...stops, ...added]);
}

/** Without a marker line: columns start where ink starts after a column that is blank on every line. */
function inferStops(ctx: TextContext, body: readonly number[]): ColumnStops {
  const { text, lines } = ctx;
  let width = 0;
  for (const i of body) width = Math.max(width, (lines.inkEnd[i] ?? 0) - (lines.start[i] ?? 0));
  const used = new Uint8Array(width + 1);
  for (const i of body) {
    if (isBlankLine(lines, i) || isRuleLine(text, lines, i)) continue;
    const lineStart = lines.start[i] ?? 0;
    for (const p of splitPhrases(text, lineStart, lines.inkStart[i] ?? 0, lines.inkEnd[i] ?? 0, { pipes: true })) {
      for (let c = p.start - lineStart; c < p.end - lineStart; c++) used[c] = 1;
    }
  }
  const stops: number[] = [];
  for (let c = 0; c < width; c++) if (used[c] === 1 && (c === 0 || used[c - 1] === 0)) stops.push(c);
  if (stops.length > 0) stops[0] = 0;
  return makeStops(stops);
}

interface HeaderResult {
  readonly caption: string | null;
  readonly captionSpan: { start: number; end: number };
  readonly rows: TableRow[];
}

interface HeaderPiece {
  readonly line: number;
  readonly first: number;
  readonly last: number;
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

function overlapOf(a: number, b: number, e: Extent): number {
  return Math.max(0, Math.min(b, e.end) - Math.max(a, e.start));
}

/**
 * Column headings: each phrase of a heading line goes over the columns whose body text it covers (or whose
 * body text the `---` rule under it covers); phrases over one column are stacked into one heading per
 * column, phrases over several become spanning cells in rows above. A first line of one phrase centred over
 * the table, or far wider than the one column under it, is the table's caption.
 * One function because the helpers that place a phrase (`cover`, `ruleCover`, `ownUnderline`, `splitOverColumns`)
 * close over the column extents, the heading lines and their phrases, and the last loop uses them all; split, those
 * would be passed to each.
 */
function buildHeader(
  ctx: TextContext,
  headerLines: readonly number[],
  columns: ColumnStops,
  bodyExtents: ReadonlyArray<Extent | null>,
  allLines: readonly number[],
): HeaderResult {
  const { text, lines } = ctx;
  const n = columns.stops.length;
  const extents: Extent[] = [];
  for (let k = 0; k < n; k++) {
    const s = columns.stops[k] ?? 0;
    const next = k + 1 < n ? (columns.stops[k + 1] ?? s + 1) : s + 8;
    extents.push(bodyExtents[k] ?? { start: s, end: Math.max(s + 1, next) });
  }
  const entries = headerLines.filter((i) => !isBlankLine(lines, i));
  const isRule = entries.map((i) => isRuleLine(text, lines, i));
  const phrasesOf = entries.map((i, e) =>
    isRule[e] ? [] : splitPhrases(text, lines.start[i] ?? 0, lines.inkStart[i] ?? 0, lines.inkEnd[i] ?? 0, { pipes: true }),
  );
  const tableExtent = extentOfLines(lines, allLines);

  const cover = (a: number, b: number): [number, number] => {
    let best = -1;
    let bestOverlap = 0;
    let c1 = -1;
    let c2 = -1;
    for (let k = 0; k < n; k++) {
      const e = extents[k] as Extent;
      const o = overlapOf(a, b, e);
      if (o > bestOverlap) {
        best = k;
        bestOverlap = o;
      }
      if (o > 0 && o >= Math.min(3, e.end - e.start)) {
        if (c1 < 0) c1 = k;
        c2 = k;
      }
    }
    if (best < 0) {
      // Over a gap: the nearest column by distance to its text.
      let bestDistance = Number.POSITIVE_INFINITY;
      for (let k = 0; k < n; k++) {
        const e = extents[k] as Extent;
        const d = b <= e.start ? e.start - b : a >= e.end ? a - e.end : 0;
        if (d < bestDistance) {
          bestDistance = d;
          best = k;
        }
      }
    }
    if (c1 < 0) return [best, best];
    return [Math.min(c1, best), Math.max(c2, best)];
  };

  const tableWidth = tableExtent.end - tableExtent.start;
  const ruleCover = (e: number, phrase: Phrase, lineStart: number): [number, number] | null => {
    // The next rule line within four heading lines below.
    let r = e + 1;
    while (r < entries.length && r <= e + 4 && !isRule[r]) r++;
    if (r >= entries.length || !isRule[r]) return null;
    const center = (phrase.start + phrase.end) / 2 - lineStart;
    for (const run of ruleRuns(text, lines, entries[r] as number)) {
      if (run.end - run.start < 3 || center < run.start || center >= run.end) continue;
      // A rule across the whole table is a border, not an underline.
      if (run.end - run.start >= tableWidth * 0.85) return null;
      let inside = 0;
      for (const other of phrasesOf[e] ?? []) {
        const c = (other.start + other.end) / 2 - lineStart;
        if (c >= run.start && c < run.end) inside++;
      }
      if (inside !== 1) return null;
      const [c1, c2] = cover(run.start, run.end);
      return c2 > c1 ? [c1, c2] : null;
    }
    return null;
  };

  const ownUnderline = (e: number, phrase: Phrase, lineStart: number): boolean => {
    const r = e + 1;
    if (r >= entries.length || !isRule[r]) return false;
    const runs = ruleRuns(text, lines, entries[r] as number);
    if (runs.length !== 1) return false;
    const run = runs[0] as { start: number; end: number };
    const a = phrase.start - lineStart;
    const b = phrase.end - lineStart;
    return run.start >= a - 3 && run.end <= b + 3 && run.end - run.start >= (b - a) * 0.7;
  };

  /**
   * Headings of neighbouring columns set one blank apart (`Jan. 2001 Febr. 2001`) read as one phrase: split
   * it into words, give each word to the column it overlaps or stands nearest, and keep the split only if
   * every column gets words that line up with its text (all on the right edges, or all on the left, give or
   * take one). Tried only on lines of column headings.
   */
  const splitOverColumns = (
    phrase: Phrase,
    lineStart: number,
    first: number,
    last: number,
  ): Array<{ start: number; end: number; column: number }> | null => {
    const parts: Array<{ start: number; end: number; column: number }> = [];
    let p = phrase.start;
    while (p < phrase.end) {
      while (p < phrase.end && text.charCodeAt(p) <= 0x20) p++;
      const ws = p;
      while (p < phrase.end && text.charCodeAt(p) > 0x20) p++;
      if (p === ws) break;
      const a = ws - lineStart;
      const b = p - lineStart;
      let column = first;
      let best = Number.NEGATIVE_INFINITY;
      for (let k = first; k <= last; k++) {
        const ext = extents[k] as Extent;
        const score = overlapOf(a, b, ext) > 0 ? overlapOf(a, b, ext) : -(b <= ext.start ? ext.start - b : a - ext.end);
        if (score > best) {
          best = score;
          column = k;
        }
      }
      const previous = parts[parts.length - 1];
      if (previous !== undefined && previous.column === column) previous.end = p;
      else if (previous !== undefined && previous.column > column) return null;
      else parts.push({ start: ws, end: p, column });
    }
    if (parts.length !== last - first + 1) return null;
    let right = true;
    let left = true;
    for (const part of parts) {
      const ext = extents[part.column] as Extent;
      if (Math.abs(part.end - lineStart - ext.end) > 1) right = false;
      if (Math.abs(part.start - lineStart - ext.start) > 1) left = false;
    }
    return right || left ? parts : null;
  };

  const pieces: HeaderPiece[] = [];
  const captionParts: string[] = [];
  let captionSpan = { start: 0, end: 0 };
  let seenHeading = false;
  for (let e = 0; e < entries.length; e++) {
    const phrases = phrasesOf[e] ?? [];
    if (phrases.length === 0) continue;
    const i = entries[e] as number;
    const lineStart = lines.start[i] ?? 0;
    const covers = phrases.map((p) => ruleCover(e, p, lineStart) ?? cover(p.start - lineStart, p.end - lineStart));
    if (!seenHeading && phrases.length === 1) {
      const p = phrases[0] as Phrase;
      const [c1, c2] = covers[0] as [number, number];
      const moreBelow = phrasesOf.slice(e + 1).some((list) => list.length > 0);
      const a = p.start - lineStart;
      const b = p.end - lineStart;
      const centred =
        tableWidth > 0 &&
        Math.abs((a + b) / 2 - (tableExtent.start + tableExtent.end) / 2) <= Math.max(3, tableWidth * 0.06) &&
        b - a < tableWidth * 0.8;
      const e1 = extents[c1] as Extent;
      const underlined = ruleCover(e, p, lineStart) !== null;
      const wide = c1 === c2 && c1 >= 1 && !underlined && b - a > 1.5 * (e1.end - e1.start) + 4;
      // A spanning heading with nothing stacked under it over the same columns is a title.
      const lone =
        c2 > c1 &&
        !underlined &&
        !phrasesOf.slice(e + 1).some((list, d) =>
          list.some((q) => {
            const qs = lines.start[entries[e + 1 + d] as number] ?? 0;
            const [q1, q2] = cover(q.start - qs, q.end - qs);
            return q1 === c1 && q2 === c2;
          }),
        );
      // A first line with a rule of its own width under it is the table's title: `Revenues` / `--------`.
      const titled = !underlined && ownUnderline(e, p, lineStart);
      if (moreBelow && (centred || wide || lone || titled)) {
        captionParts.push(phraseText(text, [p]));
        captionSpan = captionParts.length === 1 ? { start: p.start, end: p.end } : { start: captionSpan.start, end: p.end };
        continue;
      }
    }
    seenHeading = true;
    phrases.forEach((p, k) => {
      const [first, last] = covers[k] as [number, number];
      // Only on a line of column headings: two other phrases or more over one column each.
      const singleOthers = covers.filter((c, j) => j !== k && c[0] === c[1]).length;
      const parts =
        last > first && singleOthers >= 2 && ruleCover(e, p, lineStart) === null ? splitOverColumns(p, lineStart, first, last) : null;
      if (parts !== null) {
        for (const part of parts) {
          pieces.push({ line: i, first: part.column, last: part.column, text: phraseText(text, [part]), start: part.start, end: part.end });
        }
      } else pieces.push({ line: i, first, last, text: phraseText(text, [p]), start: p.start, end: p.end });
    });
  }

  const rows = headerRowsFrom(pieces, n);
  return {
    caption: captionParts.length > 0 ? captionParts.join(' ') : null,
    captionSpan,
    rows,
  };
}

function extentOfLines(lines: TextLines, which: readonly number[]): Extent {
  let start = Number.POSITIVE_INFINITY;
  let end = 0;
  for (const i of which) {
    if (isBlankLine(lines, i)) continue;
    start = Math.min(start, (lines.inkStart[i] ?? 0) - (lines.start[i] ?? 0));
    end = Math.max(end, (lines.inkEnd[i] ?? 0) - (lines.start[i] ?? 0));
  }
  return start === Number.POSITIVE_INFINITY ? { start: 0, end: 0 } : { start, end };
}

interface Group {
  readonly first: number;
  readonly last: number;
  readonly parts: HeaderPiece[];
}

interface SpanningRow {
  readonly groups: Group[];
  /** First and last heading line of its groups. */
  top: number;
  bottom: number;
}

/**
 * Heading rows in the order they stand: spanning headings (stacked over several lines into one cell while
 * nothing else comes between over the same columns; side by side when they share lines), and one row of
 * the headings of single columns, which goes where its last line stands.
 */
function headerRowsFrom(pieces: readonly HeaderPiece[], n: number): TableRow[] {
  if (pieces.length === 0) return [];
  const singles: HeaderPiece[][] = Array.from({ length: n }, () => []);
  const groups: Group[] = [];
  for (const piece of pieces) {
    if (piece.first === piece.last) {
      singles[piece.first]?.push(piece);
      continue;
    }
    let target: Group | null = null;
    for (let g = groups.length - 1; g >= 0; g--) {
      const group = groups[g] as Group;
      if (group.first === piece.first && group.last === piece.last) {
        target = group;
        break;
      }
      if (group.first <= piece.last && piece.first <= group.last) break;
    }
    if (target !== null) {
      // Not over a heading of its own columns that stands between them.
      const since = (target.parts[target.parts.length - 1] as HeaderPiece).line;
      const between = pieces.some(
        (p) => p.first === p.last && p.line > since && p.line < piece.line && p.first >= piece.first && p.first <= piece.last,
      );
      if (between) target = null;
    }
    if (target !== null) target.parts.push(piece);
    else groups.push({ first: piece.first, last: piece.last, parts: [piece] });
  }
  const spanning: SpanningRow[] = [];
  for (const group of groups) {
    const top = (group.parts[0] as HeaderPiece).line;
    const bottom = (group.parts[group.parts.length - 1] as HeaderPiece).line;
    const row = spanning.find(
      (r) => r.top <= bottom && top <= r.bottom && r.groups.every((other) => other.last < group.first || group.last < other.first),
    );
    if (row !== undefined) {
      row.groups.push(group);
      row.top = Math.min(row.top, top);
      row.bottom = Math.max(row.bottom, bottom);
    } else spanning.push({ groups: [group], top, bottom });
  }
  const ordered: Array<{ at: number; row: TableRow }> = spanning.map((r) => ({ at: r.top, row: spanningRow(r.groups, n) }));
  let singlesLast = -1;
  for (const list of singles) for (const p of list) singlesLast = Math.max(singlesLast, p.line);
  if (singlesLast >= 0) {
    const cells: TableCell[] = [];
    let rowStart = Number.POSITIVE_INFINITY;
    let rowEnd = 0;
    for (let k = 0; k < n; k++) {
      const list = singles[k] ?? [];
      if (list.length === 0) {
        cells.push(emptyCell({ start: 0, end: 0 }));
        continue;
      }
      const start = Math.min(...list.map((p) => p.start));
      const end = Math.max(...list.map((p) => p.end));
      rowStart = Math.min(rowStart, start);
      rowEnd = Math.max(rowEnd, end);
      cells.push(makeCell(joinWrapped(list.map((p) => p.text)), 1, { start, end }, null));
    }
    ordered.push({ at: singlesLast + 0.5, row: fixEmptySpans({ cells, span: { start: rowStart, end: rowEnd } }) });
  }
  ordered.sort((a, b) => a.at - b.at);
  return ordered.map((o) => o.row);
}

function spanningRow(groups: readonly Group[], n: number): TableRow {
  const cells: TableCell[] = [];
  let rowStart = Number.POSITIVE_INFINITY;
  let rowEnd = 0;
  let k = 0;
  while (k < n) {
    const group = groups.find((g) => g.first === k);
    if (group === undefined) {
      cells.push(emptyCell({ start: 0, end: 0 }));
      k++;
      continue;
    }
    const start = Math.min(...group.parts.map((p) => p.start));
    const end = Math.max(...group.parts.map((p) => p.end));
    rowStart = Math.min(rowStart, start);
    rowEnd = Math.max(rowEnd, end);
    const colspan = Math.min(group.last, n - 1) - group.first + 1;
    cells.push(makeCell(joinWrapped(group.parts.map((p) => p.text)), colspan, { start, end }, 'center'));
    k += colspan;
  }
  return fixEmptySpans({ cells, span: { start: rowStart, end: rowEnd } });
}

/** Empty heading cells get an empty span at the start of their row. */
function fixEmptySpans(row: TableRow): TableRow {
  const at = row.span.start;
  return {
    cells: row.cells.map((c) => (c.text === '' ? emptyCell({ start: at, end: at }) : c)),
    span: row.span,
  };
}

/** A stub that is a note rather than a row: `*  Less than 1%.`, `(1) Restated.`, `<F1> ...`, `/1/ ...`. */
const NOTE_START = /^(?:<F\d+>|\(\d{1,2}\)\s|\*+\s|\/\w{1,2}\/|\[\d+\]\s)/i;

const FOOTNOTE_START = /^(?:<F\d+>|\(\w{1,3}\)|\d{1,2}[.)]\s|\*+|\/\w{1,2}\/|\[\d+\]|-{1,2}\s)/i;

/** `<FN>` lines: a footnote starts at a marker (`<F1>`, `(1)`, `(a)`, `*`, `/1/`) or after a blank line. */
function splitFootnotes(text: string, ranges: ReadonlyArray<[number, number]>): string[] {
  const notes: string[] = [];
  let current: Array<[number, number]> = [];
  const flush = (): void => {
    if (current.length > 0) {
      const note = reflowRanges(text, current);
      if (note !== '') notes.push(note);
    }
    current = [];
  };
  for (const [from, to] of ranges) {
    let a = from;
    while (a < to && text.charCodeAt(a) <= 0x20) a++;
    if (a >= to) {
      flush();
      continue;
    }
    if (FOOTNOTE_START.test(text.slice(a, Math.min(to, a + 8)))) flush();
    current.push([a, to]);
  }
  flush();
  return notes;
}

interface Grid {
  readonly headerRows: TableRow[];
  readonly rows: TableRow[];
  readonly columnCount: number;
}

/** Which cell of a row covers column `k`, and the column that cell starts at. */
function cellAt(row: TableRow, k: number): { index: number; first: number } | null {
  let column = 0;
  for (let index = 0; index < row.cells.length; index++) {
    const cell = row.cells[index] as TableCell;
    if (k < column + cell.colspan) return { index, first: column };
    column += cell.colspan;
  }
  return null;
}

const SIGN_BEFORE = /^(?:\$|US\$|\u20ac|\u00a3)$/;
const SIGN_AFTER = /^(?:%|\)|%\))$/;

/**
 * Columns that hold only `$` signs (a `<C>` stop of their own) are merged into the figures after them, and
 * columns of only `%` or `)` into the figures before them, so `$` | `12,345` reads `$12,345`.
 */
function mergeSignColumns(headerRows: TableRow[], rows: TableRow[], columnCount: number): Grid {
  let grid: Grid = { headerRows, rows, columnCount };
  for (let k = grid.columnCount - 1; k >= 1; k--) {
    const before = k + 1 < grid.columnCount && isSignColumn(grid, k, SIGN_BEFORE);
    const after = !before && isSignColumn(grid, k, SIGN_AFTER);
    if (before || after) grid = removeColumn(grid, k, before ? k + 1 : k - 1);
  }
  return grid;
}

function isSignColumn(grid: Grid, k: number, sign: RegExp): boolean {
  let signs = 0;
  for (const row of grid.rows) {
    const at = cellAt(row, k);
    if (at === null) continue;
    const cell = row.cells[at.index] as TableCell;
    if (cell.colspan > 1 || cell.text === '') continue;
    if (!sign.test(cell.text)) return false;
    signs++;
  }
  if (signs === 0) return false;
  for (const row of grid.headerRows) {
    const at = cellAt(row, k);
    if (at === null) continue;
    const cell = row.cells[at.index] as TableCell;
    if (cell.colspan === 1 && cell.text !== '') return false;
  }
  return true;
}

function removeColumn(grid: Grid, k: number, into: number): Grid {
  const fix = (row: TableRow): TableRow => {
    const at = cellAt(row, k);
    if (at === null) return row;
    const cells = row.cells.slice();
    const cell = cells[at.index] as TableCell;
    if (cell.colspan > 1) {
      cells[at.index] = { ...cell, colspan: cell.colspan - 1 };
      return { cells, span: row.span };
    }
    const target = cellAt(row, into);
    if (cell.text !== '' && target !== null) {
      const other = cells[target.index] as TableCell;
      if (other.colspan === 1 && other.text !== '') {
        const text = into > k ? `${cell.text}${other.text}` : `${other.text}${cell.text}`;
        const span = { start: Math.min(cell.span.start, other.span.start), end: Math.max(cell.span.end, other.span.end) };
        cells[target.index] = makeCell(text, 1, span, other.align);
      } else if (other.text === '') cells[target.index] = { ...cell };
    }
    cells.splice(at.index, 1);
    return { cells, span: row.span };
  };
  return { headerRows: grid.headerRows.map(fix), rows: grid.rows.map(fix), columnCount: grid.columnCount - 1 };
}
