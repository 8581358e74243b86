import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusPath, seedPath } from '../../test/shared-files.js';
import { ingestPaths } from '../pipeline/ingest.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import type { ReadWriteStore, Store } from '../store/store.js';
import { createApp } from './create-app.js';

const PROBE = '<script>alert(1)</script>';
const ACCESSION = '9999999999-02-000001';

/** A filing whose every string a page shows is hostile: header names and addresses, file names, text, HTML, an attachment name. */
function hostileFiling(): string {
  const uuencoded = ['begin 644 x"><script>alert(1)</script>.html', '#86)C', '`', 'end'].join('\n');
  return `<SEC-DOCUMENT>${ACCESSION}.txt : 20021227
<SEC-HEADER>${ACCESSION}.hdr.sgml : 20021227
ACCESSION NUMBER:		${ACCESSION}
CONFORMED SUBMISSION TYPE:	6-K
PUBLIC DOCUMENT COUNT:		3
CONFORMED PERIOD OF REPORT:	20021227
FILED AS OF DATE:		20021227

FILER:

	COMPANY DATA:	
		COMPANY CONFORMED NAME:			${PROBE} CORP
		CENTRAL INDEX KEY:			0009999999
		STANDARD INDUSTRIAL CLASSIFICATION:	${PROBE} [1389]
		STATE OF INCORPORATION:			"><script>alert(1)</script>

	FILING VALUES:
		FORM TYPE:		6-K
		SEC FILE NUMBER:	<img src=x onerror=alert(1)>

	BUSINESS ADDRESS:	
		STREET 1:		<img src=x onerror=alert(1)>
		CITY:			"><script>alert(1)</script>

	FORMER COMPANY:	
		FORMER CONFORMED NAME:	${PROBE} OLD
		DATE OF NAME CHANGE:	20000510
</SEC-HEADER>
<DOCUMENT>
<TYPE>6-K
<SEQUENCE>1
<FILENAME>${PROBE}.txt
<DESCRIPTION>${PROBE}
<TEXT>
                                    FORM 6-K

                        REPORT OF FOREIGN PRIVATE ISSUER

                   For the month of December 2002 ${PROBE}

                              ${PROBE} TELECOM
                            (Name of the Registrant)

                   <img src=x onerror=alert(1)> Seoul
                    (Address of Principal Executive Offices)

     Form 20-F  X   Form 40-F
               ---            ---

Exhibit 99.1:   ${PROBE} a notice regarding convertible bonds

                                   SIGNATURES

                                           ${PROBE}

Date: December 27, 2002                    By: /s/ ${PROBE}
                                               Name:  ${PROBE}
                                               Title: Director " onmouseover="alert(1)
</TEXT>
</DOCUMENT>
<DOCUMENT>
<TYPE>EX-99.1
<SEQUENCE>2
<FILENAME>ex99.htm
<DESCRIPTION>"><img src=x onerror=alert(1)>
<TEXT>
<html><head><script>alert(1)</script><style>body{background:url(javascript:alert(1))}</style></head>
<body onload="alert(1)"><p>Hello ${PROBE} convertible</p><img src=x onerror=alert(1)><a href="javascript:alert(1)">click</a>
<iframe src="https://example.com/"></iframe><table><tr><td onclick="alert(1)">${PROBE}</td></tr></table></body></html>
</TEXT>
</DOCUMENT>
<DOCUMENT>
<TYPE>GRAPHIC
<SEQUENCE>3
<FILENAME>x.html
<TEXT>
${uuencoded}
</TEXT>
</DOCUMENT>
</SEC-DOCUMENT>
`;
}

let store: ReadWriteStore;
let app: ReturnType<typeof createApp>;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'edgarkit-xss-'));
  writeFileSync(join(dir, 'hostile.txt'), hostileFiling());
  store = openSqliteStore(':memory:');
  const summary = await ingestPaths(store, [join(dir, 'hostile.txt'), seedPath(), corpusPath('fpi/0000912282-09-000008.txt')], {
    workers: 0,
  });
  expect(summary.failed).toEqual([]);
  app = createApp({ store, log: () => {} });
});
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const ALLOWED_TAGS = new Set(
  'html head meta title link script body a header div nav main footer h1 h2 h3 h4 h5 h6 p form input button label datalist option select aside section ol ul li span strong code kbd mark dl dt dd table thead tbody tfoot tr th td caption pre article br hr img svg g rect line text figure i em b small'.split(
    ' ',
  ),
);

