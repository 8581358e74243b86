import { isRecordField, isRecordSpan, type RecordField, recordFieldLabel, words } from '../render/form-record-text.js';
import { type Html, html } from './html.js';
import { orNone } from './layout.js';
import { documentPath } from './paths.js';
import { holdingsView, is13FRecord, isOwnershipRecord, ownershipView } from './record-tables-view.js';

/**
 * The extracted form record as HTML. The record is stored JSON of the form extractors (a 6-K, a 20-F/40-F, or the
 * exhibits and signatures of any other form); it is read defensively, as untrusted data. Every field that has a
 * span links to the document it came from with `?start=&end=`, where the page script highlights the block
 * whose `data-start`/`data-end` contains it.
 */

/** Shown in their own tables or lists, or not at all. */
const SEPARATE = new Set([
  'form',
  'formType',
  'exhibits',
  'signatures',
  'diagnostics',
  'filingDiagnostics',
  'items',
  'earningsRelease',
  'sections',
  'sectionsNotFound',
]);

export function formRecordView(record: unknown, filingId: string): Html {
  if (record === null || typeof record !== 'object') return html`<p class="none">No form record was extracted from this filing.</p>`;
  const fields = record as Record<string, unknown>;
  const form = typeof fields.form === 'string' ? fields.form : null;
  if (isOwnershipRecord(fields) || is13FRecord(fields)) return tableRecordView(fields, filingId);
  const rows: Html[] = [];
  for (const [key, value] of Object.entries(fields)) {
    if (SEPARATE.has(key)) continue;
    const label = recordFieldLabel(key);
    if (isRecordField(value)) rows.push(html`<dt>${label}</dt><dd data-field="${key}">${fieldValue(value, filingId, key)}</dd>`);
    else if (Array.isArray(value)) rows.push(html`<dt>${label}</dt><dd data-field="${key}">${listValue(value)}</dd>`);
  }
  const exhibits = Array.isArray(fields.exhibits) ? fields.exhibits : [];
  const signatures = Array.isArray(fields.signatures) ? fields.signatures : [];
  const diagnostics = [
    ...(Array.isArray(fields.diagnostics) ? fields.diagnostics : []),
    ...(Array.isArray(fields.filingDiagnostics) ? fields.filingDiagnostics : []),
  ];
  return html`<p class="hint">${form === 'other' ? 'Exhibits and signatures read from the primary document.' : html`Read from the ${form ?? ''} cover.`} Click a value to see where it comes from.</p>
${rows.length > 0 ? html`<dl class="facts record">${rows}</dl>` : ''}
${Array.isArray(fields.items) ? itemsTable(fields.items, fields.earningsRelease, filingId) : ''}
${Array.isArray(fields.sections) ? sectionsList(fields.sections, fields.sectionsNotFound, filingId) : ''}
<h3>Exhibits</h3>
${exhibits.length === 0 ? html`<p class="none">No exhibits listed.</p>` : exhibitsTable(exhibits, filingId)}
<h3>Signatures</h3>
${signatures.length === 0 ? html`<p class="none">No signature block found.</p>` : signaturesTable(signatures, filingId)}
${diagnostics.length > 0 ? html`<h3>Notes from the extractor</h3><ul class="warnings">${diagnostics.map((entry) => html`<li>${messageOf(entry)}</li>`)}</ul>` : ''}`;
}

/** A Form 3/4/5 or 13F: its tables, then its exhibits, signatures and notes as for every record. */
function tableRecordView(fields: Record<string, unknown>, filingId: string): Html {
  const exhibits = Array.isArray(fields.exhibits) ? fields.exhibits : [];
  const signatures = Array.isArray(fields.signatures) ? fields.signatures : [];
  const diagnostics = [
    ...(Array.isArray(fields.diagnostics) ? fields.diagnostics : []),
    ...(Array.isArray(fields.filingDiagnostics) ? fields.filingDiagnostics : []),
  ];
  return html`${isOwnershipRecord(fields) ? ownershipView(fields, filingId) : holdingsView(fields, filingId)}
${exhibits.length > 0 ? html`<h3>Exhibits</h3>${exhibitsTable(exhibits, filingId)}` : ''}
<h3>Signatures</h3>
${signatures.length === 0 ? html`<p class="none">No signature found.</p>` : signaturesTable(signatures, filingId)}
${diagnostics.length > 0 ? html`<h3>Notes from the extractor</h3><ul class="warnings">${diagnostics.map((entry) => html`<li>${messageOf(entry)}</li>`)}</ul>` : ''}`;
}

/** An 8-K's items: number, official title, whether the header and the body name it; the heading links to the item's text. */
function itemsTable(items: readonly unknown[], release: unknown, filingId: string): Html {
  const earnings = release !== null && typeof release === 'object' ? (release as Record<string, unknown>) : null;
  const sequence = typeof earnings?.documentSequence === 'number' ? earnings.documentSequence : null;
  return html`<h3>Items</h3>
${
  items.length === 0
    ? html`<p class="none">No items.</p>`
    : html`<div class="table-wrap"><table class="data items">
<thead><tr><th>Item</th><th>Title</th><th>In header</th><th>In document</th></tr></thead>
<tbody>${items.map((entry) => {
        const item = (entry ?? {}) as Record<string, unknown>;
        const span = isRecordSpan(item.span) ? item.span : null;
        const number = text(item.number) || '?';
        return html`<tr data-item="${number}"><td>${span ? spanLink(number, span, filingId, 'item') : number}</td><td>${text(item.title) || text(item.headerText)}</td><td>${item.inHeader === true ? 'yes' : html`<span class="no">no</span>`}</td><td>${item.inBody === true ? 'yes' : html`<span class="no">no</span>`}</td></tr>`;
      })}</tbody></table></div>`
}
${earnings ? html`<p>Earnings release: ${sequence !== null ? html`<a href="${documentPath(filingId, sequence)}">${text(earnings.type)} ${text(earnings.description)}</a>` : text(earnings.type)}</p>` : ''}`;
}

