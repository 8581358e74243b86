import type { EncodedDocument, SectionLink } from '../pipeline/render-stored-document.js';
import { type PageRange, partHolding } from '../render/index.js';
import type { DocumentView, FilingView } from '../store/store.js';
import { type BodyPart, escapedPieces } from './body-stream.js';
import { isImage } from './content-types.js';
import { crumbs } from './filing-page.js';
import { type Html, html } from './html.js';
import { notFound } from './http-error.js';
import { byteSize, layoutAround, PART_SLOT } from './layout.js';
import { attachmentPath, documentPath, originalPath } from './paths.js';
import type { Reader } from './reader.js';
import { choiceParam, integerParam } from './request-params.js';
import { documentKey, requireDocument, requireFiling } from './store-lookups.js';

type Query = Readonly<Record<string, string | undefined>>;

type Shown = Exclude<EncodedDocument, { kind: 'missing' }>;

/**
 * `/filings/:accession/documents/:seq`: the document rendered by `renderHtml` (safe: every string escaped, no
 * markup of the filing passed through) page by page with tables as tables, or (`?view=original`) its text as
 * written, escaped in a `<pre>`. `?start=&end=` marks a span: the page script highlights the block holding it;
 * in the original view the server marks the characters themselves.
 */
export async function documentPage(reader: Reader, filingId: string, which: string, query: Query): Promise<BodyPart[]> {
  const view = choiceParam(query, 'view', ['rendered', 'original'] as const, 'rendered');
  const start = integerParam(query, 'start', 0, 2 ** 31);
  const end = integerParam(query, 'end', 0, 2 ** 31);
  const part = integerParam(query, 'part', 1, 2 ** 31);
  const at = integerParam(query, 'at', 0, 2 ** 31);
  const filing = await requireFiling(reader.store, filingId);
  // A long document is shown a part (whole pages, or a piece of a longer page) at a time: the render holds that
  // part, not the document. Without `part`, the part holding offset `at` (a section's link) or a marked span, else
  // the first.
  const loaded = await requireDocument(reader, filing, which, {
    format: view === 'original' ? null : 'html',
    fragment: true,
    includeText: view === 'original',
    ...(view === 'original' ? {} : part !== undefined ? { part } : { partAt: at ?? start ?? 0 }),
  });
  if (loaded.kind === 'model' && view !== 'original' && loaded.body === null && part !== undefined) {
    const count = loaded.parts.length;
    throw notFound(`Part ${part} does not exist: the document has ${count} ${count === 1 ? 'part' : 'parts'}`);
  }
  const stored = filing.documents.find((document) => document.bodyStart === loaded.document.bodyStart) ?? null;
  const key = stored ? documentKey(stored) : which;
  const name = [loaded.document.type, loaded.document.filename].filter(Boolean).join(' · ') || `Document ${key}`;
  const span = start !== undefined && end !== undefined && end >= start ? { start, end } : undefined;
  const shown = body(filing, stored, loaded, view, span);
  return layoutAround(
    {
      title: `${name} – ${filing.formType ?? 'filing'} ${filing.accessionNumber ?? ''}`,
      body: html`${crumbs(filing, html`Document ${key}`)}
<h1>${name}</h1>
${loaded.document.description ? html`<p class="hint">${loaded.document.description}</p>` : ''}
${actions(filing, key, loaded)}
${loaded.kind === 'model' ? tabs(filing.filingId, key, view, span) : ''}
${shown.html}
${otherDocuments(filing, stored)}`,
    },
    shown.part,
  );
}

function tabs(
  filingId: string,
  key: number | string,
  view: 'rendered' | 'original',
  span: { start: number; end: number } | undefined,
): Html {
  const at = span ?? {};
  const tab = (name: 'rendered' | 'original', label: string) =>
    html`<a href="${documentPath(filingId, key, { ...at, view: name === 'original' ? 'original' : undefined })}"${view === name ? html` aria-current="page"` : ''}>${label}</a>`;
  return html`<nav class="tabs" aria-label="View">${tab('rendered', 'Rendered')}${tab('original', 'Original text')}</nav>`;
}

