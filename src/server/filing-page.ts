import { describeSic } from '../core/sic-codes.js';
import type { Party } from '../model/submission.js';
import { filingEdgarUrl } from '../pipeline/edgar-facts.js';
import type { DocumentView, FilingView, Store } from '../store/store.js';
import { address, edgarLink } from './company-page.js';
import { isImage } from './content-types.js';
import { formRecordView } from './form-record-view.js';
import { type Html, html } from './html.js';
import { byteSize, count, layout, orNone } from './layout.js';
import { attachmentPath, companyPath, documentPath, originalPath } from './paths.js';
import { documentKey, requireFiling } from './store-lookups.js';

/** `/filings/:accession`: header facts, parties, the extracted record with links into the source, the documents. */
export async function filingPage(store: Store, filingId: string): Promise<string> {
  const filing = await requireFiling(store, filingId);
  const registrant = registrantOf(filing);
  const title = `${filing.formType ?? 'Filing'} · ${registrant ?? filing.accessionNumber ?? filing.filingId}`;
  return layout({
    title,
    body: html`${crumbs(filing)}
<h1>${filing.formType ? html`<span class="badge">${filing.formType}</span> ` : ''}${registrant ?? 'Filing'}</h1>
<p class="crumbs mono">${filing.accessionNumber ?? filing.filingId}</p>
<div class="filing-grid">
<div class="stack">
<section class="card" aria-labelledby="facts"><h2 id="facts">Filing</h2>
<dl class="facts">
<dt>Form</dt><dd>${orNone(filing.formType)}</dd>
<dt>Accession number</dt><dd class="mono">${orNone(filing.accessionNumber, 'none (a document without a header)')}</dd>
<dt>Filed</dt><dd>${orNone(filing.filedAt)}</dd>
<dt>Period of report</dt><dd>${orNone(filing.periodOfReport)}</dd>
${filing.acceptanceDateTime ? html`<dt>Accepted</dt><dd>${filing.acceptanceDateTime.replace('T', ' ')}</dd>` : ''}
${filing.dateOfChange ? html`<dt>Date of change</dt><dd>${filing.dateOfChange}</dd>` : ''}
${filing.items.length > 0 ? html`<dt>Items</dt><dd>${filing.items.join(', ')}</dd>` : ''}
<dt>Size</dt><dd>${byteSize(filing.byteLength)} · ${filing.format}</dd>
<dt>XBRL facts</dt><dd>${filing.factCount > 0 ? html`<a href="/filings/${encodeURIComponent(filing.filingId)}/facts">${count(filing.factCount)} facts</a>` : html`<span class="none">none</span>`}</dd>
</dl>
<p class="actions"><a href="${originalPath(filing.filingId)}">Original submission (.txt)</a><a href="/api/filings/${encodeURIComponent(filing.filingId)}">JSON</a></p>
${edgarLink(filingEdgarUrl(filing), 'This filing on EDGAR (its index page on sec.gov)')}</section>
<section class="card" aria-labelledby="documents"><h2 id="documents">Documents (${filing.documents.length})</h2>
${documentsTable(filing)}
</section>
</div>
<section class="card" aria-labelledby="record"><h2 id="record">Extracted record</h2>
${formRecordView(filing.formRecord, filing.filingId)}
</section>
</div>
<section aria-labelledby="parties"><h2 id="parties">Parties</h2>
${partiesTable(filing.parties)}
</section>`,
  });
}

export function crumbs(filing: FilingView, document?: Html): Html {
  const company = filing.parties.find((party) => party.company?.cik)?.company;
  const registrant = registrantOf(filing);
  return html`<p class="crumbs">${company?.cik ? html`<a href="${companyPath(company.cik)}">${company.name ?? `CIK ${company.cik}`}</a> › ` : registrant ? html`${registrant} › ` : ''}${
    document
      ? html`<a href="/filings/${encodeURIComponent(filing.filingId)}">${filing.formType ?? 'Filing'} ${filing.filedAt ?? filing.accessionNumber ?? ''}</a> › ${document}`
      : html`${filing.formType ?? 'Filing'} ${filing.filedAt ?? ''}`
  }</p>`;
}

/** The company the filing is about: the header's first filer, else the registrant the cover names. */
function registrantOf(filing: FilingView): string | null {
  if (filing.companyName) return filing.companyName;
  const record = filing.formRecord as { registrant?: { value?: unknown } } | null;
  const value = record?.registrant?.value;
  return typeof value === 'string' && value !== '' ? value : null;
}

function partiesTable(parties: readonly Party[]): Html {
  if (parties.length === 0) return html`<p class="none">No header: this document came without the parties' data.</p>`;
  return html`<div class="table-wrap"><table class="data">
<thead><tr><th>Role</th><th>Name</th><th>CIK</th><th class="optional">Industry</th><th class="optional">File number</th><th class="optional">Business address</th></tr></thead>
<tbody>${parties.map((party) => {
    const company = party.company;
    const formers = party.formerCompanies.map((former) => former.name);
    return html`<tr><td>${words(party.role)}</td><td>${company?.name ?? ''}${formers.length > 0 ? html`<div class="hint">formerly ${formers.join('; ')}</div>` : ''}</td><td>${
      company?.cik ? html`<a class="mono" href="${companyPath(company.cik)}">${company.cik}</a>` : ''
    }</td><td class="optional">${describeSic(company?.sic, company?.sicDescription) ?? ''}</td><td class="optional">${party.filingValues?.fileNumber ?? ''}</td><td class="optional">${address(party.businessAddress)}</td></tr>`;
  })}</tbody></table></div>`;
}

function documentsTable(filing: FilingView): Html {
  return html`<div class="table-wrap"><table class="data documents">
<thead><tr><th>#</th><th>Type</th><th>File</th><th class="optional">Size</th><th>Open</th></tr></thead>
<tbody>${filing.documents.map((document) => documentRow(filing, document))}</tbody></table></div>`;
}

function documentRow(filing: FilingView, document: DocumentView): Html {
  const key = documentKey(document);
  const open =
    document.encoding === 'uuencode'
      ? document.attachmentSha256
        ? html`<a href="${documentPath(filing.filingId, key)}">${isImage(document.attachmentName ?? document.filename) ? 'view' : 'details'}</a> · <a href="${attachmentPath(document.attachmentSha256, filing.filingId)}">download</a>`
        : html`<span class="none">undecodable</span>`
      : html`<a href="${documentPath(filing.filingId, key)}">read</a>`;
  return html`<tr><td>${key}</td><td>${document.type ?? html`<span class="none">–</span>`}</td><td><span class="mono">${document.filename ?? document.attachmentName ?? ''}</span>${document.description ? html`<div class="hint">${document.description}</div>` : ''}</td><td class="optional">${byteSize(document.byteLength)}</td><td>${open}</td></tr>`;
}

function words(role: string): string {
  const lower = role.replace(/[_-]+/g, ' ').toLowerCase();
  return lower.charAt(0).toUpperCase() + lower.slice(1);
}
