import type { DocumentModel, Table } from '../model/document.js';
import { csvLine } from './csv.js';
import { type GridSlot, layoutTable } from './table-grid.js';

/** One table of a document, as listed for a reader choosing one: where it is and how big. */
export interface DocumentTableEntry {
  /** 1-based, in reading order over the whole document. */
  readonly number: number;
  /** The page it is on (1-based). */
  readonly page: number;
  readonly caption: string | null;
  /** Header rows and body rows on the table's grid. */
  readonly rows: number;
  readonly columns: number;
  readonly table: Table;
}

/** Every table of a document (legacy ASCII `<TABLE>`s, tables found by alignment, and HTML tables alike), in order. */
export function documentTables(model: DocumentModel): readonly DocumentTableEntry[] {
  const entries: DocumentTableEntry[] = [];
  for (const page of model.pages)
    for (const block of page.blocks) {
      if (block.kind !== 'table') continue;
      const grid = layoutTable(block);
      entries.push({
        number: entries.length + 1,
        page: page.number,
        caption: block.caption ?? null,
        rows: grid.headerRows.length + grid.rows.length,
        columns: grid.columnCount,
        table: block,
      });
    }
  return entries;
}

/**
 * One table as CSV, quoted as RFC 4180 says (a cell holding a comma, a quote or a line break is quoted, quotes
 * doubled; lines end in LF like every CSV edgarkit writes, which CSV readers accept). The header rows come first, then
 * the body rows, every row as wide as the table's grid: a cell spanning several columns or rows gives its text to the
 * first slot and leaves the slots it covers empty, so every value stays in the column it heads.
 */
export function renderTableCsv(table: Table): string {
  const grid = layoutTable(table);
  let csv = '';
  for (const row of [...grid.headerRows, ...grid.rows]) csv += csvLine(row.map(slotText));
  return csv;
}

/**
 * Table `number` (1-based) of a document as CSV; a number the document does not have throws a `RangeError` that says
 * how many it has (`Table 3 does not exist: the document has 2 tables`).
 */
export function renderDocumentTableCsv(model: DocumentModel, number: number): string {
  const tables = documentTables(model);
  const entry = Number.isInteger(number) ? tables[number - 1] : undefined;
  if (!entry) throw new RangeError(`Table ${number} does not exist: ${describeTableCount(tables.length)}`);
  return renderTableCsv(entry.table);
}

/** `the document has 2 tables`, `the document has no tables`. */
export function describeTableCount(count: number): string {
  return count === 0 ? 'the document has no tables' : `the document has ${count} ${count === 1 ? 'table' : 'tables'}`;
}

function slotText(slot: GridSlot): string {
  return slot?.kind === 'cell' ? slot.cell.text : '';
}
