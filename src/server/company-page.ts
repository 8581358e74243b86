import { describeLocationCode } from '../core/edgar-location-codes.js';
import { companyUrl } from '../core/sec-links.js';
import { describeSic, sicTitle } from '../core/sic-codes.js';
import type { CompanyView, FilingSummaryView, Store } from '../store/store.js';
import { ACTIVITY_LIMIT } from './company-activity.js';
import { filingsChart } from './filings-chart.js';
import { type Html, html } from './html.js';
import { count, layout, orNone } from './layout.js';
import { companyPath, filingPath, queryString, searchPath } from './paths.js';
import type { Reader } from './reader.js';
import { formParam, integerParam } from './request-params.js';
import { requireCompany } from './store-lookups.js';

type Query = Readonly<Record<string, string | undefined>>;

const PAGE_SIZE = 50;

/** `/companies/:cik`: names, addresses, a chart of filings per year by form, and the filings with a form filter. */
export async function companyPage(reader: Reader, cik: string, query: Query): Promise<string> {
  const { store } = reader;
  const form = formParam(query);
  const offset = integerParam(query, 'offset', 0, 1_000_000) ?? 0;
  const company = await requireCompany(store, cik);
  const [activity, filings] = await Promise.all([
    reader.companyActivity(company.cik),
    store.listFilings({ cik: company.cik, ...(form ? { form } : {}), limit: PAGE_SIZE, offset }),
  ]);
  const name = company.name ?? `CIK ${company.cik}`;
  const previous = offset > 0 ? companyPath(company.cik, { form, offset: Math.max(0, offset - PAGE_SIZE) || undefined }) : null;
  const next = filings.length === PAGE_SIZE ? companyPath(company.cik, { form, offset: offset + PAGE_SIZE }) : null;
  return layout({
    title: name,
    body: html`<p class="crumbs"><a href="/companies">Companies</a> › CIK ${company.cik}</p>
<h1>${name}</h1>
<div class="grid-2">
<section class="card" aria-labelledby="about"><h2 id="about">Company</h2>
<dl class="facts">
<dt>CIK</dt><dd class="mono">${company.cik}</dd>
<dt>Industry (SIC)</dt><dd>${orNone(describeSic(company.sic, company.sicDescription))}</dd>
<dt>Incorporated in</dt><dd>${orNone(describeLocationCode(company.stateOfIncorporation))}</dd>
<dt>Fiscal year end</dt><dd>${orNone(formatFiscalYearEnd(company.fiscalYearEnd))}</dd>
<dt>Filings</dt><dd>${count(company.filingCount)} · <a href="${searchPath({ cik: company.cik })}">search within them</a></dd>
<dt>XBRL facts</dt><dd><a href="${companyPath(company.cik)}/facts">a concept over time</a> (<a href="${companyPath(company.cik)}/facts?concept=us-gaap%3ARevenues">revenues</a>)</dd>
</dl>
${edgarLink(companyUrl(company.cik), 'This company on EDGAR (sec.gov)')}</section>
<section class="card" aria-labelledby="names"><h2 id="names">Names</h2>
<dl class="facts"><dt>Current</dt><dd>${orNone(company.name)}</dd>
${company.formerNames.map((former) => html`<dt>Former</dt><dd>${former.name}${former.dateChanged ? html` <span class="hint">(until ${former.dateChanged})</span>` : ''}</dd>`)}
</dl>
<h2>Addresses</h2>
<dl class="facts"><dt>Business</dt><dd>${address(company.businessAddress)}</dd><dt>Mail</dt><dd>${address(company.mailAddress)}</dd></dl>
</section>
</div>
<section aria-labelledby="per-year"><h2 id="per-year">Filings per year</h2>
${filingsChart(activity.perYear)}
${activity.truncated ? html`<p class="hint">The chart counts the newest ${count(ACTIVITY_LIMIT)} filings.</p>` : ''}
</section>
<section aria-labelledby="filings"><h2 id="filings">Filings${form ? html` of form ${form}` : ''}</h2>
<p class="hint exports">Every filing listed here: <a href="/api/companies/${company.cik}/filings${queryString({ form, format: 'csv' })}" download>CSV</a> <a href="/api/companies/${company.cik}/filings${queryString({ form })}">JSON</a></p>
<nav class="actions" aria-label="Form filter"><span>Form:</span>${form ? html`<a href="${companyPath(company.cik)}">all</a>` : html`<strong>all</strong>`}${activity.forms.map(
      ([type, total]) =>
        type === form
          ? html`<strong>${type} (${total})</strong>`
          : html`<a href="${companyPath(company.cik, { form: type })}">${type} (${total})</a>`,
    )}</nav>
${filingsTable(filings)}
${previous || next ? html`<nav class="pager" aria-label="Pages">${previous ? html`<a class="button secondary" href="${previous}" rel="prev">← Newer</a>` : html`<span></span>`}${next ? html`<a class="button secondary" href="${next}" rel="next">Older →</a>` : html`<span></span>`}</nav>` : ''}
</section>`,
  });
}

