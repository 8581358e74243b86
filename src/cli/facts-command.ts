import { stat } from 'node:fs/promises';
import type { Command } from 'commander';
import { dimensionsText, periodText } from '../model/xbrl-fact.js';
import { extractXbrlFacts, type FilingFacts, type XbrlFactSource } from '../pipeline/read-filing.js';
import { csvLine } from '../render/csv.js';
import { MAX_FACTS } from '../store/store.js';
import { dbOption } from './database-options.js';
import { type FactSeriesOptions, runFactSeriesCommand } from './fact-series-command.js';
import { type CliIo, EXIT, type ExitCode, UserError } from './io.js';
import { readableSubmissions } from './not-a-filing.js';

export interface FactsCommandOptions {
  readonly concept?: string;
  readonly source?: string;
  readonly json?: boolean;
  readonly jsonl?: boolean;
  readonly csv?: boolean;
}

const SOURCES: readonly XbrlFactSource[] = ['auto', 'inline', 'instance', 'all'];
const CSV_COLUMNS = [
  'source',
  'accession_number',
  'document',
  'concept',
  'value',
  'unit',
  'decimals',
  'period',
  'dimensions',
  'context',
  'fact_id',
  'text',
] as const;
/** What the human listing shows of a long text fact. */
const SHOWN_TEXT = 80;

/** `edgarkit facts <file|dir|archive|->`: the XBRL facts each submission reports (inline XBRL or instance documents). */
export async function runFactsCommand(input: string, options: FactsCommandOptions, io: CliIo): Promise<ExitCode> {
  if ([options.json, options.jsonl, options.csv].filter(Boolean).length > 1) throw new UserError('Choose one of --json, --jsonl and --csv');
  const which = (options.source ?? 'auto') as XbrlFactSource;
  if (!SOURCES.includes(which)) throw new UserError(`--source must be one of ${SOURCES.join(', ')} (got "${options.source}")`);
  if (input !== '-') await stat(input).catch(() => Promise.reject(new UserError(`Cannot read ${input}: no such file or directory`)));
  const concept = options.concept?.trim().toLowerCase();
  let held: unknown = null;
  let submissions = 0;
  let shown = 0;
  if (options.csv) io.stdout.write(csvLine(CSV_COLUMNS));
  const unreadable = { count: 0 };
  for await (const entry of readableSubmissions(input, io, unreadable)) {
    submissions++;
    const found = extractXbrlFacts(entry.submission, which);
    const facts = concept ? found.facts.filter((fact) => matchesConcept(fact.concept, concept)) : found.facts;
    const diagnostics = concept ? found.diagnostics.filter((problem) => aboutConcept(problem.message, concept)) : found.diagnostics;
    shown += facts.length;
    const accessionNumber = entry.submission.header?.accessionNumber ?? null;
    const output = { source: entry.source, accessionNumber, factSource: found.source, facts, diagnostics };
    if (options.jsonl) io.stdout.write(`${JSON.stringify(output)}\n`);
    else if (options.json) {
      if (held) throw new UserError(`${input} holds more than one submission; use --jsonl or --csv`);
      held = output;
    } else if (options.csv) {
      for (const fact of facts) {
        io.stdout.write(
          csvLine([
            entry.source,
            accessionNumber,
            fact.span?.document ?? fact.filename,
            fact.concept,
            fact.value,
            fact.unit,
            fact.decimals,
            periodText(fact),
            dimensionsText(fact),
            fact.contextRef,
            fact.id,
            fact.text,
          ]),
        );
      }
    } else io.stdout.write(describe(entry.source, accessionNumber, found.source, facts, diagnostics));
  }
  const exitCode: ExitCode = unreadable.count > 0 ? EXIT.usage : EXIT.ok;
  if (held) io.stdout.write(`${JSON.stringify(held, null, 2)}\n`);
  if (submissions === 0 && exitCode === EXIT.ok) io.stderr.write(`No submissions in ${input}\n`);
  else if (shown === 0 && exitCode === EXIT.ok)
    io.stderr.write(concept ? `No ${options.concept} facts in ${input}\n` : `No XBRL facts in ${input}\n`);
  return exitCode;
}

/** `Revenues` matches `us-gaap:Revenues`; a full QName matches only itself. */
function matchesConcept(name: string, wanted: string): boolean {
  const lower = name.toLowerCase();
  return wanted.includes(':') ? lower === wanted : lower.slice(lower.indexOf(':') + 1) === wanted;
}

/**
 * Whether a note bears on the concept asked for: a note about one fact starts with its QName
 * (`tsla:NumberOfIndependentDirectors: its context … is not defined`); a note about no one fact is kept.
 */
