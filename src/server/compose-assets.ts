import { createHash } from 'node:crypto';

/**
 * The compose page's own script and stylesheet, served as static files under content-hashed names (the
 * Content-Security-Policy allows no inline script or style). The page works without the script: "Preview" and
 * "Download" are plain form posts. The script adds the live preview, inline findings and rows to add.
 * It writes every value with textContent: nothing the server sends becomes markup.
 */
export const COMPOSE_SCRIPT = `(() => {
  'use strict';
  const form = document.getElementById('compose-form');
  if (!form) return;
  const ascii = document.getElementById('preview-ascii');
  const frame = document.getElementById('preview-html');
  const list = document.getElementById('compose-findings');
  const status = document.getElementById('compose-status');
  let timer = 0;
  let latest = 0;

  function clearMarks() {
    for (const note of Array.from(form.querySelectorAll('.field-problem'))) note.remove();
    for (const field of Array.from(form.querySelectorAll('[aria-invalid]'))) {
      field.removeAttribute('aria-invalid');
      field.removeAttribute('aria-describedby');
    }
  }

  function item(severity, text) {
    const li = document.createElement('li');
    li.className = severity;
    const badge = document.createElement('span');
    badge.className = 'severity';
    badge.textContent = severity;
    li.append(badge, ' ', text);
    return li;
  }

  function mark(problem, index) {
    if (!problem.field) return;
    const field = form.elements.namedItem(problem.field);
    const target = field instanceof RadioNodeList ? field[0] : field;
    if (!target || !target.parentElement) return;
    const note = document.createElement('span');
    note.className = 'field-problem ' + problem.severity;
    note.id = 'problem-' + index;
    note.textContent = problem.message;
    target.setAttribute('aria-invalid', 'true');
    target.setAttribute('aria-describedby', note.id);
    target.parentElement.append(note);
  }

  function render(data) {
    clearMarks();
    list.replaceChildren();
    const problems = data.problems || [];
    problems.forEach((problem, index) => {
      list.append(item(problem.severity, problem.message));
      mark(problem, index);
    });
    for (const finding of data.findings || []) {
      const where = finding.line ? ' (line ' + finding.line + ', column ' + finding.column + ')' : '';
      list.append(item(finding.severity, finding.code + ': ' + finding.message + where));
    }
    if (data.ok) {
      ascii.textContent = data.ascii;
      if (frame.getAttribute('src') !== data.previewUrl) frame.setAttribute('src', data.previewUrl);
      const errors = (data.findings || []).filter((finding) => finding.severity === 'error').length;
      status.textContent = errors + ' error' + (errors === 1 ? '' : 's') + ' under EDGAR\\'s rules; ' +
        (data.readBack && data.readBack.same ? 'reads back as the same record' : 'reads back differently: see the warnings');
      status.className = errors === 0 ? 'status good' : 'status bad';
    } else {
      status.textContent = 'The record is not complete yet: see the problems below.';
      status.className = 'status bad';
    }
    form.setAttribute('data-previewed', String(latest));
  }

  async function refresh() {
    const mine = ++latest;
    const body = new URLSearchParams(new FormData(form));
    try {
      const response = await fetch('/api/compose', { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body });
      const data = await response.json();
      if (mine === latest) render(data);
    } catch (error) {
      status.textContent = 'The preview could not be made: ' + error;
      status.className = 'status bad';
    }
  }

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(refresh, 250);
  }

  function addRow(kind) {
    const template = document.getElementById(kind + '-template');
    const rows = document.getElementById(kind + '-rows');
    if (!template || !rows) return;
    const next = Number(rows.getAttribute('data-next') || rows.children.length);
    rows.setAttribute('data-next', String(next + 1));
    const copy = template.content.cloneNode(true);
    for (const element of Array.from(copy.querySelectorAll('[name], [for], [id]'))) {
      for (const attribute of ['name', 'for', 'id']) {
        const value = element.getAttribute(attribute);
        if (value) element.setAttribute(attribute, value.replace(/__N__/g, String(next)));
      }
    }
    rows.append(copy);
  }

  for (const button of Array.from(document.querySelectorAll('[data-add-row]'))) {
    button.hidden = false;
    button.addEventListener('click', () => addRow(button.getAttribute('data-add-row')));
  }
  form.addEventListener('input', schedule);
  form.addEventListener('change', schedule);
  form.classList.add('live');
  refresh();
})();
`;

export const COMPOSE_STYLESHEET = `
.compose-layout { display: grid; grid-template-columns: minmax(18rem, 1fr) minmax(0, 2fr); gap: 1.5rem; align-items: start; }
.compose-layout > * { min-width: 0; }
.compose-layout > section { position: sticky; top: .5rem; }
.compose fieldset { border: 1px solid var(--line); border-radius: var(--radius); margin: 0 0 1rem; padding: .6rem .9rem .9rem; }
.compose legend { font-weight: 600; padding: 0 .3rem; }
.compose label { display: grid; gap: .15rem; margin: .45rem 0; font-size: .92rem; }
.compose input[type=text], .compose input[type=month], .compose input[type=date], .compose select, .compose textarea {
  width: 100%; box-sizing: border-box; padding: .35rem .5rem; border: 1px solid var(--line); border-radius: var(--radius); font: inherit; }
.compose textarea { min-height: 3.2rem; }
.compose .choices { display: flex; flex-wrap: wrap; gap: .4rem 1rem; margin: .4rem 0; font-size: .92rem; }
.compose .choices label { display: inline-flex; gap: .3rem; margin: 0; }
.compose .row { border-top: 1px dashed var(--line); padding-top: .4rem; margin-top: .4rem; }
.compose .actions { display: flex; gap: .6rem; flex-wrap: wrap; align-items: center; }
.compose [aria-invalid=true] { border-color: var(--bad); outline: 1px solid var(--bad); }
.field-problem { color: var(--bad); font-size: .85rem; }
.field-problem.warning { color: var(--muted); }
.previews { display: grid; grid-template-columns: minmax(0, 1.25fr) minmax(0, 1fr); gap: 1rem; }
.previews figure { margin: 0; min-width: 0; }
.previews figcaption { font-weight: 600; margin-bottom: .3rem; }
.previews pre { margin: 0; padding: .6rem; border: 1px solid var(--line); border-radius: var(--radius); background: var(--soft);
  overflow: auto; max-height: 48rem; font-size: .68rem; line-height: 1.25; white-space: pre; }
.previews iframe { width: 100%; height: 48rem; border: 1px solid var(--line); border-radius: var(--radius); background: #fff; }
.findings { list-style: none; padding: 0; margin: .5rem 0 1rem; font-size: .9rem; }
.findings li { padding: .2rem 0; }
.findings .severity { display: inline-block; min-width: 4.5rem; font-weight: 700; text-transform: uppercase; font-size: .75rem; }
.findings .error .severity { color: var(--bad); }
.findings .warning .severity { color: var(--muted); }
.status { font-weight: 600; }
.status.good { color: var(--good); }
.status.bad { color: var(--bad); }
@media (max-width: 60rem) { .compose-layout, .previews { grid-template-columns: 1fr; } }
`;

function asset(name: string, extension: string, contentType: string, body: string) {
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 10);
  return { path: `/static/${name}.${hash}.${extension}`, contentType, body } as const;
}

export const COMPOSE_ASSETS = {
  script: asset('compose', 'js', 'text/javascript; charset=utf-8', COMPOSE_SCRIPT),
  stylesheet: asset('compose', 'css', 'text/css; charset=utf-8', COMPOSE_STYLESHEET),
} as const;
