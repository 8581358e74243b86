import { escapeHtml } from '../render/index.js';

/**
 * Markup that is already safe: made by the `html` template (which escapes everything put into it) or vouched for
 * with `trustedHtml` (our own constants, and `renderHtml`'s output, which escapes every string of the filing).
 */
export class Html {
  readonly value: string;
  constructor(value: string) {
    this.value = value;
  }
  toString(): string {
    return this.value;
  }
}

export type HtmlValue = Html | string | number | null | undefined | false | readonly HtmlValue[];

/**
 * The one way pages are written: every interpolated value is escaped unless it is `Html` already, so a string
 * from a filing can never become markup. Arrays are joined; `null`, `undefined` and `false` write nothing.
 *
 *   html`<td>${company.name}</td>`           // escaped
 *   html`<ul>${items.map((item) => html`<li>${item}</li>`)}</ul>`
 */
export function html(strings: TemplateStringsArray, ...values: readonly HtmlValue[]): Html {
  let out = strings[0] ?? '';
  for (let i = 0; i < values.length; i++) out += toMarkup(values[i]) + (strings[i + 1] ?? '');
  return new Html(out);
}

/** Markup the caller guarantees is safe: our own constants and `renderHtml` output only, never filing text. */
export function trustedHtml(markup: string): Html {
  return new Html(markup);
}

function toMarkup(value: HtmlValue | undefined): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof Html) return value.value;
  if (Array.isArray(value)) return value.map((item: HtmlValue) => toMarkup(item)).join('');
  return escapeHtml(String(value));
}
