import { Command, CommanderError } from 'commander';
import { EdgarSyntaxError } from '../core/edgar-syntax-error.js';
import { registerCompaniesCommand } from './companies-command.js';
import { registerComposeCommand } from './compose-command.js';
import { registerExtractCommand } from './extract-command.js';
import { registerFactsCommand } from './facts-command.js';
import { type FetchCommandContext, registerFetchCommands } from './fetch-command.js';
import { registerFilingsCommand } from './filings-command.js';
import { registerIngestCommand } from './ingest-command.js';
import { type CliIo, EXIT, type ExitCode, UserError } from './io.js';
import { registerParseCommand } from './parse-command.js';
import { registerRenderCommand } from './render-command.js';
import { registerScaleCommands } from './scale-commands.js';
import { registerSearchCommand } from './search-command.js';
import { registerServeCommand } from './serve-command.js';
import { registerShowCommand } from './show-command.js';
import { registerStatsCommand } from './stats-command.js';
import { registerSyncCommand } from './sync-command.js';
import { registerValidateCommand } from './validate-command.js';

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

  const setExit = (code: number) => {
    exitCode = code as ExitCode;
  };
  registerParseCommand(program, io, setExit);
  registerRenderCommand(program, io, setExit);
  registerExtractCommand(program, io, setExit);
  registerFactsCommand(program, io, setExit);
  registerIngestCommand(program, io, setExit, context);
  registerSearchCommand(program, io, setExit);
  registerShowCommand(program, io, setExit);
  registerCompaniesCommand(program, io, setExit);
  registerFilingsCommand(program, io, setExit);
  registerStatsCommand(program, io, setExit);
  registerFetchCommands(program, io, setExit, context);
  registerSyncCommand(program, io, setExit, context);
  registerServeCommand(program, io, setExit);
  registerComposeCommand(program, io, setExit);
  registerValidateCommand(program, io, setExit);
  registerScaleCommands(program, io, setExit, context);

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
