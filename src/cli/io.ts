import type { Readable } from 'node:stream';

/** What a command may touch of the outside world; tests pass captured streams. */
export interface CliIo {
  readonly stdout: { write(text: string): unknown; isTTY?: boolean };
  /**
   * `unsanitised`, on a terminal: the stream itself, for drawing that is wholly ours (the progress bar's cursor
   * moves); everything else goes through `write`, which shows filings' control characters inert.
   */
  readonly stderr: { write(text: string): unknown; isTTY?: boolean; unsanitised?: { write(text: string): unknown } };
  readonly stdin: Readable;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** Exit codes shared by every command. */
export const EXIT = { ok: 0, problems: 1, usage: 2 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** An error whose message is meant for the user as is (no stack trace), with the exit code it maps to. */
export class UserError extends Error {
  readonly exitCode: ExitCode;
  constructor(message: string, exitCode: ExitCode = EXIT.usage) {
    super(message);
    this.name = 'UserError';
    this.exitCode = exitCode;
  }
}

/** Writes what `produce` gives in batches of about 1 MiB: a large output is never one string, nor a write a line. */
export function writeInBatches(stream: CliIo['stdout'], produce: (emit: (part: string) => void) => void): void {
  let batch: string[] = [];
  let length = 0;
  produce((part) => {
    batch.push(part);
    length += part.length;
    if (length >= 1 << 20) {
      stream.write(batch.join(''));
      batch = [];
      length = 0;
    }
  });
  if (batch.length > 0) stream.write(batch.join(''));
}
