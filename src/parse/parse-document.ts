import type { DocumentModel } from '../model/document.js';
import type { Submission } from '../model/submission.js';
import { decodeText } from './sgml/decode-text.js';
import { isLegacyTextInHtml } from './html/legacy-text.js';
import { parseHtmlDocument } from './html/parse-html-document.js';
import { parseTextDocument } from './text/parse-text-document.js';

/** What a document's body holds, which decides how it is read. */
export type DocumentKind = 'html' | 'text' | 'xml' | 'binary';

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
  if (kind === 'html' && isLegacyTextInHtml(text)) return parseTextDocument(unwrapLegacyText(text));
  return kind === 'html' ? parseHtmlDocument(text) : parseTextDocument(text);
}

const WRAPPER_TAG = /<\/?(?:html|head|body|div|pre)(?:\s[^>]*)?>|<title>[^<]*<\/title>/gi;
const BASIC_ENTITY = /&(?:amp|lt|gt|quot|nbsp|#160|#39|apos);/gi;
const ENTITY_TEXT: Readonly<Record<string, string>> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&nbsp;': ' ', '&#160;': ' ', '&#39;': "'", '&apos;': "'" };

/** The text inside a legacy-ASCII HTML wrapper: wrapper tags dropped, the basic entities read. */
export function unwrapLegacyText(html: string): string {
  return html.replace(WRAPPER_TAG, '').replace(BASIC_ENTITY, (entity) => ENTITY_TEXT[entity.toLowerCase()] ?? entity);
}

/** The words of an XML document (ownership, holdings), for search: tags dropped, entities of the five kinds read. */
export function xmlText(text: string): string {
  return text
    .replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Every document of a submission parsed to the model (null for binaries and XML), with its identifying fields. */
export function parseSubmissionDocuments(submission: Submission): ParsedDocumentEntry[] {
  return submission.documents.map((document) => {
    if (document.encoding === 'uuencode') return { sequence: document.sequence, type: document.type, filename: document.filename, description: document.description, model: null };
    const text = decodeText(document.body).text;
    const kind = detectDocumentKind(text, document);
    return {
      sequence: document.sequence,
      type: document.type,
      filename: document.filename,
      description: document.description,
      model: kind === 'html' || kind === 'text' ? parseDocument(text, kind) : null,
    };
  });
}

export interface ParsedDocumentEntry {
  readonly sequence: number | null;
  readonly type: string | null;
  readonly filename: string | null;
  readonly description: string | null;
  readonly model: DocumentModel | null;
}
