import type { StoredFact } from '../model/stored-fact.js';
import { csvLine } from '../render/csv.js';
import { checkCik, checkConcept, checkDate, checkDateRange, checkInteger, checkUnit } from '../store/request-values.js';
import { type FactQuery, MAX_FACTS } from '../store/store.js';
import { checkValues, openForReading } from './database-options.js';
import { type CliIo, EXIT, type ExitCode, UserError } from './io.js';

/** The options of `edgarkit facts --db … --concept …` (a time series from the database). */
export interface FactSeriesOptions {
  readonly db?: string;
  readonly concept?: string;
  readonly cik?: string;
  readonly ticker?: string;
  readonly from?: string;
  readonly to?: string;
  readonly unit?: string;
  readonly dimensions?: string;
  readonly limit?: string;
  readonly json?: boolean;
  readonly csv?: boolean;
}

/** What the listing shows of a long text value (CSV and JSON give it whole). */
const SHOWN_TEXT = 80;

const CSV_COLUMNS = [
  'cik',
  'period_start',
  'period_end',
  'value',
  'unit',
  'form',
  'filed',
  'accession_number',
  'source',
  'dimensions',
] as const;

/** A fact's period in one cell: `2019-01-01..2019-12-31`, an instant's date, or `-`. */
function periodOf(fact: StoredFact): string {
  if (fact.periodStart !== null && fact.periodEnd !== null) return `${fact.periodStart}..${fact.periodEnd}`;
  return fact.periodEnd ?? '-';
}

function dimensionsOf(fact: StoredFact): string {
  return Object.entries(fact.dimensions)
    .map(([axis, member]) => `${axis}=${member}`)
    .join(';');
}

/** The checked query, in the CLI's words (`--concept`, `--from`, …). */
function queryOf(options: FactSeriesOptions): Omit<FactQuery, 'cik'> {
  return checkValues(() => {
    if (options.concept === undefined)
      throw new UserError(
        'Give a file to read its facts, or --concept with a QName (us-gaap:Revenues) to read one concept from the database',
      );
    const from = options.from === undefined ? undefined : checkDate('--from', options.from);
    const to = options.to === undefined ? undefined : checkDate('--to', options.to);
    checkDateRange('--from', from, '--to', to);
    const dimensions = options.dimensions ?? 'none';
    if (dimensions !== 'none' && dimensions !== 'any') throw new UserError(`--dimensions must be none or any, not "${dimensions}"`);
    return {
      concept: checkConcept('--concept', options.concept),
      ...(from !== undefined ? { from } : {}),
      ...(to !== undefined ? { to } : {}),
      ...(options.unit !== undefined ? { unit: checkUnit('--unit', options.unit) } : {}),
      dimensions,
      limit: options.limit === undefined ? MAX_FACTS : checkInteger('--limit', options.limit, 1, MAX_FACTS),
    };
  });
}

/**
 * `edgarkit facts --db … --concept us-gaap:Revenues [--cik N | --ticker T]`: one concept's facts from the database,
 * ordered by period: each fact once (a filing's own before EDGAR's JSON APIs' copy of it).
 */
export async function runFactSeriesCommand(options: FactSeriesOptions, io: CliIo): Promise<ExitCode> {
  if (options.json && options.csv) throw new UserError('Choose one of --json and --csv');
  if (options.cik !== undefined && options.ticker !== undefined) throw new UserError('Give --cik or --ticker, not both');
  const query = queryOf(options);
  const store = await openForReading(options.db, io);
  try {
    let cik = options.cik === undefined ? undefined : checkValues(() => checkCik('--cik', options.cik as string));
    if (options.ticker !== undefined) {
      const listed = await store.findTicker(options.ticker);
      if (!listed)
        throw new UserError(`No ticker "${options.ticker}" in the database's ticker list (store SEC's list first: edgarkit fetch tickers)`);
      cik = listed.cik;
    }
    const facts = await store.queryFacts({ ...query, ...(cik !== undefined ? { cik } : {}) });
    if (options.json) io.stdout.write(`${JSON.stringify(facts, null, 2)}\n`);
    else if (options.csv) {
      io.stdout.write(csvLine(CSV_COLUMNS));
      for (const fact of facts)
        io.stdout.write(
          csvLine([
            fact.cik,
            fact.periodStart,
            fact.periodEnd,
            fact.value,
            fact.unit,
            fact.form,
            fact.filed,
            fact.accession,
            fact.source,
            dimensionsOf(fact),
          ]),
        );
    } else io.stdout.write(describeSeries(facts, cik === undefined));
    if (facts.length === 0)
      io.stderr.write(`No ${query.concept} facts in the database${cik !== undefined ? ` for CIK ${cik}` : ''}${narrowed(options)}\n`);
    else if (facts.length === query.limit)
      io.stderr.write(`(the first ${facts.length} facts by period; narrow with --cik, --from, --to or --unit)\n`);
    return EXIT.ok;
  } finally {
    await store.close();
  }
}

function narrowed(options: FactSeriesOptions): string {
  const parts = [
    options.from ? `from ${options.from}` : '',
    options.to ? `to ${options.to}` : '',
    options.unit ? `in ${options.unit}` : '',
  ].filter(Boolean);
  return parts.length > 0 ? ` (${parts.join(', ')})` : '';
}

/** One line per fact, in aligned columns: period, value, unit, form, filed, accession, source (and CIK, across companies). */
function describeSeries(facts: readonly StoredFact[], withCik: boolean): string {
  const rows = facts.map((fact) => {
    const dimensions = dimensionsOf(fact);
    return [
      ...(withCik ? [fact.cik] : []),
      periodOf(fact),
      fact.value === null ? '-' : fact.value.length > SHOWN_TEXT ? `${fact.value.slice(0, SHOWN_TEXT)}…` : fact.value,
      fact.unit ?? '-',
      fact.form ?? '-',
      fact.filed ?? '-',
      fact.accession ?? '-',
      dimensions ? `${fact.source}  [${dimensions}]` : fact.source,
    ];
  });
  if (rows.length === 0) return '';
  const header = [...(withCik ? ['cik'] : []), 'period', 'value', 'unit', 'form', 'filed', 'accession', 'source'];
  const widths = header.map((title, index) => Math.max(title.length, ...rows.map((row) => Math.min(40, (row[index] ?? '').length))));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, index) => (index === cells.length - 1 ? cell : cell.padEnd(widths[index] ?? 0)))
      .join('  ')
      .trimEnd();
  return `${[line(header), ...rows.map(line)].join('\n')}\n`;
}
