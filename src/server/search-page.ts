import { searchCaveats } from '../store/search.js';
import type { SearchFacetCount, SearchFacets, SearchHit, SearchPage, Store, StoreStats } from '../store/store.js';
import { type Html, html, trustedHtml } from './html.js';
import { byteSize, count, layout } from './layout.js';
import { companyPath, documentPath, filingPath, queryString, searchPath } from './paths.js';
import type { Reader } from './reader.js';
import { type SearchParams, searchParams } from './request-params.js';
import { snippetHtml } from './snippets.js';
import { documentKey } from './store-lookups.js';

type Query = Readonly<Record<string, string | undefined>>;

const PAGE_SIZE = 20;

export const EXAMPLE_QUERIES = [
  '"convertible bonds"',
  'redempt* kosdaq',
  'dividend form:6-K',
  '"annual report" -notes',
  '(merger OR acquisition) from:2009-01-01',
] as const;

/** `/`: the search box and filters; ranked hits with highlighted snippets and paging; or, with no query, what the database holds. */
export async function searchPage(reader: Reader, query: Query): Promise<string> {
  const request = searchParams(query, PAGE_SIZE);
  // The form list of the filters comes from the statistics when they are known; a results page never waits for them.
  const formTypes = reader.statsIfKnown()?.formTypes ?? [];
  const asked =
    request.text !== '' ||
    request.form !== undefined ||
    request.cik !== undefined ||
    request.company !== undefined ||
    request.from !== undefined ||
    request.to !== undefined;
  if (!asked) {
    const stats = await reader.stats();
    return layout({ title: 'Search', body: html`${searchForm(query, stats.formTypes)}${emptyState(stats)}` });
  }
  const page = await reader.search(request);
  const names = await registrantNames(reader.store, page.hits);
  const first = page.offset + 1;
  const last = page.offset + page.hits.length;
  const total = `${page.totalExact ? '' : 'more than '}${count(page.total)} filing${page.total === 1 && page.totalExact ? '' : 's'}`;
  const exports = html`<span class="exports"><a href="/api/search${queryString({ ...query, offset: undefined, format: 'csv' })}" download>CSV</a> <a href="/api/search${queryString({ ...query })}">JSON</a></span>`;
  const summary =
    page.hits.length === 0
      ? html`<p class="empty">No ${request.offset > 0 ? 'more ' : ''}matches${request.text ? html` for <strong>${request.text}</strong>` : ''}. Try fewer words, a prefix such as <code>redempt*</code>, or fewer filters.</p>`
      : html`<p class="hint"><strong>${total}</strong> · showing ${count(first)}–${count(last)}, ${SORT_LABELS[page.sort]} ${exports}</p>`;
  const caveats = searchCaveats(page);
  const title = request.text ? `${request.text} – search` : 'Search';
  return layout({
    title,
    body: html`${searchForm(query, formTypes)}
<div class="search-layout">
${page.total > 0 ? facetsPanel(query, page.facets) : ''}
<section aria-label="Results">${summary}${caveats.map((caveat) => html`<p class="hint caveat">${caveat}</p>`)}
<ol class="results" start="${first}">${page.hits.map((hit) => resultItem(hit, names))}</ol>
${pager(query, request, page)}</section>
</div>`,
  });
}

const SORT_LABELS = { relevance: 'best matches first', newest: 'newest first', oldest: 'oldest first' } as const;

/** Counts over the whole result by form, year and company; a click narrows the search to one. */
function facetsPanel(query: Query, facets: SearchFacets): Html {
  const narrow = (extra: Query) => searchPath({ ...query, ...extra, offset: undefined });
  const group = (heading: string, entries: readonly SearchFacetCount[], link: (entry: SearchFacetCount) => string) =>
    entries.length === 0
      ? ''
      : html`<h2>${heading}</h2><ul>${entries.map((entry) => html`<li><a href="${link(entry)}">${entry.label}</a> <span class="count">${count(entry.count)}</span></li>`)}</ul>`;
  return html`<aside class="facets" aria-label="Narrow the result">
${group('Form', facets.forms, (entry) => narrow({ form: entry.value }))}
${group('Year filed', facets.years, (entry) => narrow({ from: `${entry.value}-01-01`, to: `${entry.value}-12-31` }))}
${group('Company', facets.companies, (entry) => narrow({ cik: entry.value }))}
</aside>`;
}

/** The search form, keeping what was asked (also shown above an error about the query). */
export function searchForm(query: Query, formTypes: StoreStats['formTypes'] = []): Html {
  const value = (name: string) => query[name] ?? '';
  const advanced = ['form', 'company', 'from', 'to', 'cik', 'sort'].some((name) => (query[name] ?? '') !== '');
  return html`<h1>Search filings</h1>
<form class="search-form" method="get" action="/" role="search">
<div class="search-main"><input type="search" name="q" value="${value('q')}" placeholder='"convertible bonds" kosdaq' aria-label="Search words" autocomplete="off" maxlength="1000"${advanced || value('q') !== '' ? '' : ' autofocus'}>
<button type="submit">Search</button></div>
<div class="filters">
<label>Form<input type="text" name="form" value="${value('form')}" list="form-types" placeholder="any" maxlength="20"></label>
<label>Company<input type="text" name="company" value="${value('company')}" placeholder="name contains" maxlength="200"></label>
<label>Filed from<input type="date" name="from" value="${value('from')}"></label>
<label>to<input type="date" name="to" value="${value('to')}"></label>
<label>Sort<select name="sort">${(['', 'relevance', 'newest', 'oldest'] as const).map(
    (sort) => html`<option value="${sort}"${value('sort') === sort ? ' selected' : ''}>${sort === '' ? 'best first' : sort}</option>`,
  )}</select></label>
${value('cik') !== '' ? html`<label>CIK<input type="text" name="cik" value="${value('cik')}" inputmode="numeric" maxlength="10"></label>` : ''}
</div>
<datalist id="form-types">${formTypes.slice(0, 50).map((entry) => html`<option value="${entry.formType}">`)}</datalist>
</form>`;
}

