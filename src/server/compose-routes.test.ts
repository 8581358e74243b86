import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../test/shared-files.js';
import { readBack6K } from '../validate/round-trip.js';
import { COMPOSE_ASSETS } from './compose-assets.js';
import { formToRecord, recordToFields } from './compose-form.js';
import { registerComposeRoutes } from './compose-routes.js';
import { securityHeaders } from './security-headers.js';

const golden = JSON.parse(readFileSync(join(projectRoot, 'testdata', 'golden', 'forms', 'hanaro-6k-2002-12.json'), 'utf8')) as Record<
  string,
  unknown
>;
delete golden._comment;

function app(): Hono {
  const app = new Hono();
  app.use('*', securityHeaders());
  registerComposeRoutes(app);
  return app;
}

const json = (body: unknown) => ({ method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
const form = (fields: Record<string, string>) => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
});

describe('the compose routes', () => {
  it('GET /compose: the form, its own script and style, a policy that lets it frame only its own preview', async () => {
    const response = await app().request('/compose');
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Security-Policy')).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'; frame-src 'self'",
    );
    const page = await response.text();
    expect(page).toContain('<form id="compose-form" class="compose" method="post" action="/compose">');
    expect(page).toContain(`<script src="${COMPOSE_ASSETS.script.path}" defer></script>`);
    expect(page).not.toMatch(/<script>|\son[a-z]+=|style="/);
    const script = await app().request(COMPOSE_ASSETS.script.path);
    expect(script.headers.get('Content-Type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).not.toContain('innerHTML');
  });

  it('POST /api/compose: a JSON record in; both renderings, the findings and the submission out', async () => {
    const response = await app().request('/api/compose', json(golden));
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      ok: boolean;
      ascii: string;
      html: string;
      findings: unknown[];
      submissionTxt: string;
      previewUrl: string;
      readBack: { same: boolean };
    };
    expect(body.ok).toBe(true);
    expect(body.ascii).toContain('                         For the month of December 2002');
    expect(body.html).toContain('Form 20-F &#9746;');
    expect(body.findings).toEqual([]);
    expect(body.readBack.same).toBe(true);
    expect(readBack6K(body.submissionTxt)).toEqual(golden);
    const preview = await app().request(body.previewUrl);
    expect(preview.status).toBe(404); // another app, another cache
  });

  it('POST /api/compose: a malformed record is a bad request that names the fields', async () => {
    const response = await app().request('/api/compose', json({ ...golden, reportMonth: '2002/12', exhibits: [{ number: 99.1 }] }));
    expect(response.status).toBe(400);
    const body = (await response.json()) as { ok: boolean; problems: { path: string; message: string }[] };
    expect(body.ok).toBe(false);
    expect(body.problems.map((problem) => problem.path)).toEqual(['reportMonth', 'exhibits[0].description', 'exhibits[0].number']);
    expect(
      (await app().request('/api/compose', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{' })).status,
    ).toBe(400);
    expect((await app().request('/api/compose', { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: 'x' })).status).toBe(
      415,
    );
  });

  it("the form's fields: problems point at their fields, and the preview is served with its own strict policy", async () => {
    const compose = app();
    const fields = { ...recordToFields(golden), 'exhibit.5.number': '99.3' };
    const response = await compose.request('/api/compose', form(fields));
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      ok: boolean;
      problems: { field: string | null; message: string }[];
      previewUrl: string | null;
    };
    expect(body.ok).toBe(false);
    expect(body.problems).toEqual([
      {
        path: 'exhibits[2].description',
        severity: 'error',
        message: 'exhibits[2].description must not be empty',
        field: 'exhibit.5.description',
      },
    ]);
    const good = (await (await compose.request('/api/compose', form(recordToFields(golden)))).json()) as { previewUrl: string };
    const preview = await compose.request(good.previewUrl);
    expect(preview.status).toBe(200);
    expect(preview.headers.get('Content-Security-Policy')).toContain("frame-ancestors 'self'");
    expect(preview.headers.get('Content-Security-Policy')).toContain('sandbox');
    expect(preview.headers.get('X-Frame-Options')).toBe('SAMEORIGIN');
    expect(await preview.text()).toContain('<b>HANARO TELECOM, INC.</b>');
  });

  it('POST /compose/download: the submission as a file (.txt, or EDGARLink XML with placeholders); a broken record gets the page back', async () => {
    const download = await app().request('/compose/download', form(recordToFields(golden)));
    expect(download.status).toBe(200);
    expect(download.headers.get('Content-Disposition')).toBe('attachment; filename="form6-k-submission.txt"');
    expect(readBack6K(new Uint8Array(await download.arrayBuffer()))).toEqual(golden);
    const xml = await app().request('/compose/download', form({ ...recordToFields(golden), submission: 'xml', format: 'html' }));
    expect(xml.headers.get('Content-Disposition')).toBe('attachment; filename="form6-k-submission.xml"');
    const text = await xml.text();
    expect(text).toContain('<ccc>XXXXXXXX</ccc><!-- PLACEHOLDER: the filer CCC -->');
    expect(text).toContain('<conformedName>form6-k.htm</conformedName>');
    const broken = await app().request('/compose/download', form({ registrant: 'X' }));
    expect(broken.status).toBe(400);
    expect(await broken.text()).toContain('reportMonth must be a month YYYY-MM');
  });

  it('POST /compose without script: the page again, with the values kept and the previews', async () => {
    const response = await app().request('/compose', form(recordToFields(golden)));
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page).toContain('value="HANARO TELECOM, INC."');
    expect(page).toContain('                                    FORM 6-K');
    expect(page).toMatch(/<iframe id="preview-html"[^>]* src="\/compose\/preview\/[0-9a-f]{32}"/);
    expect(page).toContain('0 errors under EDGAR&#39;s rules; reads back as the same record');
  });

  it('refuses bodies over 1 MB', async () => {
    const response = await app().request('/api/compose', json({ ...golden, furnishing: 'x'.repeat(1_100_000) }));
    expect(response.status).toBe(413);
  });

  it('turns the form into the record and back', () => {
    const fields = recordToFields(golden);
    expect(fields['exhibit.0.filedWith']).toBe(
      'KOSDAQ = Korea Securities Dealers Association Automated Quotation Market\nFinancial Supervisory Commission of Korea',
    );
    const record = formToRecord(fields).value;
    expect({ ...record, furnishing: undefined }).toMatchObject({
      ...golden,
      exhibits: (golden.exhibits as Record<string, unknown>[]).map(({ documentSequence: _d, ...rest }) => rest),
    });
  });
});
