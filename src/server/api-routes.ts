import { Readable } from 'node:stream';
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context, TypedResponse } from 'hono';
import { decodeCompany, decodeParty, filingEdgarUrl } from '../pipeline/edgar-facts.js';
import { collectCsv, exportCompaniesCsv, exportFilingsCsv } from '../pipeline/export-lists.js';
import { exportSearchCsv } from '../pipeline/export-search.js';
import { blobStream, isUtf8Blob, readBlobRange } from '../pipeline/original-bytes.js';
import { describeTableCount } from '../render/render-csv.js';
import { COUNT_CAP, RANK_CAP } from '../store/search.js';
import { plainSnippet } from '../store/snippet-text.js';
import { type CompanyView, type FilingView, MAX_FACTS, type SearchHit, type SearchPage } from '../store/store.js';
import {
  CompanyFilingsSchema,
  CompanyPageSchema,
  CompanySchema,
  DocumentTablesSchema,
  ERROR_RESPONSES,
  FactSeriesSchema,
  FilingFactsSchema,
  FilingSchema,
  jsonResponse,
  SearchPageSchema,
  StatsSchema,
} from './api-schemas.js';
import { bodyStream } from './body-stream.js';
import { attachmentType, dispositionFilename, SNIFF_BYTES, textCharset } from './content-types.js';
import { badRequest, notFound } from './http-error.js';
import { queryString } from './paths.js';
import type { Reader } from './reader.js';
import {
  choiceQuery,
  cikSchema,
  dateQuery,
  dateRange,
  documentSchema,
  factQuery,
  filingIdSchema,
  formQuery,
  integerQuery,
  pagingQuery,
  renderFormatQuery,
  searchQuery,
  sha256Schema,
  textQuery,
  throwFirstIssue,
  toFactQuery,
  toSearchParams,
} from './request-params.js';
import { snippetHtml } from './snippets.js';
import { documentKey, requireCompany, requireDocument, requireFiling } from './store-lookups.js';

/** A whole rendered document is a page of its own: its inline stylesheet is allowed, nothing else. */
const RENDERED_DOCUMENT_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const RENDERED_TYPES = {
  text: 'text/plain; charset=utf-8',
  markdown: 'text/markdown; charset=utf-8',
  html: 'text/html; charset=utf-8',
  json: 'application/json; charset=utf-8',
} as const;

const accessionPath = z.object({ accession: filingIdSchema.openapi({ param: { name: 'accession', in: 'path' } }) });
const cikPath = z.object({ cik: cikSchema.openapi({ param: { name: 'cik', in: 'path' } }) });

const searchRoute = createRoute({
  method: 'get',
  path: '/search',
  operationId: 'search',
  tags: ['search'],
  summary: 'Full-text search over document text, ranked, with highlighted snippets',
  description:
    'One hit per matching filing, best first, with its matching documents (a filing matches when the query holds over one of its documents), ' +
    'the total (`totalExact` false: more than `total` match) and facets by form, year and company. The query language: `hanaro telecom` (all words), `"convertible bonds"` (phrase), ' +
    '`redempt*` (prefix), `bonds OR notes`, `bonds NOT notes` or `-notes`, `(bonds OR notes) kosdaq`, and filters written in the query: ' +
    '`form:6-K cik:1123 company:hanaro from:2002-01-01 to:2002-12-31`. A query of filters only lists filings, newest first.\n\n' +
    'Snippets come two ways: `snippet` is plain text with the matched words given as `highlights`, ranges of UTF-16 code units ' +
    '`[start, end)` into it; `snippetHtml` is the same passage as safe HTML (text escaped, matched words in `<mark>`).',
  request: {
    query: searchQuery(20).safeExtend({
      format: choiceQuery('format', ['json', 'csv'], '`csv`: the whole result (no paging) as a CSV file.').openapi({ default: 'json' }),
    }),
  },
  responses: {
    200: {
      description: 'A page of hits, or the whole result as CSV',
      content: { 'application/json': { schema: SearchPageSchema }, 'text/csv': { schema: z.string() } },
    },
    400: ERROR_RESPONSES[400],
  },
});

