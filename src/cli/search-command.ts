import type { Command } from 'commander';
import { checkDateRange } from '../store/request-values.js';
import { QuerySyntaxError } from '../store/search-query.js';
import { MAX_PAGE, type SearchPage, SNIPPET_MARK } from '../store/store.js';
import { checkValues, cikOption, dateOption, dbOption, formOption, limitOption, offsetOption, openForReading } from './database-options.js';
import { type CliIo, EXIT, type ExitCode, UserError } from './io.js';

export interface SearchCommandOptions {
  readonly db?: string;
  readonly form?: string;
  readonly cik?: string;
  readonly company?: string;
  readonly from?: string;
  readonly to?: string;
  readonly limit: number;
  readonly offset: number;
  readonly json?: boolean;
}

/** `edgarkit search "<query>"`. */
export function registerSearchCommand(program: Command, io: CliIo, setExit: (code: ExitCode) => void): void {
  program
    .command('search')
    .description('Full-text search over document text, ranked, with highlighted snippets')
    .argument('<query>', 'words, "phrases", prefix*, AND/OR/NOT, -word, (groups), form:/cik:/company:/from:/to: filters')
    .addOption(dbOption())
    .option('--form <type>', 'only this form type (e.g. 6-K)', formOption('--form'))
    .option('--cik <n>', 'only filings with this party CIK', cikOption('--cik'))
    .option('--company <name>', 'only filings with a party whose name contains this')
    .option('--from <date>', 'filed on or after (YYYY-MM-DD)', dateOption('--from'))
    .option('--to <date>', 'filed on or before (YYYY-MM-DD)', dateOption('--to'))
    .option('--limit <n>', `results per page (1 to ${MAX_PAGE}; more with --offset)`, limitOption('--limit'), 20)
    .option('--offset <n>', 'skip this many results', offsetOption('--offset'), 0)
    .option('--json', 'print the results as JSON')
    .addHelpText(
      'after',
      "\nExamples:\n  edgarkit search '\"convertible bonds\" kosdaq' --form 6-K\n  edgarkit search 'redempt* NOT notes' --from 2002-01-01\n",
    )
    .action(async (query: string, options: SearchCommandOptions) => {
      setExit(await runSearchCommand(query, options, io));
    });
}

export async function runSearchCommand(query: string, options: SearchCommandOptions, io: CliIo): Promise<ExitCode> {
  checkValues(() => checkDateRange('--from', options.from, '--to', options.to));
  const store = await openForReading(options.db, io);
  try {
    const page = await store.search({
      text: query,
      ...(options.form ? { form: options.form } : {}),
      ...(options.cik ? { cik: options.cik } : {}),
      ...(options.company ? { company: options.company } : {}),
      ...(options.from ? { from: options.from } : {}),
      ...(options.to ? { to: options.to } : {}),
      limit: options.limit,
      offset: options.offset,
    });
    io.stdout.write(options.json ? `${JSON.stringify(page, null, 2)}\n` : describeHits(page, io.stdout.isTTY === true));
    return EXIT.ok;
  } catch (error) {
    if (error instanceof QuerySyntaxError) throw new UserError(error.message);
    throw error;
  } finally {
    await store.close();
  }
}

function describeHits(page: SearchPage, tty: boolean): string {
  if (page.hits.length === 0) return page.offset > 0 ? `No matches after the first ${page.offset}.\n` : 'No matches.\n';
  const lines = page.hits.flatMap((hit, index) => {
    const head =
      `${page.offset + index + 1}. ${hit.accessionNumber ?? hit.filingId}  ${hit.formType ?? '-'}  ${hit.filedAt ?? '-'}  ${hit.companyName ?? ''}` +
      `${hit.cik ? ` (CIK ${hit.cik})` : ''}${hit.documentSequence !== null ? `  doc ${hit.documentSequence} ${hit.documentType ?? ''}` : ''}`;
    return hit.snippet ? [head, `   ${highlight(hit.snippet, tty)}`] : [head];
  });
  // A full page may have more behind it: say how to get it rather than stopping silently.
  if (page.hits.length === page.limit)
    lines.push(`(results ${page.offset + 1}-${page.offset + page.hits.length}; more with --offset ${page.offset + page.limit})`);
  return `${lines.join('\n')}\n`;
}

function highlight(snippet: string, tty: boolean): string {
  const flat = snippet.replace(/\s+/g, ' ');
  return tty
    ? flat.replaceAll(SNIPPET_MARK.open, '\u001b[1m').replaceAll(SNIPPET_MARK.close, '\u001b[22m')
    : flat.replaceAll(SNIPPET_MARK.open, '[').replaceAll(SNIPPET_MARK.close, ']');
}
