import {
  exhibit6KSchema,
  FORM_6K_COVER_FIELDS,
  form6KFieldKind,
  form6KRecordSchema,
  metaOf,
  signature6KSchema,
} from '../model/form-6k-record.js';
import { COMPOSE_ASSETS } from './compose-assets.js';
import { EXHIBIT_FIELDS, type FormFields, SIGNATURE_FIELDS } from './compose-form.js';
import { type Html, html } from './html.js';
import { layout } from './layout.js';

/** A problem to show: in the list, and beside its field when it has one. */
export interface ShownProblem {
  readonly severity: 'error' | 'warning';
  readonly message: string;
  readonly field: string | null;
}

export interface ComposePageState {
  readonly fields: FormFields;
  readonly problems: readonly ShownProblem[];
  /** Validation findings of the composed submission, as text lines. */
  readonly findings: readonly { readonly severity: 'error' | 'warning'; readonly text: string }[];
  readonly ascii: string | null;
  readonly previewUrl: string | null;
  readonly status: { readonly good: boolean; readonly text: string } | null;
}

/** Labels and hints of the exhibit and signature fields, from the record's one definition. */
function rowLabel(prefix: 'exhibit' | 'signature', field: string): { label: string; hint: string; type: string } {
  const schema = prefix === 'exhibit' ? exhibit6KSchema : signature6KSchema;
  const found = metaOf((schema.shape as Record<string, Parameters<typeof metaOf>[0]>)[field]);
  return { label: found.label ?? field, hint: found.hint ?? '', type: found.inputType ?? 'text' };
}

/** The cover's questions, in the order of the record's definition, each as the input its kind of answer takes. */
function coverInputs(parts: {
  textInput: (name: string, label: string, type?: string, hint?: string) => Html;
  choice: (name: string, legend: string, options: readonly (readonly [string, string])[]) => Html;
  yesNo: (name: string, legend: string) => Html;
}): Html[] {
  return FORM_6K_COVER_FIELDS.map((name) => {
    const found = metaOf(form6KRecordSchema.shape[name]);
    const question = found.question ?? found.label ?? name;
    const kind = form6KFieldKind(name);
    if (kind.kind === 'yesNo') return parts.yesNo(name, question);
    if (kind.kind === 'choice')
      return parts.choice(name, question, [...kind.options.map((option) => [option, `Form ${option}`] as const), ['', 'not marked']]);
    return parts.textInput(name, question, found.inputType ?? 'text', found.hint ?? '');
  });
}

/**
 * `/compose`: the record as a form, the ASCII and HTML renderings side by side, and what EDGAR's rules say.
 * One template: the field helpers close over `fields` and the problems, and the page body uses them all, so it reads
 * as one page rather than split into parts that would pass them around.
 */
