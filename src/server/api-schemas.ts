import { z } from '@hono/zod-openapi';
import { form13FRecordSchema } from '../model/form-13f-record.js';
import { ownershipRecordSchema } from '../model/ownership-record.js';
import { diagnosticSchema } from '../model/record-schema.js';

/**
 * The shapes of the JSON API's answers, as zod schemas: the routes declare them, @hono/zod-openapi writes them into
 * the OpenAPI document as components, and the API tests parse real answers with them, so the description cannot
 * drift from what is served.
 */

const nullableString = z.string().nullable();
const date = z.string().openapi({ format: 'date' }).nullable();
const pageLink = z
  .string()
  .nullable()
  .openapi({ description: 'The URL of the next page, or null when this page is the last (it came back short).' });

export const ErrorSchema = z.object({ error: z.string().openapi({ description: 'What is wrong, in a sentence.' }) }).openapi('Error');

const facetCounts = z.array(z.object({ value: z.string(), label: z.string(), count: z.number().int() }));

export const SearchDocumentHitSchema = z
  .object({
    sequence: z.number().int().nullable(),
    position: z.number().int().openapi({ description: "The document's place in its submission, from 0." }),
    type: nullableString,
    description: nullableString,
    snippet: z
      .string()
      .openapi({ description: 'The passage around the match as plain text, without markers (empty for a filters-only search).' }),
    highlights: z.array(z.object({ start: z.number().int(), end: z.number().int() })).openapi({
      description: 'Matched words: `[start, end)` ranges of UTF-16 code units into `snippet` (JavaScript string indices).',
    }),
    snippetHtml: z.string().openapi({ description: 'The passage as safe HTML: text escaped, matched words in `<mark>`.' }),
    score: z.number().openapi({ description: 'Relevance (BM25); higher is better; 0 where not ranked.' }),
    links: z.object({ self: z.string(), page: z.string() }),
  })
  .openapi('SearchDocumentHit');

export const SearchHitSchema = z
  .object({
    filingId: z.string(),
    accessionNumber: nullableString,
    formType: nullableString,
    filedAt: date,
    companyName: nullableString,
    cik: nullableString,
    score: z.number().openapi({ description: "The best document's score; higher is better; 0 where not ranked." }),
    documents: z.array(SearchDocumentHitSchema).openapi({ description: 'The matching documents of the filing, best first.' }),
    moreDocuments: z.number().int().openapi({ description: 'Matching documents of this filing beyond those listed.' }),
    links: z.object({ filing: z.string(), page: z.string() }),
  })
  .openapi('SearchHit');

export const SearchPageSchema = z
  .object({
    query: z
      .object({
        q: z.string(),
        form: nullableString,
        cik: nullableString,
        company: nullableString,
        from: date,
        to: date,
        sort: z.enum(['relevance', 'newest', 'oldest']),
      })
      .openapi({ description: 'The query and filters as read.' }),
    limit: z.number().int(),
    offset: z.number().int(),
    total: z.number().int().openapi({ description: 'Filings that match; when `totalExact` is false, more than this many match.' }),
    totalExact: z.boolean(),
    rankCapped: z
      .boolean()
      .openapi({ description: 'True when more documents matched than are ranked: relevance is among the newest of them.' }),
    caps: z.object({ rankedDocuments: z.number().int(), countedDocuments: z.number().int() }),
    facets: z
      .object({ forms: facetCounts, years: facetCounts, companies: facetCounts })
      .openapi({ description: 'Filings of the result by form type, year filed and company (CIK): the ten largest of each.' }),
    hits: z.array(SearchHitSchema).openapi({ description: 'One hit per filing.' }),
    next: pageLink,
    links: z.object({ csv: z.string().openapi({ description: 'The whole result as CSV.' }) }),
  })
  .openapi('SearchPage');

const AddressSchema = z
  .object({
    street1: nullableString,
    street2: nullableString,
    city: nullableString,
    state: nullableString,
    stateName: nullableString.openapi({
      description: 'The place the EDGAR state or country code names (`N4` → Luxembourg); null for a code the SEC list does not hold.',
    }),
    zip: nullableString,
    phone: nullableString,
  })
  .partial()
  .openapi('Address');

