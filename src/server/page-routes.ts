import { Hono } from 'hono';
import { bodyStream } from './body-stream.js';
import { companiesPage, companyPage } from './company-page.js';
import { documentPage } from './document-page.js';
import { companyFactsPage, filingFactsPage } from './facts-page.js';
import { filingPage } from './filing-page.js';
import type { Reader } from './reader.js';
import { cikParam, documentParam, filingIdParam, textParam } from './request-params.js';
import { searchPage } from './search-page.js';

/** The server-rendered web UI: every page is HTML from the `html` template, so every filing string is escaped. */
export function pageRoutes(reader: Reader): Hono {
  const pages = new Hono();
  const { store } = reader;
  pages.get('/', async (c) => c.html(await searchPage(reader, c.req.query())));
  pages.get('/companies', async (c) => c.html(await companiesPage(store, c.req.query(), textParam(c.req.query(), 'name', 200))));
  pages.get('/companies/:cik', async (c) => c.html(await companyPage(reader, cikParam(c.req.param('cik')), c.req.query())));
  pages.get('/filings/:accession', async (c) => c.html(await filingPage(store, filingIdParam(c.req.param('accession')))));
  pages.get('/filings/:accession/facts', async (c) =>
    c.html(await filingFactsPage(store, filingIdParam(c.req.param('accession')), c.req.query())),
  );
  pages.get('/companies/:cik/facts', async (c) => c.html(await companyFactsPage(store, cikParam(c.req.param('cik')), c.req.query())));
  // A document page is streamed: the document's part of it is sent in pieces (see body-stream.ts).
  pages.get('/filings/:accession/documents/:seq', async (c) =>
    c.body(
      bodyStream(await documentPage(reader, filingIdParam(c.req.param('accession')), documentParam(c.req.param('seq')), c.req.query())),
      200,
      { 'Content-Type': 'text/html; charset=UTF-8' },
    ),
  );
  return pages;
}