const companiesRoute = createRoute({
  method: 'get',
  path: '/companies',
  operationId: 'listCompanies',
  tags: ['companies'],
  summary: 'Companies, by name',
  request: {
    query: z.object({
      name: textQuery('name', 200, 'A part of the company name, current or former (case-insensitive).'),
      ...pagingQuery(50),
      format: choiceQuery('format', ['json', 'csv'], '`csv`: every matching company (no paging) as a CSV file.').openapi({
        default: 'json',
      }),
    }),
  },
  responses: {
    200: {
      description: 'A page of companies, or all of them as CSV',
      content: { 'application/json': { schema: CompanyPageSchema }, 'text/csv': { schema: z.string() } },
    },
    400: ERROR_RESPONSES[400],
  },
});

const companyRoute = createRoute({
  method: 'get',
  path: '/companies/{cik}',
  operationId: 'getCompany',
  tags: ['companies'],
  summary: 'A company: names (current and former), addresses, filing count',
  request: { params: cikPath },
  responses: { 200: jsonResponse(CompanySchema, 'The company'), ...ERROR_RESPONSES },
});

const companyFilingsRoute = createRoute({
  method: 'get',
  path: '/companies/{cik}/filings',
  operationId: 'listCompanyFilings',
  tags: ['companies'],
  summary: "A company's filings, newest first",
  request: {
    params: cikPath,
    query: z
      .object({
        form: formQuery,
        from: dateQuery('from', 'Filed on or after this date.'),
        to: dateQuery('to', 'Filed on or before this date.'),
        ...pagingQuery(50),
        format: choiceQuery('format', ['json', 'csv'], '`csv`: every matching filing (no paging) as a CSV file.').openapi({
          default: 'json',
        }),
      })
      .superRefine((query, context) => dateRange(query.from, query.to, context)),
  },
  responses: {
    200: {
      description: 'A page of filings, or all of them as CSV',
      content: { 'application/json': { schema: CompanyFilingsSchema }, 'text/csv': { schema: z.string() } },
    },
    ...ERROR_RESPONSES,
  },
});

const filingRoute = createRoute({
  method: 'get',
  path: '/filings/{accession}',
  operationId: 'getFiling',
  tags: ['filings'],
  summary: 'A filing: header facts, parties, the extracted form record, documents and exhibits',
  request: { params: accessionPath },
  responses: { 200: jsonResponse(FilingSchema, 'The filing'), ...ERROR_RESPONSES },
});

const documentRoute = createRoute({
  method: 'get',
  path: '/filings/{accession}/documents/{seq}',
  operationId: 'renderDocument',
  tags: ['filings'],
  summary: 'One document of a filing, rendered',
  description:
    '`html` is a whole, safe page (every string of the filing escaped, no markup of the filing passed through) in which every block carries ' +
    '`data-start`/`data-end`: its character range in the document text, the same offsets as the `span` of every extracted field. ' +
    'An XML document is available as `text` only (the XML as written); a binary attachment is a 400 that names its attachment URL.',
  request: {
    params: accessionPath.extend({ seq: documentSchema.openapi({ param: { name: 'seq', in: 'path' } }) }),
    query: z.object({
      format: renderFormatQuery,
      page: integerQuery('page', 1, 1_000_000, 'Only this page (1-based); a page the document does not have is a 404.'),
    }),
  },
  responses: {
    200: {
      description: 'The rendered document',
      content: {
        'text/plain': { schema: z.string() },
        'text/markdown': { schema: z.string() },
        'text/html': { schema: z.string() },
        'application/json': {
          schema: z.object({}).passthrough().openapi({ description: 'The document model: pages of blocks with spans (without `source`).' }),
        },
      },
    },
    ...ERROR_RESPONSES,
  },
});

const documentPathParams = accessionPath.extend({ seq: documentSchema.openapi({ param: { name: 'seq', in: 'path' } }) });

