import type { Command } from 'commander';
import { csvLine } from '../render/csv.js';
import { checkDateRange } from '../store/request-values.js';
import { type FilingSummaryView, MAX_PAGE } from '../store/store.js';
import { checkValues, cikOption, dateOption, dbOption, formOption, limitOption, offsetOption, openForReading } from './database-options.js';
import { type CliIo, EXIT, type ExitCode, UserError } from './io.js';

export interface FilingsCommandOptions {
  readonly db?: string;
  readonly cik?: string;
  readonly form?: string;
  readonly from?: string;
  readonly to?: string;
  readonly limit: number;
  readonly offset: number;
  readonly json?: boolean;
  readonly csv?: boolean;
}

/** `edgarkit filings [--cik N] [--form F] [--from D] [--to D]`. */
export function registerFilingsCommand(program: Command, io: CliIo, setExit: (code: ExitCode) => void): void {
  program
    .command('filings')
    .description("List filings, newest first: a company's, a form's, a date range's")
    .addOption(dbOption())
    .option('--cik <n>', 'only filings with this party CIK', cikOption('--cik'))
    .option('--form <type>', 'only this form type', formOption('--form'))
    .option('--from <date>', 'filed on or after (YYYY-MM-DD)', dateOption('--from'))
    .option('--to <date>', 'filed on or before (YYYY-MM-DD)', dateOption('--to'))
    .option('--limit <n>', `rows (1 to ${MAX_PAGE}; more with --offset)`, limitOption('--limit'), 50)
    .option('--offset <n>', 'skip this many', offsetOption('--offset'), 0)
    .option('--json', 'print JSON')
    .option('--csv', 'print every matching filing as CSV (all pages)')
    .action(async (options: FilingsCommandOptions) => {
      setExit(await runFilingsCommand(options, io));
    });
}

export async function runFilingsCommand(options: FilingsCommandOptions, io: CliIo): Promise<ExitCode> {
  checkValues(() => checkDateRange('--from', options.from, '--to', options.to));
  if (options.json && options.csv) throw new UserError('Choose one of --json and --csv');
  const store = await openForReading(options.db, io);
  try {
    const filter = {
      ...(options.cik ? { cik: options.cik } : {}),
      ...(options.form ? { form: options.form } : {}),
      ...(options.from ? { from: options.from } : {}),
      ...(options.to ? { to: options.to } : {}),
    };
    if (options.csv) {
      io.stdout.write(csvLine(['accession_number', 'form_type', 'filed_at', 'period_of_report', 'company', 'cik', 'documents']));
      // Every page: an export is never cut silently.
      for (let offset = 0; ; offset += MAX_PAGE) {
        const filings = await store.listFilings({ ...filter, limit: MAX_PAGE, offset });
        for (const filing of filings) {
          io.stdout.write(
            csvLine([
              filing.accessionNumber ?? filing.filingId,
              filing.formType,
              filing.filedAt,
              filing.periodOfReport,
              filing.companyName,
              filing.cik,
              filing.documentCount,
            ]),
          );
        }
        if (filings.length < MAX_PAGE) return EXIT.ok;
      }
    }
    const filings = await store.listFilings({ ...filter, limit: options.limit, offset: options.offset });
    io.stdout.write(options.json ? `${JSON.stringify(filings, null, 2)}\n` : describeFilings(filings, options));
    return EXIT.ok;
  } finally {
    await store.close();
  }
}

function describeFilings(filings: readonly FilingSummaryView[], page: { readonly limit: number; readonly offset: number }): string {
  if (filings.length === 0) return 'No filings.\n';
  const lines = filings.map(
    (filing) =>
      `${filing.accessionNumber ?? filing.filingId}  ${(filing.formType ?? '-').padEnd(8)} ${filing.filedAt ?? '-'}  ${filing.companyName ?? '-'}  ${filing.documentCount} docs`,
  );
  if (filings.length === page.limit)
    lines.push(`(rows ${page.offset + 1}-${page.offset + filings.length}; more with --offset ${page.offset + page.limit})`);
  return `${lines.join('\n')}\n`;
}
