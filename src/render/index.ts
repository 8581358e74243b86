import type { DocumentModel } from '../model/document.js';
import { type RenderHtmlOptions, renderHtml, renderHtmlInto } from './render-html.js';
import { type RenderJsonOptions, renderJson, renderJsonInto } from './render-json.js';
import { type RenderMarkdownOptions, renderMarkdown, renderMarkdownInto } from './render-markdown.js';
import { type RenderTextOptions, renderText, renderTextInto } from './render-text.js';

export { type DocumentTableEntry, describeTableCount, documentTables, renderDocumentTableCsv, renderTableCsv } from './render-csv.js';
export { escapeHtml, type RenderHtmlOptions, renderHtml, renderHtmlInto } from './render-html.js';
export { type RenderJsonOptions, renderJson, renderJsonInto } from './render-json.js';
export { type RenderMarkdownOptions, renderMarkdown, renderMarkdownInto } from './render-markdown.js';
export { type RenderTextOptions, renderText, renderTextInto } from './render-text.js';
export { type PagePiece, type PageRange, pageRanges, partHolding, selectPageRange, selectPages, selectRange } from './select-pages.js';

/** The formats `renderDocument` writes. */
export const RENDER_FORMATS = ['text', 'markdown', 'html', 'json'] as const;
/** One of `RENDER_FORMATS`. */
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
 * `renderDocument` given to `emit` in pieces whose join is its result, written as the renderer goes (text and
 * Markdown a block at a time, HTML a piece at a time, JSON a page at a time): a shell writes a large document
 * without ever holding its rendering whole. Throws as `renderDocument` does, before any piece.
 */
export function renderDocumentInto(model: DocumentModel, format: RenderFormat, options: RenderOptions, emit: (part: string) => void): void {
  switch (format) {
    case 'text':
      renderTextInto(model, options, emit);
      return;
    case 'markdown':
      renderMarkdownInto(model, options, emit);
      return;
    case 'html':
      renderHtmlInto(model, options, emit);
      return;
    case 'json':
      renderJsonInto(model, options, emit);
      return;
    default: {
      const unknown: never = format;
      throw new RangeError(`Unknown render format "${String(unknown)}": expected ${RENDER_FORMATS.join(', ')}`);
    }
  }
}