export function composePage(state: ComposePageState): string {
  const { fields } = state;
  const problemFor = (name: string) => state.problems.filter((problem) => problem.field === name);
  const note = (name: string): Html =>
    html`${problemFor(name).map((problem) => html`<span class="field-problem ${problem.severity}">${problem.message}</span>`)}`;
  const invalid = (name: string) => (problemFor(name).length > 0 ? html` aria-invalid="true"` : '');
  const textInput = (name: string, label: string, type = 'text', hint = ''): Html =>
    html`<label>${label}${hint ? html` <span class="hint">${hint}</span>` : ''}<input type="${type}" name="${name}" value="${fields[name] ?? ''}"${invalid(name)}>${note(name)}</label>`;
  const textArea = (name: string, label: string, hint = ''): Html =>
    html`<label>${label}${hint ? html` <span class="hint">${hint}</span>` : ''}<textarea name="${name}"${invalid(name)}>${fields[name] ?? ''}</textarea>${note(name)}</label>`;
  const choice = (name: string, legend: string, options: readonly (readonly [string, string])[]): Html => {
    const current = fields[name] ?? '';
    return html`<div class="choices" role="radiogroup" aria-label="${legend}"><span>${legend}</span>${options.map(
      ([value, label]) =>
        html`<label><input type="radio" name="${name}" value="${value}"${current === value ? html` checked` : ''}> ${label}</label>`,
    )}${note(name)}</div>`;
  };
  const yesNo = (name: string, legend: string) =>
    choice(name, legend, [
      ['', 'not asked'],
      ['yes', 'Yes'],
      ['no', 'No'],
    ]);

  const rows = (prefix: 'exhibit' | 'signature') => {
    const names = prefix === 'exhibit' ? EXHIBIT_FIELDS : SIGNATURE_FIELDS;
    const present = new Set<number>();
    for (const name of Object.keys(fields)) {
      const match = new RegExp(`^${prefix}\\.(\\d+)\\.`).exec(name);
      if (match) present.add(Number(match[1]));
    }
    const used = [...present].sort((a, b) => a - b);
    const next = used.length === 0 ? 0 : Math.max(...used) + 1;
    const all = [...used, next, ...(prefix === 'exhibit' && used.length === 0 ? [next + 1] : [])];
    return { all, next: Math.max(...all) + 1, names };
  };
  const row = (prefix: 'exhibit' | 'signature', index: number | '__N__', names: readonly string[]): Html =>
    html`<div class="row">${names.map((field) => {
      const name = `${prefix}.${index}.${field}`;
      const { label, hint, type } = rowLabel(prefix, field);
      if (field === 'filedWith') return textArea(name, label, hint);
      return textInput(name, label, type, hint);
    })}</div>`;
  const exhibits = rows('exhibit');
  const signatures = rows('signature');

  const body = html`<h1>Compose a Form 6-K</h1>
<p class="hint">Fill in the record; the ASCII and HTML documents, EDGAR's rules and the read-back check follow as you type. The exhibits are listed on the exhibit index; attach their documents with <code>edgarkit compose 6-k</code>.</p>
<div class="compose-layout">
<form id="compose-form" class="compose" method="post" action="/compose">
<fieldset><legend>Cover</legend>
<label>Form <select name="form"><option value="6-K"${fields.form === '6-K/A' ? '' : html` selected`}>6-K</option><option value="6-K/A"${fields.form === '6-K/A' ? html` selected` : ''}>6-K/A</option></select></label>
${coverInputs({ textInput, choice, yesNo })}
</fieldset>
<fieldset><legend>What is furnished</legend>
${textArea('furnishing', 'The words above the exhibit list', 'paragraphs separated by a blank line')}
</fieldset>
<fieldset><legend>Exhibits</legend>
<div id="exhibit-rows" data-next="${exhibits.next}">${exhibits.all.map((index) => row('exhibit', index, exhibits.names))}</div>
<template id="exhibit-template">${row('exhibit', '__N__', exhibits.names)}</template>
<button type="button" class="button secondary" data-add-row="exhibit" hidden>Add an exhibit</button>
</fieldset>
<fieldset><legend>Signatures</legend>
<div id="signature-rows" data-next="${signatures.next}">${signatures.all.map((index) => row('signature', index, signatures.names))}</div>
<template id="signature-template">${row('signature', '__N__', signatures.names)}</template>
<button type="button" class="button secondary" data-add-row="signature" hidden>Add a signature</button>
</fieldset>
<fieldset><legend>Download</legend>
${choice('format', 'Primary document', [
  ['ascii', 'legacy ASCII'],
  ['html', 'HTML'],
])}
${choice('submission', 'Submission', [
  ['txt', 'complete submission .txt'],
  ['xml', 'EDGARLink Online XML (access codes as placeholders)'],
])}
</fieldset>
<div class="actions">
<button type="submit" formaction="/compose">Preview</button>
<button type="submit" class="button secondary" formaction="/compose/download" id="download">Download the submission</button>
</div>
</form>
<section aria-labelledby="preview-heading">
<h2 id="preview-heading">Preview</h2>
<p id="compose-status" class="${state.status ? `status ${state.status.good ? 'good' : 'bad'}` : 'status'}" role="status" aria-live="polite">${state.status?.text ?? ''}</p>
<ul id="compose-findings" class="findings">${state.problems.map((problem) => html`<li class="${problem.severity}"><span class="severity">${problem.severity}</span> ${problem.message}</li>`)}${state.findings.map(
    (finding) => html`<li class="${finding.severity}"><span class="severity">${finding.severity}</span> ${finding.text}</li>`,
  )}</ul>
<div class="previews">
<figure><figcaption>Legacy ASCII</figcaption><pre id="preview-ascii" tabindex="0">${state.ascii ?? ''}</pre></figure>
<figure><figcaption>HTML</figcaption><iframe id="preview-html" title="The HTML document" sandbox="" referrerpolicy="no-referrer"${state.previewUrl ? html` src="${state.previewUrl}"` : ''}></iframe></figure>
</div>
</section>
</div>
<link rel="stylesheet" href="${COMPOSE_ASSETS.stylesheet.path}">
<script src="${COMPOSE_ASSETS.script.path}" defer></script>`;
  return layout({ title: 'Compose a 6-K', body });
}
