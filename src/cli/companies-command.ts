import type { Command } from 'commander';
import { describeLocationCode } from '../core/edgar-location-codes.js';
import { describeSic } from '../core/sic-codes.js';
import { decodeCompany } from '../pipeline/edgar-facts.js';
import { exportCompaniesCsv } from '../pipeline/export-lists.js';
import { type CompanyView, MAX_PAGE } from '../store/store.js';
import { dbOption, limitOption, offsetOption, openForReading } from './database-options.js';
import { type CliIo, EXIT, type ExitCode, UserError } from './io.js';

export interface CompaniesCommandOptions {
  readonly db?: string;
  readonly limit: number;
  readonly offset: number;
  readonly json?: boolean;
  readonly csv?: boolean;
}

/** `edgarkit companies [NAME]`. */
export function registerCompaniesCommand(program: Command, io: CliIo, setExit: (code: ExitCode) => void): void {
  program
    .command('companies')
    .description('List companies in the database, optionally by a part of a current or former name, or a ticker')
    .argument('[name]', 'part of a current or former company name, or a whole ticker (after "edgarkit fetch tickers")')
    .addOption(dbOption())
    .option('--limit <n>', `rows (1 to ${MAX_PAGE}; more with --offset)`, limitOption('--limit'), 50)
    .option('--offset <n>', 'skip this many', offsetOption('--offset'), 0)
    .option('--json', 'print JSON')
    .option('--csv', 'print every matching company as CSV (all pages)')
    .action(async (name: string | undefined, options: CompaniesCommandOptions) => {
      setExit(await runCompaniesCommand(name, options, io));
    });
}

export async function runCompaniesCommand(name: string | undefined, options: CompaniesCommandOptions, io: CliIo): Promise<ExitCode> {
  if (options.json && options.csv) throw new UserError('Choose one of --json and --csv');
  const store = await openForReading(options.db, io);
  try {
    if (options.csv) {
      for await (const chunk of exportCompaniesCsv(store, name ? { name } : {})) io.stdout.write(chunk);
      return EXIT.ok;
    }
    const companies = await store.listCompanies({ ...(name ? { name } : {}), limit: options.limit, offset: options.offset });
    io.stdout.write(options.json ? `${JSON.stringify(companies.map(decodeCompany), null, 2)}\n` : describeCompanies(companies, options));
    return EXIT.ok;
  } finally {
    await store.close();
  }
}

function describeCompanies(companies: readonly CompanyView[], page: { readonly limit: number; readonly offset: number }): string {
  if (companies.length === 0) return 'No companies.\n';
  const lines = companies.map((company) => {
    const former = company.formerNames.length > 0 ? `  (formerly ${company.formerNames.map((entry) => entry.name).join('; ')})` : '';
    const tickers = company.tickers.length > 0 ? `  [${company.tickers.join(', ')}]` : '';
    const sic = describeSic(company.sic, company.sicDescription);
    const incorporated = describeLocationCode(company.stateOfIncorporation);
    const codes = `${sic ? `  SIC ${sic}` : ''}${incorporated ? `  incorporated in ${incorporated}` : ''}`;
    return `${company.cik}  ${company.name ?? '-'}${tickers}  ${company.filingCount} filing${company.filingCount === 1 ? '' : 's'}${codes}${former}`;
  });
  if (companies.length === page.limit)
    lines.push(`(rows ${page.offset + 1}-${page.offset + companies.length}; more with --offset ${page.offset + page.limit})`);
  return `${lines.join('\n')}\n`;
}
