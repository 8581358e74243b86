import type { StoredFact } from '../model/stored-fact.js';
import type { Store } from '../store/store.js';
import { crumbs } from './filing-page.js';
import { type Html, html } from './html.js';
import { count, layout } from './layout.js';
import { companyPath, filingPath, queryString } from './paths.js';
import { factQuery, integerParam, readParam, toFactQuery } from './request-params.js';
import { requireCompany, requireFiling } from './store-lookups.js';

type Query = Readonly<Record<string, string | undefined>>;

const PAGE_SIZE = 200;
/** What a table cell shows of a long text fact (a whole note can be a fact); the JSON gives it whole. */
const SHOWN_TEXT = 200;
/** Concepts most filers report, offered as links on a company's series page. */
const COMMON_CONCEPTS = [
  'us-gaap:Revenues',
  'us-gaap:NetIncomeLoss',
  'us-gaap:Assets',
  'us-gaap:EarningsPerShareBasic',
  'dei:EntityCommonStockSharesOutstanding',
] as const;

function periodCell(fact: StoredFact): string {
  if (fact.periodStart !== null && fact.periodEnd !== null) return `${fact.periodStart} – ${fact.periodEnd}`;
  return fact.periodEnd ?? 'forever';
}

function valueCell(fact: StoredFact): Html | string {
  if (fact.value === null) return html`<span class="none">nil or unreadable</span>`;
  return fact.value.length > SHOWN_TEXT ? `${fact.value.slice(0, SHOWN_TEXT)}…` : fact.value;
}

function dimensionsCell(fact: StoredFact): Html {
  const entries = Object.entries(fact.dimensions);
  return html`${entries.map(([axis, member], index) => html`${index > 0 ? html`<br>` : ''}<span class="mono">${axis}</span> = <span class="mono">${member}</span>`)}`;
}

/** `/filings/:accession/facts`: the XBRL facts a filing reports, a page at a time, each concept linking to its series. */
export async function filingFactsPage(store: Store, filingId: string, query: Query): Promise<string> {
  const filing = await requireFiling(store, filingId);
  const offset = integerParam(query, 'offset', 0, 1_000_000) ?? 0;
  const facts = await store.listFilingFacts(filing.filingId, { limit: PAGE_SIZE, offset });
  const path = `${filingPath(filing.filingId)}/facts`;
  const previous = offset > 0 ? `${path}${queryString({ offset: Math.max(0, offset - PAGE_SIZE) || undefined })}` : null;
  const next = offset + facts.length < filing.factCount ? `${path}${queryString({ offset: offset + PAGE_SIZE })}` : null;
  return layout({
    title: `XBRL facts · ${filing.formType ?? 'Filing'} ${filing.accessionNumber ?? filing.filingId}`,
    body: html`${crumbs(filing, html`XBRL facts`)}
<h1>XBRL facts <span class="hint">${count(filing.factCount)}</span></h1>
<p class="hint exports">As JSON: <a href="/api/filings/${encodeURIComponent(filing.filingId)}/facts${queryString({ offset: offset || undefined })}">this page</a></p>
${
  facts.length === 0
    ? html`<p class="empty">${filing.factCount === 0 ? 'This filing reports no XBRL facts (no inline XBRL or instance document).' : 'No facts on this page.'}</p>`
    : html`<div class="table-wrap"><table class="data">
<thead><tr><th>Concept</th><th>Value</th><th>Unit</th><th>Period</th><th class="optional">Dimensions</th><th class="optional">Decimals</th></tr></thead>
<tbody>${facts.map(
        (fact) =>
          html`<tr><td><a class="mono" href="${companyPath(fact.cik)}/facts${queryString({ concept: fact.concept })}">${fact.concept}</a></td><td>${valueCell(fact)}</td><td class="mono">${fact.unit ?? ''}</td><td>${periodCell(fact)}</td><td class="optional">${dimensionsCell(fact)}</td><td class="optional">${fact.decimals ?? ''}</td></tr>`,
      )}</tbody></table></div>`
}
${pager(offset, facts.length, previous, next)}`,
  });
}

