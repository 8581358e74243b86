import type { Span } from '../../core/span.js';
import type { Alignment, TableCell, TableRow } from '../../model/document.js';
import { looksNumeric, looksNumericAt, normalizeCellText, type Phrase, phraseText, splitPhrases } from './phrases.js';
import { joinWrapped } from './reflow.js';
import { hasFlag, isBlankLine, isRuleLine, LINE_ODD_BLANK, type TextContext } from './text-lines.js';

/** Column stops of a table: the column where each column starts (`<S>`/`<C>` marker positions). */
export interface ColumnStops {
  readonly stops: readonly number[];
  /** `isStop[column] === 1` where a column starts. */
  readonly isStop: Uint8Array;
}

export function makeStops(columns: readonly number[]): ColumnStops {
  const stops = [...new Set(columns)].filter((c) => c >= 0).sort((a, b) => a - b);
  if (stops.length === 0) stops.push(0);
  const isStop = new Uint8Array((stops[stops.length - 1] ?? 0) + 2);
  for (const s of stops) isStop[s] = 1;
  return { stops, isStop };
}

/** One line's text cut into the table's columns. */
export interface LineCells {
  readonly line: number;
  /** Per column, the text that fell into it on this line. */
  readonly cells: ReadonlyArray<LinePiece | undefined>;
  /** Text in the first (stub) column. */
  readonly stub: boolean;
  /** Text in any other column. */
  readonly values: boolean;
  /** One phrase of text that runs from the stub across the other columns: a line that spans the table. */
  readonly spanning: boolean;
  /** Phrases that overflowed a stop by more than two characters and were given to one side. */
  readonly ragged: number;
  /** A column other than the stub got two figures or more (`17,983   58` under one `<C>`). */
  readonly crowded: boolean;
}