export const CompanySchema = z
  .object({
    cik: z.string(),
    name: nullableString,
    sic: nullableString,
    sicDescription: nullableString.openapi({ description: 'The SIC title as the filing header printed it.' }),
    sicTitle: nullableString.openapi({ description: "The SIC code's title in the SEC's list today (`6189` → `ASSET-BACKED SECURITIES`)." }),
    stateOfIncorporation: nullableString.openapi({ description: 'The EDGAR state or country code as filed (`DE`, `N4`, `X0`).' }),
    stateOfIncorporationName: nullableString.openapi({
      description: 'The place the code names (`N4` → Luxembourg); null for a code the SEC list does not hold.',
    }),
    fiscalYearEnd: nullableString,
    businessAddress: AddressSchema.nullable(),
    mailAddress: AddressSchema.nullable(),
    formerNames: z.array(z.object({ name: z.string(), dateChanged: date })),
    tickers: z.array(z.string()),
    filingCount: z.number().int(),
    edgarUrl: nullableString.openapi({
      description: "The company's page on EDGAR (https://www.sec.gov/cgi-bin/browse-edgar?action=getcompany&CIK=…).",
    }),
    links: z.record(z.string(), z.string()),
  })
  .openapi('Company');

export const CompanyPageSchema = z.object({
  limit: z.number().int(),
  offset: z.number().int(),
  companies: z.array(CompanySchema),
  next: pageLink,
});

const filingSummaryShape = {
  filingId: z.string(),
  accessionNumber: nullableString,
  formType: nullableString,
  filedAt: date,
  periodOfReport: date,
  companyName: nullableString,
  cik: nullableString,
  documentCount: z.number().int(),
};

const edgarIndexLink = nullableString.openapi({
  description:
    "The filing's index page on EDGAR (https://www.sec.gov/Archives/edgar/data/<cik>/<accession without dashes>/<accession>-index.htm); null without an accession number or a CIK.",
});

export const FilingSummarySchema = z
  .object({ ...filingSummaryShape, links: z.object({ self: z.string(), page: z.string(), edgar: edgarIndexLink }) })
  .openapi('FilingSummary');

export const CompanyFilingsSchema = z.object({
  cik: z.string(),
  limit: z.number().int(),
  offset: z.number().int(),
  filings: z.array(FilingSummarySchema),
  next: pageLink,
});

export const DocumentSchema = z
  .object({
    position: z.number().int(),
    sequence: z.number().int().nullable(),
    type: nullableString,
    filename: nullableString,
    description: nullableString,
    byteLength: z.number().int(),
    bodyStart: z.number().int().openapi({ description: 'Byte offset of the body in the original submission.' }),
    bodyEnd: z.number().int(),
    encoding: z.enum(['text', 'uuencode']),
    wrapper: nullableString,
    sourceFormat: z.string().openapi({ description: '`text`, `html`, `xml` or `binary`.' }),
    attachmentSha256: nullableString,
    attachmentName: nullableString,
    links: z.object({ rendered: nullableString, attachment: nullableString }),
  })
  .openapi('Document');

/**
 * The extracted form record. The ownership (Forms 3, 4, 5) and 13F records are described by their own schemas
 * (model/ownership-record.ts, model/form-13f-record.ts), as components; the others as objects. Typed `unknown` for
 * the routes, which pass the stored record JSON through as it is.
 */
const STORED = {
  filingDiagnostics: z
    .array(diagnosticSchema)
    .optional()
    .openapi({ description: "Disagreements between the submission's header and the record (registrant, form, period)." }),
};

const FORM_RECORD = z
  .union([
    // The stored record adds the diagnostics of checking the body against the header. (`extend` makes a new schema
    // with the extended zod's `.openapi`, whatever the order the modules were loaded in.)
    ownershipRecordSchema.extend(STORED).openapi('OwnershipRecord'),
    form13FRecordSchema.extend(STORED).openapi('Form13FRecord'),
    z.record(z.string(), z.unknown()),
  ])
  .nullable()
  .openapi({
    description:
      'The extracted form record (`form`: `6-K`, `6-K/A`, `20-F`, `40-F`, …, or `other`), or null. Every field is `{ value, span }` where `span` is ' +
      '`{ document, page, start, end }`: the document sequence and character offsets into its text, the same offsets as the ' +
      '`data-start`/`data-end` attributes of the rendered HTML. A 6-K has reportMonth, registrant, address, commissionFileNumber, ' +
      'annualReportForm, furnishesUnderRule12g32b, rule12g32bFileNumber, paperUnderRule101b1, paperUnderRule101b7, exhibits, signatures, diagnostics. ' +
      'A Form 3, 4 or 5 (`3` … `5/A`) is an `OwnershipRecord` and a 13F (`13F-HR`, `13F-NT` and amendments) a `Form13FRecord`: see their schemas.',
  }) as unknown as z.ZodType<unknown>;

