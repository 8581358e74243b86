import { stat } from 'node:fs/promises';
import { type Command, Option } from 'commander';
import { readSubmissions } from '../io/read-submissions.js';
import { documentOutputInto, openDocument } from '../pipeline/open-document.js';
import { listDocuments } from '../pipeline/read-filing.js';
import type { RenderFormat } from '../render/index.js';
import { positiveInteger } from './database-options.js';
import { type CliIo, EXIT, type ExitCode, UserError, writeInBatches } from './io.js';
import { checkTableOptions, tableOutput } from './table-output.js';

export interface RenderCommandOptions {
  readonly doc?: string;
  readonly format: RenderFormat | 'csv';
  readonly page?: number;
  readonly section?: string;
  /** With `--format csv`: which table (1-based, over the whole document). */
  readonly table?: number;
  /** List the document's tables instead of rendering it. */
  readonly tables?: boolean;
}

/** `edgarkit render <file>`: one document of a submission as text, Markdown, HTML or JSON. */
export async function runRenderCommand(input: string, options: RenderCommandOptions, io: CliIo): Promise<ExitCode> {
  checkTableOptions(options);
  if (input !== '-') await stat(input).catch(() => Promise.reject(new UserError(`Cannot read ${input}: no such file or directory`)));
  let seen = 0;
  for await (const entry of readSubmissions(input, {}, io.stdin)) {
    seen++;
    if (seen > 1) throw new UserError(`${input} holds more than one submission; render reads one file`);
    if (!entry.ok) throw new UserError(`${entry.source}: ${entry.error.message}`);
    if (entry.submission.documents.length === 0) throw new UserError(`${input} holds no document to render (a header alone)`);
    const read = openDocument(entry.submission, options.doc);
    if (!read) throw new UserError(`${input} has no document ${options.doc ?? 1}; it has: ${listDocuments(entry.submission)}`);
    if (options.format === 'csv' || options.tables) {
      const name = `${input}: document ${read.document.sequence ?? options.doc ?? 1}`;
      io.stdout.write(
        tableOutput(
          read,
          {
            ...(options.table !== undefined ? { table: options.table } : {}),
            list: options.tables === true,
            json: options.format === 'json',
          },
          name,
        ),
      );
      continue;
    }
    const output = documentOutputInto(read, options.format, {
      ...(options.page !== undefined ? { page: options.page } : {}),
      ...(options.section !== undefined ? { section: options.section } : {}),
      submissionFormType: entry.submission.header?.formType ?? null,
    });
    if (!output.ok) throw new UserError(`${input}: ${output.reason}`);
    writeInBatches(io.stdout, output.writeTo);
  }
  if (seen === 0) throw new UserError(`No submission in ${input}`);
  return EXIT.ok;
}

/** Adds `edgarkit render`. */
export function registerRenderCommand(program: Command, io: CliIo, setExit: (code: ExitCode) => void): void {
  program
    .command('render')
    .description(
      'Render one document of a submission: pages, paragraphs and real tables, as text, Markdown, HTML or JSON; or one table as CSV',
    )
    .argument('<file>', 'a submission or a bare document (or - for stdin)')
    .option('--doc <seq|type>', 'which document: a sequence number or a type such as EX-99.1 (default: the first)')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'markdown', 'html', 'json', 'csv']).default('text'))
    .option('--page <n>', 'only this page (1-based)', positiveInteger('--page'))
    .option('--section <item>', 'only this section of a 10-K, 10-Q, 20-F or 40-F: 1A, 7, 3.D, II-1A (10-Q part II item 1A)')
    .option('--table <n>', 'with --format csv: this table (1-based, over the whole document; see --tables)', positiveInteger('--table'))
    .option('--tables', "list the document's tables: number, page, rows x columns, caption (as JSON with --format json)")
    .addHelpText(
      'after',
      '\nExamples:\n  edgarkit render ../shared/seed/hanaro-6k-2002-12.txt --format markdown\n  edgarkit render filing.txt --doc EX-99.1 --page 2\n' +
        '  edgarkit render 10-k.txt --section 1A --format markdown\n  edgarkit render filing.txt --tables\n  edgarkit render filing.txt --format csv --table 2 > table-2.csv\n',
    )
    .action(async (file: string, options: RenderCommandOptions) => {
      setExit(await runRenderCommand(file, options, io));
    });
}