function actions(filing: FilingView, key: number | string, loaded: Shown): Html {
  const api = `/api/filings/${encodeURIComponent(filing.filingId)}/documents/${encodeURIComponent(String(key))}`;
  const attachments = filing.documents.filter((document) => document.attachmentSha256 !== null);
  return html`<p class="actions"><a href="${originalPath(filing.filingId)}" download>Download the original submission</a>${
    loaded.kind === 'model'
      ? html`<a href="${api}?format=text">text</a><a href="${api}?format=markdown">Markdown</a><a href="${api}?format=html">HTML</a><a href="${api}?format=json">JSON</a>`
      : ''
  }</p>${loaded.kind === 'model' ? tableLinks(api, loaded.tables) : ''}${
    attachments.length > 0
      ? html`<p class="actions"><span>Attachments:</span>${attachments.map((document) => html`<a href="${attachmentPath(document.attachmentSha256 as string, filing.filingId)}" download>${document.attachmentName ?? document.filename ?? 'attachment'}</a>`)}</p>`
      : ''
  }`;
}

/** The most tables linked one by one; a document with more (a long annual report) links the full list. */
const TABLE_LINKS = 300;

/** Each table of the document offered as CSV, with the page it is on. */
function tableLinks(api: string, tables: Extract<Shown, { kind: 'model' }>['tables']): Html | string {
  if (tables.length === 0) return '';
  const shown = tables.slice(0, TABLE_LINKS);
  return html`<p class="actions tables"><span>Tables as CSV:</span>${shown.map(
    (table) =>
      html`<a href="${api}/tables/${table.number}" download title="${`page ${table.page}, ${table.rows} × ${table.columns}${table.caption ? `: ${table.caption}` : ''}`}">${table.number} (p. ${table.page})</a>`,
  )}${tables.length > shown.length ? html`<a href="${api}/tables">all ${tables.length} tables</a>` : ''}</p>`;
}

/**
 * The document's part of the page: markup, and the document itself as a part streamed at `PART_SLOT` (the rendering's
 * shared bytes, or its text escaped a piece at a time), so no request makes a string of a large document.
 */
function body(
  filing: FilingView,
  stored: DocumentView | null,
  loaded: Shown,
  view: 'rendered' | 'original',
  span: { start: number; end: number } | undefined,
): { html: Html; part: BodyPart } {
  if (loaded.kind === 'binary') {
    const sha256 = stored?.attachmentSha256;
    if (!sha256) return { html: html`<p class="empty">This attachment could not be decoded.</p>`, part: '' };
    const filename = stored.attachmentName ?? stored.filename;
    const link = attachmentPath(sha256, filing.filingId);
    const shown = html`${isImage(filename) ? html`<p><img class="attachment-image" src="${link}" alt="${filename ?? 'attachment'}"></p>` : ''}
<p><a class="button" href="${link}" download>Download ${filename ?? 'the attachment'} (${byteSize(stored.byteLength)} encoded)</a></p>`;
    return { html: shown, part: '' };
  }
  // An XML document is shown as written; a span of an ownership or 13F field marks its characters.
  if (loaded.kind === 'xml') return originalText(loaded.text, span);
  if (view === 'original') return originalText(loaded.text ?? '', loaded.spansIntoText ? span : undefined);
  const pages = loaded.pages;
  const key = stored ? documentKey(stored) : 1;
  const current = loaded.part ?? 1;
  // A page or section in another part links to that part's page, with the anchor: a page to the part it starts
  // in, a section to the part holding its start (a long page is cut into several).
  const at = (part: number, anchor: string): string =>
    part === current || loaded.parts.length <= 1 ? `#${anchor}` : `${documentPath(filing.filingId, key, { part })}#${anchor}`;
  const shown = html`${sectionNavigator(loaded.sections, (section) => at(partHolding(loaded.parts, section.start), section.anchor))}${pages.length > 1 ? html`<nav class="page-jump" aria-label="Pages"><span>${pages.length} pages:</span>${pages.slice(0, 300).map((page) => html`<a href="${at(partOf(loaded.parts, page.number), `page-${page.number}`)}">${page.label ?? page.number}</a>`)}</nav>` : ''}
${partNavigator(filing, key, loaded.parts, current, pages.length)}
<article class="doc-body" data-source-format="${loaded.sourceFormat}">${PART_SLOT}</article>
${partNavigator(filing, key, loaded.parts, current, pages.length)}`;
  return { html: shown, part: loaded.body ?? '' };
}

/** The part (1-based) where page `page` starts, else 1. */
function partOf(parts: readonly PageRange[], page: number): number {
  const index = parts.findIndex((range) => page >= range.from && page <= range.to);
  return index === -1 ? 1 : index + 1;
}

/** The most parts linked one by one around the current one. */
const PART_LINKS = 20;

/**
 * For a document shown a part at a time: which pages are shown, the previous and next parts, links to the parts
 * around this one, and the whole document (text, HTML) from the API for those who want it in one piece.
 */
