import { Command, CommanderError, Option } from 'commander';
import type { RenderFormat } from '../render/index.js';
import { EdgarSyntaxError } from '../core/edgar-syntax-error.js';
import { type CliIo, EXIT, type ExitCode, UserError } from './io.js';
import { positiveInteger } from './database-options.js';
import { registerComposeCommands } from './compose-commands.js';
import { runExtractCommand } from './extract-command.js';
import { type FetchCommandContext, registerFetchCommands } from './fetch-command.js';
import { registerSyncCommand } from './sync-command.js';
import { runIngestCommand } from './ingest-command.js';
import { runParseCommand } from './parse-command.js';
import { registerQueryCommands } from './query-commands.js';
import { registerScaleCommands } from './scale-commands.js';
import { registerServeCommand } from './serve-command.js';
import { runRenderCommand } from './render-command.js';

const VERSION = '0.1.0';

/**
 * Runs the CLI and returns the exit code; the only place that turns errors into messages and codes.
 * A stack trace is printed only with `--debug`.
 */
export async function runCli(argv: readonly string[], io: CliIo, context: FetchCommandContext = {}): Promise<number> {
  let exitCode: ExitCode = EXIT.ok;
  const debug = argv.includes('--debug');
  const program = new Command('edgarkit')
    .description('Read, understand, store and serve SEC EDGAR filings of every era.')
    .version(VERSION)
    .option('--debug', 'print stack traces for unexpected errors')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    })
    .showHelpAfterError('(run "edgarkit <command> --help" for usage)');

  program
    .command('parse')
    .description('Read submissions (a .txt/.nc file, a folder, a .tar/.tar.gz feed archive, or - for stdin) and summarise them')
    .argument('<input>', 'file, directory, .tar/.tar.gz archive, or - for stdin')
    .option('--json', 'print one submission as JSON')
    .option('--jsonl', 'print one JSON object per submission per line')
    .option('--strict', 'fail on any repaired problem with file:line:col: message (exit 1)')
    .addOption(new Option('--extract-attachments <dir>', 'write decoded uuencoded attachments under <dir>/<accession>/'))
    .addHelpText(
      'after',
      '\nExit codes: 0 parsed, 1 problems found in --strict mode, 2 bad usage or unreadable input.\n' +
        'Examples:\n  edgarkit parse filing.txt\n  edgarkit parse 20021226.nc.tar.gz --jsonl > filings.jsonl\n',
    )
    .action(async (input: string, options: { json?: boolean; jsonl?: boolean; strict?: boolean; extractAttachments?: string }) => {
      exitCode = await runParseCommand(input, options, io);
    });

  program
    .command('render')
    .description('Render one document of a submission: pages, paragraphs and real tables, as text, Markdown, HTML or JSON')
    .argument('<file>', 'a submission or a bare document (or - for stdin)')
    .option('--doc <seq|type>', 'which document: a sequence number or a type such as EX-99.1 (default: the first)')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'markdown', 'html', 'json']).default('text'))
    .option('--page <n>', 'only this page (1-based)', positiveInteger('--page'))
    .addHelpText('after', '\nExamples:\n  edgarkit render ../shared/seed/hanaro-6k-2002-12.txt --format markdown\n  edgarkit render filing.txt --doc EX-99.1 --page 2\n')
    .action(async (file: string, options: { doc?: string; format: RenderFormat; page?: number }) => {
      exitCode = await runRenderCommand(file, options, io);
    });

  program
    .command('extract')
    .description('Read the typed form record of each submission: 6-K/6-K/A cover, exhibits and signatures; 20-F/40-F cover; exhibits and signatures of any form')
    .argument('<input>', 'file, directory, .tar/.tar.gz archive, or - for stdin')
    .option('--form <type>', 'only submissions of this form type (e.g. 6-K)')
    .option('--json', 'one submission as JSON, every field with its source span')
    .option('--jsonl', 'one JSON object per submission per line')
    .option('--csv', 'one CSV row per submission (values only)')
    .option('--record', "a 6-K record's values without spans, exactly as compose 6-k reads them")
    .action(async (input: string, options: { form?: string; json?: boolean; jsonl?: boolean; csv?: boolean; record?: boolean }) => {
      exitCode = await runExtractCommand(input, options, io);
    });

  program
    .command('ingest')
    .description('Read filings (files, folders, .tar/.tar.gz feed archives, - for stdin) into the database; safe to re-run')
    .argument('<paths...>', 'files, directories or archives')
    .option('--db <file>', 'database file (default: $EDGARKIT_DB or ~/.local/share/edgarkit/edgarkit.db)')
    .option('--workers <n>', 'parser threads (default: one per core, at most 8; 0 = none)', positiveInteger('--workers'))
    .option('--batch <n>', 'filings per transaction', positiveInteger('--batch'))
    .addHelpText(
      'after',
      '\nIngest is idempotent by accession number: an unchanged filing is skipped, a changed copy replaces the old one.\n' +
        'If it is interrupted (even by kill -9), run the same command again to finish.\n',
    )
    .action(async (paths: string[], options: { db?: string; workers?: number; batch?: number }) => {
      exitCode = await runIngestCommand(paths, { ...options, ...(context.signal ? { signal: context.signal } : {}) }, io);
    });

  registerQueryCommands(program, io, (code) => {
    exitCode = code;
  });
  registerFetchCommands(program, io, (code) => {
    exitCode = code as ExitCode;
  }, context);
  registerSyncCommand(program, io, (code) => {
    exitCode = code as ExitCode;
  }, context);
  registerServeCommand(program, io, (code) => {
    exitCode = code as ExitCode;
  });
  registerComposeCommands(program, io, (code) => {
    exitCode = code as ExitCode;
  });
  registerScaleCommands(program, io, (code) => {
    exitCode = code as ExitCode;
  }, context);

  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    return reportError(error, io, debug);
  }
}

function reportError(error: unknown, io: CliIo, debug: boolean): number {
  if (error instanceof CommanderError) {
    // Help and version exit 0; usage mistakes were already printed by commander.
    return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  }
  if (error instanceof UserError) {
    io.stderr.write(`edgarkit: ${error.message}\n`);
    return error.exitCode;
  }
  if (error instanceof EdgarSyntaxError) {
    io.stderr.write(`${error.message}\n`);
    return EXIT.problems;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr.write(`edgarkit: ${message}\n`);
  if (debug && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
  else io.stderr.write('(run with --debug for details)\n');
  return EXIT.usage;
}
