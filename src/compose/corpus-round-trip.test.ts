import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { corpusPath } from '../../test/shared-files.js';
import { extractFiling } from '../forms/extract-filing.js';
import { parseSubmissionDocuments } from '../parse/parse-document.js';
import { parseSubmission } from '../parse/sgml/parse-submission.js';
import { compareRoundTrip, type RoundTripDifference, valuesOnly } from '../validate/round-trip.js';
import { compose6K, type ComposeFormat } from './compose-6k.js';
import { checkCompose6KValue } from './read-record.js';

interface Outcome {
  readonly file: string;
  /** `agree`, or why the two records differ. */
  readonly verdict: string;
  readonly differences: readonly RoundTripDifference[];
  /** The recomposed submission numbers the exhibits' documents as the original did. */
  readonly sameSequences: boolean;
}

type Values = Record<string, unknown> & { exhibits: Record<string, unknown>[] };

/**
 * Every real 6-K of the corpus: extract its record, compose it again (its attached exhibits from the original
 * documents), extract again, and compare. Returns one outcome per 6-K.
 */
function roundTripCorpus(format: ComposeFormat): Outcome[] {
  const outcomes: Outcome[] = [];
  for (const file of readdirSync(corpusPath('fpi'))
    .filter((name) => name.endsWith('.txt'))
    .sort()) {
    const submission = parseSubmission(readFileSync(corpusPath(`fpi/${file}`)));
    const result = extractFiling({ header: submission.header, documents: parseSubmissionDocuments(submission) });
    if (result.record?.form !== '6-K' && result.record?.form !== '6-K/A') continue;
    const values = valuesOnly(result.record) as Values;
    const primary = submission.documents[0]?.sequence ?? 1;
    const sources = new Map<string, Uint8Array>();
    let inside = 0;
    const exhibits = values.exhibits.map((exhibit, index) => {
      const { documentSequence, ...rest } = exhibit as { documentSequence: number | null } & Record<string, unknown>;
      if (!rest.attached) return rest;
      const document = submission.documents.find((candidate) => candidate.sequence === documentSequence);
      if (!document || document.sequence === primary || document.encoding !== 'text') {
        inside++;
        return { ...rest, attached: false };
      }
      const name = `exhibit-${index}.${/\.html?$/i.test(document.filename ?? '') ? 'htm' : 'txt'}`;
      sources.set(name, document.body);
      return { ...rest, file: name };
    });
    const checked = checkCompose6KValue({ ...values, exhibits });
    if (!checked.ok) {
      outcomes.push({
        file,
        verdict: `not composable: ${checked.problems.map((problem) => problem.path).join(', ')} missing or malformed`,
        differences: [],
        sameSequences: false,
      });
      continue;
    }
    const composed = compose6K(checked.record, { format, sources });
    if (!composed.ok) {
      outcomes.push({
        file,
        verdict: `not composable: ${composed.problems
          .filter((problem) => problem.severity === 'error')
          .map((problem) => problem.message)
          .join('; ')}`,
        differences: [],
        sameSequences: false,
      });
      continue;
    }
    const differences = compareRoundTrip(checked.record, composed.submissionTxt);
    const sameSequences = checked.record.exhibits.every(
      (exhibit, index) => exhibit.documentSequence === (values.exhibits[index] as { documentSequence: number | null }).documentSequence,
    );
    let verdict = 'agree';
    if (inside > 0)
      verdict = 'an exhibit is carried inside the primary document (the composer attaches exhibits as documents of their own)';
    else if (differences.length > 0)
      verdict =
        format === 'ascii' && differences.every((difference) => /[^\x20-\x7e]/.test(JSON.stringify(difference.composed) ?? ''))
          ? 'non-ASCII text (curly quotes, dashes, accents) is made ASCII in an ASCII document'
          : `differs: ${differences.map((difference) => difference.path).join(', ')}`;
    outcomes.push({ file, verdict, differences, sameSequences });
  }
  return outcomes;
}

function tally(outcomes: readonly Outcome[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const outcome of outcomes) counts[outcome.verdict] = (counts[outcome.verdict] ?? 0) + 1;
  return counts;
}

describe('the corpus 6-Ks, extracted, composed again and extracted again', () => {
  it('as HTML: the two records agree for all but the paper filing and the exhibits kept inside the primary document', () => {
    const outcomes = roundTripCorpus('html');
    const counts = tally(outcomes);
    console.info(
      `corpus round trip (HTML): ${JSON.stringify(counts, null, 2)}; ${outcomes.filter((outcome) => outcome.sameSequences).length} keep their sequence numbers`,
    );
    expect(outcomes.length).toBe(68);
    expect(counts.agree).toBe(65);
    for (const outcome of outcomes.filter((candidate) => candidate.verdict !== 'agree'))
      expect(outcome.verdict, outcome.file).toMatch(
        /^not composable: reportMonth, registrant|^an exhibit is carried inside the primary document/,
      );
  });

  it('as legacy ASCII: the same, except where the filing writes characters an ASCII document cannot hold', () => {
    const outcomes = roundTripCorpus('ascii');
    const counts = tally(outcomes);
    console.info(`corpus round trip (ASCII): ${JSON.stringify(counts, null, 2)}`);
    expect(counts.agree).toBeGreaterThanOrEqual(35);
    for (const outcome of outcomes.filter((candidate) => candidate.verdict !== 'agree'))
      expect(outcome.verdict, outcome.file).toMatch(
        /^not composable: reportMonth, registrant|^an exhibit is carried inside the primary document|^non-ASCII text/,
      );
  });
});
