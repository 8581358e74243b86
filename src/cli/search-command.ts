import { type Command, Option } from 'commander';
import { exportSearchCsv } from '../pipeline/export-search.js';
import { checkDateRange } from '../store/request-values.js';
import { COUNT_CAP, formFilterHint, prepareSearch, SearchRequestError, searchCaveats } from '../store/search.js';
import { QuerySyntaxError } from '../store/search-query.js';
import { MAX_PAGE, type SearchPage, type SearchSort } from '../store/store.js';
import { checkValues, cikOption, dateOption, dbOption, formOption, limitOption, offsetOption, openForReading } from './database-options.js';
import { type CliIo, EXIT, type ExitCode, UserError } from './io.js';
import { formatSearchPage } from './search-output.js';

export interface SearchCommandOptions {
  readonly db?: string;
  readonly form?: string;
  readonly cik?: string;
  readonly company?: string;
  readonly from?: string;
  readonly to?: string;
  readonly limit: number;
  readonly offset: number;
  readonly sort?: SearchSort;
  readonly facets?: boolean;
  readonly json?: boolean;
  readonly csv?: boolean;
}

/** `edgarkit search "<query>"`. */
export function registerSearchCommand(program: Command, io: CliIo, setExit: (code: ExitCode) => void): void {
  program
    .command('search')
    .description('Full-text search: matching filings, best first, with their matching documents and highlighted snippets')
    .argument('<query>', 'words, "phrases", prefix*, AND/OR/NOT, -word, (groups), form:/cik:/company:/from:/to: filters')
    .addOption(dbOption())
    .option('--form <type>', 'only this form type (e.g. 6-K)', formOption('--form'))
    .option('--cik <n>', 'only filings with this party CIK', cikOption('--cik'))
    .option('--company <name>', 'only filings with a party whose name contains this')
    .option('--from <date>', 'filed on or after (YYYY-MM-DD)', dateOption('--from'))
    .option('--to <date>', 'filed on or before (YYYY-MM-DD)', dateOption('--to'))
    .option('--limit <n>', `results per page (1 to ${MAX_PAGE}; more with --offset)`, limitOption('--limit'), 20)
    .option('--offset <n>', 'skip this many results', offsetOption('--offset'), 0)
    .addOption(
      new Option('--sort <order>', 'order of the filings (default: relevance, or newest for filters only)').choices([
        'relevance',
        'newest',
        'oldest',
      ]),
    )
    .option('--facets', 'also print counts by form type, year and company')
    .option('--json', 'print the page as JSON (hits, total, facets)')
    .option('--csv', 'print every matching filing as CSV (all pages)')
    .addHelpText(
      'after',
      `
One row per filing, best first, with its matching documents under it. A filing matches when the query holds over
one of its documents (every word somewhere in it). Ranking, totals and facets cover the ${COUNT_CAP.toLocaleString('en-US')} most recently stored
matching documents; the output says when that limit applied.

Examples:
  edgarkit search '"convertible bonds" kosdaq' --form 6-K
  edgarkit search 'redempt* NOT notes' --from 2002-01-01 --sort newest
  edgarkit search 'dividend' --facets
  edgarkit search 'dividend company:stolt' --csv > dividends.csv
`,
    )
    .action(async (query: string, options: SearchCommandOptions) => {
      setExit(await runSearchCommand(query, options, io));
    });
}

export async function runSearchCommand(query: string, options: SearchCommandOptions, io: CliIo): Promise<ExitCode> {
  checkValues(() => checkDateRange('--from', options.from, '--to', options.to));
  if (options.json && options.csv) throw new UserError('Choose one of --json and --csv');
  const store = await openForReading(options.db, io);
  try {
    const request = {
      text: query,
      ...(options.form ? { form: options.form } : {}),
      ...(options.cik ? { cik: options.cik } : {}),
      ...(options.company ? { company: options.company } : {}),
      ...(options.from ? { from: options.from } : {}),
      ...(options.to ? { to: options.to } : {}),
      ...(options.sort ? { sort: options.sort } : {}),
    };
    if (options.csv) {
      const caveats = (page: SearchPage) => {
        for (const caveat of searchCaveats(page)) io.stderr.write(`${caveat}\n`);
      };
      for await (const chunk of exportSearchCsv(store, request, caveats)) io.stdout.write(chunk);
      return EXIT.ok;
    }
    const page = await store.search({ ...request, limit: options.limit, offset: options.offset });
    io.stdout.write(
      options.json ? `${JSON.stringify(page, null, 2)}\n` : formatSearchPage(page, io.stdout.isTTY === true, options.facets === true),
    );
    if (page.total === 0 && !options.json) {
      const hint = formFilterHint(prepareSearch(request).filters.form, (await store.stats()).formTypes);
      if (hint) io.stdout.write(`${hint}\n`);
    }
    return EXIT.ok;
  } catch (error) {
    if (error instanceof QuerySyntaxError || error instanceof SearchRequestError) throw new UserError(error.message);
    throw error;
  } finally {
    await store.close();
  }
}
