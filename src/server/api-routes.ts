import { Hono } from 'hono';
import { exportSearchCsv } from '../pipeline/export-search.js';
import { RENDER_FORMATS } from '../render/index.js';
import { COUNT_CAP, RANK_CAP, SEARCH_SORTS } from '../store/search.js';
import type { FilingView, SearchHit, SearchPage, SearchSort } from '../store/store.js';
import { attachmentType, dispositionFilename, textCharset } from './content-types.js';
import { badRequest, notFound } from './http-error.js';
import { OPENAPI } from './openapi.js';
import { queryString } from './paths.js';
import type { Reader } from './reader.js';
import {
  choiceParam,
  cikParam,
  dateParam,
  dateRangeParams,
  documentParam,
  filingIdParam,
  formParam,
  integerParam,
  pagingParams,
  sha256Param,
  textParam,
} from './request-params.js';
import { plainSnippet, snippetHtml } from './snippets.js';
import { documentKey, requireCompany, requireDocument, requireFiling } from './store-lookups.js';

/** A whole rendered document is a page of its own: its inline stylesheet is allowed, nothing else. */
const RENDERED_DOCUMENT_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const RENDERED_TYPES = {
  text: 'text/plain; charset=utf-8',
  markdown: 'text/markdown; charset=utf-8',
  html: 'text/html; charset=utf-8',
  json: 'application/json; charset=utf-8',
} as const;

