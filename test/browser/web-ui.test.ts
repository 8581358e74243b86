// biome-ignore-all lint/performance/useDomNodeTextContent: these are Playwright locators, and innerText is the text a reader sees.
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runServeCommand } from '../../src/cli/serve-command.js';
import { ingestPaths } from '../../src/pipeline/ingest.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { corpusPath, projectRoot, seedPath } from '../shared-files.js';
import { launchChromium, openPage } from './chromium.js';

/**
 * The web UI in a real browser: `edgarkit serve` on 127.0.0.1 port 0 over a database file, driven by headless
 * Chromium through playwright-core. CI installs Chromium; without it this suite fails (it never skips).
 */
const ARTIFACTS = join(projectRoot, 'test-artifacts');

let browser: Browser;
let baseUrl: string;
let printed = '';
let database: string;
let dir: string;
let databaseHash: string;
const stop = new AbortController();
let serving: Promise<number>;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  dir = mkdtempSync(join(tmpdir(), 'edgarkit-web-ui-'));
  database = join(dir, 'edgarkit.db');
  const store = openSqliteStore(database);
  await ingestPaths(store, [seedPath(), corpusPath('fpi/0000912282-09-000008.txt'), corpusPath('fpi/0000950127-09-000020.txt')], { workers: 0 });
  await store.close();
  databaseHash = fileHash(database);

  const stdout = new PassThrough();
  stdout.on('data', (chunk: Buffer) => {
    printed += chunk.toString();
  });
  const io = { stdout, stderr: process.stderr, stdin: new PassThrough(), env: {} };
  const listening = new Promise<string>((resolve, reject) => {
    serving = runServeCommand({ db: database, port: 0, host: '127.0.0.1' }, io, { signal: stop.signal, onListening: resolve });
    serving.catch(reject);
  });
  baseUrl = await listening;
  browser = await launchChromium('the web UI tests');
}, 240_000);