/** A report's sections, each a link to its place in the rendered document. */
function sectionsList(sections: readonly unknown[], notFound: unknown, filingId: string): Html {
  const missing = Array.isArray(notFound) ? notFound.map(text).filter(Boolean) : [];
  const link = (entry: unknown) => {
    const section = (entry ?? {}) as Record<string, unknown>;
    const span = isRecordSpan(section.span) ? section.span : null;
    const key = text(section.key);
    const label = html`${/^\d|^I+-/.test(key) ? `Item ${key} ` : ''}${text(section.title)}`;
    return span
      ? // `at` opens the part of a long document that holds the section.
        html`<a href="${documentPath(filingId, span.document, { at: span.start })}#section-${key.replace(/[^A-Za-z0-9.-]/g, '-')}">${label}</a>`
      : label;
  };
  return html`<h3>Sections</h3>
${
  sections.length === 0
    ? html`<p class="none">No item headings were found.</p>`
    : html`<ol class="sections">${sections.map((entry) => {
        const subs = Array.isArray((entry as Record<string, unknown> | null)?.subsections)
          ? ((entry as Record<string, unknown>).subsections as unknown[])
          : [];
        return html`<li>${link(entry)}${subs.length > 0 ? html`<ol>${subs.map((sub) => html`<li>${link(sub)}</li>`)}</ol>` : ''}</li>`;
      })}</ol>`
}
${missing.length > 0 ? html`<p class="hint">No heading found for: ${missing.join(', ')}</p>` : ''}`;
}

function exhibitsTable(exhibits: readonly unknown[], filingId: string): Html {
  return html`<div class="table-wrap"><table class="data exhibits">
<thead><tr><th>Exhibit</th><th>Description</th><th class="optional">Date</th><th class="optional">Filed with</th><th>Attached</th></tr></thead>
<tbody>${exhibits.map((entry) => {
    const exhibit = (entry ?? {}) as Record<string, unknown>;
    const number = text(exhibit.number);
    const span = isRecordSpan(exhibit.span) ? exhibit.span : null;
    const sequence = typeof exhibit.documentSequence === 'number' ? exhibit.documentSequence : null;
    const filedWith = Array.isArray(exhibit.filedWith)
      ? exhibit.filedWith.map((regulator) => text((regulator as Record<string, unknown> | null)?.name)).filter(Boolean)
      : [];
    return html`<tr data-exhibit="${number}"><td>${span ? spanLink(number || '?', span, filingId, 'exhibit') : number}</td><td>${text(exhibit.description)}</td><td class="optional">${text(exhibit.date)}</td><td class="optional">${filedWith.join('; ')}</td><td>${
      exhibit.attached === true
        ? html`<span class="yes">yes</span>${sequence !== null ? html` · <a href="${documentPath(filingId, sequence)}">document ${sequence}</a>` : ''}`
        : html`<span class="no">not attached</span>`
    }</td></tr>`;
  })}</tbody></table></div>`;
}

function signaturesTable(signatures: readonly unknown[], filingId: string): Html {
  const columns = ['registrant', 'signature', 'name', 'title', 'date'] as const;
  return html`<div class="table-wrap"><table class="data signatures">
<thead><tr>${columns.map((column) => html`<th${column === 'registrant' || column === 'signature' ? html` class="optional"` : ''}>${words(column)}</th>`)}</tr></thead>
<tbody>${signatures.map((entry) => {
    const signature = (entry ?? {}) as Record<string, unknown>;
    return html`<tr>${columns.map((column) => {
      const value = signature[column];
      return html`<td data-field="signature-${column}"${column === 'registrant' || column === 'signature' ? html` class="optional"` : ''}>${isRecordField(value) ? fieldValue(value, filingId, `signature-${column}`) : orNone(null, '–')}</td>`;
    })}</tr>`;
  })}</tbody></table></div>`;
}

function fieldValue(field: RecordField, filingId: string, name: string): Html | string {
  const shown = display(field.value);
  if (field.span === null) return shown;
  return spanLink(shown, field.span, filingId, name);
}

function spanLink(content: Html | string, span: NonNullable<RecordField['span']>, filingId: string, name: string): Html {
  const href = documentPath(filingId, span.document, { start: span.start, end: span.end });
  return html`<a class="field" href="${href}" data-name="${name}" title="Show in document ${span.document}, page ${span.page}">${content}</a>`;
}

function display(value: unknown): Html | string {
  if (value === true) return html`<span class="bool">Yes</span>`;
  if (value === false) return html`<span class="bool">No</span>`;
  if (value === null || value === undefined || value === '') return orNone(null);
  return typeof value === 'string' || typeof value === 'number' ? String(value) : JSON.stringify(value);
}

function listValue(values: readonly unknown[]): Html | string {
  if (values.length === 0) return orNone(null, 'none');
  return html`${values.map((value, index) => {
    const shown =
      value !== null && typeof value === 'object'
        ? Object.values(value as Record<string, unknown>)
            .filter((part) => typeof part === 'string' && part !== '')
            .join(' · ')
        : String(value);
    return html`${index > 0 ? html`<br>` : ''}${shown}`;
  })}`;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
}

function messageOf(entry: unknown): string {
  const message = (entry as Record<string, unknown> | null)?.message;
  return typeof message === 'string' ? message : '';
}

/** `furnishesUnderRule12g32b` → `Furnishes under rule12g32b`: a readable label for a key without one. */
