import type { Command } from 'commander';
import { readConcept } from '../fetch/edgar-paths.js';
import { xbrlFactsPath } from '../fetch/fetch-xbrl-facts.js';
import { type StoreXbrlFactsRequest, storeXbrlApiFacts } from '../pipeline/fetch-xbrl-api-facts.js';
import { databaseSpec, dbOption, openForWriting } from './database-options.js';
import { type FetchCommandContext, type FetchConnectionOptions, openSession, usage, withConnectionOptions } from './fetch-session.js';
import { type CliIo, EXIT, type ExitCode, UserError } from './io.js';

export interface FetchFactsCommandOptions extends FetchConnectionOptions {
  readonly cik?: string;
  readonly ticker?: string;
  readonly concept?: string;
  readonly frame?: string;
  readonly db?: string;
}

/** The notes shown for one document; the rest are counted. */
const NOTES_SHOWN = 10;

/** Adds `fetch facts` to the `fetch` command. */
export function registerFetchFactsCommand(
  fetch: Command,
  io: CliIo,
  setExit: (code: number) => void,
  context: FetchCommandContext = {},
): void {
  withConnectionOptions(
    fetch
      .command('facts')
      .description("Store XBRL facts from EDGAR's JSON APIs (companyfacts, companyconcept, frames) in the database's fact table")
      .option('--cik <cik>', "the company's CIK: all its facts (companyfacts), or one concept with --concept")
      .option('--ticker <ticker>', "the company by ticker, looked up in SEC's company_tickers.json")
      .option('--concept <taxonomy:tag>', 'only this concept of the company (companyconcept), e.g. us-gaap:Revenues')
      .option(
        '--frame <concept/unit/period>',
        'one concept, unit and calendar period for every company (frames), e.g. us-gaap:Revenues/USD/CY2019',
      )
      .addOption(dbOption())
      .addHelpText(
        'after',
        [
          '',
          'Examples:',
          '  edgarkit fetch facts --ticker TSLA --db edgar.db                           # every fact of the company',
          '  edgarkit fetch facts --cik 1318605 --concept us-gaap:Revenues --db edgar.db',
          '  edgarkit fetch facts --frame us-gaap:AccountsPayableCurrent/USD/CY2019Q1I --db edgar.db',
          '  edgarkit fetch facts --frame us-gaap:EarningsPerShareBasic/USD/shares/CY2019 --db edgar.db',
          '',
          'A frame period is CY2019 (a year), CY2019Q1 (a quarter) or CY2019Q1I (an instant). Running the same command again',
          'writes nothing new ("0 facts written, N unchanged"). Values are stored exactly as EDGAR wrote them; one a',
          'JavaScript number cannot hold keeps its text and is noted. Exit codes: 0 stored; 1 not on EDGAR, a malformed',
          'document, or a value that could not be kept; 2 bad usage (no User-Agent, a malformed option).',
          '',
        ].join('\n'),
      ),
  ).action(async (options: FetchFactsCommandOptions) => {
    setExit(await runFetchFactsCommand(options, io, context));
  });
}

/** `edgarkit fetch facts`: one XBRL API document into the fact table, with a summary of what changed. */
export async function runFetchFactsCommand(
  options: FetchFactsCommandOptions,
  io: CliIo,
  context: FetchCommandContext = {},
): Promise<ExitCode> {
  const request = readRequest(options);
  // Checked before anything is opened or sent: a malformed CIK, concept, unit or period is a usage error.
  if (!('ticker' in request)) usage(() => xbrlFactsPath(request));
  const session = await openSession(options, io);
  try {
    const store = await openForWriting(options.db, io);
    try {
      const result = await session.run(() =>
        storeXbrlApiFacts(session.client, store, request, {
          ...(context.signal ? { signal: context.signal } : {}),
          onProgress: ({ done, total }) => {
            if (session.progress.tty) session.progress.status(`${done} of ${total} facts stored  ${session.rateText()}`);
            else if (total > done) session.progress.line(`${done} of ${total} facts stored`);
          },
        }),
      );
      const notes = result.diagnostics;
      for (const note of notes.slice(0, NOTES_SHOWN)) session.progress.line(`${note.severity}: ${note.code}: ${note.message}`);
      if (notes.length > NOTES_SHOWN) session.progress.line(`… and ${notes.length - NOTES_SHOWN} more notes`);
      const what =
        result.kind === 'frames'
          ? `frame ${result.concept} ${result.frame}`
          : `${result.entityName ?? 'CIK'} (CIK ${result.cik})${result.concept ? ` ${result.concept}` : ''}`;
      session.summary(`${result.kind} of ${what}: ${result.facts} facts read from ${result.url}${result.fromCache ? ' (from cache)' : ''}`);
      io.stdout.write(`${result.written} facts written, ${result.unchanged} unchanged in ${databaseSpec(options.db, io)}\n`);
      return notes.some((note) => note.severity === 'error') ? EXIT.problems : EXIT.ok;
    } finally {
      await store.close();
    }
  } catch (error) {
    return session.fail(error);
  } finally {
    session.close();
  }
}

/** The options as one request; a wrong combination is a usage error saying what to give. */
function readRequest(options: FetchFactsCommandOptions): StoreXbrlFactsRequest {
  if (options.frame !== undefined) {
    if (options.cik !== undefined || options.ticker !== undefined || options.concept !== undefined)
      throw new UserError('--frame takes every company at once: give it without --cik, --ticker or --concept');
    return readFrame(options.frame);
  }
  if (!options.cik === !options.ticker)
    throw new UserError('Give exactly one of --cik and --ticker (a company), or --frame (one period of every company)');
  if (options.concept !== undefined) usage(() => readConcept(options.concept as string), '--concept');
  if (options.cik !== undefined) {
    const cik = options.cik.trim();
    if (!/^\d{1,10}$/.test(cik)) throw new UserError(`--cik must be up to 10 digits, found "${options.cik}"`);
    return options.concept ? { kind: 'companyconcept', cik, concept: options.concept } : { kind: 'companyfacts', cik };
  }
  const ticker = (options.ticker as string).trim();
  return options.concept ? { kind: 'companyconcept', ticker, concept: options.concept } : { kind: 'companyfacts', ticker };
}

/** `us-gaap:Revenues/USD/CY2019`, `us-gaap:EarningsPerShareBasic/USD/shares/CY2019` (a ratio unit has its own slash). */
function readFrame(text: string): StoreXbrlFactsRequest {
  const parts = text.trim().split('/');
  const concept = parts[0] ?? '';
  const period = parts.at(-1) ?? '';
  const unit = parts.slice(1, -1).join('/');
  if (parts.length < 3 || unit === '')
    throw new UserError(`--frame: expected concept/unit/period, like us-gaap:Revenues/USD/CY2019, found "${text}"`);
  const request = { kind: 'frames', concept, unit, period } as const;
  usage(() => xbrlFactsPath(request), '--frame');
  return request;
}
