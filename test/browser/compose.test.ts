// biome-ignore-all lint/performance/useDomNodeTextContent: these are Playwright locators, and innerText is the text a reader sees.
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, openPage } from './chromium.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerComposeRoutes } from '../../src/server/compose-routes.js';
import { securityHeaders } from '../../src/server/security-headers.js';
import { registerStaticAssets } from '../../src/server/static-assets.js';
import { readBack6K } from '../../src/validate/round-trip.js';
import { validateSubmission } from '../../src/validate/validate-submission.js';
import { projectRoot } from '../shared-files.js';

/**
 * The compose page in a real browser: the compose routes on a Hono app (with the site's security headers and
 * static files), served on 127.0.0.1 port 0, driven by headless Chromium. The seed's record is typed into the
 * form, the previews appear, and the downloaded submission reads back as the seed's record. Without Chromium this
 * suite fails (it never skips).
 */

const golden = JSON.parse(readFileSync(join(projectRoot, 'testdata', 'golden', 'forms', 'hanaro-6k-2002-12.json'), 'utf8')) as Record<
  string,
  unknown
>;
delete golden._comment;

let browser: Browser;
let server: ServerType;
let baseUrl: string;

beforeAll(async () => {
  const app = new Hono();
  app.use('*', securityHeaders());
  registerStaticAssets(app);
  registerComposeRoutes(app);
  baseUrl = await new Promise<string>((resolve) => {
    server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => resolve(`http://127.0.0.1:${info.port}/`));
  });
  browser = await launchChromium('the compose page tests');
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
});


/** Types the seed's record (../shared/seed/hanaro-6k-2002-12.txt) into the form. */
async function fillSeed(page: Page): Promise<void> {
  await page.fill('input[name=reportMonth]', '2002-12');
  await page.fill('input[name=registrant]', 'HANARO TELECOM, INC.');
  await page.fill('input[name=address]', 'Kukje Electronics Center Bldg., 24th Floor, Seocho-dong 1445-3, Seocho-ku, Seoul, Korea 137-728');
  await page.check('input[name=annualReportForm][value="20-F"]');
  await page.check('input[name=furnishesUnderRule12g32b][value=no]');
  await page.fill('textarea[name=furnishing]', 'Hanaro Telecom, Inc. (the "Company") is furnishing under cover of Form 6-K:');
  const regulators = 'KOSDAQ = Korea Securities Dealers Association Automated Quotation Market\nFinancial Supervisory Commission of Korea';
  await page.fill('input[name="exhibit.0.number"]', '99.1');
  await page.fill(
    'input[name="exhibit.0.description"]',
    'a notice regarding the redemption of convertible bonds issued to Cheil Jedang and Jae-Hyun Lee',
  );
  await page.fill('input[name="exhibit.0.date"]', '2002-12-24');
  await page.fill('textarea[name="exhibit.0.filedWith"]', regulators);
  await page.fill('input[name="exhibit.1.number"]', '99.2');
  await page.fill('input[name="exhibit.1.description"]', 'a notice of lease of real estate to an affiliated company');
  await page.fill('input[name="exhibit.1.date"]', '2002-12-26');
  await page.fill('textarea[name="exhibit.1.filedWith"]', regulators);
  await page.fill('input[name="signature.0.registrant"]', 'HANARO TELECOM, INC.');
  await page.fill('input[name="signature.0.signature"]', '/s/ Kyu June Hwang');
  await page.fill('input[name="signature.0.name"]', 'Kyu June Hwang');
  await page.fill('input[name="signature.0.title"]', 'Managing Director');
  await page.fill('input[name="signature.0.date"]', '2002-12-27');
}

describe('the compose page', () => {
  it('turns the seed typed into the form into previews, findings and a submission that reads back as the seed', async () => {
    const context = await browser.newContext({ acceptDownloads: true });
    const { page, problems } = await openPage(context, baseUrl);
    const response = await page.goto(`${baseUrl}compose`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-security-policy']).toContain("frame-src 'self'");
    await expect.poll(() => page.getAttribute('#compose-form', 'class')).toContain('live');

    // An incomplete record: the problems show beside their fields.
    await page.fill('input[name=reportMonth]', '2002-12');
    await page.fill('input[name="exhibit.0.number"]', '99.1');
    await expect.poll(() => page.locator('#compose-status').innerText()).toContain('not complete');
    await expect.poll(() => page.locator('input[name="exhibit.0.description"] ~ .field-problem').count()).toBe(1);

    await fillSeed(page);
    await expect
      .poll(() => page.locator('#compose-status').innerText(), { timeout: 60_000 })
      .toBe("0 errors under EDGAR's rules; reads back as the same record");
    expect(await page.locator('.field-problem').count()).toBe(0);
    const ascii = await page.locator('#preview-ascii').innerText();
    expect(ascii).toContain('                         For the month of December 2002');
    expect(ascii).toContain('                           Form 20-F  X   Form 40-F');
    expect(ascii).toContain('Exhibit 99.1:   a notice regarding the redemption of convertible bonds issued');
    const frame = page.frameLocator('#preview-html');
    await expect.poll(() => frame.locator('body').innerText(), { timeout: 60_000 }).toContain('HANARO TELECOM, INC.');
    const html = await frame.locator('body').innerText();
    expect(html).toContain('Form 20-F \u2612');
    expect(html).toContain('Exhibit 99.2:');
    await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path: join(projectRoot, 'test-artifacts', 'compose-page.png') }).catch(() => undefined);

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download')]);
    expect(download.suggestedFilename()).toBe('form6-k-submission.txt');
    const path = await download.path();
    const bytes = readFileSync(path);
    expect(readBack6K(bytes)).toEqual(golden);
    expect(validateSubmission(bytes).errors).toBe(0);
    expect(problems).toEqual([]);
    await context.close();
  }, 240_000);

  it('works without script: Preview posts the form and the server renders both documents', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const { page, problems } = await openPage(context, baseUrl);
    await page.goto(`${baseUrl}compose`);
    await fillSeed(page);
    await Promise.all([page.waitForLoadState('load'), page.click('button[formaction="/compose"]')]);
    await expect
      .poll(() => page.locator('#compose-status').innerText())
      .toBe("0 errors under EDGAR's rules; reads back as the same record");
    expect(await page.locator('#preview-ascii').innerText()).toContain('HANARO TELECOM, INC.');
    expect(await page.inputValue('input[name=registrant]')).toBe('HANARO TELECOM, INC.');
    await expect.poll(() => page.frameLocator('#preview-html').locator('body').innerText()).toContain('EXHIBIT INDEX');
    expect(problems).toEqual([]);
    await context.close();
  }, 240_000);
});