afterAll(async () => {
  await browser?.close();
  stop.abort();
  if (serving) expect(await serving).toBe(0);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function fileHash(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

describe('edgarkit serve', () => {
  const quietIo = { stdout: new PassThrough(), stderr: new PassThrough(), stdin: new PassThrough(), env: {} };

  it('prints where it serves, on 127.0.0.1 with the port it was given', () => {
    expect(baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(printed).toBe(`edgarkit: serving ${database} at ${baseUrl}\n`);
  });

  it('refuses a database that does not exist, and a port that is taken, with a message', async () => {
    const signal = new AbortController().signal;
    await expect(runServeCommand({ db: join(dir, 'missing.db'), port: 0, host: '127.0.0.1' }, quietIo, { signal })).rejects.toThrow(
      /No database at .*missing\.db/,
    );
    const port = Number(new URL(baseUrl).port);
    await expect(runServeCommand({ db: database, port, host: '127.0.0.1' }, quietIo, { signal })).rejects.toThrow(
      `Cannot listen on 127.0.0.1:${port}: the port is in use`,
    );
  });

  it('opens the database read-only: serving leaves the file as it was', async () => {
    const response = await fetch(`${baseUrl}api/stats`);
    expect(response.status).toBe(200);
    const stop = new AbortController();
    let url = '';
    const second = runServeCommand({ db: database, port: 0, host: '127.0.0.1' }, quietIo, {
      signal: stop.signal,
      onListening: (at) => (url = at),
    });
    await expect.poll(() => url).not.toBe('');
    expect((await fetch(`${url}api/filings/0000950127-09-000020`)).status).toBe(200);
    stop.abort();
    expect(await second).toBe(0);
    expect(fileHash(database)).toBe(databaseHash);
  });
});

describe('the web UI in Chromium', () => {
  it('searches a phrase, opens the filing, shows its 6-K record, highlights a field in the document, and shows real tables', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const { page, problems } = await openPage(context, baseUrl);

    await page.goto(baseUrl);
    await expect.poll(() => page.locator('.empty').innerText()).toContain('filings');
    await page.fill('input[name="q"]', '"convertible bonds"');
    await page.press('input[name="q"]', 'Enter');
    await page.waitForURL(/\?q=/);
    const first = page.locator('.result').first();
    expect(await first.locator('.result-title').innerText()).toContain('HANARO TELECOM, INC.');
    expect((await first.locator('mark').allInnerTexts()).join(' ').toLowerCase()).toContain('convertible');
    await page.screenshot({ path: join(ARTIFACTS, 'search-results.png'), fullPage: true });

    await first.locator('.result-title a').click();
    await page.waitForURL(/\/filings\/local-[0-9a-f]{20}$/);
    const field = (name: string) => page.locator(`[data-field="${name}"]`).first().innerText();
    expect(await field('registrant')).toBe('HANARO TELECOM, INC.');
    expect(await field('reportMonth')).toBe('2002-12');
    expect(await field('address')).toContain('Seoul, Korea 137-728');
    expect(await field('annualReportForm')).toBe('20-F');
    expect(await field('furnishesUnderRule12g32b')).toBe('No');
    expect(await page.locator('[data-exhibit]').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-exhibit')))).toEqual([
      '99.1',
      '99.2',
    ]);
    expect(await page.locator('tr[data-exhibit="99.1"]').innerText()).toMatch(/not attached/);
    expect(await field('signature-name')).toBe('Kyu June Hwang');
    await page.screenshot({ path: join(ARTIFACTS, 'filing.png'), fullPage: true });

    await page.locator('[data-field="registrant"] a.field').click();
    await page.waitForURL(/\/documents\/1\?start=\d+&end=\d+/);
    const highlighted = page.locator('.doc-body .highlight');
    await expect.poll(() => highlighted.count()).toBe(1);
    expect(await highlighted.innerText()).toContain('HANARO TELECOM, INC.');
    expect(await highlighted.isVisible()).toBe(true);
    expect(await highlighted.evaluate((element) => element === element.ownerDocument.activeElement)).toBe(true);
    const box = await highlighted.boundingBox();
    expect(box && box.y >= 0 && box.y < 900).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, 'document-highlight.png') });

    const tables = page.locator('.doc-body table');
    expect(await tables.count()).toBe(2);
    for (const table of await tables.all()) {
      expect(
        await table.evaluate(
          (element) => element.tagName === 'TABLE' && (element as unknown as { rows: { length: number } }).rows.length > 0,
        ),
      ).toBe(true);
    }
    expect(await tables.first().locator('td').first().innerText()).toMatch(/Exhibit 99\.1/);
    await tables.last().scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS, 'document-tables.png'), fullPage: true });

    await page.locator('.tabs a', { hasText: 'Original text' }).click();
    await page.waitForURL(/view=original/);
    expect(await page.locator('pre.original mark#highlight').innerText()).toBe('HANARO TELECOM, INC.');
    expect(await page.locator('pre.original').innerText()).toContain('<TABLE>');

    expect(problems).toEqual([]);
    await context.close();
  });

  it('shows a company with its chart, and images attached to a filing', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const { page, problems } = await openPage(context, baseUrl);
    await page.goto(`${baseUrl}filings/0000950127-09-000020`);
    await page.locator('a[href="/companies/0000898685"]').first().click();
    await page.waitForURL(/\/companies\/0000898685$/);
    expect(await page.locator('h1').innerText()).toBe('ACERGY S.A.');
    expect(await page.locator('svg.chart rect').count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(ARTIFACTS, 'company.png'), fullPage: true });
    await page.goto(`${baseUrl}filings/0000912282-09-000008/documents/2`);
    const image = page.locator('img.attachment-image');
    await expect
      .poll(() =>
        image.evaluate((element) => {
          const loaded = element as unknown as { complete: boolean; naturalWidth: number };
          return loaded.complete ? loaded.naturalWidth : 0;
        }),
      )
      .toBeGreaterThan(0);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('fits a phone: no sideways scrolling, readable text, the search box full width', async () => {
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
    });
    const { page, problems } = await openPage(context, baseUrl);
    const overflow = () => page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
    for (const [path, name] of [
      ['', 'phone-search'],
      ['?q=%22convertible+bonds%22', 'phone-results'],
      ['filings/0000912282-09-000008', 'phone-filing'],
      ['companies/0000898685', 'phone-company'],
    ] as const) {
      await page.goto(`${baseUrl}${path}`);
      expect(await overflow(), path).toBeLessThanOrEqual(0);
      await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
    }
    await page.goto(baseUrl);
    const input = await page.locator('input[name="q"]').boundingBox();
    expect(input?.width).toBeGreaterThan(300);
    const fontSize = await page
      .locator('body')
      .evaluate((element) => Number.parseFloat(element.ownerDocument.defaultView?.getComputedStyle(element).fontSize ?? '0'));
    expect(fontSize).toBeGreaterThanOrEqual(15);
    await page.goto(`${baseUrl}?q=%22convertible+bonds%22`);
    await page.locator('.result-title a').first().tap();
    await page.waitForURL(/\/filings\//);
    await page.locator('[data-field="registrant"] a.field').tap();
    await expect.poll(() => page.locator('.doc-body .highlight').count()).toBe(1);
    await page.screenshot({ path: join(ARTIFACTS, 'phone-document-highlight.png') });
    expect(problems).toEqual([]);
    await context.close();
  });

  it('shows the API reference at /api/docs from local files, under the strict policy, and runs a request from it', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const { page, problems } = await openPage(context, baseUrl);
    await page.goto(`${baseUrl}api/docs`);
    await page.locator('.opblock-tag').first().waitFor();
    const operations = await page.locator('.opblock-summary-path').allInnerTexts();
    expect(operations.map((text) => text.replace(/\u200b/g, ''))).toContain('/api/search');
    await page.locator('#operations-search-search .opblock-summary').click();
    await page.locator('#operations-search-search input[placeholder="q"]').fill('"convertible bonds"');
    await page.locator('#operations-search-search .execute').click();
    const status = page.locator('#operations-search-search .live-responses-table tbody .response-col_status').first();
    await status.waitFor();
    expect(await status.innerText()).toContain('200');
    expect(
      await page.locator('#operations-search-search .live-responses-table tbody .response-col_description').first().innerText(),
    ).toContain('convertible');
    await page.screenshot({ path: join(ARTIFACTS, 'api-docs.png') });
    expect(problems).toEqual([]);
    await context.close();
  });
});