export interface LinePiece {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

/** Column ranges: column k covers `[stops[k], stops[k + 1])`; the first column also everything left of it. */
function columnOf(stops: readonly number[], column: number): number {
  let k = 0;
  while (k + 1 < stops.length && (stops[k + 1] ?? 0) <= column) k++;
  return k;
}

/**
 * Cut one line into cells at the column stops. A phrase inside one column goes to that column. A phrase
 * that crosses a stop is taken apart into words and runs of words: figures are right-aligned, so a figure
 * goes to the column where it ends; words are left-aligned, so they go to the column where they start.
 * Either may overflow a stop by up to two characters and stay in its own column.
 * ```
 * > | <S>        <C>            <C>
 * > |      I-MF  386,100,000.00 383,371,981.77
 *                ^^ starts two characters left of the stop, ends in the second column: second column
 * ```
 * One pass over the line's phrases, kept whole because placing a phrase (one column, a spanning line, or units cut at
 * the stops) also sets the ragged count and spanning flag the cells are built with; split, that state would be passed
 * around.
 */
export function cutLine(ctx: TextContext, i: number, columns: ColumnStops): LineCells {
  const { text, lines } = ctx;
  const lineStart = lines.start[i] ?? 0;
  const phrases = splitPhrases(text, lineStart, lines.inkStart[i] ?? 0, lines.inkEnd[i] ?? 0, {
    leaders: true,
    pipes: true,
    stops: columns.isStop,
  });
  const stops = columns.stops;
  const n = stops.length;
  const oddBlanks = hasFlag(lines, i, LINE_ODD_BLANK);
  const byColumn: Phrase[][] = [];
  let ragged = 0;
  let spanning = false;
  for (const phrase of phrases) {
    const a = phrase.start - lineStart;
    const b = phrase.end - lineStart;
    const k0 = columnOf(stops, a);
    const k1 = columnOf(stops, b - 1);
    if (k1 === k0) {
      put(byColumn, k0, phrase);
      continue;
    }
    if (phrases.length === 1 && k0 === 0 && n > 2) {
      // One phrase of words from the stub across three columns or more: a line that spans the table.
      let crossed = 0;
      for (let k = k0; k <= k1; k++) {
        const lo = k === 0 ? Number.NEGATIVE_INFINITY : (stops[k] ?? 0);
        const hi = k + 1 < n ? (stops[k + 1] ?? 0) : Number.POSITIVE_INFINITY;
        if (Math.min(b, hi) - Math.max(a, lo) > 2) crossed++;
      }
      if (crossed >= 3 && !looksNumericAt(text, phrase.start, phrase.end)) {
        spanning = true;
        put(byColumn, 0, phrase);
        continue;
      }
    }
    for (const unit of unitsOf(text, phrase)) {
      const ua = unit.phrase.start - lineStart;
      const ub = unit.phrase.end - lineStart;
      let k: number;
      if (unit.figure) k = columnOf(stops, ub - 1);
      else {
        k = columnOf(stops, ua);
        const next = stops[k + 1];
        if (next !== undefined && next - ua <= 2 && ub - next > next - ua) k++;
      }
      const lo = stops[k] ?? 0;
      const hi = stops[k + 1] ?? Number.POSITIVE_INFINITY;
      if ((k > 0 && lo - ua > 2) || ub - hi > 2) ragged++;
      put(byColumn, k, unit.phrase);
    }
  }
  // A figure that ran a character or two past the stop into a column that has text of its own on this
  // line belongs to the column before, if that one is empty.
  for (let k = 1; k < n; k++) {
    const list = byColumn[k];
    if (list === undefined || list.length < 2 || (byColumn[k - 1]?.length ?? 0) > 0) continue;
    const first = list[0] as Phrase;
    const stop = stops[k] ?? 0;
    if (first.end - lineStart - stop <= 2 && first.start - lineStart < stop && looksNumericAt(text, first.start, first.end)) {
      list.shift();
      put(byColumn, k - 1, first);
    }
  }
  // Two figures in one column where the next column is empty and the second ends at its stop: the
  // second is the next column's, set a character or two short (`901     0     0` under `0` and `0`).
  for (let k = 1; k + 1 < n; k++) {
    const list = byColumn[k];
    if (list === undefined || list.length < 2 || (byColumn[k + 1]?.length ?? 0) > 0) continue;
    const last = list[list.length - 1] as Phrase;
    const stop = stops[k + 1] ?? 0;
    if (stop - (last.end - lineStart) <= 2 && looksNumericAt(text, last.start, last.end)) {
      list.pop();
      put(byColumn, k + 1, last);
      ragged++;
    }
  }
  const cells: Array<LinePiece | undefined> = new Array(n);
  let stub = false;
  let values = false;
  let crowded = false;
  for (let k = 0; k < n; k++) {
    const list = byColumn[k];
    if (list === undefined || list.length === 0) continue;
    const first = list[0] as Phrase;
    const last = list[list.length - 1] as Phrase;
    cells[k] = { text: phraseText(text, list, oddBlanks), start: first.start, end: last.end };
    if (k === 0) stub = true;
    else {
      values = true;
      if (list.length >= 2 && !crowded) {
        let figures = 0;
        for (const p of list) if (looksNumericAt(text, p.start, p.end)) figures++;
        crowded = figures >= 2;
      }
    }
  }
  return { line: i, cells, stub, values, spanning, ragged, crowded };
}

function put(byColumn: Phrase[][], k: number, unit: Phrase): void {
  const list = byColumn[k];
  if (list === undefined) byColumn[k] = [unit];
  else list.push(unit);
}

/** `$`, `(`, `$(` and the like: signs that belong to the figure after them. */
const LEADING_SIGN = /^(?:\$|US\$|\(|\$\(|\(\$|\u20ac|\u00a3)$/;

/**
 * Split a phrase into units: each figure (with a `$` or `(` standing before it) is a unit of its own, and
 * runs of other words are units.
 */
function unitsOf(text: string, phrase: Phrase): Array<{ phrase: Phrase; figure: boolean }> {
  const units: Array<{ phrase: Phrase; figure: boolean }> = [];
  let p = phrase.start;
  let wordsStart = -1;
  let wordsEnd = -1;
  let signStart = -1;
  while (p < phrase.end) {
    while (p < phrase.end && text.charCodeAt(p) <= 0x20) p++;
    if (p >= phrase.end) break;
    const s = p;
    while (p < phrase.end && text.charCodeAt(p) > 0x20) p++;
    const word = text.slice(s, p);
    if (looksNumeric(word)) {
      if (wordsStart >= 0 && wordsStart !== signStart) {
        units.push({ phrase: { start: wordsStart, end: signStart >= 0 ? lastEndBefore(text, signStart) : wordsEnd }, figure: false });
      }
      units.push({ phrase: { start: signStart >= 0 ? signStart : s, end: p }, figure: true });
      wordsStart = -1;
      signStart = -1;
      continue;
    }
    if (LEADING_SIGN.test(word)) signStart = s;
    else signStart = -1;
    if (wordsStart < 0) wordsStart = s;
    wordsEnd = p;
  }
  if (wordsStart >= 0) units.push({ phrase: { start: wordsStart, end: wordsEnd }, figure: false });
  return units;
}

/** End of the ink before the blanks that precede `at`. */
function lastEndBefore(text: string, at: number): number {
  let q = at;
  while (q > 0 && text.charCodeAt(q - 1) <= 0x20) q--;
  return q;
}

/** A table row being assembled from one or more lines. */
export interface DraftRow {
  readonly cells: Array<DraftCell | undefined>;
  firstLine: number;
  lastLine: number;
  /** Only the stub has text so far. */
  stubOnly: boolean;
  /** The row started right after a blank line, a rule or the top of the table. */
  readonly afterSeparator: boolean;
  /** Nothing may be joined to this row (a spanning line). */
  readonly closed: boolean;
}

export interface DraftCell {
  colspan: number;
  readonly pieces: string[];
  start: number;
  end: number;
}

function draftFrom(lc: LineCells, afterSeparator: boolean, columnCount: number): DraftRow {
  const cells: Array<DraftCell | undefined> = new Array(columnCount);
  if (lc.spanning) {
    const only = lc.cells.find((c) => c !== undefined);
    if (only !== undefined) cells[0] = { colspan: columnCount, pieces: [only.text], start: only.start, end: only.end };
  } else {
    for (let k = 0; k < lc.cells.length; k++) {
      const piece = lc.cells[k];
      if (piece !== undefined) cells[k] = { colspan: 1, pieces: [piece.text], start: piece.start, end: piece.end };
    }
  }
  return {
    cells,
    firstLine: lc.line,
    lastLine: lc.line,
    stubOnly: lc.stub && !lc.values,
    afterSeparator,
    closed: lc.spanning,
  };
}

function appendLine(row: DraftRow, lc: LineCells): void {
  for (let k = 0; k < lc.cells.length; k++) {
    const piece = lc.cells[k];
    if (piece === undefined) continue;
    const cell = row.cells[k];
    if (cell === undefined) row.cells[k] = { colspan: 1, pieces: [piece.text], start: piece.start, end: piece.end };
    else {
      cell.pieces.push(piece.text);
      cell.start = Math.min(cell.start, piece.start);
      cell.end = Math.max(cell.end, piece.end);
    }
  }
  row.stubOnly = row.stubOnly && !lc.values;
  row.lastLine = lc.line;
}

function lastPiece(cell: DraftCell | undefined): string {
  return cell === undefined ? '' : (cell.pieces[cell.pieces.length - 1] ?? '');
}

/** A line with an empty stub continues the row above unless it puts a figure under a figure. */
function continuesRow(row: DraftRow, lc: LineCells): boolean {
  for (let k = 1; k < lc.cells.length; k++) {
    const piece = lc.cells[k];
    if (piece === undefined) continue;
    const above = row.cells[k];
    if (above !== undefined && looksNumeric(piece.text) && looksNumeric(lastPiece(above))) return false;
  }
  return true;
}

/** After a blank line, an empty-stub line continues the row only as more words under words. */
function continuesText(row: DraftRow, lc: LineCells): boolean {
  for (let k = 1; k < lc.cells.length; k++) {
    const piece = lc.cells[k];
    if (piece === undefined) continue;
    const above = row.cells[k];
    if (above === undefined || looksNumeric(piece.text) || looksNumeric(lastPiece(above))) return false;
  }
  return true;
}

function startsLowercase(s: string): boolean {
  const c = s.charCodeAt(0);
  return c >= 0x61 && c <= 0x7a;
}

/** Short words only, no figures: a line of column headings (`EUR    %    EUR    %`). */
function headingWords(lc: LineCells): boolean {
  for (const piece of lc.cells) if (piece !== undefined && (piece.text.length > 24 || looksNumeric(piece.text))) return false;
  return true;
}

export interface AssembledRows {
  readonly rows: DraftRow[];
  /** Lines cut into cells, for measuring column extents. */
  readonly cut: LineCells[];
  /** Lines before the first row with words in the value columns only: more column headings. */
  readonly leadingHeaderLines: number[];
  readonly ragged: number;
  /** First line that overflowed a stop, for the diagnostic's offset. */
  readonly firstRaggedLine: number;
}

type LineKind = 'blank' | 'rule' | 'stub-only' | 'full' | 'continuation';

/**
 * Assemble rows from the body lines of a table.
 *
 * - A line with an empty stub continues the row above (wrapped descriptions), unless it puts a figure under
 *   a figure; after a blank line only words continue words.
 * - A stub-only line takes the next line into the same row when that line starts in lowercase
 *   (`Investment income for the account` / `of policyholders (b)   (3,495)`), or when the two stand alone
 *   between blank lines (`AmSouth Bank, FBO` / `Margaret Spencer South   5,530`).
 * - Blank lines otherwise separate rows only where the stub starts again; rule lines always do and are
 *   dropped.
 * One function because classifying the lines (the first loop) and grouping them into rows share `kinds` and `cut` by
 * index, and the grouping looks ahead in `kinds`; split, both arrays would be passed around.
 */
export function assembleRows(ctx: TextContext, body: readonly number[], columns: ColumnStops, allowLeadingHeaders: boolean): AssembledRows {
  const { text, lines } = ctx;
  const n = columns.stops.length;
  const cut: Array<LineCells | undefined> = new Array(body.length);
  const kinds: LineKind[] = new Array(body.length);
  const all: LineCells[] = [];
  for (let idx = 0; idx < body.length; idx++) {
    const i = body[idx] as number;
    if (isBlankLine(lines, i)) kinds[idx] = 'blank';
    else if (isRuleLine(text, lines, i)) kinds[idx] = 'rule';
    else {
      const lc = cutLine(ctx, i, columns);
      if (!lc.stub && !lc.values) {
        // Nothing but the `|` of a drawn box: as good as blank.
        kinds[idx] = 'blank';
        continue;
      }
      cut[idx] = lc;
      all.push(lc);
      kinds[idx] = !lc.stub ? 'continuation' : lc.values ? 'full' : 'stub-only';
    }
  }
  /** The rest of a blank-separated group is stub-only lines, then one full line, then continuations. */
  const groupEndsAfterOneFull = (idx: number): boolean => {
    let fulls = 0;
    for (let j = idx; j < body.length; j++) {
      const kind = kinds[j];
      if (kind === 'blank' || kind === 'rule') break;
      if (kind === 'full') fulls++;
      else if (kind === 'stub-only' && fulls > 0) return false;
    }
    return fulls === 1;
  };
  const rows: DraftRow[] = [];
  const leadingHeaderLines: number[] = [];
  let ragged = 0;
  let firstRaggedLine = -1;
  let current: DraftRow | null = null;
  let separator = 2; // 0 none, 1 blank line, 2 rule or top of table
  for (let idx = 0; idx < body.length; idx++) {
    const kind = kinds[idx];
    const lc = cut[idx];
    if (kind === 'blank') {
      if (separator < 1) separator = 1;
      continue;
    }
    if (kind === 'rule' || lc === undefined) {
      separator = 2;
      continue;
    }
    if (lc.ragged > 0) {
      ragged += lc.ragged;
      if (firstRaggedLine < 0) firstRaggedLine = lc.line;
    }
    if (allowLeadingHeaders && rows.length === 0 && leadingHeaderLines.length < 6 && !lc.stub && !lc.spanning && headingWords(lc)) {
      leadingHeaderLines.push(lc.line);
      continue;
    }
    if (current !== null && !current.closed && !lc.spanning) {
      if (separator === 0) {
        if (!lc.stub && continuesRow(current, lc)) {
          appendLine(current, lc);
          continue;
        }
        if (lc.stub && current.stubOnly) {
          const stubAbove = lastPiece(current.cells[0]);
          const colon = stubAbove.endsWith(':');
          const stubText = lc.cells[0]?.text ?? '';
          if (!colon && (startsLowercase(stubText) || (current.afterSeparator && groupEndsAfterOneFull(idx)))) {
            appendLine(current, lc);
            continue;
          }
        }
      } else if (separator === 1 && !lc.stub && continuesText(current, lc)) {
        appendLine(current, lc);
        separator = 0;
        continue;
      }
    }
    current = draftFrom(lc, separator > 0, n);
    rows.push(current);
    separator = 0;
  }
  return { rows, cut: all, leadingHeaderLines, ragged, firstRaggedLine };
}

/** Where a column's text sits in the body: `[start, end)` columns, or null for an empty column. */
export interface Extent {
  start: number;
  end: number;
}

/**
 * Where each column's text sits in the body. In a table of figures only the figures (and the stubs of their
 * lines) count, so notes and addresses set inside the same `<TABLE>` do not blur the columns.
 */
export function columnExtents(ctx: TextContext, cut: readonly LineCells[], columnCount: number): Array<Extent | null> {
  const extents: Array<Extent | null> = new Array(columnCount).fill(null);
  const figureLine = new Uint8Array(cut.length);
  let figureLines = 0;
  cut.forEach((lc, j) => {
    if (lc.cells.some((c, k) => k > 0 && c !== undefined && looksNumeric(c.text))) {
      figureLine[j] = 1;
      figureLines++;
    }
  });
  const figuresOnly = figureLines * 2 >= cut.length && figureLines > 0;
  for (let j = 0; j < cut.length; j++) {
    const lc = cut[j] as LineCells;
    if (lc.spanning || (figuresOnly && figureLine[j] === 0)) continue;
    const lineStart = ctx.lines.start[lc.line] ?? 0;
    for (let k = 0; k < lc.cells.length; k++) {
      const piece = lc.cells[k];
      if (piece === undefined || (figuresOnly && k > 0 && !looksNumeric(piece.text))) continue;
      const a = piece.start - lineStart;
      const b = piece.end - lineStart;
      const e = extents[k];
      if (e === null || e === undefined) extents[k] = { start: a, end: b };
      else {
        e.start = Math.min(e.start, a);
        e.end = Math.max(e.end, b);
      }
    }
  }
  return extents;
}

/** Turn a draft row into a model row of exactly `columnCount` columns, empty cells filled in. */
export function finishRow(ctx: TextContext, row: DraftRow, columnCount: number, stops: readonly number[]): TableRow {
  const { lines } = ctx;
  const cells: TableCell[] = [];
  const rowStart = lines.inkStart[row.firstLine] ?? 0;
  const rowEnd = lines.inkEnd[row.lastLine] ?? rowStart;
  const lineStart = lines.start[row.firstLine] ?? 0;
  const lineEnd = lines.end[row.firstLine] ?? lineStart;
  let k = 0;
  while (k < columnCount) {
    const cell = row.cells[k];
    if (cell === undefined) {
      const at = Math.min(lineStart + (stops[k] ?? 0), lineEnd);
      cells.push(emptyCell({ start: at, end: at }));
      k++;
      continue;
    }
    const colspan = Math.max(1, Math.min(cell.colspan, columnCount - k));
    cells.push(makeCell(joinWrapped(cell.pieces), colspan, { start: cell.start, end: cell.end }));
    k += colspan;
  }
  return { cells, span: { start: rowStart, end: Math.max(rowStart, rowEnd) } };
}

export function makeCell(raw: string, colspan: number, span: Span, align?: Alignment | null): TableCell {
  const text = normalizeCellText(raw);
  const numeric = looksNumeric(text);
  return { text, colspan, rowspan: 1, align: align !== undefined ? align : numeric ? 'right' : null, span };
}

export function emptyCell(span: Span): TableCell {
  return { text: '', colspan: 1, rowspan: 1, align: null, span };
}
