import { html as honoHtml, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';

/**
 * Markup that is already safe: made by the `html` template (which escapes everything put into it) or vouched for
 * with `trustedHtml` (our own constants, and `renderHtml`'s output, which escapes every string of the filing).
 * Hono's `html` helper does the escaping; this file only narrows its types to what the pages use.
 */
export type Html = HtmlEscapedString;

export type HtmlValue = Html | string | number | null | undefined | false | readonly HtmlValue[];

/**
 * The one way pages are written: every interpolated value is escaped unless it is `Html` already, so a string
 * from a filing can never become markup. Arrays are joined; `null`, `undefined` and `false` write nothing.
 *
 *   html`<td>${company.name}</td>`           // escaped
 *   html`<ul>${items.map((item) => html`<li>${item}</li>`)}</ul>`
 */
export function html(strings: TemplateStringsArray, ...values: readonly HtmlValue[]): Html {
  // Synchronous: no value here is a promise, so Hono's helper returns the string itself.
  return honoHtml(strings, ...(values as unknown[])) as Html;
}

/** Markup the caller guarantees is safe: our own constants and `renderHtml` output only, never filing text. */
export function trustedHtml(markup: string): Html {
  return raw(markup);
}