function resultItem(hit: SearchHit, names: ReadonlyMap<string, string>): Html {
  const name =
    hit.companyName ?? names.get(hit.filingId) ?? (hit.accessionNumber ? `Filing ${hit.accessionNumber}` : 'Document without a header');
  return html`<li class="result">
<div class="result-title"><a href="${filingPath(hit.filingId)}">${name}</a> ${hit.formType ? html`<span class="badge">${hit.formType}</span>` : ''}</div>
<div class="result-meta">${hit.filedAt ? html`<span>Filed ${hit.filedAt}</span>` : html`<span>No filing date</span>`}<span class="mono">${hit.accessionNumber ?? hit.filingId}</span>${
    hit.cik ? html`<a href="${companyPath(hit.cik)}">CIK ${hit.cik}</a>` : ''
  }</div>
${
  hit.documents.length > 0
    ? html`<ul class="matched-documents">${hit.documents.map((document) => {
        const key = documentKey(document);
        return html`<li><a href="${documentPath(hit.filingId, key)}">Document ${key}${document.type ? html` · ${document.type}` : ''}${
          document.description ? html` · ${document.description}` : ''
        }</a>${document.snippet !== '' ? html`<p class="snippet">${trustedHtml(snippetHtml(document.snippet))}</p>` : ''}</li>`;
      })}${hit.moreDocuments > 0 ? html`<li class="hint"><a href="${filingPath(hit.filingId)}">and ${count(hit.moreDocuments)} more matching document${hit.moreDocuments === 1 ? '' : 's'}</a></li>` : ''}</ul>`
    : ''
}
</li>`;
}

/** For hits without a header (a bare document has no filer), the registrant its cover names. */
async function registrantNames(store: Store, hits: readonly SearchHit[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  const unnamed = new Set(hits.filter((hit) => hit.companyName === null).map((hit) => hit.filingId));
  for (const filingId of unnamed) {
    const record = (await store.getFiling(filingId))?.formRecord as { registrant?: { value?: unknown } } | null | undefined;
    const value = record?.registrant?.value;
    if (typeof value === 'string' && value !== '') names.set(filingId, value);
  }
  return names;
}

function pager(query: Query, request: SearchParams, page: SearchPage): Html {
  const previous = request.offset > 0 ? searchPath({ ...query, offset: Math.max(0, request.offset - request.limit) || undefined }) : null;
  const more = page.totalExact ? page.offset + page.hits.length < page.total : page.hits.length === request.limit;
  const next = more ? searchPath({ ...query, offset: request.offset + request.limit }) : null;
  if (!previous && !next) return html``;
  return html`<nav class="pager" aria-label="Pages">${previous ? html`<a class="button secondary" href="${previous}" rel="prev">← Previous</a>` : html`<span></span>`}${
    next ? html`<a class="button secondary" href="${next}" rel="next">Next →</a>` : html`<span></span>`
  }</nav>`;
}

function emptyState(held: StoreStats): Html {
  if (held.filings === 0) {
    return html`<div class="empty"><p><strong>The database is empty.</strong> Fill it with <code>edgarkit ingest &lt;files&gt;</code> and reload.</p></div>`;
  }
  return html`<section class="empty" aria-label="What is in the database">
<p>Search the full text of <strong>${count(held.filings)}</strong> filings${held.firstFiledAt ? html` filed ${held.firstFiledAt} to ${held.lastFiledAt}` : ''}.</p>
<div class="numbers">
<div class="number"><strong>${count(held.filings)}</strong><span>filings</span></div>
<div class="number"><strong>${count(held.documents)}</strong><span>documents</span></div>
<div class="number"><strong>${count(held.companies)}</strong><span>companies</span></div>
<div class="number"><strong>${byteSize(held.originalBytes)}</strong><span>of submissions</span></div>
</div>
<p>Forms: ${held.formTypes.slice(0, 12).map((entry, index) => html`${index > 0 ? ', ' : ''}<a href="${searchPath({ form: entry.formType })}">${entry.formType}</a> (${count(entry.count)})`)}</p>
<p>Try:</p>
<ul class="examples">${EXAMPLE_QUERIES.map((example) => html`<li><a href="${searchPath({ q: example })}">${example}</a></li>`)}</ul>
<p class="hint">Words are all required; <code>"a phrase"</code>, <code>prefix*</code>, <code>OR</code>, <code>NOT</code> or <code>-word</code>, <code>( )</code>, and filters <code>form:6-K</code> <code>cik:1123</code> <code>company:name</code> <code>from:2002-01-01</code> <code>to:2002-12-31</code>. Press <kbd>/</kbd> to search.</p>
</section>`;
}
