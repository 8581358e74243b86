import { randomUUID } from 'node:crypto';
import type { BodyPart } from './body-stream.js';
import { type Html, html, trustedHtml } from './html.js';
import { ASSETS } from './static-assets.js';

export interface PageOptions {
  readonly title: string;
  readonly body: Html;
}

/** The page shell: head, header with navigation, main, footer. Styles and script are static files. */
export function layout(options: PageOptions): string {
  return html`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${options.title} · edgarkit</title>
<link rel="stylesheet" href="${ASSETS.stylesheet.path}">
<script src="${ASSETS.script.path}" defer></script>
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="site-header"><div class="bar">
<a class="brand" href="/">edgar<span>kit</span></a>
<nav aria-label="Site"><a href="/">Search</a><a href="/companies">Companies</a><a href="/compose">Compose</a><a href="/api/docs">API</a></nav>
</div></header>
<main id="main">
${options.body}
</main>
<footer class="site-footer">edgarkit · SEC EDGAR filings, read-only · <a href="/api/stats">stats</a> · <a href="/api/openapi.json">OpenAPI</a></footer>
</body>
</html>
`.toString();
}

/** Where a page's large part goes: a token no filing can know (made anew each time the server starts). */
const SLOT = `<!--${randomUUID()}-->`;

/** Marks where `layoutAround`'s part stands in a page's body. */
export const PART_SLOT: Html = trustedHtml(SLOT);

/**
 * The page shell around a part too large to be put into a string (a rendered document): the page as parts to
 * stream, the part between the markup before and after `PART_SLOT` in `options.body`.
 */
export function layoutAround(options: PageOptions, part: BodyPart): BodyPart[] {
  const page = layout(options);
  const at = page.indexOf(SLOT);
  return at < 0 ? [page] : [page.slice(0, at), part, page.slice(at + SLOT.length)];
}

const WHOLE = new Intl.NumberFormat('en-US');

/** A whole number with thousands separators (one formatter for all: `toLocaleString` makes one per call). */
export function count(value: number): string {
  return WHOLE.format(value);
}

export function byteSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 * 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${(bytes / 1024 / 1024 / 1024).toFixed(2)} GB`;
}

/** `missing` shown in a muted style for a value the filing does not give. */
export function orNone(value: string | number | null | undefined, missing = 'not given'): Html | string {
  return value === null || value === undefined || value === '' ? html`<span class="none">${missing}</span>` : String(value);
}
