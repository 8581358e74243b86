import { NotAFilingError, readSubmissions } from '../io/read-submissions.js';
import type { Submission } from '../model/submission.js';
import type { CliIo } from './io.js';

/**
 * A file met inside a folder or an archive that is not an EDGAR filing (a README, an index, an image) is passed
 * over with a note, and the command goes on; the one file a command was given is an error (its caller's).
 * Returns true when the entry was passed over.
 */
export function passOverNotAFiling(entry: { readonly source: string; readonly error: Error }, input: string, io: CliIo): boolean {
  if (!(entry.error instanceof NotAFilingError) || entry.source === input) return false;
  io.stderr.write(`skipped: ${entry.source}: ${entry.error.message}\n`);
  return true;
}

/**
 * The submissions of `input` (a file, a folder, an archive or `-`) that can be read, for a command that reads each
 * in turn: a file that is not a filing is passed over (see passOverNotAFiling), one that cannot be read is said on
 * stderr with its reason and counted in `unreadable.count`, and the command goes on.
 */
export async function* readableSubmissions(
  input: string,
  io: CliIo,
  unreadable: { count: number },
): AsyncGenerator<{ readonly source: string; readonly submission: Submission }> {
  for await (const entry of readSubmissions(input, {}, io.stdin)) {
    if (entry.ok) {
      yield entry;
      continue;
    }
    if (passOverNotAFiling(entry, input, io)) continue;
    io.stderr.write(`${entry.source}: ${entry.error.message}\n`);
    unreadable.count++;
  }
}
