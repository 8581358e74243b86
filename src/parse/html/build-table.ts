/**
 * An HTML `<table>`, once closed, made into what it means:
 *
 * - a layout table (one column of content, or cells holding tables of their own) gives its cells'
 *   content back as ordinary blocks;
 * - a table of bullets or enumerators beside text becomes a list;
 * - rows that are check boxes (`| Form 20-F | X | | Form 40-F | |`) become `Choice` blocks;
 * - the rest is a `Table`: cells placed on a grid through colspan/rowspan, EDGAR's split cells undone
 *   (a cell holding only `$` joins the number after it, one holding only `)`, `%` or `)%` joins the
 *   number before it), then rows and columns left empty everywhere dropped, header rows told
 *   (`<th>`/`<thead>`, else the rows before the first row of numbers) and footnote rows moved out.
 */
import type { Span } from '../../core/span.js';
import type { Alignment, Block, Table, TableCell, TableRow } from '../../model/document.js';
import { detectChoice } from './detect-choice.js';
import { hasLoneX, PIECE_BOX, PIECE_CELL, type Piece, type Run } from './inline-run.js';
import { blockText, type Item, itemsText } from './items.js';

/** A cell as the streaming builder collects it (itself the builder's text container while the cell is open). */
export interface CellDraft {
  readonly type: 'cell';
  /** The cell's items (replaced by a new array at the first, so that one holds it). */
  items: Item[];
  run: Run | null;
  readonly header: boolean;
  readonly colspan: number;
  readonly rowspan: number;
  readonly align: Alignment | null;
  readonly bordered: boolean;
  readonly start: number;
  end: number;
}

export interface RowDraft {
  readonly cells: CellDraft[];
  readonly header: boolean;
  readonly start: number;
  end: number;
}

export interface TableDraft {
  readonly rows: RowDraft[];
  row: RowDraft | null;
  inHead: boolean;
  caption: string | null;
  readonly start: number;
  end: number;
}

/** Largest colspan/rowspan honoured: more is a typo or an attack, not a table. */
const MAX_SPAN = 256;
/** Widest grid built; cells past it are placed in the last column. */
const MAX_COLUMNS = 1024;

export function spanAttribute(value: string | undefined): number {
  if (value === undefined) return 1;
  const number = Number.parseInt(value, 10);
  if (!Number.isFinite(number) || number < 1) return 1;
  return Math.min(number, MAX_SPAN);
}

/** A cell placed on the grid, with its text and source range (no span object: most cells are empty spacers, dropped). */
interface PlacedCell {
  readonly draft: CellDraft;
  text: string;
  start: number;
  end: number;
  readonly row: number;
  readonly column: number;
  readonly colspan: number;
  rowspan: number;
}

const CURRENCY_ONLY = /^(?:[A-Z]{0,3}\$|€|£|¥|₩|₹|Ps\.?|R\$|RMB|EUR|USD)$/;
const CLOSING_ONLY = /^(?:\)|%|\)%|%\))$/;
const NUMBER_START = /^[(\-–—]?\s*[\d.,]*\d|^[-–—]+$/;
const NUMBER_END = /[\d\-–—]$/;
// Each optional sign takes the blanks after it (`\s*(?:-\s*)?`, not `\s*-?\s*`): the same strings, without the
// two adjacent `\s*` that split a long run of blanks every possible way.
const NUMERIC_CELL = /^[($€£¥]*\s*(?:[-–—]\s*)?\d[\d,]*(?:\.\d+)?\s*(?:\)\s*)?%?$/;
const BARE_YEAR = /^(?:19|20)\d\d$/;
const ENUMERATOR = /^\(\d{1,2}\)$/;
/** Longest cell text in a header row told by position (above the first row of numbers). */
const HEADER_MAX_CHARS = 100;
const FOOTNOTE = /^(?:\(\s*[0-9a-z]{1,3}\s*\)|\[\d{1,3}\]|\*{1,3}|\d{1,2}\)|[†‡§])\s*\S/i;
const BULLET = /^(?:[•●▪◦·‣➢❖■\-–—*]|\(?[0-9]{1,3}[.)]|\(?[a-zA-Z][.)]|\([ivx]{1,5}\))$/;

