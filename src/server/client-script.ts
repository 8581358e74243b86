/**
 * The one script, served as a static file (the Content-Security-Policy allows no inline script). It does two
 * small things; every page works without it.
 *
 * 1. On a document page opened from an extracted field (`?start=&end=`), it marks the block whose
 *    `data-start`/`data-end` contains that span (the smallest such block; when the span crosses blocks, every
 *    outermost block it overlaps), scrolls it into view and moves focus there.
 * 2. `/` focuses the search box.
 */
export const CLIENT_SCRIPT = `(() => {
  'use strict';
  function highlight() {
    const params = new URLSearchParams(location.search);
    const start = Number(params.get('start'));
    const end = Number(params.get('end'));
    const body = document.querySelector('.doc-body');
    if (!body || !params.has('start') || !Number.isInteger(start) || !Number.isInteger(end) || end < start) return;
    const blocks = Array.from(body.querySelectorAll('[data-start][data-end]'));
    const range = (element) => [Number(element.getAttribute('data-start')), Number(element.getAttribute('data-end'))];
    let best = null;
    let bestLength = Infinity;
    for (const element of blocks) {
      const [from, to] = range(element);
      if (from <= start && end <= to && to - from < bestLength) {
        best = element;
        bestLength = to - from;
      }
    }
    let marked = best ? [best] : blocks.filter((element) => {
      const [from, to] = range(element);
      return from < Math.max(end, start + 1) && to > start;
    });
    marked = marked.filter((element) => !marked.some((other) => other !== element && other.contains(element)));
    if (marked.length === 0) return;
    for (const element of marked) element.classList.add('highlight');
    const first = marked[0];
    first.setAttribute('tabindex', '-1');
    first.id = first.id || 'highlight';
    first.scrollIntoView({ block: 'center' });
    first.focus({ preventScroll: true });
  }
  function shortcuts() {
    document.addEventListener('keydown', (event) => {
      if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return;
      const target = event.target;
      if (target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
      const box = document.querySelector('input[name="q"]');
      if (box) {
        event.preventDefault();
        box.focus();
        box.select();
      }
    });
  }
  function ready() {
    highlight();
    shortcuts();
    const original = document.getElementById('highlight');
    if (original && original.tagName === 'MARK') original.scrollIntoView({ block: 'center' });
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', ready);
  else ready();
})();
`;
