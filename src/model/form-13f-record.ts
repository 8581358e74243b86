import { z } from 'zod';
import { diagnosticSchema, fieldSpanSchema, type RecordOf, recordExhibitSchema, signatureBlockSchema, spanned } from './record-schema.js';

/**
 * Form 13F (institutional investment managers' holdings), defined once: forms/form-13f.ts fills it from the cover
 * page, the summary page and the information table; `Form13FRecord` is its type, the API's OpenAPI document
 * describes it, and `extract --form 13F-HR --csv` takes its columns from the holding's fields. Every value is
 * `{ value, span }`; a value the filing does not give is null.
 */

const text = z.string().nullable();
const count = z.number().nullable();

export const form13FManagerSchema = z.strictObject({
  name: spanned(text),
  street1: spanned(text),
  street2: spanned(text),
  city: spanned(text),
  stateOrCountry: spanned(text),
  zipCode: spanned(text),
});

export const otherManagerSchema = z.strictObject({
  listedOn: z
    .enum(['cover', 'summary'])
    .meta({ description: 'Where the report lists it: `cover` (reports for this manager) or `summary` (included in this report).' }),
  sequenceNumber: spanned(count, {
    description: "The summary's sequence number, which the information table's `otherManager` column refers to.",
  }),
  cik: spanned(text),
  form13FFileNumber: spanned(text),
  name: spanned(text),
});

export const form13FSummarySchema = z.strictObject({
  otherIncludedManagersCount: spanned(count),
  tableEntryTotal: spanned(count),
  tableValueTotal: spanned(count, { description: 'In `valueUnit`, as the report gives it.' }),
  isConfidentialOmitted: spanned(z.boolean().nullable()),
});

/** One row of the information table. The CSV's columns, in this order. */
export const holdingSchema = z.strictObject({
  nameOfIssuer: spanned(text),
  titleOfClass: spanned(text),
  cusip: spanned(text),
  figi: spanned(text),
  marketValue: spanned(count, { description: "The table's `value` column, in the record's `valueUnit`.", csv: 'value' }),
  sharesOrPrincipal: spanned(count, { description: 'Shares, or principal amount of debt.' }),
  sharesOrPrincipalType: spanned(z.enum(['SH', 'PRN']).nullable()),
  putCall: spanned(z.enum(['Put', 'Call']).nullable()),
  investmentDiscretion: spanned(z.enum(['SOLE', 'DFND', 'OTR']).nullable(), {
    description: '`SOLE`, `DFND` (shared-defined) or `OTR` (shared-other).',
  }),
  otherManager: spanned(text, { description: "The other managers' sequence numbers as written (`1`, `1,2`, `01 02`)." }),
  votingSole: spanned(count),
  votingShared: spanned(count),
  votingNone: spanned(count),
  span: fieldSpanSchema,
});

export const form13FRecordSchema = z
  .strictObject({
    form: z.enum(['13F-HR', '13F-HR/A', '13F-NT', '13F-NT/A']),
    periodOfReport: spanned(z.string().nullable(), { description: 'YYYY-MM-DD: the last day of the calendar quarter reported.' }),
    manager: form13FManagerSchema,
    reportType: spanned(text, { description: '`13F HOLDINGS REPORT`, `13F NOTICE` or `13F COMBINATION REPORT`.' }),
    form13FFileNumber: spanned(text),
    isAmendment: spanned(z.boolean().nullable()),
    amendmentNumber: spanned(count),
    amendmentType: spanned(text, { description: '`RESTATEMENT` or `NEW HOLDINGS`.' }),
    otherManagers: z.array(otherManagerSchema),
    summary: form13FSummarySchema,
    valueUnit: z.enum(['dollars', 'thousands']).nullable().meta({
      description:
        'What `marketValue` and `tableValueTotal` count: `thousands` in filings made before 2023-01-03, `dollars` from then on; null when the filing date is unknown and the period does not settle it.',
    }),
    holdings: z.array(holdingSchema),
    exhibits: z.array(recordExhibitSchema),
    signatures: z.array(signatureBlockSchema),
    diagnostics: z.array(diagnosticSchema),
  })
  .meta({
    title: 'edgarkit 13F record',
    description: 'A Form 13F-HR or 13F-NT (or amendment): cover, summary and information table. Every value is `{ value, span }`.',
  });

export type Form13FRecord = RecordOf<typeof form13FRecordSchema>;
export type Form13FManager = Form13FRecord['manager'];
export type OtherManager = Form13FRecord['otherManagers'][number];
export type Form13FSummary = Form13FRecord['summary'];
export type Holding = Form13FRecord['holdings'][number];
