import { type Compose6KOptions, type Composed6K, compose6K } from '../compose/compose-6k.js';
import type { Compose6KRecord } from '../compose/record-6k.js';
import { compareRoundTrip, type RoundTripDifference } from '../validate/round-trip.js';
import { type ValidationReport, validateSubmission } from '../validate/validate-submission.js';

/** A problem with one field of the record, by its path (`exhibits[0].file`). */
export interface RecordProblem {
  readonly path: string;
  readonly severity: 'error' | 'warning';
  readonly message: string;
}

/** Options of `composeAndCheck`: those of `compose6K`, and the name the submission is checked under. */
export interface ComposeAndCheckOptions extends Compose6KOptions {
  /** The name the submission is checked under, in findings (default `submission.txt`). */
  readonly source?: string;
}

/** A composition and its proof: what EDGAR's rules find in it, and whether it reads back as the same record. */
export interface ComposedAndChecked {
  /** False when the record cannot be composed in the format asked (see `problems`); nothing was checked. */
  readonly ok: boolean;
  readonly composed: Composed6K;
  /** The composer's problems, then every field that reads back differently (as warnings). */
  readonly problems: readonly RecordProblem[];
  /** EDGAR's rules over the submission; null when it could not be composed. */
  readonly report: ValidationReport | null;
  readonly differences: readonly RoundTripDifference[];
}

/**
 * compose → validate → read back, the one implementation behind `edgarkit compose` and the server's compose page
 * and API: writes the 6-K, checks the submission against EDGAR's rules, and reads it back with edgarkit's own
 * reader to compare with the record.
 */
export function composeAndCheck(record: Compose6KRecord, options: ComposeAndCheckOptions = {}): ComposedAndChecked {
  const { source, ...composeOptions } = options;
  const composed = compose6K(record, composeOptions);
  const problems: RecordProblem[] = composed.problems.map(({ path, severity, message }) => ({ path, severity, message }));
  if (!composed.ok) return { ok: false, composed, problems, report: null, differences: [] };
  const report = validateSubmission(new TextEncoder().encode(composed.submissionTxt), { source: source ?? 'submission.txt' });
  const differences = compareRoundTrip(record, composed.submissionTxt);
  for (const difference of differences)
    problems.push({
      path: difference.path,
      severity: 'warning',
      message: `${difference.path} reads back as ${JSON.stringify(difference.readBack)}, not ${JSON.stringify(difference.composed)}`,
    });
  return { ok: true, composed, problems, report, differences };
}