/** `/companies`: companies by name. */
export async function companiesPage(store: Store, query: Query, name: string | undefined): Promise<string> {
  const offset = integerParam(query, 'offset', 0, 1_000_000) ?? 0;
  const companies = await store.listCompanies({ ...(name ? { name } : {}), limit: PAGE_SIZE, offset });
  const next = companies.length === PAGE_SIZE ? `/companies${queryString({ name, offset: offset + PAGE_SIZE })}` : null;
  const previous = offset > 0 ? `/companies${queryString({ name, offset: Math.max(0, offset - PAGE_SIZE) || undefined })}` : null;
  return layout({
    title: 'Companies',
    body: html`<h1>Companies</h1>
<form class="search-form" method="get" action="/companies" role="search"><div class="search-main">
<input type="search" name="name" value="${name ?? ''}" placeholder="Company name contains…" aria-label="Company name" maxlength="200"><button type="submit">Find</button></div></form>
<p class="hint exports">Every company listed here: <a href="/api/companies${queryString({ name, format: 'csv' })}" download>CSV</a> <a href="/api/companies${queryString({ name })}">JSON</a></p>
${
  companies.length === 0
    ? html`<p class="empty">No companies${name ? html` whose name contains <strong>${name}</strong>` : ''}.</p>`
    : html`<div class="table-wrap"><table class="data">
<thead><tr><th>Name</th><th>CIK</th><th class="optional">Industry</th><th>Filings</th></tr></thead>
<tbody>${companies.map(
        (company: CompanyView) =>
          html`<tr><td><a href="${companyPath(company.cik)}">${company.name ?? `CIK ${company.cik}`}</a>${company.formerNames.length > 0 ? html`<div class="hint">formerly ${company.formerNames.map((former) => former.name).join('; ')}</div>` : ''}</td><td class="mono">${company.cik}</td><td class="optional">${sicTitle(company.sic) ?? company.sicDescription ?? ''}</td><td>${count(company.filingCount)}</td></tr>`,
      )}</tbody></table></div>`
}
${previous || next ? html`<nav class="pager" aria-label="Pages">${previous ? html`<a class="button secondary" href="${previous}" rel="prev">← Previous</a>` : html`<span></span>`}${next ? html`<a class="button secondary" href="${next}" rel="next">Next →</a>` : html`<span></span>`}</nav>` : ''}`,
  });
}

export function filingsTable(filings: readonly FilingSummaryView[]): Html {
  if (filings.length === 0) return html`<p class="empty">No filings.</p>`;
  return html`<div class="table-wrap"><table class="data">
<thead><tr><th>Filed</th><th>Form</th><th>Accession number</th><th class="optional">Period</th><th class="optional">Documents</th></tr></thead>
<tbody>${filings.map(
    (filing) =>
      html`<tr><td>${orNone(filing.filedAt, '–')}</td><td><span class="badge">${filing.formType ?? '?'}</span></td><td><a class="mono" href="${filingPath(filing.filingId)}">${filing.accessionNumber ?? filing.filingId}</a></td><td class="optional">${filing.periodOfReport ?? ''}</td><td class="optional">${filing.documentCount}</td></tr>`,
  )}</tbody></table></div>`;
}

/** An address as stored (street1, street2, city, state, zip, phone), read defensively: it is filing data. */
export function address(value: unknown): Html | string {
  if (value === null || typeof value !== 'object') return orNone(null);
  const part = (key: string) => {
    const text = (value as Record<string, unknown>)[key];
    return typeof text === 'string' && text.trim() !== '' ? text.trim() : null;
  };
  const lines = [
    part('street1'),
    part('street2'),
    [part('city'), describeLocationCode(part('state')), part('zip')].filter(Boolean).join(' '),
  ].filter((line): line is string => line !== null && line !== '');
  const phone = part('phone');
  if (lines.length === 0 && !phone) return orNone(null);
  return html`${lines.map((line, index) => html`${index > 0 ? html`<br>` : ''}${line}`)}${phone ? html`<br><span class="hint">Phone ${phone}</span>` : ''}`;
}

/** A link to a page on EDGAR itself, marked as leaving the site; nothing when there is no such page. */
export function edgarLink(url: string | null, label: string): Html | string {
  return url ? html`<p class="actions"><a href="${url}" rel="external noopener noreferrer">${label}</a></p>` : '';
}

function formatFiscalYearEnd(text: string | null): string | null {
  const match = text ? /^(\d{2})(\d{2})$/.exec(text) : null;
  if (!match) return text;
  const month = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'][
    Number(match[1]) - 1
  ];
  return month ? `${month} ${Number(match[2])}` : text;
}
