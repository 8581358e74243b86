import { registerIngestCommand } from './ingest-command.js';
import type { CliIo } from './io.js';
import { runProgram } from './run-program.js';

/**
 * `edgarkit ingest …` with that command alone loaded (`bin/edgarkit.js` starts it so): the server, the MCP SDK and
 * every other command took about 40 MB of the ingest process's memory before it read a filing.
 */
export async function runCli(argv: readonly string[], given: CliIo, context: { readonly signal?: AbortSignal } = {}): Promise<number> {
  return runProgram(argv, given, (program, io, setExit) => registerIngestCommand(program, io, setExit, context));
}
