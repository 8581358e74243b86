import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusPath, seedPath } from '../../test/shared-files.js';
import { ingestPaths } from '../pipeline/ingest.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import type { ReadWriteStore } from '../store/store.js';
import { createApp } from './create-app.js';

const FILES = ['fpi/0000912282-09-000008.txt', 'fpi/0000950127-09-000020.txt', 'fpi/0001279569-09-000080.txt'];

let store: ReadWriteStore;
let app: ReturnType<typeof createApp>;
let seedId: string;

beforeAll(async () => {
  store = openSqliteStore(':memory:');
  await ingestPaths(store, [seedPath(), ...FILES.map(corpusPath)], { workers: 0 });
  app = createApp({ store, log: (error) => expect.fail(String(error)) });
  seedId = `local-${createHash('sha256').update(readFileSync(seedPath())).digest('hex').slice(0, 20)}`;
});
afterAll(async () => {
  await store.close();
});

interface SearchJson {
  readonly total: number;
  readonly hits: readonly { readonly documents: readonly unknown[] }[];
  readonly facets: { readonly forms: readonly { readonly value: string; readonly count: number }[] };
}

async function page(path: string, status = 200): Promise<string> {
  const response = await app.request(path);
  const text = await response.text();
  expect(response.status, `${path}: ${text.slice(0, 300)}`).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^text\/html; charset=utf-8/i);
  return text;
}

/** The text of the element that carries `marker`, tags removed (enough for these small fragments). */
function textAround(markup: string, marker: string, length = 400): string {
  const at = markup.indexOf(marker);
  expect(at, marker).toBeGreaterThan(-1);
  return markup
    .slice(at, at + length)
    .replace(/<[^>]*>/g, '')
    .replace(/&amp;/g, '&');
}

describe('search page', () => {
  it('shows what the database holds and example queries when nothing is asked', async () => {
    const html = await page('/');
    expect(html).toMatch(/<input type="search" name="q"/);
    expect(html).toMatch(/<strong>4<\/strong><span>filings<\/span>/);
    expect(html).toContain('href="/?form=6-K"');
    expect(html).toContain('href="/?q=%22convertible+bonds%22"');
  });

  it('ranks hits with highlighted snippets and links to the filing, the document and the company', async () => {
    const html = await page('/?q=%22convertible+bonds%22');
    expect(html).toMatch(/<mark>convertible bonds<\/mark>|<mark>convertible<\/mark> <mark>bonds<\/mark>/i);
    expect(html).toContain(`href="/filings/${seedId}"`);
    expect(html).toContain(`href="/filings/${seedId}/documents/1"`);
    expect(html).toContain('value="&quot;convertible bonds&quot;"');
    // A filing without a header is named by the registrant its cover gives.
    expect(textAround(html, 'class="result-title"')).toContain('HANARO TELECOM, INC.');
  });

  it('lists each filing once with its matching documents, the total, facets that narrow, sort and exports', async () => {
    const markup = await page('/?q=acergy');
    const api = (await (await app.request('/api/search?q=acergy')).json()) as SearchJson;
    expect(markup).toContain(`<strong>${api.total} filing${api.total === 1 ? '' : 's'}</strong>`);
    expect(markup.match(/<li class="result">/g)?.length).toBe(api.hits.length);
    for (const hit of api.hits) expect(hit.documents.length).toBeGreaterThan(0);
    expect(markup).toMatch(/<aside class="facets"/);
    const formFacet = api.facets.forms[0] as { value: string; count: number };
    expect(markup).toContain(`href="/?q=acergy&amp;form=${encodeURIComponent(formFacet.value)}"`);
    const narrowed = (await (await app.request(`/api/search?q=acergy&form=${encodeURIComponent(formFacet.value)}`)).json()) as SearchJson;
    expect(narrowed.total).toBe(formFacet.count);
    expect(markup).toContain('href="/api/search?q=acergy&amp;format=csv"');
    expect(markup).toMatch(/<select name="sort">/);
    expect(await page('/?q=acergy&sort=oldest')).toContain('oldest first');
  });

  it('offers the company and companies pages as CSV and JSON, every row', async () => {
    const company = await page('/companies/898685');
    expect(company).toContain('href="/api/companies/0000898685/filings?format=csv"');
    const csv = await (await app.request('/api/companies/0000898685/filings?format=csv')).text();
    const rows = csv.trimEnd().split('\n');
    expect(rows[0]).toBe('accession_number,form_type,filed_at,period_of_report,company,cik,documents');
    expect(rows.slice(1).map((row) => row.split(',')[0])).toEqual(['0000950127-09-000020']);
    const companies = await page('/companies?name=stolt');
    expect(companies).toContain('href="/api/companies?name=stolt&amp;format=csv"');
    const listed = await (await app.request('/api/companies?name=stolt&format=csv')).text();
    expect(listed).toContain('0000898685,ACERGY S.A.,1,');
    expect(listed).toContain('STOLT OFFSHORE S A | STOLT COMEX SEAWAY S A');
  });

  it('filters and pages', async () => {
    const first = await page('/?form=6-K&limit=2');
    expect(first.match(/class="result"/g)).toHaveLength(2);
    expect(first).toContain('href="/?form=6-K&amp;limit=2&amp;offset=2" rel="next"');
    const second = await page('/?form=6-K&limit=2&offset=2');
    expect(second).toContain('rel="prev"');
    const company = await page('/?company=acergy');
    expect(company.match(/class="result"/g)).toHaveLength(1);
    expect(await page('/?q=zzzyzzx')).toContain('No matches');
  });

  it('answers a malformed query with 400 and says what is wrong, keeping the query in the box', async () => {
    const html = await page('/?q=%22unclosed', 400);
    expect(html).toContain('a phrase opened with &quot; is never closed');
    expect(html).toContain('value="&quot;unclosed"');
  });
});