/** Turns a closed table into the items it gives to the container around it. */
export function finishTable(draft: TableDraft): Item[] {
  const rows = draft.rows;
  const placed: PlacedCell[][] = [];
  const coveredUntil: number[] = []; // per column, the last row a rowspan from above reaches
  let width = 0;
  let nested = false;
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r] as RowDraft;
    const out: PlacedCell[] = [];
    let column = 0;
    for (const draftCell of row.cells) {
      while (column < MAX_COLUMNS - 1 && (coveredUntil[column] ?? -1) >= r) column++;
      const colspan = Math.max(1, Math.min(draftCell.colspan, MAX_COLUMNS - column));
      const rowspan = Math.min(draftCell.rowspan, rows.length - r);
      for (let c = column; c < column + colspan; c++) coveredUntil[c] = Math.max(coveredUntil[c] ?? -1, r + rowspan - 1);
      for (const item of draftCell.items) if (item.kind === 'table') nested = true;
      out.push({
        draft: draftCell,
        text: itemsText(draftCell.items),
        start: draftCell.start,
        end: draftCell.end,
        row: r,
        column,
        colspan,
        rowspan,
      });
      column = Math.min(column + colspan, MAX_COLUMNS - 1);
    }
    placed.push(out);
  }
  for (const row of placed) for (const cell of row) width = Math.max(width, cell.column + cell.colspan);

  if (nested || contentColumns(placed, width) <= 1) return layoutItems(draft);

  const list = bulletList(placed, draft);
  if (list !== null) return [list];

  for (const row of placed) mergeSplitCells(row);

  // Check-box rows first, while empty bordered cells (blank boxes) are still there.
  const choices = new Map<number, Block[]>();
  for (let r = 0; r < placed.length; r++) {
    const blocks = choiceRow(placed[r] as PlacedCell[]);
    if (blocks !== null) choices.set(r, blocks);
  }

  const out: Item[] = [];
  let fragment: number[] = [];
  const flush = (): void => {
    if (fragment.length > 0) {
      const table = buildTable(placed, fragment, width, draft, choices.size === 0);
      if (table !== null) out.push(table);
    }
    fragment = [];
  };
  for (let r = 0; r < placed.length; r++) {
    const blocks = choices.get(r);
    if (blocks === undefined) {
      fragment.push(r);
      continue;
    }
    flush();
    for (const block of blocks) out.push(block);
  }
  flush();
  if (hasPageBreak(draft)) out.push({ kind: 'page-break', offset: draft.end });
  return out;
}

/** Columns that hold some text: one-column cells count where they stand, wider cells only where nothing else does. */
function keptColumns(placed: readonly (readonly PlacedCell[])[], rowIndexes: readonly number[], width: number): boolean[] {
  const kept: boolean[] = new Array(width).fill(false);
  for (const r of rowIndexes) for (const cell of placed[r] ?? []) if (cell.colspan === 1 && cell.text !== '') kept[cell.column] = true;
  for (const r of rowIndexes) {
    for (const cell of placed[r] ?? []) {
      if (cell.colspan === 1 || cell.text === '') continue;
      let any = false;
      for (let c = cell.column; c < cell.column + cell.colspan; c++) if (kept[c]) any = true;
      if (!any) kept[cell.column] = true;
    }
  }
  return kept;
}

function contentColumns(placed: readonly (readonly PlacedCell[])[], width: number): number {
  const all = placed.map((_, index) => index);
  let count = 0;
  for (const kept of keptColumns(placed, all, width)) if (kept) count++;
  return count;
}

/** A layout table hands its cells' content, in reading order, to the container around it. */
function layoutItems(draft: TableDraft): Item[] {
  const out: Item[] = [];
  if (draft.caption !== null && draft.caption !== '') {
    out.push({ kind: 'paragraph', text: draft.caption, align: null, span: { start: draft.start, end: draft.start } });
  }
  for (const row of draft.rows) for (const cell of row.cells) for (const item of cell.items) out.push(item);
  return out;
}

