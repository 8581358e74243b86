import { NotAFilingError } from '../io/read-submissions.js';
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