export const FilingSchema = z
  .object({
    ...filingSummaryShape,
    acceptanceDateTime: nullableString,
    dateOfChange: nullableString,
    format: z.string().openapi({ description: 'complete-submission, dissemination, bare-document, …' }),
    items: z.array(z.string()),
    groupMembers: z.array(z.string()),
    parties: z.array(z.unknown()).openapi({
      description:
        'Every party block: role, company (name, cik, sic, sicTitle, stateOfIncorporation, stateOfIncorporationName, edgarUrl, …), filingValues, ' +
        'businessAddress and mailAddress (each with `stateName` beside its `state` code), formerCompanies.',
    }),
    header: z.unknown().openapi({ description: 'The full header tree as written.' }),
    formRecord: FORM_RECORD,
    diagnostics: z.unknown(),
    byteLength: z.number().int(),
    contentHash: z.string().openapi({ description: 'SHA-256 of the original bytes.' }),
    documents: z.array(DocumentSchema),
    exhibits: z.array(z.object({ number: z.string(), description: nullableString, documentSequence: z.number().int().nullable() })),
    factCount: z.number().int().openapi({ description: 'The XBRL facts stored with the filing (its inline XBRL or instance documents).' }),
    links: z.object({ original: z.string(), page: z.string(), edgar: edgarIndexLink, facts: z.string() }),
  })
  .openapi('Filing');

export const DocumentTablesSchema = z
  .object({
    filingId: z.string(),
    document: z.string().openapi({ description: 'The document as it was named in the path (sequence or type).' }),
    tables: z.array(
      z.object({
        number: z.number().int().openapi({ description: '1-based, in reading order over the whole document.' }),
        page: z.number().int().openapi({ description: 'The page the table is on (1-based).' }),
        caption: nullableString,
        rows: z.number().int().openapi({ description: 'Header rows and body rows.' }),
        columns: z.number().int(),
        links: z.object({ csv: z.string().openapi({ description: 'The table as CSV.' }) }),
      }),
    ),
  })
  .openapi('DocumentTables');

export const StatsSchema = z
  .object({
    filings: z.number().int(),
    documents: z.number().int(),
    companies: z.number().int(),
    blobs: z.number().int(),
    blobBytes: z.number().int(),
    originalBytes: z.number().int(),
    facts: z.number().int().openapi({ description: "XBRL facts: read from stored filings and written from EDGAR's JSON APIs." }),
    formTypes: z.array(z.object({ formType: z.string(), count: z.number().int() })),
    firstFiledAt: date,
    lastFiledAt: date,
  })
  .openapi('Stats');

export const FactSchema = z
  .object({
    cik: z.string().openapi({ description: 'The reporting entity, 10 digits.' }),
    accession: nullableString.openapi({ description: 'The filing that reported the fact.' }),
    concept: z.string().openapi({ example: 'us-gaap:Revenues' }),
    periodStart: date.openapi({ description: 'Null for an instant (its date is `periodEnd`).' }),
    periodEnd: date,
    dimensions: z.record(z.string(), z.string()).openapi({ description: 'Axis → member; empty for a fact of the whole entity.' }),
    unit: nullableString.openapi({ description: '`iso4217:USD` as a filing writes it, `USD` as the JSON APIs do.' }),
    value: nullableString.openapi({ description: 'The exact value (a decimal string for numbers); null when nil or unreadable.' }),
    number: z.number().nullable(),
    decimals: nullableString,
    form: nullableString,
    filed: date,
    fiscalYear: z.number().int().nullable(),
    fiscalPeriod: nullableString,
    frame: nullableString,
    source: z.enum(['inline', 'instance', 'companyfacts', 'companyconcept', 'frames']),
  })
  .openapi('Fact');

export const FactSeriesSchema = z
  .object({
    query: z.object({
      concept: z.string(),
      cik: nullableString,
      from: date,
      to: date,
      unit: nullableString,
      dimensions: z.enum(['none', 'any']),
      limit: z.number().int(),
    }),
    facts: z.array(FactSchema).openapi({
      description:
        'Ordered by period end, then start. Each fact once: the same period, dimensions, unit and accession given by several sources is ' +
        "the filing's own (inline, instance) before EDGAR's JSON APIs'.",
    }),
    truncated: z.boolean().openapi({ description: 'True when `limit` facts came back: more may match (narrow the query).' }),
  })
  .openapi('FactSeries');

export const FilingFactsSchema = z
  .object({
    filingId: z.string(),
    factCount: z.number().int(),
    limit: z.number().int(),
    offset: z.number().int(),
    facts: z.array(FactSchema).openapi({ description: 'In the order the filing reports them.' }),
    next: nullableString,
  })
  .openapi('FilingFacts');

export const ERROR_RESPONSES = {
  400: {
    description: 'A parameter is malformed, out of range, or the search query cannot be read',
    content: { 'application/json': { schema: ErrorSchema } },
  },
  404: { description: 'Not in the database', content: { 'application/json': { schema: ErrorSchema } } },
} as const;

export function jsonResponse<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { 'application/json': { schema } } };
}
