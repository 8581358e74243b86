import { z } from 'zod';
import { diagnosticSchema, fieldSpanSchema, type RecordOf, recordExhibitSchema, signatureBlockSchema, spanned } from './record-schema.js';

/**
 * Forms 3, 4 and 5 (and their amendments), defined once: forms/form-ownership.ts (the XML) and
 * forms/form-ownership-text.ts (the SGML-era text form) fill it, `OwnershipRecord` is its type, the API's OpenAPI
 * document describes it, and `extract --form 4 --csv` takes its columns from the entry's fields (`OWNERSHIP_ENTRY_COLUMNS`).
 * Every value is `{ value, span }`; a value the filing does not give is null.
 */

const text = z.string().nullable();
const date = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .nullable();
const amount = z.number().nullable();
const flag = z.boolean().nullable();

export const OWNERSHIP_FORMS = ['3', '3/A', '4', '4/A', '5', '5/A'] as const;

export const ownershipIssuerSchema = z.strictObject({
  cik: spanned(text, { description: 'Ten digits, as written.', csv: 'issuerCik' }),
  name: spanned(text, { csv: 'issuerName' }),
  tradingSymbol: spanned(text),
});

export const reportingOwnerSchema = z.strictObject({
  cik: spanned(text),
  name: spanned(text),
  isDirector: spanned(flag, { description: 'Null when the document does not say (not false).' }),
  isOfficer: spanned(flag),
  isTenPercentOwner: spanned(flag),
  isOther: spanned(flag),
  officerTitle: spanned(text),
  otherText: spanned(text, { description: 'What "Other" means, when marked.' }),
});

/** A footnote mark on a value, resolved to the footnote's text. */
export const footnoteReferenceSchema = z.strictObject({
  field: z.string().meta({ description: 'The field of the row it annotates: `pricePerShare`, `securityTitle`, …' }),
  id: z.string().meta({ description: '`F1`.' }),
  text: z.string().nullable().meta({ description: "The footnote's text; null when the document has no footnote of that id." }),
});

/** One row of Table I or II: a transaction, or a holding reported without one. The CSV's columns, in this order. */
export const ownershipEntrySchema = z.strictObject({
  kind: z.enum(['transaction', 'holding']),
  securityTitle: spanned(text),
  conversionOrExercisePrice: spanned(amount, { description: 'Table II: the conversion or exercise price of the derivative security.' }),
  transactionDate: spanned(date),
  deemedExecutionDate: spanned(date),
  transactionCode: spanned(text, { description: '`P` purchase, `S` sale, `A` grant, `M` exercise, `F` tax withholding, `G` gift, …' }),
  equitySwapInvolved: spanned(flag),
  shares: spanned(amount, { description: 'Shares (or units) acquired or disposed of.' }),
  totalValue: spanned(amount, { description: 'Where the form reports a value instead of shares (debt securities).' }),
  pricePerShare: spanned(amount),
  acquiredDisposed: spanned(z.enum(['A', 'D']).nullable()),
  exerciseDate: spanned(date),
  expirationDate: spanned(date),
  underlyingTitle: spanned(text),
  underlyingShares: spanned(amount),
  sharesOwnedAfter: spanned(amount, { description: 'Shares owned after the transaction, or owned (a holding).' }),
  directOrIndirect: spanned(z.enum(['D', 'I']).nullable()),
  natureOfOwnership: spanned(text, { description: 'The nature of indirect ownership: "By Trust", "By spouse".' }),
  footnotes: z.array(footnoteReferenceSchema).meta({ description: "The footnotes that annotate this row's values." }),
  span: fieldSpanSchema.nullable(),
});

export const ownershipFootnoteSchema = z.strictObject({ id: z.string(), text: spanned(text) });

export const ownershipRecordSchema = z
  .strictObject({
    form: z.enum(OWNERSHIP_FORMS),
    source: z
      .enum(['xml', 'text'])
      .meta({ description: '`xml`: the ownership XML document; `text`: the legacy-ASCII form (before 2003).' }),
    schemaVersion: spanned(text, { description: "The XML's `schemaVersion` (`X0508`); null for the text form." }),
    periodOfReport: spanned(date, { description: 'The date of the earliest transaction reported.' }),
    dateOfOriginalSubmission: spanned(date, { description: 'For an amendment: the date the original was filed.' }),
    notSubjectToSection16: spanned(flag),
    issuer: ownershipIssuerSchema,
    reportingOwners: z.array(reportingOwnerSchema),
    nonDerivative: z.array(ownershipEntrySchema).meta({ description: 'Table I, in the order the form lists it.' }),
    derivative: z.array(ownershipEntrySchema).meta({ description: 'Table II: options, warrants, convertibles, units.' }),
    footnotes: z.array(ownershipFootnoteSchema),
    remarks: spanned(text),
    exhibits: z.array(recordExhibitSchema),
    signatures: z.array(signatureBlockSchema),
    diagnostics: z.array(diagnosticSchema),
  })
  .meta({
    title: 'edgarkit ownership record (Forms 3, 4, 5)',
    description:
      'A Form 3, 4 or 5 (or amendment) read from its ownership XML or, before 2003, its text form. Every value is `{ value, span }`.',
  });

export type OwnershipRecord = RecordOf<typeof ownershipRecordSchema>;
export type OwnershipIssuer = OwnershipRecord['issuer'];
export type ReportingOwner = OwnershipRecord['reportingOwners'][number];
export type OwnershipEntry = OwnershipRecord['nonDerivative'][number];
export type OwnershipFootnote = OwnershipRecord['footnotes'][number];
export type FootnoteReference = OwnershipEntry['footnotes'][number];