function hasPageBreak(draft: TableDraft): boolean {
  for (const row of draft.rows) for (const cell of row.cells) for (const item of cell.items) if (item.kind === 'page-break') return true;
  return false;
}

/**
 * Undoes EDGAR's `$` | `1,234` | `)` cells: the symbol joins the number in the cell right beside it,
 * and its own cell is left empty. Only neighbours merge: a `%` after an empty cell (a rate left
 * blank in a preliminary prospectus) stays where it is.
 */
function mergeSplitCells(row: PlacedCell[]): void {
  for (let index = 0; index < row.length; index++) {
    const cell = row[index] as PlacedCell;
    if (cell.text === '' || cell.text.length > 4) continue;
    if (CURRENCY_ONLY.test(cell.text)) {
      const target = row[index + 1];
      if (target !== undefined && NUMBER_START.test(target.text)) {
        target.text = cell.text + target.text;
        target.start = Math.min(cell.start, target.start);
        target.end = Math.max(cell.end, target.end);
        cell.text = '';
      }
    } else if (CLOSING_ONLY.test(cell.text)) {
      const target = row[index - 1];
      if (target !== undefined && NUMBER_END.test(target.text)) {
        target.text = target.text + cell.text;
        target.start = Math.min(cell.start, target.start);
        target.end = Math.max(cell.end, target.end);
        cell.text = '';
      }
    }
  }
  for (const cell of row) if (cell.text.startsWith('$ ')) cell.text = cell.text.replace(/^\$\s+(?=[\d(])/, '$');
}

/** A row of check boxes, read like a line of text with wide gaps between cells; null when it is not one. */
function choiceRow(row: readonly PlacedCell[]): Block[] | null {
  let candidate = false;
  let length = 0;
  for (const cell of row) {
    length += cell.text.length;
    if (cell.text === '' || candidate) continue;
    for (const item of cell.draft.items) if (item.kind === 'run' && item.maybeChoice) candidate = true;
    if (!candidate && hasLoneX(cell.text)) candidate = true;
  }
  if (!candidate || length > 1000) return null;
  const pieces: Piece[] = [];
  for (const cell of row) {
    if (pieces.length > 0) pieces.push({ text: '', start: cell.start, end: cell.start, flags: PIECE_CELL });
    if (cell.text === '') {
      if (cell.draft.bordered) pieces.push({ text: '', start: cell.start, end: cell.end, flags: PIECE_BOX });
      continue;
    }
    for (const item of cell.draft.items) {
      if (item.kind === 'run') for (const piece of item.pieces) pieces.push(piece);
      else if (item.kind !== 'page-break') {
        const text = blockText(item);
        if (text !== '') pieces.push({ text: ` ${text} `, start: item.span.start, end: item.span.end, flags: 0 });
      }
    }
  }
  const out: Block[] = [];
  const align = row.find((cell) => cell.text !== '')?.draft.align ?? null;
  return detectChoice(pieces, out, align) ? out : null;
}

/** Two cells a row, a bullet or enumerator then text, in every row: a list set as a table. */
function bulletList(placed: readonly (readonly PlacedCell[])[], draft: TableDraft): Block | null {
  const items: { text: string; span: Span }[] = [];
  let ordered = false;
  for (const row of placed) {
    const full = row.filter((cell) => cell.text !== '');
    if (full.length === 0) continue;
    if (full.length !== 2) return null;
    const [marker, body] = full as [PlacedCell, PlacedCell];
    if (!BULLET.test(marker.text) || body.text.length < 2) return null;
    if (/[0-9a-zA-Z]/.test(marker.text)) ordered = true;
    items.push({ text: body.text, span: { start: body.start, end: body.end } });
  }
  if (items.length === 0) return null;
  return { kind: 'list', ordered, items, span: { start: draft.start, end: draft.end } };
}

/** A row with a number in it (not a year, not an enumerator like `(1)`). */
function isDataRow(cells: readonly PlacedCell[]): boolean {
  for (const cell of cells) if (NUMERIC_CELL.test(cell.text) && !BARE_YEAR.test(cell.text) && !ENUMERATOR.test(cell.text)) return true;
  return false;
}

/** A row short enough to be column headings. */
function isShortRow(cells: readonly PlacedCell[]): boolean {
  for (const cell of cells) if (cell.text.length > HEADER_MAX_CHARS) return false;
  return true;
}

function isHeaderRow(rowDraft: RowDraft, cells: readonly PlacedCell[]): boolean {
  if (rowDraft.header) return true;
  let any = false;
  for (const cell of cells) {
    if (cell.text === '') continue;
    if (!cell.draft.header) return false;
    any = true;
  }
  return any;
}

/** The `Table` for some rows of a table: empty rows and columns dropped, headers and footnotes told apart. */
function buildTable(
  placed: readonly (readonly PlacedCell[])[],
  rowIndexes: readonly number[],
  width: number,
  draft: TableDraft,
  whole: boolean,
): Table | null {
  const rows = rowIndexes.filter((r) => (placed[r] ?? []).some((cell) => cell.text !== ''));
  if (rows.length === 0) return null;
  const kept = keptColumns(placed, rows, width);
  // New index of each kept column, and how many kept columns lie before each column.
  const before: number[] = new Array(width + 1).fill(0);
  for (let c = 0; c < width; c++) before[c + 1] = (before[c] ?? 0) + (kept[c] ? 1 : 0);
  const columnCount = before[width] ?? 0;
  const rowPosition = new Map<number, number>();
  for (let position = 0; position < rows.length; position++) rowPosition.set(rows[position] as number, position);

  interface BuiltRow {
    readonly draft: RowDraft;
    readonly cells: PlacedCell[];
    readonly row: TableRow;
  }
  const out: BuiltRow[] = [];
  for (const r of rows) {
    const source = placed[r] ?? [];
    const cells: TableCell[] = [];
    const kept: PlacedCell[] = [];
    for (const cell of source) {
      const colspan = (before[cell.column + cell.colspan] ?? 0) - (before[cell.column] ?? 0);
      if (colspan === 0) continue;
      let rowspan = 0;
      for (let covered = r; covered < r + cell.rowspan; covered++) if (rowPosition.has(covered)) rowspan++;
      cells.push({ text: cell.text, colspan, rowspan: Math.max(rowspan, 1), align: cell.draft.align, span: { start: cell.start, end: cell.end } });
      kept.push(cell);
    }
    const rowDraft = draft.rows[r] as RowDraft;
    out.push({ draft: rowDraft, cells: kept, row: { cells, span: { start: rowDraft.start, end: rowDraft.end } } });
  }

  // Header rows: marked up as such, else the rows above the first row of numbers.
  let headerCount = 0;
  for (let row = out[0]; row !== undefined && isHeaderRow(row.draft, row.cells); row = out[headerCount]) headerCount++;
  if (headerCount === 0) {
    const firstData = out.findIndex((row) => isDataRow(row.cells));
    if (firstData > 0 && firstData <= 5 && out.slice(0, firstData).every((row) => isShortRow(row.cells))) headerCount = firstData;
  }
  if (headerCount >= out.length) headerCount = 0;

  // Footnote rows: one cell, starting `(1)`, `*`, `[2]`…, at the foot of the table.
  const footnotes: string[] = [];
  let bodyEnd = out.length;
  while (bodyEnd - 1 > headerCount) {
    const row = out[bodyEnd - 1] as BuiltRow;
    const full = row.cells.filter((cell) => cell.text !== '');
    const text = full[0]?.text ?? '';
    if (full.length !== 1 || !FOOTNOTE.test(text)) break;
    footnotes.unshift(text);
    bodyEnd--;
  }

  const first = (out[0] as BuiltRow).row.span;
  const last = (out[out.length - 1] as BuiltRow).row.span;
  return {
    kind: 'table',
    origin: 'html',
    caption: draft.caption === '' ? null : draft.caption,
    headerRows: out.slice(0, headerCount).map((row) => row.row),
    rows: out.slice(headerCount, bodyEnd).map((row) => row.row),
    footnotes,
    columnCount,
    span: whole ? { start: draft.start, end: draft.end } : { start: first.start, end: last.end },
  };
}
