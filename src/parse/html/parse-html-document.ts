/**
 * HTML and inline XBRL documents → the document model: pages of headings, paragraphs, lists,
 * tables and check-box choices, every span a character range into the input.
 *
 * htmlparser2's streaming `Parser` does the tokenizing; `HtmlModelBuilder` turns its callbacks into
 * blocks as they close (no DOM is built); `paginate` cuts the flow at page breaks.
 *
 * How EDGAR's HTML habits are read:
 * - Hidden content (`<head>`, `<script>`, `<style>`, inline XBRL's `<ix:header>`, anything
 *   `display:none` or `visibility:hidden`) never reaches the text.
 * - Page breaks: `page-break-before/after: always` on any element, EDGAR's `<PAGE>` tag, and `<hr>`
 *   unless it is narrow (a width under 75%, a decorative rule: a `Rule` block) or inside a table or
 *   list. Pages left empty are dropped.
 * - A page number alone on the last line of a page (or, failing that, the first) becomes
 *   `Page.label` and leaves the blocks.
 * - Headings: `<h1>`–`<h6>`; a short standalone line all in bold (level 2 centred, else 3) or in
 *   centred capitals (level 3).
 * - Paragraphs: block elements and `<br>` lines; a `<br>` inside running text (a long line not
 *   ending a sentence) is a hard wrap and is joined.
 * - Tables: see `finishTable` (layout tables unwrapped, `$`/`)`/`%` cells merged, empty rows and
 *   columns dropped, header rows told, bullet tables read as lists, check-box rows read as choices).
 * - Check boxes: see `detectChoice`. The question before the boxes stays a paragraph; a known label
 *   with no box of its own (`Form 20-F x  Form 40-F`) is an unmarked option with `markSpan` null.
 * - Legacy ASCII wrapped in HTML (`<PAGE>`, `<S>`, `<C>` markers and no HTML formatting) is kept as
 *   preformatted text.
 *
 * Lenient: any string gives a model; what was repaired is reported as diagnostics whose `offset` is
 * a character offset into the input (`html/unclosed-table`, `html/windows-1252-characters`,
 * `html/no-visible-text`).
 */

import { diagnostic } from '../../core/diagnostic.js';
import type { DocumentModel } from '../../model/document.js';
import { BoundedParser, MAX_OPEN_ELEMENTS } from './bounded-parser.js';
import { HtmlModelBuilder } from './html-model-builder.js';
import { isLegacyTextInHtml } from './legacy-text.js';
import { paginate } from './paginate.js';
import { SkimmingTokenizer } from './skimming-tokenizer.js';

/**
 * Parser options shared by every caller: entities decoded, XHTML's `<td/>` closed (inline XBRL is XHTML), and the
 * tokenizer that skims text and attribute values with `indexOf` (the same events).
 */
export const HTML_PARSER_OPTIONS = { decodeEntities: true, recognizeSelfClosing: true, Tokenizer: SkimmingTokenizer } as const;

/**
 * Reads an HTML document into the document model: pages, headings, paragraphs, lists, real tables and check boxes.
 *
 * @example
 * ```ts
 * const model = parseHtmlDocument(decodeDocumentText(document).text);
 * console.log(renderMarkdown(model));
 * ```
 */
export function parseHtmlDocument(html: string): DocumentModel {
  return parseHtmlAs(html, isLegacyTextInHtml(html));
}

/**
 * `parseHtmlDocument` for a caller that has already told whether `html` is legacy ASCII in an HTML wrapper
 * (`isLegacyTextInHtml`), so that scan is not made twice.
 */
export function parseHtmlAs(html: string, legacyText: boolean): DocumentModel {
  const builder = new HtmlModelBuilder({ preformatted: legacyText });
  const parser = new BoundedParser(builder, HTML_PARSER_OPTIONS);
  parser.end(html);
  const model = modelFromBuilder(builder, html);
  if (parser.firstTooDeep === -1) return model;
  const tooDeep = diagnostic(
    'html/nesting-too-deep',
    'warning',
    `Elements nest deeper than ${MAX_OPEN_ELEMENTS}; ${parser.closedEarly} were closed early to keep the depth bounded`,
    parser.firstTooDeep,
  );
  return { ...model, diagnostics: [...model.diagnostics, tooDeep] };
}

/** The model once all of `source` has gone through the builder (whole or in chunks). */
export function modelFromBuilder(builder: HtmlModelBuilder, source: string): DocumentModel {
  const { flow, diagnostics: found } = builder.finish();
  const pages = paginate(flow, source.length);
  const diagnostics = found.map((item) => (item.offset <= source.length ? item : { ...item, offset: source.length }));
  if (source.trim() !== '' && pages.every((page) => page.blocks.length === 0)) {
    diagnostics.push({ code: 'html/no-visible-text', severity: 'info', message: 'The document has no visible text', offset: 0 });
  }
  return { kind: 'document', sourceFormat: 'html', source, pages, diagnostics };
}
