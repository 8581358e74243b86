import type { CliIo } from './io.js';
import { registerParseCommand } from './parse-command.js';
import { runProgram } from './run-program.js';

/**
 * `edgarkit parse …` with that command alone loaded (`bin/edgarkit.js` starts it so): reading a feed archive need
 * not load the server, the database drivers and every other command first, which took longer than parsing 100 MB.
 */
export async function runCli(argv: readonly string[], given: CliIo): Promise<number> {
  return runProgram(argv, given, registerParseCommand);
}
