import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { valuesOf } from '../../test/record-values.js';
import { corpusPath, projectRoot, readSeed } from '../../test/shared-files.js';
import { checkForm6KSchema } from '../compose/schema-6k.js';
import {
  EXHIBIT_6K_FIELDS,
  FORM_6K_COVER_FIELDS,
  form6KLabel,
  form6KRecordSchema,
  form6KValues,
  SIGNATURE_6K_FIELDS,
} from '../model/form-6k-record.js';
import { parseSubmissionDocuments } from '../parse/parse-document.js';
import { parseSubmission } from '../parse/sgml/parse-submission.js';
import { extractFiling } from './extract-filing.js';
import type { Form6KRecord } from './form-6k.js';

/** Every 6-K of the corpus (by the header's form type) and the seed. */
function sixKs(): { name: string; record: Form6KRecord }[] {
  const manifest = readFileSync(corpusPath('MANIFEST.tsv'), 'utf8');
  const paths = manifest
    .split('\n')
    .map((line) => line.split('\t')[0] ?? '')
    .filter((path) => /^fpi\/.*\.txt$/.test(path));
  const out: { name: string; record: Form6KRecord }[] = [];
  for (const [name, bytes] of [['seed', readSeed()] as const, ...paths.map((path) => [path, readFileSync(corpusPath(path))] as const)]) {
    const submission = parseSubmission(bytes);
    const result = extractFiling({ header: submission.header, documents: parseSubmissionDocuments(submission) });
    if (result.record?.form === '6-K' || result.record?.form === '6-K/A') out.push({ name, record: result.record as Form6KRecord });
  }
  return out;
}

describe('one definition of the 6-K record (model/form-6k-record.ts)', () => {
  const records = sixKs();

  it('has exactly the fields the extractor fills, in the same words', () => {
    expect(records.length).toBeGreaterThanOrEqual(10);
    for (const { name, record } of records) {
      expect(Object.keys(record).sort(), name).toEqual(['form', ...FORM_6K_COVER_FIELDS, 'exhibits', 'signatures', 'diagnostics'].sort());
      for (const exhibit of record.exhibits) expect(Object.keys(exhibit).sort(), name).toEqual([...EXHIBIT_6K_FIELDS, 'span'].sort());
      for (const signature of record.signatures)
        expect(Object.keys(signature).sort(), name).toEqual([...SIGNATURE_6K_FIELDS, 'span'].sort());
    }
  });

  it('gives the values without spans: the same as the golden files, and what the compose schema reads', () => {
    for (const { name, record } of records) {
      const values = form6KValues(record);
      expect(values, name).toEqual(valuesOf(record));
      // Compose needs a report month and a registrant; every other value the extractor gives, the schema takes.
      if (values.reportMonth !== null && values.registrant !== null) expect(checkForm6KSchema(values), name).toEqual([]);
    }
    const golden = JSON.parse(readFileSync(join(projectRoot, 'testdata/golden/forms/hanaro-6k-2002-12.json'), 'utf8'));
    delete golden._comment;
    expect(form6KValues(records.find((entry) => entry.name === 'seed')?.record as Form6KRecord)).toEqual(golden);
  });

  it('labels every cover field, and its published JSON Schema lists every field of the record', () => {
    for (const field of FORM_6K_COVER_FIELDS) expect(form6KLabel(field), field).toMatch(/^[A-Z]/);
    const schema = JSON.parse(readFileSync(join(projectRoot, 'testdata/compose/form-6k-record.schema.json'), 'utf8'));
    expect(Object.keys(schema.properties)).toEqual(Object.keys(form6KRecordSchema.shape));
    expect(readdirSync(join(projectRoot, 'testdata/golden/forms')).length).toBeGreaterThan(0);
  });
});