function aboutConcept(message: string, wanted: string): boolean {
  const about = /^([A-Za-z_][\w.-]*:[A-Za-z_][\w.-]*): /.exec(message)?.[1];
  return about === undefined || matchesConcept(about, wanted);
}

function describe(
  source: string,
  accessionNumber: string | null,
  factSource: FilingFacts['source'],
  facts: FilingFacts['facts'],
  diagnostics: FilingFacts['diagnostics'],
): string {
  const lines = [
    `${source}`,
    `  ${accessionNumber ?? '(no accession number)'}  ${facts.length} fact${facts.length === 1 ? '' : 's'}${factSource ? ` (${factSource} XBRL)` : ''}`,
  ];
  for (const fact of facts) {
    const value = fact.value === null ? '-' : fact.value.length > SHOWN_TEXT ? `${fact.value.slice(0, SHOWN_TEXT)}…` : fact.value;
    const dimensions = dimensionsText(fact);
    lines.push(
      `  ${fact.concept}  ${value}${fact.unit ? ` ${fact.unit}` : ''}  ${periodText(fact)}${dimensions ? `  [${dimensions}]` : ''}`,
    );
  }
  for (const problem of diagnostics) lines.push(`  note: document ${problem.document}: ${problem.message} [${problem.code}]`);
  return `${lines.join('\n')}\n`;
}

/** Adds `edgarkit facts`: a filing's facts from a file, or one concept's time series from the database. */
export function registerFactsCommand(program: Command, io: CliIo, setExit: (code: ExitCode) => void): void {
  program
    .command('facts')
    .description(
      'List the XBRL facts each submission reports (inline XBRL facts with their spans, or instance facts), or, with --db and no file, one concept as a time series from the database',
    )
    .argument('[input]', 'file, directory, .tar/.tar.gz archive, or - for stdin (leave out to read the database)')
    .option('--concept <name>', 'only this concept: a QName (us-gaap:Revenues) or, for a file, its local name (Revenues)')
    .option('--source <which>', 'a file: auto (inline when the filing has it, else instance), inline, instance or all')
    .addOption(dbOption())
    .option('--cik <n>', 'the database: only this company')
    .option('--ticker <symbol>', 'the database: only the company of this ticker (after edgarkit fetch tickers)')
    .option('--from <date>', 'the database: periods ending on or after (YYYY-MM-DD)')
    .option('--to <date>', 'the database: periods ending on or before (YYYY-MM-DD)')
    .option('--unit <unit>', 'the database: only this unit (USD, iso4217:USD, shares, USD/shares)')
    .option('--dimensions <which>', 'the database: none (the whole entity, default) or any (segments and members too)')
    .option('--limit <n>', `the database: at most this many facts (1 to ${MAX_FACTS}, the default)`)
    .option('--json', 'JSON: a file as one submission with every fact, context, unit and span; the database as the series')
    .option('--jsonl', 'a file: one JSON object per submission per line')
    .option('--csv', 'one CSV row per fact')
    .addHelpText(
      'after',
      `
Two uses:
  edgarkit facts <file> [--concept NAME]           the facts a filing reports, read from the file
  edgarkit facts --db FILE|URL --concept QNAME     one concept over time from the database: period, value, unit,
                                                   form, filed, accession and source of each fact

Numeric values are exact decimals after the fact's format, scale and sign (ix:nonFraction scale="6" of "24,578"
is 24578000000). A value that cannot be read (an unknown transformation, a nil fact) is empty, with a note.
In the database each fact is listed once: the same period, dimensions, unit and accession from the filing itself
and from EDGAR's JSON APIs is the filing's.

Examples:
  edgarkit facts filing.txt --concept Revenues
  edgarkit facts 20240308.nc.tar.gz --csv > facts.csv
  edgarkit facts --db edgar.db --concept us-gaap:Revenues --cik 1318605
  edgarkit facts --db edgar.db --concept us-gaap:Revenues --ticker TSLA --from 2018-01-01 --csv`,
    )
    .action(async (input: string | undefined, options: FactsCommandOptions & FactSeriesOptions) => {
      const databaseOnly = (['db', 'cik', 'ticker', 'from', 'to', 'unit', 'dimensions', 'limit'] as const).filter(
        (name) => options[name] !== undefined,
      );
      if (input === undefined) {
        for (const name of ['source', 'jsonl'] as const)
          if (options[name] !== undefined) throw new UserError(`--${name} is for reading a file; the database gives a series`);
        setExit(await runFactSeriesCommand(options, io));
        return;
      }
      if (databaseOnly.length > 0)
        throw new UserError(`--${databaseOnly[0]} reads the database: leave out the file (${input}), or leave out --${databaseOnly[0]}`);
      setExit(await runFactsCommand(input, options, io));
    });
}