const SAFE_URL =
  /^(\/|#|$|https:\/\/www\.sec\.gov\/Archives\/edgar\/data\/\d{1,10}\/\d{18}\/\d{10}-\d{2}-\d{6}-index\.htm$|https:\/\/www\.sec\.gov\/cgi-bin\/browse-edgar\?action=getcompany&amp;CIK=\d{10}$)/;

/** Every tag in the markup is one the pages write, with no event handler, no script URL, and no script but ours. */
function expectSafeMarkup(markup: string, where: string): void {
  expect(markup, where).not.toContain(PROBE);
  for (const match of markup.matchAll(/<([A-Za-z][A-Za-z0-9]*)\b([^>]*)>/g)) {
    const tag = (match[1] as string).toLowerCase();
    const attributes = (match[2] as string).replace(/"[^"]*"/g, '""');
    expect(ALLOWED_TAGS.has(tag), `${where}: <${tag}>`).toBe(true);
    expect(attributes, `${where}: ${match[0]}`).not.toMatch(/\bon[a-z]+\s*=|javascript:|style\s*=/i);
    if (tag === 'script') expect(match[0], where).toMatch(/^<script src="\/static\/app\.[0-9a-f]+\.js" defer>$/);
    if (tag === 'img') expect(match[0], where).toMatch(/src="\/api\/attachments\//);
    for (const url of (match[0].match(/(?:href|src|action)="([^"]*)"/g) ?? []).map((attribute) => attribute.replace(/^\w+="|"$/g, ''))) {
      // Same-site, or one of the two EDGAR pages sec-links.ts builds from digits alone (nothing of the filing's text).
      expect(url, `${where}: ${match[0]}`).toMatch(SAFE_URL);
    }
  }
}

describe('XSS: filing text never reaches a page as markup', () => {
  const pages = [
    '/',
    '/?q=convertible',
    '/?q=alert',
    '/?q=script+alert',
    `/?q=${encodeURIComponent(PROBE)}`,
    `/?q=${encodeURIComponent(`"${PROBE}`)}`,
    `/?company=${encodeURIComponent(PROBE)}`,
    '/companies',
    `/companies?name=${encodeURIComponent('<script>')}`,
    '/companies/9999999',
    `/filings/${ACCESSION}`,
    `/filings/${ACCESSION}/documents/1`,
    `/filings/${ACCESSION}/documents/1?view=original`,
    `/filings/${ACCESSION}/documents/1?view=original&start=0&end=400`,
    `/filings/${ACCESSION}/documents/2`,
    `/filings/${ACCESSION}/documents/2?view=original`,
    `/filings/${ACCESSION}/documents/3`,
    `/filings/${encodeURIComponent(PROBE)}`,
    `/filings/${ACCESSION}/documents/${encodeURIComponent('"><script>')}`,
    `/${encodeURIComponent(PROBE)}`,
  ];

  it.each(pages)('%s', async (path) => {
    const response = await app.request(path);
    expect(response.status).toBeLessThan(500);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const body = await response.text();
    expectSafeMarkup(body, path);
  });

  it('the hostile filing was read: its strings are on the pages, escaped', async () => {
    const filing = await (await app.request(`/filings/${ACCESSION}`)).text();
    expect(filing).toContain('&lt;script&gt;alert(1)&lt;/script&gt; CORP');
    const text = await (await app.request(`/filings/${ACCESSION}/documents/1`)).text();
    expect(text).toContain('&lt;script&gt;alert(1)&lt;/script&gt; TELECOM');
    const html = await (await app.request(`/filings/${ACCESSION}/documents/2`)).text();
    expect(html).toMatch(/<p[^>]*>Hello\s+convertible<\/p>/);
    const original = await (await app.request(`/filings/${ACCESSION}/documents/2?view=original`)).text();
    expect(original).toContain('&lt;body onload=&quot;alert(1)&quot;&gt;&lt;p&gt;Hello &lt;script&gt;alert(1)&lt;/script&gt; convertible');
  });

  it('keeps the JSON snippets and the rendered HTML of the API safe too', async () => {
    const search = (await (await app.request('/api/search?q=convertible')).json()) as { hits: { documents: { snippetHtml: string }[] }[] };
    expect(search.hits.length).toBeGreaterThan(0);
    for (const hit of search.hits) for (const document of hit.documents) expectSafeMarkup(document.snippetHtml, 'snippetHtml');
    const rendered = await (await app.request(`/api/filings/${ACCESSION}/documents/2?format=html`)).text();
    expect(rendered).not.toContain(PROBE);
    expect(rendered).not.toMatch(/<(script|iframe|img)\b/i);
  });

  it('serves a hostile attachment name as a download with a safe file name, never as HTML', async () => {
    const filing = (await (await app.request(`/api/filings/${ACCESSION}`)).json()) as {
      documents: { links: { attachment: string | null } }[];
    };
    const link = filing.documents[2]?.links.attachment as string;
    const response = await app.request(link);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/octet-stream');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="[A-Za-z0-9._-]+"$/);
  });
});

describe('security headers', () => {
  const paths = [
    '/',
    '/?q=%22unclosed',
    '/filings/0000912282-09-000008',
    '/filings/0000912282-09-000008/documents/1',
    '/nowhere',
    '/api/search?q=bonds',
    '/api/search?q=%22unclosed',
    '/api/nowhere',
    '/api/filings/0000912282-09-000008/original',
    '/api/filings/0000912282-09-000008/documents/1?format=html',
    '/api/stats',
  ];

  it.each(paths)('%s', async (path) => {
    const response = await app.request(path);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/default-src 'none'/);
    expect(csp).toMatch(/frame-ancestors 'none'/);
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
  });

  it('allows only our own script, style and images on pages', async () => {
    const csp = (await app.request('/')).headers.get('content-security-policy');
    expect(csp).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
    );
  });
});

describe('unexpected errors', () => {
  it('become a 500 with no detail, and are logged', async () => {
    const logged: unknown[] = [];
    const broken = new Proxy({} as Store, {
      get: () => async () => {
        throw new Error('disk on fire at /var/secret/path');
      },
    });
    const failing = createApp({ store: broken, log: (error) => logged.push(error) });
    const api = await failing.request('/api/stats');
    expect(api.status).toBe(500);
    const body = await api.text();
    expect(JSON.parse(body)).toEqual({ error: 'Internal server error: the problem was logged on the server' });
    const page = await failing.request('/filings/0000912282-09-000008');
    expect(page.status).toBe(500);
    const html = await page.text();
    expect(html).not.toContain('disk on fire');
    expect(html).not.toMatch(/\bat .*\.ts:\d+/);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(logged).toHaveLength(2);
  });
});
