import type { DocumentModel } from '../model/document.js';
import type { Submission } from '../model/submission.js';
import type { XmlDocument } from '../model/xml.js';
import { isLegacyTextInHtml } from './html/legacy-text.js';
import { parseHtmlAs } from './html/parse-html-document.js';
import { decodeText } from './sgml/decode-text.js';
import { parseTextDocument } from './text/parse-text-document.js';
import { parseXmlDocument } from './xml/parse-xml.js';

/** What a document's body holds, which decides how it is read. */
export type DocumentKind = 'html' | 'text' | 'xml' | 'binary';

/** What a `<DOCUMENT>` header says of a body, used to tell HTML from ASCII from XML from binary. */
export interface DocumentHints {
  readonly filename?: string | null;
  readonly type?: string | null;
  readonly wrapper?: string | null;
  readonly encoding?: 'text' | 'uuencode';
}

const HTML_START = /<(?:!doctype\s+html|html|head|body|div|p|table|font|center|b|br|hr|h[1-6])[\s>/]/i;
const LEGACY_MARKERS = /^<(?:PAGE|S|C|TABLE|CAPTION)>\s*$/m;

/**
 * Tells HTML from legacy ASCII from XML: by the file name first, then by what the body starts with. Legacy ASCII
 * wrapped in a `<div>`/`<pre>` (some 2001 filings) still counts as HTML; the HTML reader keeps its layout.
 */
export function detectDocumentKind(text: string, hints: DocumentHints = {}): DocumentKind {
  if (hints.encoding === 'uuencode') return 'binary';
  const name = (hints.filename ?? '').toLowerCase();
  const head = text.slice(0, 4096);
  if (name.endsWith('.htm') || name.endsWith('.html')) return 'html';
  if (name.endsWith('.xml') || name.endsWith('.xsd')) return /<html[\s>]/i.test(head) ? 'html' : 'xml';
  if (name.endsWith('.txt')) return 'text';
  if (/^\s*<\?xml/i.test(head)) return /<html[\s>]/i.test(head) ? 'html' : 'xml';
  if (hints.wrapper === 'XML' || hints.wrapper === 'XBRL') return /<html[\s>]/i.test(head) ? 'html' : 'xml';
  if (HTML_START.test(head) && !LEGACY_MARKERS.test(head)) return 'html';
  return 'text';
}

/**
 * Reads a document's text into the page/block model, as HTML or as legacy ASCII. Legacy ASCII that a filer
 * wrapped in `<html><body><div>` (some 2001 filings) is read as the ASCII it is, so its `<TABLE>`/`<S>`/`<C>`
 * tables become tables; the model's `source` is then the unwrapped text its spans point into.
 */
export function parseDocument(text: string, kind: 'html' | 'text'): DocumentModel {
  if (kind !== 'html') return parseTextDocument(text);
  // Told once here: the HTML reader is not asked to look again.
  if (isLegacyTextInHtml(text)) return parseTextDocument(unwrapLegacyText(text));
  return parseHtmlAs(text, false);
}

const BASIC_ENTITY = /&(?:amp|lt|gt|quot|nbsp|#160|#39|apos);/gi;
const ENTITY_TEXT: Readonly<Record<string, string>> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&nbsp;': ' ',
  '&#160;': ' ',
  '&#39;': "'",
  '&apos;': "'",
};

/** The text inside a legacy-ASCII HTML wrapper: wrapper tags dropped, the basic entities read. */
export function unwrapLegacyText(html: string): string {
  return removeWrapperTags(html).replace(BASIC_ENTITY, (entity) => ENTITY_TEXT[entity.toLowerCase()] ?? entity);
}

const WRAPPER_NAMES = ['html', 'head', 'body', 'div', 'pre'] as const;
const WHITE_SPACE = /\s/;

/**
 * The text less `<html>`, `<head>`, `<body>`, `<div>`, `<pre>` tags (opening or closing, with any attributes) and
 * `<title>…</title>`: what `/<\/?(?:html|head|body|div|pre)(?:\s[^>]*)?>|<title>[^<]*<\/title>/gi` removes, by a scan: the regex looks for the `>` of `<div …` again from every
 * `<div`, which is quadratic on a document of `<div ` with no `>`. Here the next `>` is found once and reused.
 */