/** `/companies/:cik/facts?concept=…`: one concept of the company over time, and a form to ask for another. */
export async function companyFactsPage(store: Store, cik: string, query: Query): Promise<string> {
  const company = await requireCompany(store, cik);
  const asked = query.concept !== undefined && query.concept.trim() !== '';
  const read = asked ? readParam(factQuery(), { ...query, cik: company.cik }) : null;
  const facts = read ? await store.queryFacts(toFactQuery(read)) : [];
  const name = company.name ?? `CIK ${company.cik}`;
  const value = (key: string) => query[key] ?? '';
  return layout({
    title: read ? `${read.concept} · ${name}` : `XBRL facts · ${name}`,
    body: html`<p class="crumbs"><a href="/companies">Companies</a> › <a href="${companyPath(company.cik)}">${name}</a> › XBRL facts</p>
<h1>${read ? html`<span class="mono">${read.concept}</span>` : 'XBRL facts over time'}</h1>
<form class="search-form" method="get" action="${companyPath(company.cik)}/facts">
<div class="search-main"><input type="search" name="concept" value="${value('concept')}" placeholder="us-gaap:Revenues" aria-label="Concept (QName)" maxlength="265" required><button type="submit">Show</button></div>
<div class="filters">
<label>Periods ending from<input type="date" name="from" value="${value('from')}"></label>
<label>to<input type="date" name="to" value="${value('to')}"></label>
<label>Unit<input type="text" name="unit" value="${value('unit')}" placeholder="any" maxlength="100"></label>
<label>Dimensions<select name="dimensions"><option value="none"${value('dimensions') === 'any' ? '' : ' selected'}>none (the whole company)</option><option value="any"${value('dimensions') === 'any' ? ' selected' : ''}>any (segments too)</option></select></label>
</div></form>
<p class="hint">Common concepts: ${COMMON_CONCEPTS.map((concept, index) => html`${index > 0 ? ' · ' : ''}<a class="mono" href="${companyPath(company.cik)}/facts${queryString({ concept })}">${concept}</a>`)}</p>
${read ? seriesTable(facts, toFactQuery(read).limit, `/api/facts${queryString({ ...query, cik: company.cik })}`) : ''}`,
  });
}

function seriesTable(facts: readonly StoredFact[], limit: number | undefined, json: string): Html {
  if (facts.length === 0) return html`<p class="empty">No such facts in the database for this company.</p>`;
  return html`<p class="hint exports">${count(facts.length)} facts, oldest period first${
    facts.length === limit ? ' (the first of more: narrow the periods)' : ''
  } · <a href="${json}">JSON</a></p>
<div class="table-wrap"><table class="data">
<thead><tr><th>Period</th><th>Value</th><th>Unit</th><th>Form</th><th>Filed</th><th>Accession</th><th class="optional">Source</th><th class="optional">Dimensions</th></tr></thead>
<tbody>${facts.map(
    (fact) =>
      html`<tr><td>${periodCell(fact)}</td><td>${valueCell(fact)}</td><td class="mono">${fact.unit ?? ''}</td><td>${fact.form ?? ''}</td><td>${fact.filed ?? ''}</td><td class="mono">${
        // A filing's own facts link to it; the JSON APIs' name filings the database may not hold.
        fact.accession && (fact.source === 'inline' || fact.source === 'instance')
          ? html`<a href="${filingPath(fact.accession)}">${fact.accession}</a>`
          : (fact.accession ?? '')
      }</td><td class="optional">${fact.source}</td><td class="optional">${dimensionsCell(fact)}</td></tr>`,
  )}</tbody></table></div>`;
}

function pager(offset: number, shown: number, previous: string | null, next: string | null): Html | string {
  if (!previous && !next) return '';
  return html`<nav class="pager" aria-label="Pages">${previous ? html`<a href="${previous}">← previous</a>` : ''}<span>facts ${count(offset + 1)}–${count(offset + shown)}</span>${
    next ? html`<a href="${next}">next →</a>` : ''
  }</nav>`;
}
