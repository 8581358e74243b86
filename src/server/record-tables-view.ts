import { isRecordSpan } from '../render/form-record-text.js';
import { type Html, html } from './html.js';
import { orNone } from './layout.js';
import { documentPath } from './paths.js';

/**
 * The records that are tables, as HTML: a Form 3/4/5 (issuer, reporting owners, Tables I and II with their
 * footnotes) and a 13F (cover, summary, the information table). The record is stored JSON, read defensively as
 * untrusted data; every value with a span links to the place it was read from.
 */

type Loose = Record<string, unknown>;

function object(value: unknown): Loose {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Loose) : {};
}

function list(value: unknown): Loose[] {
  return Array.isArray(value) ? value.map(object) : [];
}

/** A field's bare value (a `{ value, span }` or a plain value). */
function bare(field: unknown): unknown {
  const found = object(field);
  return 'value' in found ? found.value : field;
}

/** One formatter for every number: `toLocaleString` with options makes one per call (50 times slower on a 13F's table). */
const NUMBER = new Intl.NumberFormat('en-US', { maximumFractionDigits: 6 });

function shown(value: unknown): string {
  if (value === true) return 'yes';
  if (value === false) return 'no';
  if (typeof value === 'number') return NUMBER.format(value);
  return typeof value === 'string' ? value : '';
}

/** A field's value, linked to where it came from. */
function cell(field: unknown, filingId: string, name: string, missing = '–'): Html | string {
  const found = object(field);
  const text = shown(bare(field));
  if (text === '') return orNone(null, missing);
  if (!isRecordSpan(found.span)) return text;
  const span = found.span;
  return html`<a class="field" href="${documentPath(filingId, span.document, { start: span.start, end: span.end })}" data-name="${name}" title="Show in document ${span.document}">${text}</a>`;
}

export function isOwnershipRecord(record: Loose): boolean {
  return Array.isArray(record.reportingOwners);
}

export function is13FRecord(record: Loose): boolean {
  return Array.isArray(record.holdings);
}

function relationship(owner: Loose): string {
  const parts: string[] = [];
  if (bare(owner.isDirector) === true) parts.push('Director');
  if (bare(owner.isOfficer) === true) parts.push(bare(owner.officerTitle) ? `Officer (${shown(bare(owner.officerTitle))})` : 'Officer');
  if (bare(owner.isTenPercentOwner) === true) parts.push('10% owner');
  if (bare(owner.isOther) === true) parts.push(bare(owner.otherText) ? `Other (${shown(bare(owner.otherText))})` : 'Other');
  return parts.join('; ');
}

/** Footnote marks of a row on one of its fields: `F1` as a superscript link to the footnote below. */
function marks(row: Loose, fields: readonly string[]): Html | string {
  const found = list(row.footnotes).filter((note) => fields.includes(String(note.field)));
  if (found.length === 0) return '';
  return html`${found.map((note) => html`<sup><a href="#footnote-${shown(note.id)}" title="${shown(note.text) || 'no such footnote'}">${shown(note.id)}</a></sup>`)}`;
}

