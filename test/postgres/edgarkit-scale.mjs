#!/usr/bin/env node
// A stand-in for bin/edgarkit.js with only the scale commands (migrate, copy, enqueue, worker, status), from the
// compiled dist/. The tests use it while src/cli/main.ts does not register them yet; once it does, they run
// bin/edgarkit.js itself (see scaleCli() in scale-cli.ts).
import { Command, CommanderError } from 'commander';
import { UserError } from '../../dist/cli/io.js';
import { registerScaleCommands } from '../../dist/cli/scale-commands.js';

const interrupt = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (interrupt.signal.aborted) process.exit(130);
    interrupt.abort();
  });
}

const io = { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env };
let exitCode = 0;
const program = new Command('edgarkit').exitOverride();
registerScaleCommands(
  program,
  io,
  (code) => {
    exitCode = code;
  },
  { signal: interrupt.signal },
);
try {
  await program.parseAsync(process.argv.slice(2), { from: 'user' });
} catch (error) {
  if (error instanceof CommanderError) exitCode = error.exitCode === 0 ? 0 : 2;
  else {
    process.stderr.write(`edgarkit: ${error instanceof Error ? error.message : String(error)}\n`);
    exitCode = error instanceof UserError ? error.exitCode : 2;
  }
}
process.exitCode = exitCode;