function removeWrapperTags(html: string): string {
  const parts: string[] = [];
  let kept = 0;
  let gt = -1;
  let gtFrom = -1;
  const nextGt = (from: number): number => {
    // With no `>` after some point there is none after any later point either.
    if (gtFrom === -1 || (gt !== -1 && gt < from)) {
      gt = html.indexOf('>', from);
      gtFrom = from;
    }
    return gt;
  };
  const tagEnd = (lt: number): number => {
    let at = lt + 1;
    if (html.charCodeAt(at) === 0x2f /* / */) at++;
    for (const name of WRAPPER_NAMES) {
      if (!startsWithIgnoreCase(html, at, name)) continue;
      const after = at + name.length;
      const next = html.charAt(after);
      if (next === '>') return after + 1;
      if (next !== '' && WHITE_SPACE.test(next)) {
        const close = nextGt(after);
        return close === -1 ? -1 : close + 1;
      }
    }
    if (startsWithIgnoreCase(html, lt, '<title>')) {
      const close = html.indexOf('<', lt + 7);
      if (close !== -1 && startsWithIgnoreCase(html, close, '</title>')) return close + 8;
    }
    return -1;
  };
  for (let lt = html.indexOf('<'); lt !== -1; ) {
    const end = tagEnd(lt);
    if (end === -1) {
      lt = html.indexOf('<', lt + 1);
      continue;
    }
    parts.push(html.slice(kept, lt));
    kept = end;
    lt = html.indexOf('<', end);
  }
  if (kept === 0) return html;
  parts.push(html.slice(kept));
  return parts.join('');
}

/** The words of an XML document (ownership, holdings), for search: tags dropped, entities of the five kinds read. */
export function xmlText(text: string): string {
  return removeTags(unwrapCdata(text))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

// The two passes below are scans, not `/<!\[CDATA\[([\s\S]*?)\]\]>/g` and `/<[^>]*>/g`: those retry from every
// `<` when no end follows, which is quadratic on a document of unclosed markup. With no end after one opening,
// there is none after any later one either, so each scan stops there.

/** `<![CDATA[…]]>` sections replaced by their content. */
function unwrapCdata(text: string): string {
  const parts: string[] = [];
  let at = 0;
  for (;;) {
    const open = text.indexOf('<![CDATA[', at);
    if (open === -1) break;
    const close = text.indexOf(']]>', open + 9);
    if (close === -1) break;
    parts.push(text.slice(at, open), text.slice(open + 9, close));
    at = close + 3;
  }
  if (at === 0) return text;
  parts.push(text.slice(at));
  return parts.join('');
}

/** Every `<…>` replaced by a space. */
function removeTags(text: string): string {
  const parts: string[] = [];
  let at = 0;
  for (;;) {
    const open = text.indexOf('<', at);
    if (open === -1) break;
    const close = text.indexOf('>', open + 1);
    if (close === -1) break;
    parts.push(text.slice(at, open), ' ');
    at = close + 1;
  }
  if (at === 0) return text;
  parts.push(text.slice(at));
  return parts.join('');
}

/** `text` at `at` spells `lower` (lower-case ASCII) in either case; no string is made. */
function startsWithIgnoreCase(text: string, at: number, lower: string): boolean {
  if (at + lower.length > text.length) return false;
  for (let k = 0; k < lower.length; k++) {
    let code = text.charCodeAt(at + k);
    if (code >= 0x41 && code <= 0x5a) code += 0x20;
    if (code !== lower.charCodeAt(k)) return false;
  }
  return true;
}

/** Every document of a submission parsed to the model (null for binaries and XML), with its identifying fields. */
export function parseSubmissionDocuments(submission: Submission): ParsedDocumentEntry[] {
  return submission.documents.map((document) => {
    if (document.encoding === 'uuencode')
      return {
        sequence: document.sequence,
        type: document.type,
        filename: document.filename,
        description: document.description,
        model: null,
        xml: null,
      };
    const text = decodeText(document.body).text;
    const kind = detectDocumentKind(text, document);
    return {
      sequence: document.sequence,
      type: document.type,
      filename: document.filename,
      description: document.description,
      model: kind === 'html' || kind === 'text' ? parseDocument(text, kind) : null,
      xml: kind === 'xml' ? parseXmlDocument(text) : null,
    };
  });
}

/** A document of a submission with its model (null for binaries and XML), as `parseSubmissionDocuments` gives it. */
export interface ParsedDocumentEntry {
  readonly sequence: number | null;
  readonly type: string | null;
  readonly filename: string | null;
  readonly description: string | null;
  readonly model: DocumentModel | null;
  readonly xml: XmlDocument | null;
}
