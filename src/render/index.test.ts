import { describe, expect, it } from 'vitest';
import { RENDER_FORMATS, type RenderFormat, renderDocument, renderHtml, renderJson, renderMarkdown, renderText } from './index.js';
import { documentOf, page, SourceBuilder, sampleDocument } from './test-models.js';

describe('renderDocument', () => {
  const model = sampleDocument();

  it('dispatches to the renderer of each format with its options', () => {
    expect(renderDocument(model, 'text', { page: 2, width: 50 })).toBe(renderText(model, { page: 2, width: 50 }));
    expect(renderDocument(model, 'markdown', { page: 3 })).toBe(renderMarkdown(model, { page: 3 }));
    expect(renderDocument(model, 'html', { fragment: true, idPrefix: 'x-' })).toBe(renderHtml(model, { fragment: true, idPrefix: 'x-' }));
    expect(renderDocument(model, 'json', { includeSource: true })).toBe(renderJson(model, { includeSource: true }));
    expect(renderDocument(model, 'text')).toBe(renderText(model));
  });

  it('throws the same RangeError for a missing page in every format', () => {
    expect(RENDER_FORMATS).toEqual(['text', 'markdown', 'html', 'json']);
    for (const format of RENDER_FORMATS) {
      expect(() => renderDocument(model, format, { page: 7 })).toThrow(new RangeError('Page 7 does not exist: the document has 4 pages'));
      expect(() => renderDocument(model, format, { page: 2.5 })).toThrow(
        new RangeError('Page 2.5 does not exist: the document has 4 pages'),
      );
    }
  });

  it('counts pages in the message in the singular and for an empty document', () => {
    const source = new SourceBuilder();
    const single = documentOf(source, [page(source, 1, null, () => [])]);
    expect(() => renderDocument(single, 'text', { page: 2 })).toThrow('Page 2 does not exist: the document has 1 page');
    const empty = documentOf(new SourceBuilder(), []);
    expect(() => renderDocument(empty, 'html', { page: 1 })).toThrow('Page 1 does not exist: the document has 0 pages');
    expect(renderDocument(empty, 'markdown')).toBe('');
  });

  it('throws a RangeError for an unknown format', () => {
    expect(() => renderDocument(model, 'pdf' as RenderFormat)).toThrow(
      new RangeError('Unknown render format "pdf": expected text, markdown, html, json'),
    );
  });
});
