/**
 * The OpenAPI 3.1 description of the JSON API, written by hand. Kept beside the routes: a test checks that every
 * route the API serves is described here.
 */

type Schema = { readonly [key: string]: unknown };

interface Parameter {
  readonly name: string;
  readonly in: 'path' | 'query' | 'header';
  readonly required?: boolean;
  readonly description: string;
  readonly schema: Schema;
  readonly example?: unknown;
}

interface MediaResponse {
  readonly description: string;
  readonly headers?: Readonly<Record<string, { readonly description: string; readonly schema: Schema }>>;
  readonly content?: Readonly<Record<string, { readonly schema: Schema }>>;
}

interface Operation {
  readonly operationId: string;
  readonly summary: string;
  readonly description?: string;
  readonly tags: readonly string[];
  readonly parameters?: readonly Parameter[];
  readonly responses: Readonly<Record<string, MediaResponse | { readonly $ref: string }>>;
}

export interface OpenApiDocument {
  readonly openapi: '3.1.0';
  readonly info: {
    readonly title: string;
    readonly version: string;
    readonly description: string;
    readonly license: { readonly name: string; readonly identifier: string };
  };
  readonly servers: readonly { readonly url: string }[];
  readonly tags: readonly { readonly name: string; readonly description: string }[];
  readonly paths: Readonly<Record<string, { readonly get: Operation }>>;
  readonly components: {
    readonly schemas: Readonly<Record<string, Schema>>;
    readonly responses: Readonly<Record<string, MediaResponse>>;
  };
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const nullable = (type: string, extra: Schema = {}) => ({ type: [type, 'null'], ...extra });
const json = (schema: Schema, description: string): MediaResponse => ({ description, content: { 'application/json': { schema } } });
const ERRORS = { '400': { $ref: '#/components/responses/BadRequest' }, '404': { $ref: '#/components/responses/NotFound' } } as const;

const ACCESSION: Parameter = {
  name: 'accession',
  in: 'path',
  required: true,
  description:
    'The accession number, dashed or not (`0000912282-09-000008`, `000091228209000008`), or `local-<20 hex>` for a stored bare document.',
  schema: { type: 'string', pattern: '^(\\d{10}-?\\d{2}-?\\d{6}|local-[0-9a-f]{20})$' },
  example: '0000912282-09-000008',
};
const CIK: Parameter = {
  name: 'cik',
  in: 'path',
  required: true,
  description: 'Central Index Key, with or without leading zeros.',
  schema: { type: 'string', pattern: '^\\d{1,10}$' },
  example: '0001453015',
};
const FORM: Parameter = {
  name: 'form',
  in: 'query',
  description: 'Only this form type (case-insensitive), e.g. `6-K`.',
  schema: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9\\-/. ]{0,19}$' },
};
const FROM: Parameter = {
  name: 'from',
  in: 'query',
  description: 'Filed on or after this date.',
  schema: { type: 'string', format: 'date' },
};
const TO: Parameter = { name: 'to', in: 'query', description: 'Filed on or before this date.', schema: { type: 'string', format: 'date' } };
const LIMIT = (fallback: number): Parameter => ({
  name: 'limit',
  in: 'query',
  description: `Results per page (default ${fallback}, at most 200).`,
  schema: { type: 'integer', minimum: 1, maximum: 200, default: fallback },
});
const OFFSET: Parameter = {
  name: 'offset',
  in: 'query',
  description: 'Results to skip.',
  schema: { type: 'integer', minimum: 0, maximum: 1000000, default: 0 },
};
const PAGE_LINK = {
  type: ['string', 'null'],
  description: 'The URL of the next page, or null when this page is the last (it came back short).',
};

