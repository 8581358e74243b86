import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../test/shared-files.js';
import { checkCompose6KValue } from './read-record.js';
import { extractableValues } from './record-6k.js';
import { checkForm6KSchema, FORM_6K_SCHEMA } from './schema-6k.js';

const goldenDir = join(projectRoot, 'testdata', 'golden', 'forms');

describe('the published JSON Schema of the 6-K record', () => {
  it('is the file testdata/compose/form-6k-record.schema.json', () => {
    const published = JSON.parse(readFileSync(join(projectRoot, 'testdata', 'compose', 'form-6k-record.schema.json'), 'utf8'));
    expect(published).toEqual(JSON.parse(JSON.stringify(FORM_6K_SCHEMA)));
  });

  it("takes every 6-K golden record as it is: the composer's input is the extractor's output", () => {
    const goldens = readdirSync(goldenDir)
      .filter((name) => name.endsWith('.json'))
      .map((name) => ({ name, value: JSON.parse(readFileSync(join(goldenDir, name), 'utf8')) as Record<string, unknown> }))
      .filter((golden) => golden.value.form === '6-K' || golden.value.form === '6-K/A');
    expect(goldens.length).toBeGreaterThanOrEqual(7);
    for (const golden of goldens) {
      const values = Object.fromEntries(Object.entries(golden.value).filter(([key]) => !key.startsWith('_')));
      // Attached exhibits need their source file to be composed; the record itself is what is checked here.
      const exhibits = (values.exhibits as Record<string, unknown>[]).map((exhibit) => ({
        ...exhibit,
        attached: false,
        documentSequence: null,
      }));
      const checked = checkCompose6KValue({ ...values, exhibits });
      expect(checked.ok ? [] : checked.problems.map((problem) => problem.message), golden.name).toEqual([]);
      if (checked.ok) expect(Object.keys(extractableValues(checked.record)).sort(), golden.name).toEqual(Object.keys(values).sort());
    }
  });

  it('reports every problem of a value, with the words of x-expected', () => {
    const problems = checkForm6KSchema({
      form: '8-K',
      reportMonth: 'Dec 2002',
      registrant: 5,
      annualReportForm: null,
      exhibits: [{ number: '99.1', description: '', filedWith: [{ name: 'the SEC' }] }],
      signatures: {},
      extra: 1,
    });
    expect(problems.map((problem) => `${problem.path}: ${problem.message}`)).toEqual([
      'form: form must be "6-K" or "6-K/A"; found "8-K"',
      'reportMonth: reportMonth must be a month YYYY-MM, like 2002-12; found "Dec 2002"',
      'registrant: registrant must be the name of the registrant on one line; found 5',
      'exhibits[0].description: exhibits[0].description must not be empty',
      'exhibits[0].filedWith[0].name: exhibits[0].filedWith[0].name must be a name that starts with a capital letter, like "KOSDAQ" (leave out a leading "the"); found "the SEC"',
      'signatures: signatures must be a list; found an object',
      'extra: extra is not a field of the record; the fields are $schema, source, form, reportMonth, registrant, address, commissionFileNumber, annualReportForm, furnishesUnderRule12g32b, rule12g32bFileNumber, paperUnderRule101b1, paperUnderRule101b7, furnishing, exhibits, signatures',
    ]);
  });
});
