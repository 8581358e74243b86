import type { Command } from 'commander';
import { registerCompaniesCommand } from './companies-command.js';
import { registerComposeCommand } from './compose-command.js';
import { registerExtractCommand } from './extract-command.js';
import { registerFactsCommand } from './facts-command.js';
import { type FetchCommandContext, registerFetchCommands } from './fetch-command.js';
import { registerFilingsCommand } from './filings-command.js';
import { registerIngestCommand } from './ingest-command.js';
import type { CliIo } from './io.js';
import { registerMcpCommand } from './mcp-command.js';
import { registerParseCommand } from './parse-command.js';
import { registerRenderCommand } from './render-command.js';
import { runProgram } from './run-program.js';
import { registerScaleCommands } from './scale-commands.js';
import { registerSearchCommand } from './search-command.js';
import { registerServeCommand } from './serve-command.js';
import { registerShowCommand } from './show-command.js';
import { registerStatsCommand } from './stats-command.js';
import { registerSyncCommand } from './sync-command.js';
import { registerValidateCommand } from './validate-command.js';

/**
 * Runs the CLI and returns the exit code (errors become messages and codes in runProgram, the one place that does it).
 * `bin/edgarkit.js` starts `parse` through `parse-main.ts` instead, which loads that command alone.
 */
export async function runCli(argv: readonly string[], given: CliIo, context: FetchCommandContext = {}): Promise<number> {
  return runProgram(argv, given, (program, io, setExit) => registerCommands(program, io, setExit, context));
}

/** Adds every command. */
function registerCommands(program: Command, io: CliIo, setExit: (code: number) => void, context: FetchCommandContext): void {
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
  registerMcpCommand(program, io, setExit, context);
}
