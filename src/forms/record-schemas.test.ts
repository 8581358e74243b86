import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot, sharedRoot } from '../../test/shared-files.js';
import { form13FRecordSchema, holdingSchema } from '../model/form-13f-record.js';
import { ownershipEntrySchema, ownershipRecordSchema } from '../model/ownership-record.js';
import { csvColumns } from '../model/record-schema.js';
import { parseSubmission } from '../parse/sgml/parse-submission.js';
import { extractFiling } from './extract-filing.js';

/**
 * The ownership and 13F records are defined once, as zod schemas (model/ownership-record.ts, model/form-13f-record.ts):
 * every record the corpus and the hand-made fixtures give is what its schema says, field for field (strict objects:
 * a field the extractor adds that the schema lacks fails too), as the API serves it (JSON).
 */

function inputs(): { name: string; bytes: Buffer }[] {
  const out: { name: string; bytes: Buffer }[] = [];
  for (const folder of ['submissions', 'nc', 'xml']) {
    const dir = join(sharedRoot, 'corpus', folder);
    for (const name of readdirSync(dir).sort()) out.push({ name: `${folder}/${name}`, bytes: readFileSync(join(dir, name)) });
  }
  const fixtures = join(projectRoot, 'testdata', 'xml');
  for (const name of readdirSync(fixtures).filter((file) => !file.endsWith('.md')))
    out.push({ name: `testdata/xml/${name}`, bytes: readFileSync(join(fixtures, name)) });
  return out;
}

describe('ownership and 13F records parse with their schemas', () => {
  it('every record of the corpus and the fixtures', () => {
    const parsed = { ownership: 0, '13F': 0 };
    const problems: string[] = [];
    for (const { name, bytes } of inputs()) {
      const record = extractFiling(parseSubmission(bytes)).record;
      if (record === null) continue;
      const schema = 'reportingOwners' in record ? ownershipRecordSchema : 'holdings' in record ? form13FRecordSchema : null;
      if (schema === null) continue;
      const result = schema.safeParse(JSON.parse(JSON.stringify(record)));
      if (result.success) parsed[schema === ownershipRecordSchema ? 'ownership' : '13F']++;
      else problems.push(`${name}: ${result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
    }
    expect(problems).toEqual([]);
    // The corpus's five Form 4s and two 13F-HRs, the fixtures' Form 3, 4/A and 13F-HR.
    expect(parsed).toEqual({ ownership: 7, '13F': 3 });
  });

  it('a record that breaks its schema is refused, with the place', () => {
    const record = extractFiling(parseSubmission(readFileSync(join(sharedRoot, 'corpus', 'xml', 'form4-sample.xml')))).record;
    const json = JSON.parse(JSON.stringify(record)) as { nonDerivative: { shares: { value: unknown } }[]; extra?: unknown };
    (json.nonDerivative[0] as { shares: { value: unknown } }).shares.value = '100';
    const result = ownershipRecordSchema.safeParse(json);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['nonDerivative', 0, 'shares', 'value']);
    expect(ownershipRecordSchema.safeParse({ ...JSON.parse(JSON.stringify(record)), extra: 1 }).success).toBe(false);
  });

  it('the CSV columns come from the schemas, in their order', () => {
    expect(csvColumns(holdingSchema).map(([column]) => column)).toEqual([
      'nameOfIssuer',
      'titleOfClass',
      'cusip',
      'figi',
      'value',
      'sharesOrPrincipal',
      'sharesOrPrincipalType',
      'putCall',
      'investmentDiscretion',
      'otherManager',
      'votingSole',
      'votingShared',
      'votingNone',
    ]);
    const entry = csvColumns(ownershipEntrySchema).map(([column]) => column);
    expect(entry[0]).toBe('kind');
    expect(entry).toContain('deemedExecutionDate');
    expect(entry.at(-1)).toBe('footnotes');
    expect(entry).not.toContain('span');
  });
});
