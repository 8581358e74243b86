import type { DocumentModel } from '../model/document.js';
import { type RenderHtmlOptions, renderHtml } from './render-html.js';
import { type RenderJsonOptions, renderJson } from './render-json.js';
import { type RenderMarkdownOptions, renderMarkdown } from './render-markdown.js';
import { type RenderTextOptions, renderText, renderTextParts } from './render-text.js';

export { escapeHtml, type RenderHtmlOptions, renderHtml } from './render-html.js';
export { type RenderJsonOptions, renderJson } from './render-json.js';
export { type RenderMarkdownOptions, renderMarkdown } from './render-markdown.js';
export { type RenderTextOptions, renderText, renderTextParts } from './render-text.js';
export { selectPages } from './select-pages.js';

export const RENDER_FORMATS = ['text', 'markdown', 'html', 'json'] as const;
export type RenderFormat = (typeof RENDER_FORMATS)[number];

/** Every renderer's options; each renderer reads the ones it knows. */
export type RenderOptions = RenderTextOptions & RenderMarkdownOptions & RenderHtmlOptions & RenderJsonOptions;

/**
 * Renders `model` in `format`. A `page` that does not exist throws a `RangeError`
 * (`Page 7 does not exist: the document has 4 pages`), as does an unknown format.
 */
export function renderDocument(model: DocumentModel, format: RenderFormat, options: RenderOptions = {}): string {
  switch (format) {
    case 'text':
      return renderText(model, options);
    case 'markdown':
      return renderMarkdown(model, options);
    case 'html':
      return renderHtml(model, options);
    case 'json':
      return renderJson(model, options);
    default: {
      const unknown: never = format;
      throw new RangeError(`Unknown render format "${String(unknown)}": expected ${RENDER_FORMATS.join(', ')}`);
    }
  }
}

/**
 * `renderDocument` as pieces in order, whose join is its result: text comes piece by piece (a shell writes a large
 * document without holding its rendering whole); the other formats come as one piece. Throws as it does.
 */
export function renderDocumentParts(model: DocumentModel, format: RenderFormat, options: RenderOptions = {}): Iterable<string> {
  return format === 'text' ? renderTextParts(model, options) : [renderDocument(model, format, options)];
}