/** The JSON API under `/api/`: read-only, every parameter checked (see request-params.ts), pages bounded. */
export function apiRoutes(reader: Reader): Hono {
  const api = new Hono();
  const { store } = reader;

  api.get('/search', async (c) => {
    const query = c.req.query();
    const request = searchParams(query);
    if (choiceParam(query, 'format', ['json', 'csv'], 'json') === 'csv') {
      const { limit: _limit, offset: _offset, ...whole } = request;
      let csv = '';
      for await (const chunk of exportSearchCsv(reader, whole)) csv += chunk;
      return c.body(csv, 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="search.csv"' });
    }
    const page = await reader.search(request);
    return c.json({
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

  api.get('/companies', async (c) => {
    const query = c.req.query();
    const name = textParam(query, 'name', 200);
    const paging = pagingParams(query, 50);
    const companies = await store.listCompanies({ ...(name !== undefined ? { name } : {}), ...paging });
    return c.json({
      limit: paging.limit,
      offset: paging.offset,
      companies: companies.map((company) => ({
        ...company,
        links: { self: `/api/companies/${company.cik}`, page: `/companies/${company.cik}` },
      })),
      next: companies.length === paging.limit ? `/api/companies${queryString({ ...query, offset: paging.offset + paging.limit })}` : null,
    });
  });

  api.get('/companies/:cik', async (c) => {
    const company = await requireCompany(store, cikParam(c.req.param('cik')));
    return c.json({ ...company, links: { filings: `/api/companies/${company.cik}/filings`, page: `/companies/${company.cik}` } });
  });

  api.get('/companies/:cik/filings', async (c) => {
    const cik = cikParam(c.req.param('cik'));
    const query = c.req.query();
    const form = formParam(query);
    const from = dateParam(query, 'from');
    const to = dateParam(query, 'to');
    const paging = pagingParams(query, 50);
    await requireCompany(store, cik);
    const filings = await store.listFilings({
      cik,
      ...(form ? { form } : {}),
      ...(from ? { from } : {}),
      ...(to ? { to } : {}),
      ...paging,
    });
    return c.json({
      cik,
      limit: paging.limit,
      offset: paging.offset,
      filings: filings.map((filing) => ({
        ...filing,
        links: { self: `/api/filings/${filing.filingId}`, page: `/filings/${filing.filingId}` },
      })),
      next:
        filings.length === paging.limit
          ? `/api/companies/${cik}/filings${queryString({ ...query, offset: paging.offset + paging.limit })}`
          : null,
    });
  });

  api.get('/filings/:accession', async (c) => {
    const filing = await requireFiling(store, filingIdParam(c.req.param('accession')));
    return c.json(filingJson(filing));
  });

  api.get('/filings/:accession/documents/:seq', async (c) => {
    const filingId = filingIdParam(c.req.param('accession'));
    const which = documentParam(c.req.param('seq'));
    const query = c.req.query();
    const format = choiceParam(query, 'format', RENDER_FORMATS, 'text');
    const page = integerParam(query, 'page', 1, 1_000_000);
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
      return c.body(rendered.text, 200, { 'Content-Type': RENDERED_TYPES.text });
    }
    const headers: Record<string, string> = { 'Content-Type': RENDERED_TYPES[format] };
    if (format === 'html') headers['Content-Security-Policy'] = RENDERED_DOCUMENT_CSP;
    return c.body(rendered.body ?? '', 200, headers);
  });

  api.get('/filings/:accession/original', async (c) => {
    const filingId = filingIdParam(c.req.param('accession'));
    const bytes = await store.getOriginal(filingId);
    if (!bytes) throw notFound(`No filing ${filingId} in the database`);
    return c.body(bodyOf(bytes), 200, {
      'Content-Type': `text/plain; charset=${textCharset(bytes)}`,
      'Content-Disposition': `inline; filename="${dispositionFilename(filingId)}.txt"`,
    });
  });

  api.get('/attachments/:sha256', async (c) => {
    const sha256 = sha256Param(c.req.param('sha256'));
    const filingText = c.req.query('filing');
    let filename: string | null = null;
    if (filingText !== undefined && filingText !== '') {
      const filingId = filingIdParam(filingText);
      const filing = await requireFiling(store, filingId);
      const document = filing.documents.find((candidate) => candidate.attachmentSha256 === sha256);
      if (!document) throw notFound(`Filing ${filingId} has no attachment ${sha256}`);
      filename = document.attachmentName ?? document.filename;
    }
    const bytes = await store.getBlob(sha256);
    if (!bytes) throw notFound(`No attachment ${sha256} in the database`);
    if (c.req.header('If-None-Match') === `"${sha256}"`) return c.body(null, 304, { ETag: `"${sha256}"` });
    const type = attachmentType(filename, bytes);
    const name = dispositionFilename(filename ?? sha256.slice(0, 16));
    return c.body(bodyOf(bytes), 200, {
      'Content-Type': type.contentType,
      'Content-Disposition': `${type.inline ? 'inline' : 'attachment'}; filename="${name}"`,
      ETag: `"${sha256}"`,
      'Cache-Control': 'public, max-age=31536000, immutable',
      'Content-Security-Policy': "default-src 'none'; sandbox",
    });
  });

  api.get('/stats', async (c) => c.json(await reader.stats()));

  api.get('/openapi.json', (c) => c.json(OPENAPI));

  return api;
}

type Query = Readonly<Record<string, string | undefined>>;

export interface SearchParams {
  readonly text: string;
  readonly form?: string;
  readonly cik?: string;
  readonly company?: string;
  readonly from?: string;
  readonly to?: string;
  readonly sort?: SearchSort;
  readonly limit: number;
  readonly offset: number;
}

/** `q`, `form`, `cik`, `company`, `from`, `to`, `limit`, `offset`, checked (shared with the search page). */
export function searchParams(query: Query, fallbackLimit = 20): SearchParams {
  const form = formParam(query);
  const cikText = textParam(query, 'cik', 20);
  const cik = cikText !== undefined ? cikParam(cikText) : undefined;
  const company = textParam(query, 'company', 200);
  const from = dateParam(query, 'from');
  const to = dateParam(query, 'to');
  dateRangeParams(from, to);
  const sort = query.sort ? choiceParam(query, 'sort', SEARCH_SORTS, 'relevance') : undefined;
  return {
    text: textParam(query, 'q', 1000) ?? '',
    ...(form !== undefined ? { form } : {}),
    ...(cik !== undefined ? { cik } : {}),
    ...(company !== undefined ? { company } : {}),
    ...(from !== undefined ? { from } : {}),
    ...(to !== undefined ? { to } : {}),
    ...(sort !== undefined ? { sort } : {}),
    ...pagingParams(query, fallbackLimit),
  };
}

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
    documents: filing.documents.map((document) => ({
      ...document,
      links: {
        rendered: document.encoding === 'uuencode' ? null : `/api/filings/${filing.filingId}/documents/${documentKey(document)}`,
        attachment: document.attachmentSha256 ? `/api/attachments/${document.attachmentSha256}?filing=${filing.filingId}` : null,
      },
    })),
    links: { original: `/api/filings/${filing.filingId}/original`, page: `/filings/${filing.filingId}` },
  };
}

/** The bytes as a body, without a copy unless they live in shared memory. */
function bodyOf(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return bytes.buffer instanceof ArrayBuffer ? (bytes as Uint8Array<ArrayBuffer>) : new Uint8Array(bytes);
}
