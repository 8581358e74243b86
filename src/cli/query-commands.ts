import type { Command } from 'commander';
import { Option } from 'commander';
import { exportSearchCsv } from '../pipeline/export-search.js';
import { csvLine } from '../render/csv.js';
import { documentOutput, openStoredDocument } from '../pipeline/open-document.js';
import type { RenderFormat, } from '../render/index.js';
import { SearchRequestError } from '../store/search.js';
import { QuerySyntaxError } from '../store/search-query.js';
import { MAX_PAGE, type SearchPage, type SearchSort } from '../store/store.js';
import { isoDate, openForReading, positiveInteger } from './database-options.js';
import { type CliIo, EXIT, type ExitCode, UserError } from './io.js';
import { formatSearchPage, searchCaveats } from './search-output.js';

type SetExit = (code: ExitCode) => void;

/** `search`, `show`, `companies`, `filings`, `stats`: read-only commands over the database. */
export function registerQueryCommands(program: Command, io: CliIo, setExit: SetExit): void {
  const dbOption = () => new Option('--db <file>', 'database file (default: $EDGARKIT_DB or ~/.local/share/edgarkit/edgarkit.db)');

  program
    .command('search')
    .description('Full-text search over document text, ranked, with highlighted snippets')
    .argument('<query>', 'words, "phrases", prefix*, AND/OR/NOT, -word, (groups), form:/cik:/company:/from:/to: filters')
    .addOption(dbOption())
    .option('--form <type>', 'only this form type (e.g. 6-K)')
    .option('--cik <n>', 'only filings with this party CIK')
    .option('--company <name>', 'only filings with a party whose name contains this')
    .option('--from <date>', 'filed on or after (YYYY-MM-DD)', isoDate('--from'))
    .option('--to <date>', 'filed on or before (YYYY-MM-DD)', isoDate('--to'))
    .option('--limit <n>', 'results per page (at most 200)', positiveInteger('--limit'), 20)
    .option('--offset <n>', 'skip this many results', positiveInteger('--offset'), 0)
    .option('--json', 'print the results as JSON')
    .addHelpText(
      'after',
      "\nExamples:\n  edgarkit search '\"convertible bonds\" kosdaq' --form 6-K\n  edgarkit search 'redempt* NOT notes' --from 2002-01-01\n",
    )
    .action(async (query: string, options: Record<string, string | number | boolean | undefined>) => {
      if (options.json && options.csv) throw new UserError('Choose one of --json and --csv');
      const store = await openForReading(options.db as string | undefined, io);
      try {
        const request = {
          text: query,
          ...pick(options, ['form', 'cik', 'company', 'from', 'to']),
          ...(options.sort ? { sort: options.sort as SearchSort } : {}),
        };
        if (options.csv) {
          const caveats = (page: SearchPage) => {
            for (const caveat of searchCaveats(page)) io.stderr.write(`${caveat}\n`);
          };
          for await (const chunk of exportSearchCsv(store, request, caveats)) io.stdout.write(chunk);
          return;
        }
        const page = await store.search({ ...request, limit: options.limit as number, offset: options.offset as number });
        if (options.json) {
          io.stdout.write(`${JSON.stringify(page, null, 2)}\n`);
          return;
        }
        io.stdout.write(formatSearchPage(page, io.stdout.isTTY === true, options.facets === true));
      } catch (error) {
        if (error instanceof QuerySyntaxError || error instanceof SearchRequestError) throw new UserError(error.message);
        throw error;
      } finally {
        await store.close();
      }
    });

  program
    .command('show')
    .description('Show a stored filing, or one of its documents rendered')
    .argument('<accession>', 'accession number (dashed or not)')
    .addOption(dbOption())
    .option('--doc <seq|type>', 'a document by sequence number or type (e.g. 1, EX-99.1)')
    .addOption(new Option('--format <format>', 'how to render').choices(['text', 'markdown', 'html', 'json']).default('text'))
    .option('--page <n>', 'only this page of the document', positiveInteger('--page'))
    .action(async (accession: string, options: { db?: string; doc?: string; format: RenderFormat; page?: number }) => {
      const store = await openForReading(options.db, io);
      try {
        const id = normalizeAccession(accession);
        const filing = await store.getFiling(id);
        if (!filing) throw new UserError(`No filing ${accession} in the database`);
        if (options.doc === undefined) {
          io.stdout.write(options.format === 'json' ? `${JSON.stringify(filing, null, 2)}\n` : describeFiling(filing));
          return;
        }
        const opened = await openStoredDocument(store, id, options.doc);
        if (opened.found === 'no-filing') throw new UserError(`No filing ${accession} in the database`);
        if (opened.found === 'no-document')
          throw new UserError(`Filing ${accession} has no document ${options.doc}; it has: ${opened.available || 'none'}`);
        const output = documentOutput(opened.document, options.format, options.page);
        if (!output.ok) throw new UserError(output.reason);
        io.stdout.write(output.text);
      } finally {
        await store.close();
      }
    });

  program
    .command('companies')
    .description('List companies in the database, optionally by a part of their name')
    .argument('[name]', 'part of a company name')
    .addOption(dbOption())
    .option('--limit <n>', 'rows (at most 200)', positiveInteger('--limit'), 50)
    .option('--offset <n>', 'skip this many', positiveInteger('--offset'), 0)
    .option('--json', 'print JSON')
    .option('--csv', 'print every matching company as CSV (all pages)')
    .action(async (name: string | undefined, options: { db?: string; limit: number; offset: number; json?: boolean; csv?: boolean }) => {
      if (options.json && options.csv) throw new UserError('Choose one of --json and --csv');
      const store = await openForReading(options.db, io);
      try {
        const filter = name ? { name } : {};
        if (options.csv) {
          io.stdout.write(csvLine(['cik', 'name', 'filings', 'sic', 'state_of_incorporation', 'former_names']));
          for (let offset = 0; ; offset += MAX_PAGE) {
            const companies = await store.listCompanies({ ...filter, limit: MAX_PAGE, offset });
            for (const company of companies) {
              io.stdout.write(
                csvLine([
                  company.cik,
                  company.name,
                  company.filingCount,
                  company.sic,
                  company.stateOfIncorporation,
                  company.formerNames.map((entry) => entry.name).join(' | '),
                ]),
              );
            }
            if (companies.length < MAX_PAGE) break;
          }
          return;
        }
        const companies = await store.listCompanies({ ...filter, limit: options.limit, offset: options.offset });
        if (options.json) io.stdout.write(`${JSON.stringify(companies, null, 2)}\n`);
        else if (companies.length === 0) io.stdout.write('No companies.\n');
        else
          for (const company of companies) {
            const former =
              company.formerNames.length > 0 ? `  (formerly ${company.formerNames.map((entry) => entry.name).join('; ')})` : '';
            io.stdout.write(
              `${company.cik}  ${company.name ?? '-'}  ${company.filingCount} filing${company.filingCount === 1 ? '' : 's'}${former}\n`,
            );
          }
        if (!options.json && companies.length === options.limit)
          io.stdout.write(`More may follow: --offset ${options.offset + options.limit}\n`);
      } finally {
        await store.close();
      }
    });

  program
    .command('filings')
    .description("List filings, newest first: a company's, a form's, a date range's")
    .addOption(dbOption())
    .option('--cik <n>', 'only filings with this party CIK')
    .option('--form <type>', 'only this form type')
    .option('--from <date>', 'filed on or after (YYYY-MM-DD)', isoDate('--from'))
    .option('--to <date>', 'filed on or before (YYYY-MM-DD)', isoDate('--to'))
    .option('--limit <n>', 'rows (at most 200)', positiveInteger('--limit'), 50)
    .option('--offset <n>', 'skip this many', positiveInteger('--offset'), 0)
    .option('--json', 'print JSON')
    .option('--csv', 'print every matching filing as CSV (all pages)')
    .action(async (options: Record<string, string | number | boolean | undefined>) => {
      if (options.json && options.csv) throw new UserError('Choose one of --json and --csv');
      const store = await openForReading(options.db as string | undefined, io);
      try {
        const filter = pick(options, ['cik', 'form', 'from', 'to']);
        if (options.csv) {
          io.stdout.write(csvLine(['accession_number', 'form_type', 'filed_at', 'period_of_report', 'company', 'cik', 'documents']));
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
            if (filings.length < MAX_PAGE) break;
          }
          return;
        }
        const filings = await store.listFilings({ ...filter, limit: options.limit as number, offset: options.offset as number });
        if (options.json) io.stdout.write(`${JSON.stringify(filings, null, 2)}\n`);
        else if (filings.length === 0) io.stdout.write('No filings.\n');
        else
          for (const filing of filings) {
            io.stdout.write(
              `${filing.accessionNumber ?? filing.filingId}  ${(filing.formType ?? '-').padEnd(8)} ${filing.filedAt ?? '-'}  ${filing.companyName ?? '-'}  ${filing.documentCount} docs\n`,
            );
          }
        if (!options.json && filings.length === options.limit)
          io.stdout.write(`More may follow: --offset ${(options.offset as number) + (options.limit as number)}\n`);
      } finally {
        await store.close();
      }
    });

  program
    .command('stats')
    .description('What the database holds')
    .addOption(dbOption())
    .option('--json', 'print JSON')
    .action(async (options: { db?: string; json?: boolean }) => {
      const store = await openForReading(options.db, io);
      try {
        const stats = await store.stats();
        if (options.json) {
          io.stdout.write(`${JSON.stringify(stats, null, 2)}\n`);
          return;
        }
        io.stdout.write(
          `${stats.filings} filings, ${stats.documents} documents, ${stats.companies} companies\n` +
            `filed ${stats.firstFiledAt ?? '-'} to ${stats.lastFiledAt ?? '-'}\n` +
            `${(stats.originalBytes / 1e6).toFixed(1)} MB of submissions kept as ${(stats.blobBytes / 1e6).toFixed(1)} MB (${stats.blobs} blobs)\n` +
            stats.formTypes
              .slice(0, 20)
              .map((entry) => `  ${entry.formType.padEnd(12)} ${entry.count}`)
              .join('\n') +
            '\n',
        );
      } finally {
        await store.close();
      }
    });
  void setExit;
  void EXIT;
}