export function ownershipView(record: Loose, filingId: string): Html {
  const issuer = object(record.issuer);
  const owners = list(record.reportingOwners);
  const footnotes = list(record.footnotes);
  const source = record.source === 'text' ? 'the text form of the SGML era' : 'the ownership XML';
  return html`<p class="hint">Form ${shown(record.form)}, read from ${source}. Click a value to see where it comes from.</p>
<dl class="facts record">
<dt>Period of report</dt><dd data-field="periodOfReport">${cell(record.periodOfReport, filingId, 'periodOfReport', 'not given')}</dd>
<dt>Issuer</dt><dd data-field="issuer">${cell(issuer.name, filingId, 'issuer-name', 'not given')}${bare(issuer.tradingSymbol) ? html` (${cell(issuer.tradingSymbol, filingId, 'issuer-symbol')})` : ''}${bare(issuer.cik) ? html` · CIK ${cell(issuer.cik, filingId, 'issuer-cik')}` : ''}</dd>
${bare(record.dateOfOriginalSubmission) ? html`<dt>Original filed</dt><dd>${cell(record.dateOfOriginalSubmission, filingId, 'dateOfOriginalSubmission')}</dd>` : ''}
</dl>
<h3>Reporting owners</h3>
${
  owners.length === 0
    ? html`<p class="none">No reporting owner named.</p>`
    : html`<div class="table-wrap"><table class="data owners"><thead><tr><th>Name</th><th>CIK</th><th>Relationship</th></tr></thead>
<tbody>${owners.map((owner) => html`<tr><td>${cell(owner.name, filingId, 'owner-name')}</td><td>${cell(owner.cik, filingId, 'owner-cik')}</td><td>${relationship(owner) || orNone(null, '–')}</td></tr>`)}</tbody></table></div>`
}
<h3>Table I – non-derivative securities</h3>
${entriesTable(list(record.nonDerivative), filingId, false)}
<h3>Table II – derivative securities</h3>
${entriesTable(list(record.derivative), filingId, true)}
${
  footnotes.length > 0
    ? html`<h3>Footnotes</h3><ol class="footnotes">${footnotes.map((note) => html`<li id="footnote-${shown(note.id)}"><strong>${shown(note.id)}</strong> ${cell(note.text, filingId, 'footnote')}</li>`)}</ol>`
    : ''
}
${bare(record.remarks) ? html`<h3>Remarks</h3><p>${cell(record.remarks, filingId, 'remarks')}</p>` : ''}`;
}

function entriesTable(rows: readonly Loose[], filingId: string, derivative: boolean): Html {
  if (rows.length === 0) return html`<p class="none">No rows.</p>`;
  return html`<div class="table-wrap"><table class="data transactions">
<thead><tr><th>Security</th>${derivative ? html`<th>Exercise price</th>` : ''}<th>Date</th><th>Code</th><th>Shares</th><th>(A)/(D)</th><th>Price</th>${
    derivative ? html`<th class="optional">Exercisable</th><th class="optional">Expires</th><th>Underlying</th>` : ''
  }<th>Owned after</th><th>D/I</th><th class="optional">Nature</th></tr></thead>
<tbody>${rows.map((row) => {
    const kind = row.kind === 'holding' ? html`<span class="hint"> (holding)</span>` : '';
    return html`<tr data-kind="${shown(row.kind)}"><td>${cell(row.securityTitle, filingId, 'securityTitle')}${marks(row, ['securityTitle'])}${kind}</td>${
      derivative
        ? html`<td>${cell(row.conversionOrExercisePrice, filingId, 'conversionOrExercisePrice')}${marks(row, ['conversionOrExercisePrice'])}</td>`
        : ''
    }<td>${cell(row.transactionDate, filingId, 'transactionDate')}${marks(row, ['transactionDate', 'deemedExecutionDate'])}</td><td>${cell(row.transactionCode, filingId, 'transactionCode')}${marks(row, ['transactionCode'])}</td><td>${cell(bare(row.shares) !== null && bare(row.shares) !== undefined ? row.shares : row.totalValue, filingId, 'shares')}${marks(row, ['shares', 'totalValue'])}</td><td>${cell(row.acquiredDisposed, filingId, 'acquiredDisposed')}${marks(row, ['acquiredDisposed'])}</td><td>${cell(row.pricePerShare, filingId, 'pricePerShare')}${marks(row, ['pricePerShare'])}</td>${
      derivative
        ? html`<td class="optional">${cell(row.exerciseDate, filingId, 'exerciseDate')}${marks(row, ['exerciseDate'])}</td><td class="optional">${cell(row.expirationDate, filingId, 'expirationDate')}${marks(row, ['expirationDate'])}</td><td>${cell(row.underlyingTitle, filingId, 'underlyingTitle')}${bare(row.underlyingShares) !== null && bare(row.underlyingShares) !== undefined ? html` · ${cell(row.underlyingShares, filingId, 'underlyingShares')}` : ''}${marks(row, ['underlyingTitle', 'underlyingShares'])}</td>`
        : ''
    }<td>${cell(row.sharesOwnedAfter, filingId, 'sharesOwnedAfter')}${marks(row, ['sharesOwnedAfter'])}</td><td>${cell(row.directOrIndirect, filingId, 'directOrIndirect')}${marks(row, ['directOrIndirect'])}</td><td class="optional">${cell(row.natureOfOwnership, filingId, 'natureOfOwnership')}${marks(row, ['natureOfOwnership'])}</td></tr>`;
  })}</tbody></table></div>`;
}

