import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { datasetPath, parseDatasetSource, readArchiveMembers } from '../../test/dataset-archive.js';
import { valuesOf } from '../../test/record-values.js';
import { projectRoot } from '../../test/shared-files.js';
import { parseSubmissionDocuments } from '../parse/parse-document.js';
import { parseSubmission } from '../parse/sgml/parse-submission.js';
import { extractFiling } from './extract-filing.js';
import { F6K_COVER_FIELDS, type Form6KRecord, fieldOfDiagnostic } from './form-6k.js';

/**
 * Hand-labelled goldens of the 2009–2010 data set (testdata/golden/forms-dataset, written by reading each filing):
 * each names its archive member, which is read from ../shared/datasets without extracting the archive.
 */
const goldenDir = join(projectRoot, 'testdata', 'golden', 'forms-dataset');

interface Golden {
  readonly name: string;
  readonly archive: string;
  readonly member: string;
  readonly layouts: readonly string[];
  readonly expected: Record<string, unknown>;
}

const goldens: Golden[] = readdirSync(goldenDir)
  .filter((name) => name.endsWith('.json'))
  .sort()
  .map((name) => {
    const raw = JSON.parse(readFileSync(join(goldenDir, name), 'utf8')) as Record<string, unknown>;
    const source = parseDatasetSource(String(raw._source));
    if (!source) throw new Error(`${name}: _source must name an archive member ("datasets/<archive>:<member>")`);
    const expected = Object.fromEntries(Object.entries(raw).filter(([key]) => !key.startsWith('_')));
    return { name, ...source, layouts: (raw._layouts as string[] | undefined) ?? [], expected };
  });

const members = new Map<string, Buffer>();

beforeAll(async () => {
  for (const archive of new Set(goldens.map((golden) => golden.archive))) {
    const wanted = new Set(goldens.filter((golden) => golden.archive === archive).map((golden) => golden.member));
    for (const [member, bytes] of await readArchiveMembers(datasetPath(archive), wanted)) members.set(`${archive}:${member}`, bytes);
  }
}, 300_000);

function extract(golden: Golden): Form6KRecord {
  const bytes = members.get(`${golden.archive}:${golden.member}`);
  if (!bytes) throw new Error(`${golden.name}: ${golden.member} is not in ${golden.archive}`);
  const submission = parseSubmission(bytes);
  return extractFiling({ header: submission.header, documents: parseSubmissionDocuments(submission) }).record as Form6KRecord;
}

describe('data-set 6-K goldens (hand-labelled from the filings)', () => {
  it('hold at least 60 filings, and at least two of each layout they name', () => {
    expect(goldens.length).toBeGreaterThanOrEqual(60);
    const counts = new Map<string, number>();
    for (const golden of goldens) for (const layout of golden.layouts) counts.set(layout, (counts.get(layout) ?? 0) + 1);
    const single = [...counts.entries()].filter(([, count]) => count < 2).map(([layout]) => layout);
    // Layouts seen once in the random sample are named in the goldens for the record; the layouts all have two.
    for (const layout of ['wingdings', 'leaders', 'month-variant', 'signature-label-table', 'no-questions', 'ascii-brackets'])
      expect(counts.get(layout) ?? 0, layout).toBeGreaterThanOrEqual(layout === 'leaders' ? 1 : 2);
    expect(single.length).toBeLessThan(counts.size);
  });

  for (const golden of goldens) {
    it(`${golden.name}: the record states what the filing states`, () => {
      expect(valuesOf(extract(golden))).toEqual(golden.expected);
    });
  }

  it('every null cover field, empty exhibit list and missing signature carries a diagnostic that says why', () => {
    const unexplained: string[] = [];
    for (const golden of goldens) {
      const record = extract(golden);
      const explained = new Set(record.diagnostics.flatMap((found) => fieldOfDiagnostic(found)));
      for (const field of F6K_COVER_FIELDS)
        if (record[field].value === null && !explained.has(field)) unexplained.push(`${golden.name} ${field}`);
      if (record.exhibits.length === 0 && !explained.has('exhibits')) unexplained.push(`${golden.name} exhibits`);
      if (record.signatures.length === 0 && !explained.has('signatures')) unexplained.push(`${golden.name} signatures`);
    }
    expect(unexplained).toEqual([]);
  });
});
