import { type Command, Option } from 'commander';
import type { EdgarClient } from '../fetch/edgar-client.js';
import { checkQuarter, readDate } from '../fetch/edgar-paths.js';
import { type FetchedIndex, fetchDailyIndex, fetchFullIndex } from '../fetch/fetch-index.js';
import type { IndexFileKind, IndexRow } from '../parse/index/parse-index.js';
import { type FetchCommandContext, type FetchConnectionOptions, openSession, usage, withConnectionOptions } from './fetch-session.js';
import { type CliIo, EXIT, type ExitCode, UserError } from './io.js';

export interface FetchIndexCommandOptions extends FetchConnectionOptions {
  readonly year?: string;
  readonly quarter?: string;
  readonly date?: string;
  readonly type?: string;
  readonly form?: string;
  readonly gz?: boolean;
  readonly json?: boolean;
  readonly jsonl?: boolean;
}

/** Adds `fetch index` to the `fetch` command. */
export function registerFetchIndexCommand(
  fetch: Command,
  io: CliIo,
  setExit: (code: number) => void,
  context: FetchCommandContext = {},
): void {
  withConnectionOptions(
    fetch
      .command('index')
      .description('Print the rows of a full-index (--year/--quarter) or daily-index (--date) file')
      .option('--year <year>', 'year of the full index, e.g. 2002')
      .option('--quarter <n>', 'quarter of the full index, 1 to 4')
      .option('--date <YYYY-MM-DD>', 'a daily index instead of a quarter')
      .addOption(new Option('--type <type>', 'which index file').choices(['form', 'company', 'master']).default('form'))
      .option('--form <type>', 'only rows of this form type, e.g. 6-K')
      .option('--gz', 'download the gzip-compressed variant')
      .option('--json', 'print the rows as one JSON array')
      .option('--jsonl', 'print one JSON object per row per line'),
  ).action(async (options: FetchIndexCommandOptions) => {
    setExit(await runFetchIndexCommand(options, io, context));
  });
}

/** `edgarkit fetch index`: prints the rows of one index file. */
export async function runFetchIndexCommand(
  options: FetchIndexCommandOptions,
  io: CliIo,
  context: FetchCommandContext = {},
): Promise<ExitCode> {
  const kind = (options.type ?? 'form') as IndexFileKind;
  if (!['form', 'company', 'master'].includes(kind)) throw new UserError(`--type must be form, company or master, found "${options.type}"`);
  if (options.json && options.jsonl) throw new UserError('Choose one of --json and --jsonl');
  let load: (client: EdgarClient) => Promise<FetchedIndex>;
  const request = { kind, compressed: options.gz ?? false, ...(options.form ? { formType: options.form } : {}) };
  const signal = context.signal ? { signal: context.signal } : {};
  if (options.date) {
    if (options.year || options.quarter) throw new UserError('Give either --date (a daily index) or --year and --quarter (a full index)');
    const date = options.date;
    usage(() => readDate(date));
    load = (client) => fetchDailyIndex(client, date, request, signal);
  } else {
    if (!options.year || !options.quarter) throw new UserError('Give --year and --quarter (a full index) or --date (a daily index)');
    const year = Number(options.year);
    const quarter = Number(options.quarter);
    usage(() => checkQuarter(year, quarter));
    load = (client) => fetchFullIndex(client, year, quarter, request, signal);
  }
  const session = await openSession(options, io);
  try {
    const index = await session.run(() => load(session.client));
    for (const found of index.diagnostics) io.stderr.write(`${index.url}: ${found.severity}: ${found.message} [${found.code}]\n`);
    writeRows(index.rows, options, io);
    session.summary(
      `${index.rows.length} row${index.rows.length === 1 ? '' : 's'}${options.form ? ` of form ${options.form}` : ''}; index ${index.fromCache ? 'unchanged (304, from cache)' : 'fetched'}`,
    );
    return EXIT.ok;
  } catch (error) {
    return session.fail(error);
  } finally {
    session.close();
  }
}

function writeRows(rows: readonly IndexRow[], options: FetchIndexCommandOptions, io: CliIo): void {
  if (options.jsonl) {
    for (const row of rows) io.stdout.write(`${JSON.stringify(row)}\n`);
    return;
  }
  if (options.json) {
    io.stdout.write('[');
    rows.forEach((row, index) => {
      io.stdout.write(`${index === 0 ? '\n' : ',\n'}  ${JSON.stringify(row)}`);
    });
    io.stdout.write(rows.length > 0 ? '\n]\n' : ']\n');
    return;
  }
  for (const row of rows) {
    io.stdout.write(
      `${row.formType.padEnd(12)} ${row.cik} ${row.dateFiled} ${(row.accessionNumber ?? '-').padEnd(20)} ${row.companyName}\n`,
    );
  }
}