const tablesRoute = createRoute({
  method: 'get',
  path: '/filings/{accession}/documents/{seq}/tables',
  operationId: 'listDocumentTables',
  tags: ['filings'],
  summary: "A document's tables: number, page, size and a link to each as CSV",
  description:
    'Legacy ASCII `<TABLE>`s, tables found by their alignment and HTML tables alike, numbered in reading order. XML and binary documents have none.',
  request: { params: documentPathParams },
  responses: { 200: jsonResponse(DocumentTablesSchema, "The document's tables"), ...ERROR_RESPONSES },
});

const tableRoute = createRoute({
  method: 'get',
  path: '/filings/{accession}/documents/{seq}/tables/{table}',
  operationId: 'getDocumentTableCsv',
  tags: ['filings'],
  summary: 'One table of a document as CSV',
  description:
    'Header rows first, then body rows, every row as wide as the table; a cell spanning several columns or rows gives its text to the first ' +
    'and leaves the ones it covers empty. Cells holding a comma, a quote or a line break are quoted (RFC 4180); lines end in LF.',
  request: {
    params: documentPathParams.extend({
      table: z
        .string()
        .transform((text, context) => {
          const number = /^[1-9]\d{0,5}$/.test(text) ? Number(text) : Number.NaN;
          if (Number.isNaN(number)) {
            context.addIssue({ code: 'custom', message: `table must be a table number from 1, found "${text.slice(0, 40)}"` });
            return z.NEVER;
          }
          return number;
        })
        .openapi({
          param: { name: 'table', in: 'path' },
          type: 'integer',
          minimum: 1,
          description: 'The table number (1-based), as listed.',
        }),
    }),
  },
  responses: {
    200: {
      description: 'The table',
      headers: z.object({ 'Content-Disposition': z.string().openapi({ description: '`attachment` with a file name.' }) }),
      content: { 'text/csv': { schema: z.string() } },
    },
    ...ERROR_RESPONSES,
  },
});

const originalRoute = createRoute({
  method: 'get',
  path: '/filings/{accession}/original',
  operationId: 'getOriginal',
  tags: ['filings'],
  summary: 'The exact bytes of the original submission',
  description: 'Byte for byte as ingested; `charset` is `utf-8` when the bytes are valid UTF-8 (ASCII is), else `windows-1252`.',
  request: { params: accessionPath },
  responses: { 200: { description: 'The submission', content: { 'text/plain': { schema: z.string() } } }, ...ERROR_RESPONSES },
});

const attachmentRoute = createRoute({
  method: 'get',
  path: '/attachments/{sha256}',
  operationId: 'getAttachment',
  tags: ['filings'],
  summary: 'The exact decoded bytes of an attachment, by content hash',
  description:
    'The content type comes from the attachment file name (`image/jpeg`, `image/gif`, `image/png`, `application/pdf`, `application/zip`, ' +
    '`application/vnd.openxmlformats-officedocument.spreadsheetml.sheet`, …), which is known when `filing` names the filing it belongs to, ' +
    'else from its first bytes; unknown types are `application/octet-stream`. Images are served inline, everything else with ' +
    '`Content-Disposition: attachment`. Content-addressed, so cacheable for good (`ETag` is the hash).',
  request: {
    params: z.object({ sha256: sha256Schema.openapi({ param: { name: 'sha256', in: 'path' } }) }),
    query: z.object({
      filing: filingIdSchema
        .optional()
        .openapi({ description: 'The filing the attachment belongs to, for its file name (and so its content type).' }),
    }),
  },
  responses: {
    200: {
      description: 'The attachment',
      headers: z.object({
        'Content-Disposition': z.string().openapi({ description: '`inline` for images, `attachment` otherwise, with a safe file name.' }),
      }),
      content: { '*/*': { schema: z.string().openapi({ format: 'binary' }) } },
    },
    304: { description: 'Not modified (If-None-Match matched)' },
    ...ERROR_RESPONSES,
  },
});

