import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openServerTestStore } from '../../test/server-test-store.js';
import { corpusPath, projectRoot, seedPath } from '../../test/shared-files.js';
import { FORM_6K_SCHEMA } from '../compose/schema-6k.js';
import { ingestPaths } from '../pipeline/ingest.js';
import type { ReadWriteStore } from '../store/store.js';
import {
  CompanyFilingsSchema,
  CompanyPageSchema,
  CompanySchema,
  DocumentTablesSchema,
  FilingSchema,
  SearchPageSchema,
  StatsSchema,
} from './api-schemas.js';
import { createApp } from './create-app.js';

const JPEGS = 'fpi/0000912282-09-000008.txt';
const PDF = 'fpi/0001279569-09-000080.txt';
const ACERGY = 'fpi/0000950127-09-000020.txt';
const FILES = [JPEGS, PDF, ACERGY, 'fpi/0001144204-10-066757.txt', 'fpi/0001193125-09-115755.txt'];

let store: ReadWriteStore;
let app: ReturnType<typeof createApp>;
let seedId: string;
const logged: unknown[] = [];

beforeAll(async () => {
  store = await openServerTestStore();
  const summary = await ingestPaths(store, [seedPath(), ...FILES.map(corpusPath)], { workers: 0 });
  expect(summary.failed).toEqual([]);
  app = createApp({ store, log: (error) => logged.push(error) });
  seedId = `local-${createHash('sha256').update(readFileSync(seedPath())).digest('hex').slice(0, 20)}`;
});
afterAll(async () => {
  await store.close();
  expect(logged).toEqual([]);
});

// biome-ignore lint/suspicious/noExplicitAny: response bodies are read loosely; the assertions check their shape.
type Json = Record<string, any>;

async function getJson(path: string, status = 200): Promise<Json> {
  const response = await app.request(path);
  expect(response.status, `${path}: ${await response.clone().text()}`).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  return (await response.json()) as Json;
}

/** An independent uudecoder (binascii semantics), to check the stored attachment bytes against the filing. */
function uudecodeFromFile(text: string, filename: string): Buffer {
  const lines = text.split('\n');
  const begin = lines.findIndex((line) => line.startsWith('begin ') && line.trim().endsWith(` ${filename}`));
  const out: number[] = [];
  for (const line of lines.slice(begin + 1)) {
    const trimmed = line.replace(/\r$/, '');
    if (trimmed === 'end') break;
    const length = (trimmed.charCodeAt(0) - 32) & 63;
    const bytes: number[] = [];
    for (let i = 1; i + 3 < trimmed.length + 3 && bytes.length < length; i += 4) {
      const c = [0, 1, 2, 3].map((k) => ((trimmed.charCodeAt(i + k) || 32) - 32) & 63) as [number, number, number, number];
      bytes.push(((c[0] << 2) | (c[1] >> 4)) & 255, ((c[1] << 4) | (c[2] >> 2)) & 255, ((c[2] << 6) | c[3]) & 255);
    }
    out.push(...bytes.slice(0, length));
  }
  return Buffer.from(out);
}

