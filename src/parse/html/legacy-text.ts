/**
 * Legacy ASCII documents wrapped in HTML: `<html><body><div>` around text laid out with spaces and
 * the old `<PAGE>`, `<TABLE>`/`<S>`/`<C>` markers, and (almost) no HTML formatting. Browsers would
 * collapse their layout; the model keeps it, as preformatted text cut into pages at `<PAGE>`.
 *
 * Found with a few `indexOf` scans that stop early, never a regex over the whole document.
 */

/** How much of the document is searched for HTML formatting. */
const HEAD_LENGTH = 65536;

const LEGACY_MARKERS = ['<PAGE>', '<S>', '<C>'] as const;
const HTML_FORMATTING = ['div', 'p', 'font', 'td', 'br', 'span', 'li', 'b', 'i', 'h1', 'h2', 'h3', 'center'] as const;

/** Occurrences of `<name` (either case) followed by white space, `>` or `/`, counted up to `limit`. */
function countTag(html: string, name: string, limit: number): number {
  let count = 0;
  for (const needle of [`<${name}`, `<${name.toUpperCase()}`]) {
    let at = html.indexOf(needle);
    while (at !== -1 && count < limit) {
      const next = html.charCodeAt(at + needle.length);
      if (next === 0x3e || next === 0x20 || next === 0x2f || (next >= 0x09 && next <= 0x0d)) count++;
      at = html.indexOf(needle, at + needle.length);
    }
  }
  return count;
}

function countExact(html: string, needle: string, limit: number): number {
  let count = 0;
  for (let at = html.indexOf(needle); at !== -1 && count < limit; at = html.indexOf(needle, at + needle.length)) count++;
  return count;
}

/** True when `html` is legacy ASCII text in an HTML wrapper. */
export function isLegacyTextInHtml(html: string): boolean {
  // HTML formatting shows early: looked for first, in the first part of the document only.
  const head = html.length > HEAD_LENGTH ? html.slice(0, HEAD_LENGTH) : html;
  let formatting = 0;
  for (const name of HTML_FORMATTING) {
    formatting += countTag(head, name, 6);
    if (formatting > 5) return false;
  }
  let markers = 0;
  for (const marker of LEGACY_MARKERS) {
    markers += countExact(html, marker, 3);
    if (markers >= 3) return true;
  }
  return false;
}