describe('company page', () => {
  it('shows names (current and former), addresses, a chart per year and the filings', async () => {
    const html = await page('/companies/898685');
    expect(html).toContain('<h1>ACERGY S.A.</h1>');
    expect(html).toContain('STOLT OFFSHORE S A');
    expect(html).toContain('STOLT COMEX SEAWAY S A');
    expect(html).toContain('200 HAMMERSMITH ROAD');
    expect(html).toMatch(/<svg class="chart"[^>]*role="img"/);
    expect(html).toContain('<title>2009 · 6-K: 1</title>');
    expect(html).toContain('href="/filings/0000950127-09-000020"');
    expect(html).toContain('href="/companies/0000898685?form=6-K"');
  });

  it('decodes its SIC, state and country codes beside the raw codes, and links to its EDGAR page', async () => {
    const html = await page('/companies/898685');
    expect(textAround(html, '<dt>Industry (SIC)</dt>', 120)).toContain('1389 OIL & GAS FIELD SERVICES, NEC');
    expect(textAround(html, '<dt>Incorporated in</dt>', 80)).toContain('N4 (Luxembourg)');
    expect(textAround(html, '<dt>Business</dt>', 200)).toContain('LONDON X0 (United Kingdom) W6 7DL');
    expect(html).toContain(
      '<a href="https://www.sec.gov/cgi-bin/browse-edgar?action=getcompany&amp;CIK=0000898685" rel="external noopener noreferrer">',
    );
  });

  it('filters by form, and answers 404 / 400 for an unknown / malformed CIK', async () => {
    expect(await page('/companies/898685?form=10-K')).toContain('No filings.');
    expect(await page('/companies/1234567', 404)).toContain('No company with CIK 0001234567');
    expect(await page('/companies/x1', 400)).toContain('not a CIK');
  });

  it('lists companies by name', async () => {
    const html = await page('/companies?name=acergy');
    expect(html).toContain('href="/companies/0000898685"');
    expect(html).not.toContain('0001453015');
  });
});