describe('GET /api/search', () => {
  it('finds the seed by a phrase, with plain and HTML snippets and highlight ranges', async () => {
    const page = await getJson('/api/search?q=%22convertible%20bonds%22');
    expect(page.limit).toBe(20);
    expect(page.offset).toBe(0);
    expect(page.next).toBeNull();
    expect(page.total).toBe(page.hits.length);
    expect(page.totalExact).toBe(true);
    const hit = page.hits.find((candidate: { filingId: string }) => candidate.filingId === seedId);
    expect(hit).toBeDefined();
    expect(hit.formType).toBe('6-K');
    const [document] = hit.documents;
    expect(document.snippet).not.toMatch(/[\u{E000}\u{E001}]/u);
    expect(document.highlights.length).toBeGreaterThan(0);
    const marked = document.highlights.map((range: { start: number; end: number }) =>
      document.snippet.slice(range.start, range.end).toLowerCase(),
    );
    expect(marked.join(' ')).toContain('convertible');
    expect(document.snippetHtml).toMatch(/<mark>convertible bonds<\/mark>|<mark>convertible<\/mark> <mark>bonds<\/mark>/i);
    expect(hit.links.page).toBe(`/filings/${seedId}`);
    expect(document.links.self).toBe(`/api/filings/${seedId}/documents/1`);
    // One hit per filing.
    expect(new Set(page.hits.map((candidate: { filingId: string }) => candidate.filingId)).size).toBe(page.hits.length);
  });

  it('counts, facets and sorts the whole result, and exports it as CSV', async () => {
    const page = await getJson('/api/search?q=securities&limit=2');
    expect(page.hits).toHaveLength(2);
    expect(page.total).toBeGreaterThan(2);
    const byForm = page.facets.forms.reduce((sum: number, facet: { count: number }) => sum + facet.count, 0);
    expect(byForm).toBe(page.total);
    const newest = await getJson(`/api/search?q=securities&sort=newest&limit=200`);
    expect(newest.hits).toHaveLength(page.total);
    const dates = newest.hits.map((hit: { filedAt: string | null }) => hit.filedAt ?? '');
    expect(dates).toEqual([...dates].sort().reverse());
    const response = await app.request(page.links.csv as string);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = (await response.text()).trimEnd().split('\n');
    expect(lines[0]).toBe('accession_number,form_type,filed_at,company,cik,score,documents,snippet');
    expect(lines).toHaveLength(page.total + 1);
    await getJson('/api/search?q=securities&sort=sideways', 400);
  });

  it('applies filters and pages with a next link', async () => {
    const filtered = await getJson('/api/search?q=&form=6-K&from=2009-01-01&to=2009-01-31&limit=1');
    expect(filtered.hits).toHaveLength(1);
    expect(filtered.hits[0].formType).toBe('6-K');
    expect(filtered.hits[0].documents).toEqual([]);
    expect(filtered.next).toContain('offset=1');
    const second = await getJson(filtered.next as string);
    expect(second.offset).toBe(1);
    expect(second.hits[0].filingId).not.toBe(filtered.hits[0].filingId);
    const byCik = await getJson('/api/search?q=&cik=898685');
    expect(byCik.hits.map((hit: { cik: string }) => hit.cik)).toEqual(['0000898685']);
  });

  it.each([
    ['/api/search?q=%22unclosed', /phrase opened with " is never closed/],
    ['/api/search?q=bonds&limit=0', /limit must be between 1 and 200/],
    ['/api/search?q=bonds&limit=201', /limit must be between 1 and 200/],
    ['/api/search?q=bonds&limit=ten', /limit must be a whole number/],
    ['/api/search?q=bonds&offset=-1', /offset must be a whole number/],
    ['/api/search?q=bonds&from=2009-13-01', /from must be a date as YYYY-MM-DD/],
    ['/api/search?q=bonds&from=2009-02-01&to=2009-01-01', /from \(2009-02-01\) is after to/],
    ['/api/search?q=bonds&cik=12ab', /is not a CIK/],
    ['/api/search?q=bonds&form=%3Cscript%3E', /form must be a form type/],
    [`/api/search?q=${'a'.repeat(1001)}`, /q must be at most 1000 characters/],
    ['/api/search?q=NOT', /./],
    // Too broad to answer: the term to narrow is named (the issue's query took 24 s on 3,000 filings).
    [`/api/search?q=${encodeURIComponent('(s* OR t*) (p* OR r*) -e*')}`, /^Query too broad: "s\*" would match too many words/],
    [`/api/search?q=${encodeURIComponent('conv* bond* kosd* tele* hana*')}`, /^Query too broad: "hana\*" is prefix 5/],
    // Punctuation alone is refused, not read as "every filing".
    [`/api/search?q=${encodeURIComponent('!!! ???')}`, /"!!!" has no letters or digits to search for/],
  ])('answers 400 with a JSON message for %s', async (path, message) => {
    const body = await getJson(path, 400);
    expect(Object.keys(body)).toEqual(['error']);
    expect(body.error).toMatch(message);
    expect(body.error).not.toMatch(/\n\s+at /);
  });
});

describe('companies', () => {
  it('lists companies by name and shows one with its former names', async () => {
    const list = await getJson('/api/companies?name=acergy');
    expect(list.companies.map((company: { cik: string }) => company.cik)).toEqual(['0000898685']);
    const company = await getJson('/api/companies/898685');
    expect(company.name).toBe('ACERGY S.A.');
    expect(company.formerNames.map((former: { name: string }) => former.name)).toEqual(['STOLT OFFSHORE S A', 'STOLT COMEX SEAWAY S A']);
    expect(company.businessAddress.city).toBe('LONDON');
  });

  it("lists a company's filings with a form filter", async () => {
    const filings = await getJson('/api/companies/0000898685/filings?form=6-K');
    expect(filings.filings.map((filing: { accessionNumber: string }) => filing.accessionNumber)).toEqual(['0000950127-09-000020']);
    expect((await getJson('/api/companies/0000898685/filings?form=10-K')).filings).toEqual([]);
  });

  it('answers 404 for an unknown CIK and 400 for a malformed one', async () => {
    expect((await getJson('/api/companies/1234567', 404)).error).toMatch(/No company with CIK 0001234567/);
    expect((await getJson('/api/companies/1234567/filings', 404)).error).toMatch(/No company/);
    expect((await getJson('/api/companies/abc', 400)).error).toMatch(/not a CIK/);
  });
});

describe('document tables as CSV', () => {
  const golden = (number: number) =>
    readFileSync(join(projectRoot, 'testdata', 'golden', 'tables', `hanaro-6k-2002-12-table-${number}.csv`), 'utf8');

  it("lists the seed's tables with a CSV link each", async () => {
    const list = await getJson(`/api/filings/${seedId}/documents/1/tables`);
    expect(list.tables).toEqual([
      { number: 1, page: 2, caption: null, rows: 2, columns: 2, links: { csv: `/api/filings/${seedId}/documents/1/tables/1` } },
      { number: 2, page: 4, caption: null, rows: 3, columns: 2, links: { csv: `/api/filings/${seedId}/documents/1/tables/2` } },
    ]);
    expect(DocumentTablesSchema.safeParse(list).success).toBe(true);
  });

  it.each([1, 2])('serves table %i as text/csv, as read from the filing', async (number) => {
    const response = await app.request(`/api/filings/${seedId}/documents/1/tables/${number}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="${seedId}-1-table-${number}.csv"`);
    expect(await response.text()).toBe(golden(number));
  });

  it('answers 404 for a table or a document that is not there, and 400 for a malformed number', async () => {
    expect((await getJson(`/api/filings/${seedId}/documents/1/tables/3`, 404)).error).toBe(
      'Table 3 does not exist: the document has 2 tables',
    );
    expect((await getJson(`/api/filings/${seedId}/documents/9/tables/1`, 404)).error).toMatch(/has no document 9/);
    expect((await getJson('/api/filings/0000912282-09-000008/documents/2/tables/1', 404)).error).toMatch(
      /binary attachment: it has no tables/,
    );
    expect((await getJson(`/api/filings/${seedId}/documents/1/tables/0`, 400)).error).toMatch(/table must be a table number/);
    expect((await getJson(`/api/filings/${seedId}/documents/1/tables/x`, 400)).error).toMatch(/table must be a table number/);
  });
});

describe('codes decoded and links to EDGAR', () => {
  // Read from the Acergy 6-K's header: SIC 1389, incorporated in N4, business and mail addresses in London, X0.
  it('gives a company its SIC title, the place its codes name and its EDGAR page beside the raw values', async () => {
    const company = await getJson('/api/companies/898685');
    expect(company.sic).toBe('1389');
    expect(company.sicDescription).toBe('OIL, GAS FIELD SERVICES, NBC');
    expect(company.sicTitle).toBe('OIL & GAS FIELD SERVICES, NEC');
    expect(company.stateOfIncorporation).toBe('N4');
    expect(company.stateOfIncorporationName).toBe('Luxembourg');
    expect(company.businessAddress).toMatchObject({ city: 'LONDON', state: 'X0', stateName: 'United Kingdom' });
    expect(company.mailAddress).toMatchObject({ state: 'X0', stateName: 'United Kingdom' });
    expect(company.edgarUrl).toBe('https://www.sec.gov/cgi-bin/browse-edgar?action=getcompany&CIK=0000898685');
    const listed = (await getJson('/api/companies?name=acergy')).companies[0];
    expect(listed.stateOfIncorporationName).toBe('Luxembourg');
  });

  it("links a filing to its index page on EDGAR and decodes its parties' codes", async () => {
    const filing = await getJson('/api/filings/0000950127-09-000020');
    expect(filing.links.edgar).toBe('https://www.sec.gov/Archives/edgar/data/898685/000095012709000020/0000950127-09-000020-index.htm');
    expect(filing.parties[0].company).toMatchObject({
      sic: '1389',
      sicTitle: 'OIL & GAS FIELD SERVICES, NEC',
      stateOfIncorporationName: 'Luxembourg',
    });
    expect(filing.parties[0].businessAddress).toMatchObject({ state: 'X0', stateName: 'United Kingdom' });
    const listed = await getJson('/api/companies/898685/filings');
    expect(listed.filings[0].links.edgar).toBe(filing.links.edgar);
  });

  it('has no EDGAR link for a bare document, which has no accession number', async () => {
    const filing = await getJson(`/api/filings/${seedId}`);
    expect(filing.links.edgar).toBeNull();
  });
});

describe('GET /api/filings/:accession', () => {
  it('gives the header, parties, documents and the extracted 6-K record with spans', async () => {
    const filing = await getJson(`/api/filings/${seedId}`);
    expect(filing.formType).toBe('6-K');
    expect(filing.source).toBeUndefined();
    const record = filing.formRecord;
    expect(record.form).toBe('6-K');
    expect(record.reportMonth.value).toBe('2002-12');
    expect(record.registrant.value).toBe('HANARO TELECOM, INC.');
    expect(record.annualReportForm.value).toBe('20-F');
    expect(record.furnishesUnderRule12g32b.value).toBe(false);
    expect(record.exhibits.map((exhibit: { number: string }) => exhibit.number)).toEqual(['99.1', '99.2']);
    expect(record.signatures[0].name.value).toBe('Kyu June Hwang');
    expect(record.registrant.span).toMatchObject({ document: 1, page: 1 });
  });

  it('accepts an accession number without dashes and lists documents with attachment links', async () => {
    const filing = await getJson('/api/filings/000091228209000008');
    expect(filing.accessionNumber).toBe('0000912282-09-000008');
    expect(filing.parties[0].company.cik).toBe('0001453015');
    const jpeg = filing.documents.find((document: { filename: string }) => document.filename === 'ballot.jpg');
    expect(jpeg.links.attachment).toBe(`/api/attachments/${jpeg.attachmentSha256}?filing=0000912282-09-000008`);
    expect(filing.links.original).toBe('/api/filings/0000912282-09-000008/original');
  });

  it.each([
    ['/api/filings/0000000000-00-000000', 404, /No filing 0000000000-00-000000/],
    ['/api/filings/..%2F..%2Fetc%2Fpasswd', 400, /not an accession number/],
    ['/api/filings/0000912282-09-00000', 400, /not an accession number/],
    ["/api/filings/1'%20OR%20'1'='1", 400, /not an accession number/],
    ['/api/filings/0000912282-09-000008/documents/99', 404, /has no document 99/],
    ['/api/filings/0000912282-09-000008/documents/1?format=pdf', 400, /format must be one of text, markdown, html, json/],
    ['/api/filings/0000912282-09-000008/documents/1?page=99', 404, /Page 99 does not exist/],
    ['/api/filings/0000912282-09-000008/documents/2', 400, /binary attachment \(ballot.jpg\).*\/api\/attachments\//],
    ['/api/filings/0000000000-00-000000/original', 404, /No filing/],
    ['/api/nothing/here', 404, /Nothing at \/api\/nothing\/here/],
  ])('%s answers %i', async (path, status, message) => {
    expect((await getJson(path, status)).error).toMatch(message);
  });
});

describe('GET /api/filings/:accession/documents/:seq', () => {
  it.each([
    ['text', /^text\/plain/, /HANARO TELECOM, INC\./],
    ['markdown', /^text\/markdown/, /\| *Exhibit 99\.1/],
    ['html', /^text\/html/, /<table[^>]* data-start="\d+" data-end="\d+"/],
  ])('renders the seed as %s', async (format, type, content) => {
    const response = await app.request(`/api/filings/${seedId}/documents/1?format=${format}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(type);
    expect(await response.text()).toMatch(content);
  });

  it('renders JSON (the document model without its source) and one page at a time', async () => {
    const model = await getJson(`/api/filings/${seedId}/documents/1?format=json`);
    expect(model.kind).toBe('document');
    expect(model.source).toBeUndefined();
    expect(model.pages.length).toBeGreaterThanOrEqual(4);
    const page = await getJson(`/api/filings/${seedId}/documents/1?format=json&page=3`);
    expect(page.pages).toHaveLength(1);
    expect(page.pages[0].number).toBe(3);
  });

  it('finds a document by type, and gives the whole HTML page a policy that allows only its own style', async () => {
    const response = await app.request('/api/filings/0000950127-09-000020/documents/EX-99.1?format=html');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toBe(
      "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    );
    expect(await response.text()).toMatch(/^<!DOCTYPE html>/);
  });
});

describe('search pages refused', () => {
  it('shows a query too broad on the search page with its words kept, naming the term', async () => {
    const response = await app.request(`/?q=${encodeURIComponent('(s* OR t*) (p* OR r*) -e*')}`);
    expect(response.status).toBe(400);
    const page = await response.text();
    expect(page).toContain('Query too broad: &quot;s*&quot;');
    expect(page).toContain('value="(s* OR t*) (p* OR r*) -e*"');
  });
});

describe('original bytes and attachments', () => {
  it.each([JPEGS, ACERGY])('gives back %s byte for byte as text/plain with its charset', async (file) => {
    const accession = file.slice(4, 24);
    const response = await app.request(`/api/filings/${accession}/original`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(Buffer.from(await response.arrayBuffer()).equals(readFileSync(corpusPath(file)))).toBe(true);
  });

  it('gives back the seed byte for byte', async () => {
    const response = await app.request(`/api/filings/${seedId}/original`);
    expect(Buffer.from(await response.arrayBuffer()).equals(readFileSync(seedPath()))).toBe(true);
  });

  it('serves the uuencoded JPEGs decoded, exactly, as image/jpeg inline', async () => {
    const filing = await getJson('/api/filings/0000912282-09-000008');
    const text = readFileSync(corpusPath(JPEGS), 'latin1');
    for (const name of ['ballot.jpg', 'ballotx.jpg', 'img2.jpg']) {
      const document = filing.documents.find((candidate: { filename: string }) => candidate.filename === name);
      const response = await app.request(document.links.attachment);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('image/jpeg');
      expect(response.headers.get('content-disposition')).toBe(`inline; filename="${name}"`);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('etag')).toBe(`"${document.attachmentSha256}"`);
      const bytes = Buffer.from(await response.arrayBuffer());
      expect([...bytes.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(document.attachmentSha256);
      expect(bytes.equals(uudecodeFromFile(text, name))).toBe(true);
    }
  });

  it('offers a PDF as a download, and knows an image by its bytes when no filing is named', async () => {
    const filing = await getJson('/api/filings/0001279569-09-000080');
    const pdf = filing.documents.find((document: { attachmentName: string | null }) => document.attachmentName?.endsWith('.pdf'));
    const response = await app.request(pdf.links.attachment);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="ex991\.pdf"$/);
    expect(
      Buffer.from(await response.arrayBuffer())
        .subarray(0, 5)
        .toString('latin1'),
    ).toBe('%PDF-');
    const jpeg = (await getJson('/api/filings/0000912282-09-000008')).documents[1];
    const bare = await app.request(`/api/attachments/${jpeg.attachmentSha256}`);
    expect(bare.headers.get('content-type')).toBe('image/jpeg');
    const revalidated = await app.request(`/api/attachments/${jpeg.attachmentSha256}`, {
      headers: { 'If-None-Match': `"${jpeg.attachmentSha256}"` },
    });
    expect(revalidated.status).toBe(304);
  });

  it('answers 400 for a malformed hash, 404 for an unknown one or one the named filing does not have', async () => {
    expect((await getJson('/api/attachments/..%2F..%2Fetc%2Fpasswd', 400)).error).toMatch(/not a SHA-256/);
    expect((await getJson(`/api/attachments/${'0'.repeat(64)}`, 404)).error).toMatch(/No attachment/);
    const jpeg = (await getJson('/api/filings/0000912282-09-000008')).documents[1];
    expect((await getJson(`/api/attachments/${jpeg.attachmentSha256}?filing=0000950127-09-000020`, 404)).error).toMatch(
      /has no attachment/,
    );
    expect((await getJson(`/api/attachments/${jpeg.attachmentSha256}?filing=nope`, 400)).error).toMatch(/not an accession number/);
  });
});

describe('stats and OpenAPI', () => {
  it('gives the stats', async () => {
    const stats = await getJson('/api/stats');
    expect(stats.filings).toBe(6);
    expect(stats.formTypes).toContainEqual({ formType: '6-K', count: 6 });
  });

  it('describes every API route in OpenAPI 3.1, generated from the route schemas', async () => {
    const document = await getJson('/api/openapi.json');
    expect(document.openapi).toBe('3.1.0');
    // Every operation the API serves (the reference page's own files and the root that points to them aside) is
    // described, and nothing else.
    const served = app.routes
      .filter(
        (route) =>
          route.path.startsWith('/api/') &&
          route.path !== '/api/' &&
          ['GET', 'POST'].includes(route.method) &&
          !route.path.startsWith('/api/docs'),
      )
      .map((route) => `${route.method} ${route.path.replace(/:(\w+)/g, '{$1}')}`);
    const described = Object.entries(document.paths as Record<string, Record<string, unknown>>).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(new Set(served)).toEqual(new Set(described));
    const parameters = (path: string) =>
      (document.paths[path].get.parameters as { name: string; in: string }[]).map((parameter) => `${parameter.in}:${parameter.name}`);
    expect(parameters('/api/search').sort()).toEqual(
      [
        'query:q',
        'query:form',
        'query:cik',
        'query:company',
        'query:from',
        'query:to',
        'query:sort',
        'query:format',
        'query:limit',
        'query:offset',
      ].sort(),
    );
    expect(parameters('/api/filings/{accession}/documents/{seq}').sort()).toEqual(
      ['path:accession', 'path:seq', 'query:format', 'query:page'].sort(),
    );
    const limit = document.paths['/api/search'].get.parameters.find((parameter: { name: string }) => parameter.name === 'limit');
    expect(limit.schema).toMatchObject({ type: 'integer', minimum: 1, maximum: 200, default: 20 });
    // The compose API takes the 6-K record: its schema is compose --schema's, from the one zod definition.
    expect(document.paths['/api/compose'].post.requestBody.content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/Form6KRecord',
    });
    const { $schema: _dialect, $id: _id, ...record } = FORM_6K_SCHEMA;
    expect(document.components.schemas.Form6KRecord).toEqual(JSON.parse(JSON.stringify(record)));
    // Every $ref points at something that exists.
    const refs = JSON.stringify(document).match(/"#\/components\/[^"]+"/g) ?? [];
    expect(refs.length).toBeGreaterThan(5);
    for (const ref of refs) {
      const [, , group, name] = JSON.parse(ref).split('/') as string[];
      expect(document.components[group as string]?.[name as string], ref).toBeDefined();
    }
  });

  it('describes every field of the answers: each answer parses with its schema and loses nothing', async () => {
    const cases = [
      [SearchPageSchema, '/api/search?q=%22convertible%20bonds%22'],
      [SearchPageSchema, '/api/search?q=&form=6-K&limit=2'],
      [CompanyPageSchema, '/api/companies?name=acergy'],
      [CompanySchema, '/api/companies/898685'],
      [CompanyFilingsSchema, '/api/companies/898685/filings'],
      [FilingSchema, '/api/filings/0000912282-09-000008'],
      [FilingSchema, `/api/filings/${seedId}`],
      [StatsSchema, '/api/stats'],
    ] as const;
    for (const [schema, path] of cases) {
      const body = await getJson(path);
      const parsed = schema.safeParse(body);
      expect(parsed.success ? [] : parsed.error.issues, path).toEqual([]);
      expect(parsed.data, path).toEqual(body);
    }
  });

  it('serves an interactive reference at /api/docs from local files only', async () => {
    const page = await app.request('/api/docs');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self';/);
    const sources = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1] as string);
    expect(sources.length).toBe(3);
    for (const source of sources) {
      expect(source).toMatch(/^\/api\/docs\//);
      const response = await app.request(source);
      expect(response.status, source).toBe(200);
      expect((await response.text()).length, source).toBeGreaterThan(100);
    }
    expect(html).not.toMatch(/<script>|<style>|https?:/);
    expect((await app.request('/api/docs/0.0.0/x.js')).status).toBe(404);
  });

  it('answers at its root with where its description and reference are, and in JSON for a path it does not have', async () => {
    for (const root of ['/api', '/api/']) {
      const index = await app.request(root);
      expect(index.status, root).toBe(200);
      const links = (await index.json()) as { openapi: string; docs: string };
      expect((await app.request(links.openapi)).status).toBe(200);
      expect((await app.request(links.docs)).status).toBe(200);
    }
    const missing = await app.request('/api/nothing-here');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await missing.json()).toEqual({ error: 'Nothing at /api/nothing-here' });
  });
});