const factsRoute = createRoute({
  method: 'get',
  path: '/facts',
  operationId: 'queryFacts',
  tags: ['facts'],
  summary: "One XBRL concept over time: a company's (or every company's) facts, ordered by period",
  description:
    "The facts stored from filings' inline XBRL and instance documents, and from EDGAR's XBRL JSON APIs (companyfacts, companyconcept, " +
    "frames), for one concept: ordered by period end, then start, each fact once (a filing's own before the APIs' copy of it). " +
    'A concept is a QName (`us-gaap:Revenues`); a unit is matched by its local names (`USD` finds `iso4217:USD`).',
  request: { query: factQuery() },
  responses: { 200: jsonResponse(FactSeriesSchema, 'The series'), 400: ERROR_RESPONSES[400] },
});

const filingFactsRoute = createRoute({
  method: 'get',
  path: '/filings/{accession}/facts',
  operationId: 'listFilingFacts',
  tags: ['facts'],
  summary: 'The XBRL facts a filing reports, in its order',
  request: { params: accessionPath, query: z.object(pagingQuery(200)) },
  responses: { 200: jsonResponse(FilingFactsSchema, "A page of the filing's facts"), ...ERROR_RESPONSES },
});

const statsRoute = createRoute({
  method: 'get',
  path: '/stats',
  operationId: 'getStats',
  tags: ['meta'],
  summary: 'What the database holds',
  responses: { 200: jsonResponse(StatsSchema, 'Counts, sizes, form types and the date range') },
});

/**
 * The JSON API under `/api/`: read-only, every parameter checked by the route's zod schema (request-params.ts),
 * pages bounded. The OpenAPI document is generated from these routes (see openapi.ts); a parameter that fails its
 * check is thrown as a 400, so error-responses.ts stays the one place errors become responses.
 * Kept as one function: every route is registered on the one app and closes over `reader`; the routes are a flat list
 * of short entries, and split they would only be scattered.
 */
