import { describe, expect, it } from 'vitest';
import { renderJson } from './render-json.js';
import { sampleDocument } from './test-models.js';

describe('renderJson', () => {
  const model = sampleDocument();

  it('writes the model as 2-space JSON without the source', () => {
    const json = renderJson(model);
    expect(json.split('\n').slice(0, 5)).toEqual(['{', '  "kind": "document",', '  "sourceFormat": "text",', '  "pages": [', '    {']);
    expect(json.endsWith('  "diagnostics": []\n}\n')).toBe(true);
    const { source: _source, ...rest } = model;
    expect(JSON.parse(json)).toEqual(rest);
    expect(json).not.toContain('"source"');
  });

  it('keeps the source when asked, in the model’s place', () => {
    const json = renderJson(model, { includeSource: true });
    expect(json.split('\n')[3]).toBe(`  "source": ${JSON.stringify(model.source)},`);
    expect(JSON.parse(json)).toEqual(model);
  });

  it('keeps only the page asked for', () => {
    const parsed = JSON.parse(renderJson(model, { page: 3 })) as { pages: { number: number; label: string }[] };
    expect(parsed.pages.map((page) => [page.number, page.label])).toEqual([[3, 'F-2']]);
    expect(JSON.parse(renderJson(model, { page: 3 }))).toEqual({
      kind: 'document',
      sourceFormat: 'text',
      pages: [model.pages[2]],
      diagnostics: [],
    });
  });

  it('keeps untrusted text as JSON strings', () => {
    expect(renderJson(model, { page: 4 })).toContain('"text": "<script>alert(1)</script>",');
    expect(renderJson(model, { page: 4 })).toContain('"text": "a | b",');
  });

  it('throws a RangeError for a page that does not exist', () => {
    expect(() => renderJson(model, { page: 7 })).toThrow(new RangeError('Page 7 does not exist: the document has 4 pages'));
  });
});