describe('filing page', () => {
  it("shows the seed's extracted 6-K record with every field linked to its span", async () => {
    const html = await page(`/filings/${seedId}`);
    expect(textAround(html, 'data-field="registrant"', 300)).toContain('HANARO TELECOM, INC.');
    expect(textAround(html, 'data-field="reportMonth"', 300)).toContain('2002-12');
    expect(textAround(html, 'data-field="annualReportForm"', 300)).toContain('20-F');
    expect(textAround(html, 'data-field="furnishesUnderRule12g32b"', 300)).toContain('No');
    expect(textAround(html, 'data-exhibit="99.1"', 300)).toContain('redemption of convertible bonds');
    expect(textAround(html, 'data-exhibit="99.2"', 1000)).toContain('not attached');
    expect(textAround(html, 'data-field="signature-name"', 300)).toContain('Kyu June Hwang');
    const link = /data-field="registrant"><a class="field" href="([^"]+)"/.exec(html)?.[1];
    expect(link).toBe(`/filings/${seedId}/documents/1?start=511&amp;end=531`);
    expect(html).toContain(`href="/api/filings/${seedId}/original"`);
  });

  it('shows header facts and parties with CIKs linking to the company', async () => {
    const html = await page('/filings/0000950127-09-000020');
    expect(html).toContain('2009-01-13');
    expect(html).toContain('2009-01-12');
    expect(html).toContain('<a class="mono" href="/companies/0000898685">0000898685</a>');
    expect(html).toContain('href="/filings/0000950127-09-000020/documents/2"');
  });

  it("links to the filing index page on EDGAR and decodes the parties' codes; a bare document has no such link", async () => {
    const html = await page('/filings/0000950127-09-000020');
    expect(html).toContain(
      'href="https://www.sec.gov/Archives/edgar/data/898685/000095012709000020/0000950127-09-000020-index.htm" rel="external noopener noreferrer"',
    );
    expect(html).toContain('1389 OIL &amp; GAS FIELD SERVICES, NEC');
    expect(html).toContain('X0 (United Kingdom)');
    expect(await page(`/filings/${seedId}`)).not.toContain('www.sec.gov/Archives');
  });

  it('answers 404 for an unknown filing and 400 for a malformed accession', async () => {
    expect(await page('/filings/0000000000-00-000000', 404)).toContain('No filing 0000000000-00-000000');
    expect(await page('/filings/not-an-accession', 400)).toContain('not an accession number');
  });
});

describe('document page', () => {
  it('shows legacy ASCII page by page with its tables as real tables', async () => {
    const html = await page(`/filings/${seedId}/documents/1`);
    expect(html).toMatch(/<section class="page" id="page-1"/);
    expect(html.match(/<table /g)).toHaveLength(2);
    expect(html).toContain('aria-current="page">Rendered');
    expect(html).toContain(`href="/api/filings/${seedId}/original"`);
  });

  it('offers each table as CSV, with the page it is on', async () => {
    const html = await page(`/filings/${seedId}/documents/1`);
    const api = `/api/filings/${seedId}/documents/1/tables`;
    expect(html).toMatch(new RegExp(`<a href="${api}/1" download title="page 2, 2 × 2">1 \\(p\\. 2\\)</a>`));
    expect(html).toMatch(new RegExp(`<a href="${api}/2" download title="page 4, 3 × 2">2 \\(p\\. 4\\)</a>`));
    expect(html).not.toContain(`${api}/3`);
  });

  it('toggles to the original text, escaped in a <pre>, marking a span when one is given', async () => {
    const html = await page(`/filings/${seedId}/documents/1?view=original&start=511&end=531`);
    expect(html).toContain('<pre class="original">');
    expect(html).toContain('<mark id="highlight">HANARO TELECOM, INC.</mark>');
    expect(html).toContain('&lt;TABLE&gt;');
  });

  it('shows an HTML document clean, links every attachment, and shows an image attachment as an image', async () => {
    const html = await page('/filings/0000912282-09-000008/documents/1');
    expect(html).toContain('data-source-format="html"');
    expect(html).toMatch(/href="\/api\/attachments\/[0-9a-f]{64}\?filing=0000912282-09-000008" download>ballot\.jpg</);
    const image = await page('/filings/0000912282-09-000008/documents/2');
    expect(image).toMatch(
      /<img class="attachment-image" src="\/api\/attachments\/[0-9a-f]{64}\?filing=0000912282-09-000008" alt="ballot\.jpg">/,
    );
    const pdf = await page('/filings/0001279569-09-000080/documents/3');
    expect(pdf).toContain('Download ex991.pdf');
  });

  it('answers 404 for a document the filing does not have', async () => {
    expect(await page(`/filings/${seedId}/documents/7`, 404)).toContain('has no document 7');
    expect(await page(`/filings/${seedId}/documents/1?view=raw`, 400)).toContain('view must be one of rendered, original');
  });
});

describe('static files', () => {
  it('serves the stylesheet and the script under hashed names, cacheable for good', async () => {
    const html = await page('/');
    const css = /<link rel="stylesheet" href="([^"]+)">/.exec(html)?.[1] as string;
    const js = /<script src="([^"]+)" defer><\/script>/.exec(html)?.[1] as string;
    const style = await app.request(css);
    expect(style.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(style.headers.get('cache-control')).toContain('immutable');
    expect(await style.text()).toContain('@media (max-width: 640px)');
    const script = await app.request(js);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toContain('data-start');
  });
});