export function apiRoutes(reader: Reader): OpenAPIHono {
  const api = new OpenAPIHono({
    defaultHook: (result) => {
      if (!result.success) throwFirstIssue(result.error);
    },
  });
  const { store } = reader;

  api.openapi(searchRoute, async (c) => {
    const { format, ...read } = c.req.valid('query');
    const request = toSearchParams(read);
    const query = c.req.query();
    if (format === 'csv') {
      const { limit: _limit, offset: _offset, ...whole } = request;
      const csv = await collectCsv(exportSearchCsv(reader, whole));
      return c.body(csv, 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="search.csv"' });
    }
    const page = await reader.search(request);
    return ok(c, SearchPageSchema, {
      query: {
        q: request.text,
        form: request.form ?? null,
        cik: request.cik ?? null,
        company: request.company ?? null,
        from: request.from ?? null,
        to: request.to ?? null,
        sort: page.sort,
      },
      limit: page.limit,
      offset: page.offset,
      total: page.total,
      totalExact: page.totalExact,
      rankCapped: page.rankCapped,
      caps: { rankedDocuments: RANK_CAP, countedDocuments: COUNT_CAP },
      facets: page.facets,
      hits: page.hits.map(hitJson),
      next: nextLink('/api/search', query, page),
      links: { csv: `/api/search${queryString({ ...query, offset: undefined, limit: undefined, format: 'csv' })}` },
    });
  });

  api.openapi(companiesRoute, async (c) => {
    const query = c.req.query();
    const { name, format, ...paging } = c.req.valid('query');
    if (format === 'csv') {
      const csv = await collectCsv(exportCompaniesCsv(store, name !== undefined ? { name } : {}));
      return c.body(csv, 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="companies.csv"' });
    }
    const companies = await store.listCompanies({ ...(name !== undefined ? { name } : {}), ...paging });
    return ok(c, CompanyPageSchema, {
      limit: paging.limit,
      offset: paging.offset,
      companies: companies.map((company) =>
        companyJson(company, { self: `/api/companies/${company.cik}`, page: `/companies/${company.cik}` }),
      ),
      next: companies.length === paging.limit ? `/api/companies${queryString({ ...query, offset: paging.offset + paging.limit })}` : null,
    });
  });

  api.openapi(companyRoute, async (c) => {
    const company = await requireCompany(store, c.req.valid('param').cik);
    return ok(
      c,
      CompanySchema,
      companyJson(company, { filings: `/api/companies/${company.cik}/filings`, page: `/companies/${company.cik}` }),
    );
  });

  api.openapi(companyFilingsRoute, async (c) => {
    const { cik } = c.req.valid('param');
    const query = c.req.query();
    const { form, from, to, format, ...paging } = c.req.valid('query');
    await requireCompany(store, cik);
    if (format === 'csv') {
      const csv = await collectCsv(
        exportFilingsCsv(store, { cik, ...(form ? { form } : {}), ...(from ? { from } : {}), ...(to ? { to } : {}) }),
      );
      return c.body(csv, 200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="filings-${cik}.csv"`,
      });
    }
    const filings = await store.listFilings({
      cik,
      ...(form ? { form } : {}),
      ...(from ? { from } : {}),
      ...(to ? { to } : {}),
      ...paging,
    });
    return ok(c, CompanyFilingsSchema, {
      cik,
      limit: paging.limit,
      offset: paging.offset,
      filings: filings.map((filing) => ({
        ...filing,
        links: { self: `/api/filings/${filing.filingId}`, page: `/filings/${filing.filingId}`, edgar: filingEdgarUrl(filing) },
      })),
      next:
        filings.length === paging.limit
          ? `/api/companies/${cik}/filings${queryString({ ...query, offset: paging.offset + paging.limit })}`
          : null,
    });
  });

  api.openapi(filingRoute, async (c) => {
    const filing = await requireFiling(store, c.req.valid('param').accession);
    return ok(c, FilingSchema, filingJson(filing));
  });

  api.openapi(documentRoute, async (c) => {
    const { accession: filingId, seq: which } = c.req.valid('param');
    const { format, page } = c.req.valid('query');
    const rendered = await requireDocument(reader, filingId, which, { format, ...(page !== undefined ? { page } : {}) });
    if (rendered.kind === 'binary') {
      const stored = (await requireFiling(store, filingId)).documents.find(
        (document) => document.bodyStart === rendered.document.bodyStart,
      );
      const where = stored?.attachmentSha256 ? `: get its bytes from /api/attachments/${stored.attachmentSha256}?filing=${filingId}` : '';
      throw badRequest(
        `Document ${which} of ${filingId} is a binary attachment (${rendered.document.filename ?? 'no name'}) and cannot be rendered${where}`,
      );
    }
    if (rendered.kind === 'xml') {
      if (format !== 'text')
        throw badRequest(`Document ${which} of ${filingId} is XML: only format=text (the XML as written) is available`);
      return textBytes(c.body(bodyStream([rendered.text]), 200, { 'Content-Type': RENDERED_TYPES.text }));
    }
    // The rendering's bytes, shared with every other request for it: sent in pieces, never copied.
    const body = rendered.body ?? new Uint8Array();
    const headers: Record<string, string> = { 'Content-Type': RENDERED_TYPES[format], 'Content-Length': String(body.byteLength) };
    if (format === 'html') headers['Content-Security-Policy'] = RENDERED_DOCUMENT_CSP;
    return textBytes(c.body(bodyStream([body]), 200, headers));
  });

  api.openapi(tablesRoute, async (c) => {
    const { accession: filingId, seq: which } = c.req.valid('param');
    const rendered = await requireDocument(reader, filingId, which, { format: null });
    const base = `/api/filings/${encodeURIComponent(filingId)}/documents/${encodeURIComponent(which)}/tables`;
    return ok(c, DocumentTablesSchema, {
      filingId,
      document: which,
      tables: rendered.kind === 'model' ? rendered.tables.map((table) => ({ ...table, links: { csv: `${base}/${table.number}` } })) : [],
    });
  });

  api.openapi(tableRoute, async (c) => {
    const { accession: filingId, seq: which, table } = c.req.valid('param');
    const rendered = await requireDocument(reader, filingId, which, { format: null, table });
    if (rendered.kind !== 'model')
      throw notFound(`Document ${which} of ${filingId} is ${rendered.kind === 'xml' ? 'XML' : 'a binary attachment'}: it has no tables`);
    if (rendered.body === null) {
      throw notFound(`Table ${table} does not exist: ${describeTableCount(rendered.tables.length)}`);
    }
    return c.body(bodyStream([rendered.body]), 200, {
      'Content-Length': String(rendered.body.byteLength),
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${dispositionFilename(`${filingId}-${which}-table-${table}`)}.csv"`,
    });
  });

  api.openapi(originalRoute, async (c) => {
    const filingId = c.req.valid('param').accession;
    const headers = (charset: string, length: number) => ({
      'Content-Type': `text/plain; charset=${charset}`,
      'Content-Disposition': `inline; filename="${dispositionFilename(filingId)}.txt"`,
      'Content-Length': String(length),
    });
    // Streamed as it is decompressed: a request holds a chunk of a 600 MB submission, not all of it.
    const blob = store.getOriginalBlob ? await store.getOriginalBlob(filingId) : undefined;
    if (blob === null) throw notFound(`No filing ${filingId} in the database`);
    if (blob) {
      const charset = (await isUtf8Blob(blob)) ? 'utf-8' : 'windows-1252';
      const body = Readable.toWeb(blobStream(blob)) as ReadableStream<Uint8Array>;
      return textBytes(c.body(body, 200, headers(charset, blob.byteLength)));
    }
    const bytes = await store.getOriginal(filingId);
    if (!bytes) throw notFound(`No filing ${filingId} in the database`);
    return textBytes(c.body(bodyOf(bytes), 200, headers(textCharset(bytes), bytes.byteLength)));
  });

  api.openapi(attachmentRoute, async (c) => {
    const { sha256 } = c.req.valid('param');
    const { filing: filingId } = c.req.valid('query');
    let filename: string | null = null;
    if (filingId !== undefined) {
      const filing = await requireFiling(store, filingId);
      const document = filing.documents.find((candidate) => candidate.attachmentSha256 === sha256);
      if (!document) throw notFound(`Filing ${filingId} has no attachment ${sha256}`);
      filename = document.attachmentName ?? document.filename;
    }
    // Streamed as it is decompressed: a request holds the stored bytes and a chunk, not a second, whole copy.
    const blob = store.getStoredBlob ? await store.getStoredBlob(sha256) : undefined;
    const bytes = blob === undefined ? await store.getBlob(sha256) : null;
    if (!blob && !bytes) throw notFound(`No attachment ${sha256} in the database`);
    if (c.req.header('If-None-Match') === `"${sha256}"`) return c.body(null, 304, { ETag: `"${sha256}"` });
    const type = attachmentType(filename, blob ? await readBlobRange(blob, 0, SNIFF_BYTES) : (bytes as Uint8Array));
    const name = dispositionFilename(filename ?? sha256.slice(0, 16));
    const body = blob ? (Readable.toWeb(blobStream(blob)) as ReadableStream<Uint8Array>) : bodyOf(bytes as Uint8Array);
    return c.body(body, 200, {
      'Content-Length': String(blob ? blob.byteLength : (bytes as Uint8Array).byteLength),
      'Content-Type': type.contentType,
      'Content-Disposition': `${type.inline ? 'inline' : 'attachment'}; filename="${name}"`,
      ETag: `"${sha256}"`,
      'Cache-Control': 'public, max-age=31536000, immutable',
      'Content-Security-Policy': "default-src 'none'; sandbox",
    });
  });

  api.openapi(factsRoute, async (c) => {
    const read = c.req.valid('query');
    const query = toFactQuery(read);
    const facts = await store.queryFacts(query);
    const limit = read.limit ?? MAX_FACTS;
    return ok(c, FactSeriesSchema, {
      query: {
        concept: query.concept,
        cik: read.cik ?? null,
        from: read.from ?? null,
        to: read.to ?? null,
        unit: read.unit ?? null,
        dimensions: read.dimensions ?? 'none',
        limit,
      },
      facts,
      truncated: facts.length === limit,
    });
  });

  api.openapi(filingFactsRoute, async (c) => {
    const filing = await requireFiling(store, c.req.valid('param').accession);
    const { limit, offset } = c.req.valid('query');
    const facts = await store.listFilingFacts(filing.filingId, { limit, offset });
    return ok(c, FilingFactsSchema, {
      filingId: filing.filingId,
      factCount: filing.factCount,
      limit,
      offset,
      facts,
      next:
        offset + facts.length < filing.factCount
          ? `/api/filings/${filing.filingId}/facts${queryString({ limit, offset: offset + limit })}`
          : null,
    });
  });

  api.openapi(statsRoute, async (c) => ok(c, StatsSchema, await reader.stats()));

  return api;
}

/**
 * A 200 JSON answer checked against its route's schema at compile time; the store's readonly values are accepted
 * as they are (the schema's output type is mutable).
 */
function ok<S extends z.ZodType>(c: Context, _schema: S, value: DeepReadonly<z.output<S>>) {
  return c.json(value as z.output<S>, 200);
}

type DeepReadonly<T> = T extends (infer Item)[]
  ? readonly DeepReadonly<Item>[]
  : T extends object
    ? { readonly [Key in keyof T]: DeepReadonly<T[Key]> }
    : T;

/** Exact bytes as a text answer: the route documents `text/plain`, the body keeps the filing's own encoding. */
function textBytes(response: Response): TypedResponse<string, 200, 'text'> {
  return response as unknown as TypedResponse<string, 200, 'text'>;
}

function companyJson(company: CompanyView, links: Record<string, string>) {
  const decoded = decodeCompany(company);
  return {
    ...decoded,
    businessAddress: decoded.businessAddress as Address | null,
    mailAddress: decoded.mailAddress as Address | null,
    links,
  };
}

type Address = z.input<typeof CompanySchema>['businessAddress'];

type Query = Readonly<Record<string, string | undefined>>;

function hitJson(hit: SearchHit) {
  return {
    filingId: hit.filingId,
    accessionNumber: hit.accessionNumber,
    formType: hit.formType,
    filedAt: hit.filedAt,
    companyName: hit.companyName,
    cik: hit.cik,
    score: hit.score,
    documents: hit.documents.map((document) => {
      const snippet = plainSnippet(document.snippet);
      const key = documentKey(document);
      return {
        sequence: document.sequence,
        position: document.position,
        type: document.type,
        description: document.description,
        snippet: snippet.text,
        highlights: snippet.highlights,
        snippetHtml: snippetHtml(document.snippet),
        score: document.score,
        links: { self: `/api/filings/${hit.filingId}/documents/${key}`, page: `/filings/${hit.filingId}/documents/${key}` },
      };
    }),
    moreDocuments: hit.moreDocuments,
    links: { filing: `/api/filings/${hit.filingId}`, page: `/filings/${hit.filingId}` },
  };
}

function nextLink(path: string, query: Query, page: SearchPage): string | null {
  const more = page.totalExact ? page.offset + page.hits.length < page.total : page.hits.length === page.limit;
  return more ? `${path}${queryString({ ...query, offset: page.offset + page.limit })}` : null;
}

/** A filing as the API shows it: everything stored but the ingest source path (a detail of the server's disk). */
function filingJson(filing: FilingView) {
  const { source: _source, ...shown } = filing;
  return {
    ...shown,
    parties: filing.parties.map(decodeParty),
    documents: filing.documents.map((document) => ({
      ...document,
      links: {
        rendered: document.encoding === 'uuencode' ? null : `/api/filings/${filing.filingId}/documents/${documentKey(document)}`,
        attachment: document.attachmentSha256 ? `/api/attachments/${document.attachmentSha256}?filing=${filing.filingId}` : null,
      },
    })),
    links: {
      original: `/api/filings/${filing.filingId}/original`,
      page: `/filings/${filing.filingId}`,
      edgar: filingEdgarUrl(filing),
      facts: `/api/filings/${filing.filingId}/facts`,
    },
  };
}

/** The bytes as a body, without a copy unless they live in shared memory. */
function bodyOf(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return bytes.buffer instanceof ArrayBuffer ? (bytes as Uint8Array<ArrayBuffer>) : new Uint8Array(bytes);
}