export function holdingsView(record: Loose, filingId: string): Html {
  const manager = object(record.manager);
  const summary = object(record.summary);
  const others = list(record.otherManagers);
  const holdings = list(record.holdings);
  const unit = record.valueUnit === 'dollars' ? 'dollars' : record.valueUnit === 'thousands' ? 'thousands of dollars' : 'unit unknown';
  const address = ['street1', 'street2', 'city', 'stateOrCountry', 'zipCode']
    .map((key) => shown(bare(manager[key])))
    .filter(Boolean)
    .join(', ');
  return html`<p class="hint">Form ${shown(record.form)}: cover, summary page and information table. Values are in ${unit}. Click a value to see where it comes from.</p>
<dl class="facts record">
<dt>Period</dt><dd data-field="periodOfReport">${cell(record.periodOfReport, filingId, 'periodOfReport', 'not given')}</dd>
<dt>Manager</dt><dd data-field="manager">${cell(manager.name, filingId, 'manager', 'not given')}${address ? html`<br><span class="hint">${address}</span>` : ''}</dd>
<dt>Report type</dt><dd>${cell(record.reportType, filingId, 'reportType', 'not given')}</dd>
<dt>13F file number</dt><dd>${cell(record.form13FFileNumber, filingId, 'form13FFileNumber', 'not given')}</dd>
<dt>Entries</dt><dd data-field="tableEntryTotal">${cell(summary.tableEntryTotal, filingId, 'tableEntryTotal', 'not given')} on the summary page · ${holdings.length} in the table</dd>
<dt>Value total</dt><dd data-field="tableValueTotal">${cell(summary.tableValueTotal, filingId, 'tableValueTotal', 'not given')} (${unit})</dd>
</dl>
${
  others.length > 0
    ? html`<h3>Other managers</h3><div class="table-wrap"><table class="data"><thead><tr><th>No.</th><th>Name</th><th>13F file number</th><th>CIK</th><th>Listed on</th></tr></thead>
<tbody>${others.map((other) => html`<tr><td>${cell(other.sequenceNumber, filingId, 'sequenceNumber')}</td><td>${cell(other.name, filingId, 'otherManager-name')}</td><td>${cell(other.form13FFileNumber, filingId, 'otherManager-file')}</td><td>${cell(other.cik, filingId, 'otherManager-cik')}</td><td>${shown(other.listedOn)}</td></tr>`)}</tbody></table></div>`
    : ''
}
<h3>Holdings (${holdings.length})</h3>
${
  holdings.length === 0
    ? html`<p class="none">No information table.</p>`
    : html`<div class="table-wrap"><table class="data holdings">
<thead><tr><th>Issuer</th><th>Class</th><th>CUSIP</th><th>Value</th><th>Shares / principal</th><th class="optional">Put/call</th><th class="optional">Discretion</th><th class="optional">Other managers</th><th>Voting: sole</th><th>shared</th><th>none</th></tr></thead>
<tbody>${holdings.map(
        (holding) =>
          html`<tr><td>${cell(holding.nameOfIssuer, filingId, 'nameOfIssuer')}</td><td>${cell(holding.titleOfClass, filingId, 'titleOfClass')}</td><td>${cell(holding.cusip, filingId, 'cusip')}</td><td class="number">${cell(holding.marketValue, filingId, 'marketValue')}</td><td class="number">${cell(holding.sharesOrPrincipal, filingId, 'sharesOrPrincipal')} ${shown(bare(holding.sharesOrPrincipalType))}</td><td class="optional">${cell(holding.putCall, filingId, 'putCall')}</td><td class="optional">${cell(holding.investmentDiscretion, filingId, 'investmentDiscretion')}</td><td class="optional">${cell(holding.otherManager, filingId, 'otherManager')}</td><td class="number">${cell(holding.votingSole, filingId, 'votingSole')}</td><td class="number">${cell(holding.votingShared, filingId, 'votingShared')}</td><td class="number">${cell(holding.votingNone, filingId, 'votingNone')}</td></tr>`,
      )}</tbody></table></div>`
}`;
}
