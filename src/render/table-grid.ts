import type { Table, TableCell, TableRow } from '../model/document.js';

/** The most columns or rows one cell may span, as in HTML; larger values in the model are clamped. */
const MAX_COLSPAN = 1000;
const MAX_ROWSPAN = 65534;

/**
 * One slot of a table laid out on a grid: the cell that starts there (`cell`), a slot that a cell
 * to the left or above covers with its colspan or rowspan (`covered`), or nothing (`null`, a short row).
 */
export type GridSlot =
  | { readonly kind: 'cell'; readonly cell: TableCell; readonly colspan: number; readonly rowspan: number }
  | { readonly kind: 'covered' }
  | null;

export interface TableGrid {
  /** At least `table.columnCount`, more when the rows hold more cells than it says. */
  readonly columnCount: number;
  /** Every row exactly `columnCount` slots long. */
  readonly headerRows: readonly (readonly GridSlot[])[];
  readonly rows: readonly (readonly GridSlot[])[];
  /** Per column: every non-empty single-column body cell is a number (and there is at least one). */
  readonly numericColumns: readonly boolean[];
}

const COVERED: GridSlot = { kind: 'covered' };

/** A span count as a whole number in `[1, max]`, whatever the model holds. */
export function clampSpan(value: number, max: number): number {
  if (!(value >= 1)) return 1;
  return value > max ? max : Math.floor(value);
}

export function clampColspan(value: number): number {
  return clampSpan(value, MAX_COLSPAN);
}

export function clampRowspan(value: number): number {
  return clampSpan(value, MAX_ROWSPAN);
}

/** Places header rows and body rows on one grid of columns, honouring colspan and rowspan. */
export function layoutTable(table: Table): TableGrid {
  const headerRows = placeRows(table.headerRows);
  const rows = placeRows(table.rows);
  let columnCount = table.columnCount > 0 ? Math.floor(table.columnCount) : 0;
  for (const row of headerRows) if (row.length > columnCount) columnCount = row.length;
  for (const row of rows) if (row.length > columnCount) columnCount = row.length;
  for (const row of headerRows) while (row.length < columnCount) row.push(null);
  for (const row of rows) while (row.length < columnCount) row.push(null);

  const numeric = new Array<boolean>(columnCount).fill(true);
  const seen = new Array<boolean>(columnCount).fill(false);
  for (const row of rows) {
    for (let column = 0; column < columnCount; column++) {
      const slot = row[column];
      if (slot?.kind !== 'cell' || slot.colspan !== 1) continue;
      const text = slot.cell.text.trim();
      if (text === '') continue;
      seen[column] = true;
      if (numeric[column] && !isNumericText(text)) numeric[column] = false;
    }
  }
  const numericColumns = numeric.map((value, column) => value && seen[column] === true);
  return { columnCount, headerRows, rows, numericColumns };
}

function placeRows(rows: readonly TableRow[]): GridSlot[][] {
  const placed: GridSlot[][] = [];
  // Rows still covered, per column, by a rowspan from a row above.
  const pending: number[] = [];
  for (const row of rows) {
    const slots: GridSlot[] = [];
    for (let column = 0; column < pending.length; column++) {
      if ((pending[column] ?? 0) > 0) {
        slots[column] = COVERED;
        pending[column] = (pending[column] ?? 0) - 1;
      }
    }
    let column = 0;
    for (const cell of row.cells) {
      while (slots[column] !== undefined) column++;
      const colspan = clampColspan(cell.colspan);
      const rowspan = clampRowspan(cell.rowspan);
      slots[column] = { kind: 'cell', cell, colspan, rowspan };
      for (let offset = 0; offset < colspan; offset++) {
        if (offset > 0 && slots[column + offset] === undefined) slots[column + offset] = COVERED;
        if (rowspan > 1) pending[column + offset] = Math.max(pending[column + offset] ?? 0, rowspan - 1);
      }
      column += colspan;
    }
    // Fill holes (columns skipped over) so the row is dense.
    for (let index = 0; index < slots.length; index++) if (slots[index] === undefined) slots[index] = null;
    placed.push(slots);
  }
  return placed;
}

// `$ 1,234`, `(1,234)`, `$(1,234)`, `12.5%`, `-0.3`, `(12)%`, `1,234.56`.
// Each optional mark takes the blanks after it: the same strings, without side-by-side blank runs to backtrack over.
const NUMBER = /^[$€£¥]?\s*(?:\(\s*)?(?:[-+−–]\s*)?(?:[$€£¥]\s*)?(?:\d[\d,]*(?:\.\d*)?|\.\d+)\s*(?:%\s*)?(?:\)\s*)?%?$/;
// A nil entry in a financial statement: `—`, `-`, `$ —`.
const NIL = /^[$€£¥]?\s*[-−–—]+$/;

/** Whether a cell's text is an amount, a percentage or a nil dash, as in financial tables. */
export function isNumericText(text: string): boolean {
  const trimmed = text.trim();
  if (trimmed === '' || trimmed.length > 40) return false;
  return NUMBER.test(trimmed) || NIL.test(trimmed);
}
