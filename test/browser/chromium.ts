import { existsSync } from 'node:fs';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

/** Debian's Chromium, which `.ci/run` installs; playwright-core drives it and downloads nothing. */
const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Launches headless Chromium; without it the suite fails with a message (it never skips). */
export async function launchChromium(suite: string): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium is not installed at ${CHROMIUM}: ${suite} need a real browser (apt-get install chromium). They fail rather than skip.`);
  }
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}

/** A page that records console errors (a CSP violation is one), uncaught exceptions and any request that leaves `baseUrl`. */
export async function openPage(context: BrowserContext, baseUrl: string): Promise<{ page: Page; problems: string[] }> {
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('request', (request) => {
    if (!request.url().startsWith(baseUrl)) problems.push(`external request: ${request.url()}`);
  });
  return { page, problems };
}