export const OPENAPI: OpenApiDocument = {
  openapi: '3.1.0',
  info: {
    title: 'edgarkit',
    version: '0.1.0',
    description:
      'Read-only access to a database of SEC EDGAR filings: full-text search, companies, filings with their extracted form records, ' +
      'documents rendered as text, Markdown, safe HTML or JSON, the exact original submissions and decoded attachments.\n\n' +
      'Errors are JSON `{ "error": "…" }`: 400 for a bad parameter or a malformed search query (the message says what is wrong), ' +
      '404 for something not in the database.',
    license: { name: 'MIT', identifier: 'MIT' },
  },
  servers: [{ url: '/' }],
  tags: [
    { name: 'search', description: 'Full-text search' },
    { name: 'companies', description: 'Filers and their filings' },
    { name: 'filings', description: 'Filings, their documents, original bytes and attachments' },
    { name: 'meta', description: 'The database and this description' },
  ],
  paths: {
    '/api/search': {
      get: {
        operationId: 'search',
        summary: 'Full-text search over document text, ranked, with highlighted snippets',
        description:
          'One hit per matching document, best first. The query language: `hanaro telecom` (all words), `"convertible bonds"` (phrase), ' +
          '`redempt*` (prefix), `bonds OR notes`, `bonds NOT notes` or `-notes`, `(bonds OR notes) kosdaq`, and filters written in the query: ' +
          '`form:6-K cik:1123 company:hanaro from:2002-01-01 to:2002-12-31`. A query of filters only lists filings, newest first.\n\n' +
          'Snippets come two ways: `snippet` is plain text with the matched words given as `highlights`, ranges of UTF-16 code units ' +
          '`[start, end)` into it; `snippetHtml` is the same passage as safe HTML (text escaped, matched words in `<mark>`).',
        tags: ['search'],
        parameters: [
          {
            name: 'q',
            in: 'query',
            description: 'The search query (at most 1000 characters).',
            schema: { type: 'string', maxLength: 1000 },
            example: '"convertible bonds"',
          },
          FORM,
          {
            name: 'cik',
            in: 'query',
            description: 'Only filings with a party of this CIK.',
            schema: { type: 'string', pattern: '^\\d{1,10}$' },
          },
          {
            name: 'company',
            in: 'query',
            description: 'Only filings with a party whose name contains this.',
            schema: { type: 'string', maxLength: 200 },
          },
          FROM,
          TO,
          LIMIT(20),
          OFFSET,
        ],
        responses: { '200': json(ref('SearchPage'), 'A page of hits'), ...ERRORS },
      },
    },
    '/api/companies': {
      get: {
        operationId: 'listCompanies',
        summary: 'Companies, by name',
        tags: ['companies'],
        parameters: [
          {
            name: 'name',
            in: 'query',
            description: 'A part of the company name (case-insensitive).',
            schema: { type: 'string', maxLength: 200 },
          },
          LIMIT(50),
          OFFSET,
        ],
        responses: {
          '200': json(
            {
              type: 'object',
              required: ['limit', 'offset', 'companies', 'next'],
              properties: {
                limit: { type: 'integer' },
                offset: { type: 'integer' },
                companies: { type: 'array', items: ref('Company') },
                next: PAGE_LINK,
              },
            },
            'A page of companies',
          ),
          ...ERRORS,
        },
      },
    },
    '/api/companies/{cik}': {
      get: {
        operationId: 'getCompany',
        summary: 'A company: names (current and former), addresses, filing count',
        tags: ['companies'],
        parameters: [CIK],
        responses: { '200': json(ref('Company'), 'The company'), ...ERRORS },
      },
    },
    '/api/companies/{cik}/filings': {
      get: {
        operationId: 'listCompanyFilings',
        summary: "A company's filings, newest first",
        tags: ['companies'],
        parameters: [CIK, FORM, FROM, TO, LIMIT(50), OFFSET],
        responses: {
          '200': json(
            {
              type: 'object',
              required: ['cik', 'limit', 'offset', 'filings', 'next'],
              properties: {
                cik: { type: 'string' },
                limit: { type: 'integer' },
                offset: { type: 'integer' },
                filings: { type: 'array', items: ref('FilingSummary') },
                next: PAGE_LINK,
              },
            },
            'A page of filings',
          ),
          ...ERRORS,
        },
      },
    },
    '/api/filings/{accession}': {
      get: {
        operationId: 'getFiling',
        summary: 'A filing: header facts, parties, the extracted form record, documents and exhibits',
        tags: ['filings'],
        parameters: [ACCESSION],
        responses: { '200': json(ref('Filing'), 'The filing'), ...ERRORS },
      },
    },
    '/api/filings/{accession}/documents/{seq}': {
      get: {
        operationId: 'renderDocument',
        summary: 'One document of a filing, rendered',
        description:
          '`html` is a whole, safe page (every string of the filing escaped, no markup of the filing passed through) in which every block carries ' +
          '`data-start`/`data-end`: its character range in the document text, the same offsets as the `span` of every extracted field. ' +
          'An XML document is available as `text` only (the XML as written); a binary attachment is a 400 that names its attachment URL.',
        tags: ['filings'],
        parameters: [
          ACCESSION,
          {
            name: 'seq',
            in: 'path',
            required: true,
            description: 'The document sequence number, or its type (`EX-99.1`).',
            schema: { type: 'string', pattern: '^(\\d{1,6}|[A-Za-z0-9][A-Za-z0-9.\\-]{0,29})$' },
            example: '1',
          },
          {
            name: 'format',
            in: 'query',
            description: 'How to render it.',
            schema: { type: 'string', enum: ['text', 'markdown', 'html', 'json'], default: 'text' },
          },
          {
            name: 'page',
            in: 'query',
            description: 'Only this page (1-based); a page the document does not have is a 404.',
            schema: { type: 'integer', minimum: 1 },
          },
        ],
        responses: {
          '200': {
            description: 'The rendered document',
            content: {
              'text/plain': { schema: { type: 'string' } },
              'text/markdown': { schema: { type: 'string' } },
              'text/html': { schema: { type: 'string' } },
              'application/json': {
                schema: { type: 'object', description: 'The document model: pages of blocks with spans (without `source`).' },
              },
            },
          },
          ...ERRORS,
        },
      },
    },
    '/api/filings/{accession}/original': {
      get: {
        operationId: 'getOriginal',
        summary: 'The exact bytes of the original submission',
        description: 'Byte for byte as ingested; `charset` is `utf-8` when the bytes are valid UTF-8 (ASCII is), else `windows-1252`.',
        tags: ['filings'],
        parameters: [ACCESSION],
        responses: { '200': { description: 'The submission', content: { 'text/plain': { schema: { type: 'string' } } } }, ...ERRORS },
      },
    },
    '/api/attachments/{sha256}': {
      get: {
        operationId: 'getAttachment',
        summary: 'The exact decoded bytes of an attachment, by content hash',
        description:
          'The content type comes from the attachment file name (`image/jpeg`, `image/gif`, `image/png`, `application/pdf`, `application/zip`, ' +
          '`application/vnd.openxmlformats-officedocument.spreadsheetml.sheet`, …), which is known when `filing` names the filing it belongs to, ' +
          'else from its first bytes; unknown types are `application/octet-stream`. Images are served inline, everything else with ' +
          '`Content-Disposition: attachment`. Content-addressed, so cacheable for good (`ETag` is the hash).',
        tags: ['filings'],
        parameters: [
          {
            name: 'sha256',
            in: 'path',
            required: true,
            description: 'SHA-256 of the decoded bytes (64 hex digits).',
            schema: { type: 'string', pattern: '^[0-9a-fA-F]{64}$' },
          },
          {
            name: 'filing',
            in: 'query',
            description: 'The filing the attachment belongs to, for its file name (and so its content type).',
            schema: ACCESSION.schema,
          },
        ],
        responses: {
          '200': {
            description: 'The attachment',
            headers: {
              'Content-Disposition': {
                description: '`inline` for images, `attachment` otherwise, with a safe file name.',
                schema: { type: 'string' },
              },
            },
            content: { '*/*': { schema: { type: 'string', contentEncoding: 'binary' } } },
          },
          '304': { description: 'Not modified (If-None-Match matched)' },
          ...ERRORS,
        },
      },
    },
    '/api/stats': {
      get: {
        operationId: 'getStats',
        summary: 'What the database holds',
        tags: ['meta'],
        responses: { '200': json(ref('Stats'), 'Counts, sizes, form types and the date range') },
      },
    },
    '/api/openapi.json': {
      get: {
        operationId: 'getOpenApi',
        summary: 'This description',
        tags: ['meta'],
        responses: { '200': json({ type: 'object' }, 'OpenAPI 3.1') },
      },
    },
  },
  components: {
    responses: {
      BadRequest: json(ref('Error'), 'A parameter is malformed, out of range, or the search query cannot be read'),
      NotFound: json(ref('Error'), 'Not in the database'),
    },
    schemas: {
      Error: {
        type: 'object',
        required: ['error'],
        properties: { error: { type: 'string', description: 'What is wrong, in a sentence.' } },
      },
      SearchPage: {
        type: 'object',
        required: ['query', 'limit', 'offset', 'hits', 'next'],
        properties: {
          query: { type: 'object', description: 'The query and filters as read.' },
          limit: { type: 'integer' },
          offset: { type: 'integer' },
          hits: { type: 'array', items: ref('SearchHit') },
          next: PAGE_LINK,
        },
      },
      SearchHit: {
        type: 'object',
        required: ['filingId', 'snippet', 'highlights', 'snippetHtml', 'score', 'links'],
        properties: {
          filingId: { type: 'string' },
          accessionNumber: nullable('string'),
          formType: nullable('string'),
          filedAt: nullable('string', { format: 'date' }),
          companyName: nullable('string'),
          cik: nullable('string'),
          document: {
            type: ['object', 'null'],
            description: 'The matching document (null for a filters-only listing).',
            properties: { sequence: nullable('integer'), type: nullable('string'), position: { type: 'integer' } },
          },
          snippet: { type: 'string', description: 'The passage around the match as plain text, without markers.' },
          highlights: {
            type: 'array',
            description: 'Matched words: `[start, end)` ranges of UTF-16 code units into `snippet` (JavaScript string indices).',
            items: { type: 'object', required: ['start', 'end'], properties: { start: { type: 'integer' }, end: { type: 'integer' } } },
          },
          snippetHtml: { type: 'string', description: 'The passage as safe HTML: text escaped, matched words in `<mark>`.' },
          score: { type: 'number', description: 'Relevance (BM25); higher is better.' },
          links: { type: 'object', properties: { filing: { type: 'string' }, page: { type: 'string' }, document: nullable('string') } },
        },
      },
      Company: {
        type: 'object',
        required: ['cik', 'name', 'formerNames', 'filingCount'],
        properties: {
          cik: { type: 'string' },
          name: nullable('string'),
          sic: nullable('string'),
          sicDescription: nullable('string'),
          stateOfIncorporation: nullable('string'),
          fiscalYearEnd: nullable('string'),
          businessAddress: { oneOf: [ref('Address'), { type: 'null' }] },
          mailAddress: { oneOf: [ref('Address'), { type: 'null' }] },
          formerNames: {
            type: 'array',
            items: { type: 'object', properties: { name: { type: 'string' }, dateChanged: nullable('string', { format: 'date' }) } },
          },
          filingCount: { type: 'integer' },
          links: { type: 'object' },
        },
      },
      Address: {
        type: 'object',
        properties: {
          street1: nullable('string'),
          street2: nullable('string'),
          city: nullable('string'),
          state: nullable('string'),
          zip: nullable('string'),
          phone: nullable('string'),
        },
      },
      FilingSummary: {
        type: 'object',
        required: ['filingId', 'documentCount'],
        properties: {
          filingId: { type: 'string' },
          accessionNumber: nullable('string'),
          formType: nullable('string'),
          filedAt: nullable('string', { format: 'date' }),
          periodOfReport: nullable('string', { format: 'date' }),
          companyName: nullable('string'),
          cik: nullable('string'),
          documentCount: { type: 'integer' },
          links: { type: 'object' },
        },
      },
      Filing: {
        allOf: [
          ref('FilingSummary'),
          {
            type: 'object',
            properties: {
              acceptanceDateTime: nullable('string'),
              dateOfChange: nullable('string'),
              format: { type: 'string', description: 'complete-submission, dissemination, bare-document, …' },
              items: { type: 'array', items: { type: 'string' } },
              groupMembers: { type: 'array', items: { type: 'string' } },
              parties: {
                type: 'array',
                items: {
                  type: 'object',
                  description: 'role, company (name, cik, sic, …), filingValues, businessAddress, mailAddress, formerCompanies',
                },
              },
              header: { description: 'The full header tree as written.' },
              formRecord: {
                type: ['object', 'null'],
                description:
                  'The extracted form record (`form`: `6-K`, `6-K/A`, `20-F`, `40-F`, …, or `other`). Every field is `{ value, span }` where `span` is ' +
                  '`{ document, page, start, end }`: the document sequence and character offsets into its text, the same offsets as the ' +
                  '`data-start`/`data-end` attributes of the rendered HTML. A 6-K has reportMonth, registrant, address, commissionFileNumber, ' +
                  'annualReportForm, furnishesUnderRule12g32b, rule12g32bFileNumber, paperUnderRule101b1, paperUnderRule101b7, exhibits, signatures, diagnostics.',
              },
              diagnostics: { type: 'array', items: { type: 'object' } },
              byteLength: { type: 'integer' },
              contentHash: { type: 'string', description: 'SHA-256 of the original bytes.' },
              documents: { type: 'array', items: ref('Document') },
              exhibits: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: { number: { type: 'string' }, description: nullable('string'), documentSequence: nullable('integer') },
                },
              },
              links: { type: 'object', properties: { original: { type: 'string' }, page: { type: 'string' } } },
            },
          },
        ],
      },
      Document: {
        type: 'object',
        properties: {
          position: { type: 'integer' },
          sequence: nullable('integer'),
          type: nullable('string'),
          filename: nullable('string'),
          description: nullable('string'),
          byteLength: { type: 'integer' },
          encoding: { type: 'string', enum: ['text', 'uuencode'] },
          sourceFormat: { type: 'string', enum: ['text', 'html', 'xml', 'binary'] },
          attachmentSha256: nullable('string'),
          attachmentName: nullable('string'),
          links: { type: 'object', properties: { rendered: nullable('string'), attachment: nullable('string') } },
        },
      },
      Stats: {
        type: 'object',
        properties: {
          filings: { type: 'integer' },
          documents: { type: 'integer' },
          companies: { type: 'integer' },
          blobs: { type: 'integer' },
          blobBytes: { type: 'integer' },
          originalBytes: { type: 'integer' },
          formTypes: { type: 'array', items: { type: 'object', properties: { formType: { type: 'string' }, count: { type: 'integer' } } } },
          firstFiledAt: nullable('string', { format: 'date' }),
          lastFiledAt: nullable('string', { format: 'date' }),
        },
      },
    },
  },
};
