import type { ReadDocument } from '../pipeline/read-filing.js';
import { describeTableCount, documentTables, renderTableCsv } from '../render/render-csv.js';
import { UserError } from './io.js';

/** What `render` and `show` were asked of a document's tables: one as CSV (`--format csv --table N`), or the list. */
export interface TableRequest {
  readonly table?: number;
  readonly list?: boolean;
  /** With `list`: the list as a JSON array (`--tables --format json`) rather than a line a table. */
  readonly json?: boolean;
}

/**
 * The document's tables listed, one a line (`--tables`), or table N as CSV (`--format csv [--table N]`; the number
 * may be left out when the document has a single table). What cannot be given is a UserError that says what there is.
 */
export function tableOutput(read: ReadDocument, request: TableRequest, name: string): string {
  if (read.kind !== 'model') throw new UserError(`${name} is ${read.kind === 'xml' ? 'XML' : 'a binary attachment'}: it has no tables`);
  const tables = documentTables(read.model);
  if (request.list && request.json) {
    const listed = tables.map(({ number, page, rows, columns, caption }) => ({ number, page, rows, columns, caption }));
    return `${JSON.stringify(listed, null, 2)}\n`;
  }
  if (request.list) {
    if (tables.length === 0) return `${name}: ${describeTableCount(0)}\n`;
    return tables
      .map(
        (entry) =>
          `${String(entry.number).padStart(3)}  page ${entry.page}  ${entry.rows} ${entry.rows === 1 ? 'row' : 'rows'} x ${entry.columns} ${entry.columns === 1 ? 'column' : 'columns'}${entry.caption ? `  ${entry.caption}` : ''}\n`,
      )
      .join('');
  }
  const number = request.table ?? (tables.length === 1 ? 1 : undefined);
  if (number === undefined) {
    if (tables.length === 0) throw new UserError(`${name}: ${describeTableCount(0)}`);
    throw new UserError(`${name}: ${describeTableCount(tables.length)}; choose one with --table N (list them with --tables)`);
  }
  const entry = tables[number - 1];
  if (!entry) throw new UserError(`${name}: table ${number} does not exist: ${describeTableCount(tables.length)}`);
  return renderTableCsv(entry.table);
}

/** Refuses option combinations that would silently ignore an option. */
export function checkTableOptions(options: {
  readonly format: string;
  readonly table?: number;
  readonly tables?: boolean;
  readonly page?: number;
  readonly section?: string;
}): void {
  if (options.table !== undefined && options.format !== 'csv') throw new UserError('--table N goes with --format csv');
  if (options.tables && options.format === 'csv')
    throw new UserError('Choose one of --tables (list the tables) and --format csv (write one)');
  // The list is text or JSON: a Markdown or HTML list asked for would be printed as neither.
  if (options.tables && options.format !== 'text' && options.format !== 'json')
    throw new UserError(`--tables lists the tables as text, or as JSON with --format json; not as ${options.format}`);
  if ((options.format === 'csv' || options.tables) && options.page !== undefined)
    throw new UserError('--page does not apply to tables: they are numbered over the whole document (see --tables)');
  if ((options.format === 'csv' || options.tables) && options.section !== undefined)
    throw new UserError('--section does not apply to tables: they are numbered over the whole document (see --tables)');
}