function partNavigator(filing: FilingView, key: number | string, parts: readonly PageRange[], current: number, pageCount: number): Html {
  if (parts.length <= 1) return html``;
  const range = parts[current - 1];
  const link = (part: number, label: string) => html`<a href="${documentPath(filing.filingId, key, { part })}">${label}</a>`;
  const first = Math.max(1, Math.min(current - PART_LINKS / 2, parts.length - PART_LINKS + 1));
  const around = parts.slice(first - 1, first - 1 + PART_LINKS).map((shown, index) => {
    const number = first + index;
    const label = rangeLabel(shown);
    return number === current ? html`<strong aria-current="page">${label}</strong>` : link(number, label);
  });
  const api = `/api/filings/${encodeURIComponent(filing.filingId)}/documents/${encodeURIComponent(String(key))}`;
  return html`<nav class="part-nav" aria-label="Parts"><span>${range?.piece ? `Page ${range.from} (piece ${range.piece.number} of ${range.piece.of})` : `Pages ${range?.from ?? 1}–${range?.to ?? pageCount}`} of ${pageCount} (part ${current} of ${parts.length}):</span>${current > 1 ? link(current - 1, '← previous') : ''}${around}${current < parts.length ? link(current + 1, 'next →') : ''}<span class="hint">whole document: <a href="${api}?format=html">HTML</a> <a href="${api}?format=text">text</a></span></nav>`;
}

/** A part's label in the navigator: its pages, or its page and piece (`12 (3/5)`) for a piece of a long page. */
function rangeLabel(range: PageRange): string {
  if (range.piece) return `${range.from} (${range.piece.number}/${range.piece.of})`;
  return range.from === range.to ? `${range.from}` : `${range.from}–${range.to}`;
}

/**
 * Links to the sections of a 10-K, 10-Q, 20-F or 40-F (anchors the rendered HTML carries before each heading), so
 * a long report can be entered at the item one wants; sub-items are nested under their item.
 */
function sectionNavigator(sections: readonly SectionLink[], at: (section: SectionLink) => string): Html {
  if (sections.length === 0) return html``;
  const groups: { item: SectionLink; subs: SectionLink[] }[] = [];
  for (const section of sections) {
    const last = groups.at(-1);
    if (section.level === 2 && last) last.subs.push(section);
    else groups.push({ item: section, subs: [] });
  }
  const link = (section: SectionLink) =>
    html`<a href="${at(section)}" title="${section.heading}">${/^\d|^I+-/.test(section.key) ? html`Item ${section.key}` : ''} ${section.title}</a>`;
  return html`<nav class="section-nav" aria-label="Sections"><details open><summary>Sections (${groups.length})</summary><ol>${groups.map(
    (group) =>
      html`<li>${link(group.item)}${group.subs.length > 0 ? html`<ol>${group.subs.map((sub) => html`<li>${link(sub)}</li>`)}</ol>` : ''}</li>`,
  )}</ol></details></nav>`;
}

/**
 * The text as written, escaped a piece at a time as it is sent; a span is marked (`<mark id="highlight">`) when it
 * is given and in range.
 */
function originalText(text: string, span: { start: number; end: number } | undefined): { html: Html; part: BodyPart } {
  // An HTML parser drops one newline right after `<pre>`: write one more so the text stays as written.
  const lead = /^[\r\n]/.test(text) ? '\n' : '';
  return {
    html: html`<pre class="original">${PART_SLOT}</pre>`,
    part: markedText(lead, text, span && span.end <= text.length ? span : undefined),
  };
}

function* markedText(lead: string, text: string, span: { start: number; end: number } | undefined): Generator<string, void, undefined> {
  yield lead;
  if (!span) return yield* escapedPieces(text);
  yield* escapedPieces(text, 0, span.start);
  yield '<mark id="highlight">';
  yield* escapedPieces(text, span.start, span.end);
  yield '</mark>';
  yield* escapedPieces(text, span.end);
}

function otherDocuments(filing: FilingView, current: DocumentView | null): Html {
  const others = filing.documents.filter((document) => document !== current);
  if (others.length === 0) return html``;
  return html`<section aria-labelledby="others"><h2 id="others">Other documents in this filing</h2><ul>${others.map(
    (document) =>
      html`<li><a href="${documentPath(filing.filingId, documentKey(document))}">${document.sequence ?? ''} ${document.type ?? ''} ${document.filename ?? ''}</a>${document.description ? html` – ${document.description}` : ''}</li>`,
  )}</ul></section>`;
}
