import { Command, CommanderError } from 'commander';
import { EdgarSyntaxError } from '../core/edgar-syntax-error.js';
import { storageFault } from '../store/storage-error.js';
import { type CliIo, EXIT, type ExitCode, UserError } from './io.js';
import { terminalIo } from './terminal-text.js';

const VERSION = '0.1.0';

/** Adds commands to the program; `setExit` sets the code a command's action returns. */
export type RegisterCommands = (program: Command, io: CliIo, setExit: (code: number) => void) => void;

/**
 * Runs the CLI with the commands `register` adds and returns the exit code; the only place that turns errors into
 * messages and codes. A stack trace is printed only with `--debug`.
 */
export async function runProgram(argv: readonly string[], given: CliIo, register: RegisterCommands): Promise<number> {
  // Every line printed to a terminal goes through the one sanitiser: filings may carry escape sequences.
  const io = terminalIo(given);
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
  register(program, io, setExit);

  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (
      error instanceof CommanderError &&
      error.code === 'commander.unknownOption' &&
      argv.find((arg) => !arg.startsWith('-')) === 'search'
    ) {
      // The query language excludes a word with "-word": a query that starts with one reads as an option.
      io.stderr.write(
        '(a query that starts with "-" goes after "--": edgarkit search -- \'-notes bonds\', or write it later: \'bonds -notes\')\n',
      );
    }
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
  const fault = storageFault(error);
  if (fault) {
    // The database failed under a command (a full disk, a read-only file): said plainly, no stack trace.
    io.stderr.write(`edgarkit: the database failed: ${fault.message}\n`);
    return EXIT.usage;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr.write(`edgarkit: ${message}\n`);
  if (debug && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
  else io.stderr.write('(run with --debug for details)\n');
  return EXIT.usage;
}