function pick(options: Record<string, unknown>, keys: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of keys) if (typeof options[key] === 'string') out[key] = options[key] as string;
  return out;
}

export function normalizeAccession(text: string): string {
  const digits = text.replace(/-/g, '');
  if (/^\d{18}$/.test(digits)) return `${digits.slice(0, 10)}-${digits.slice(10, 12)}-${digits.slice(12)}`;
  return text;
}

function describeFiling(filing: NonNullable<Awaited<ReturnType<import('../store/store.js').Store['getFiling']>>>): string {
  const lines = [
    `${filing.accessionNumber ?? filing.filingId}  ${filing.formType ?? '-'}`,
    `  filed ${filing.filedAt ?? '-'}${filing.periodOfReport ? `, period ${filing.periodOfReport}` : ''}${filing.acceptanceDateTime ? `, accepted ${filing.acceptanceDateTime}` : ''}`,
  ];
  for (const party of filing.parties)
    lines.push(`  ${party.role.padEnd(16)} ${party.company?.name ?? '-'}${party.company?.cik ? `  CIK ${party.company.cik}` : ''}`);
  if (filing.formRecord) lines.push(`  record: ${JSON.stringify(filing.formRecord).slice(0, 400)}`);
  lines.push(`  ${filing.documents.length} documents:`);
  for (const document of filing.documents) {
    lines.push(
      `    ${String(document.sequence ?? '-').padStart(3)}  ${(document.type ?? '-').padEnd(12)} ${(document.filename ?? '-').padEnd(28)} ${document.byteLength} bytes  ${document.sourceFormat}`,
    );
  }
  return `${lines.join('\n')}\n`;
}
