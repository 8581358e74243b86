import type { Command } from 'commander';
import { registerCopyCommand } from './copy-command.js';
import { registerEnqueueCommand } from './enqueue-command.js';
import type { CliIo, ExitCode } from './io.js';
import { registerMigrateCommand } from './migrate-command.js';
import type { ScaleCommandContext } from './scale-options.js';
import { registerStatusCommand } from './status-command.js';
import { registerWorkerCommand } from './worker-command.js';

export { displayUrl, type ScaleCommandContext } from './scale-options.js';

/** `migrate`, `copy`, `enqueue`, `worker`, `status`: the PostgreSQL store and many ingest workers on many machines. */
export function registerScaleCommands(
  program: Command,
  io: CliIo,
  setExit: (code: ExitCode) => void,
  context: ScaleCommandContext = {},
): void {
  registerMigrateCommand(program, io, setExit);
  registerCopyCommand(program, io, setExit, context);
  registerEnqueueCommand(program, io, setExit);
  registerWorkerCommand(program, io, setExit, context);
  registerStatusCommand(program, io, setExit);
}
