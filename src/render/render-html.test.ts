import { Parser } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import type { Block, DocumentModel } from '../model/document.js';
import { renderHtml } from './render-html.js';
import { documentOf, page, SCRIPT, SourceBuilder, sampleDocument } from './test-models.js';

function oneBlock(make: (source: SourceBuilder) => Block[], label: string | null = null): DocumentModel {
  const source = new SourceBuilder();
  return documentOf(source, [page(source, 1, label, make)]);
}

interface Element {
  readonly name: string;
  readonly attributes: Record<string, string>;
}

/** Every element of `html` as an HTML parser sees it. */
function elements(html: string): Element[] {
  const found: Element[] = [];
  const parser = new Parser({ onopentag: (name, attributes) => found.push({ name, attributes }) });
  parser.write(html);
  parser.end();
  return found;
}

describe('renderHtml', () => {
  const model = sampleDocument();

  it('renders the cover page as a section with spans, a centred heading and a choice list', () => {
    expect(renderHtml(model, { page: 1, fragment: true })).toBe(
      [
        '<section class="page" id="page-1" data-page="1" data-start="0" data-end="150">',
        '<a class="page-anchor" href="#page-1">Page 1</a>',
        '<h1 class="align-center" data-start="0" data-end="8">FORM 6-K</h1>',
        '<p data-start="9" data-end="127">Indicate by check mark whether the registrant files or will file annual reports under cover of Form 20-F or Form 40-F.</p>',
        '<ul class="choice" data-start="128" data-end="150">',
        '<li class="marked" data-start="128" data-end="137" data-mark-start="138" data-mark-end="139">☒ Form 20-F</li>',
        '<li data-start="140" data-end="149">☐ Form 40-F</li>',
        '</ul>',
        '</section>',
        '',
      ].join('\n'),
    );
  });

  it('points every span at the text it came from', () => {
    const html = renderHtml(model, { page: 1, fragment: true });
    const heading = elements(html).find((element) => element.name === 'h1');
    const start = Number(heading?.attributes['data-start']);
    const end = Number(heading?.attributes['data-end']);
    expect(model.source.slice(start, end)).toBe('FORM 6-K');
  });

  it('renders a table with caption, thead from the header rows, colspan, numeric cells and footnotes', () => {
    const html = renderHtml(model, { page: 3, fragment: true });
    expect(html).toContain(
      '<table data-start="391" data-end="578" data-origin="tagged">\n<caption>CONSOLIDATED STATEMENTS OF INCOME</caption>\n<thead data-start="425" data-end="460">\n',
    );
    expect(html).toContain(
      '<th scope="col" class="align-center" colspan="2" data-start="426" data-end="448">Year ended December 31</th></tr>',
    );
    expect(html).toContain('<th scope="col" class="num" data-start="450" data-end="454">2002</th>');
    expect(html).toContain(
      '</thead>\n<tbody data-start="460" data-end="552">\n<tr data-start="460" data-end="490"><td data-start="460" data-end="467">Revenue</td>',
    );
    expect(html).toContain('<td class="num" data-start="505" data-end="512">(1,234)</td>');
    expect(html).toContain('<td class="num" data-start="536" data-end="545">$ (1,234)</td>');
    expect(html).toContain(
      '</tbody>\n<tfoot>\n<tr><td class="footnote" colspan="3">(1) Restated; see Note 2.</td></tr>\n</tfoot>\n</table>',
    );
    expect(html).toContain('data-label="F-2"');
  });

  it('renders an exhibit index with a header row and the whole description in one cell', () => {
    const html = renderHtml(model, { page: 2, fragment: true });
    expect(html).toContain('<th scope="col" data-start="164" data-end="171">Exhibit</th>');
    expect(html).toContain('<td data-start="198" data-end="358">a notice regarding the resolution of the board');
    expect(html).toContain('dated December 20, 2002</td></tr>');
  });

  it('escapes untrusted text in paragraphs and cells and never emits a script element', () => {
    const html = renderHtml(model);
    expect(html).toContain('<p data-start="582" data-end="607">&lt;script&gt;alert(1)&lt;/script&gt;</p>');
    expect(html).toContain('<td data-start="608" data-end="633">&lt;script&gt;alert(1)&lt;/script&gt;</td>');
    expect(html).toContain('<td data-start="634" data-end="639">a | b</td>');
    expect(html).not.toContain(SCRIPT);
    expect(elements(html).map((element) => element.name)).not.toContain('script');
  });

  it('escapes quotes and markup in attributes and every kind of text', () => {
    const evil = `"'><img src=x onerror=alert(1)>&`;
    const doc = oneBlock(
      (s) => [
        { kind: 'heading', level: 2, text: evil, align: null, span: s.add(evil) },
        { kind: 'list', ordered: true, items: [{ text: evil, span: s.add(evil) }], span: s.add('') },
        { kind: 'preformatted', text: evil, span: s.add(evil) },
      ],
      evil,
    );
    const html = renderHtml(doc, { fragment: true, idPrefix: evil });
    const escaped = '&quot;&apos;&gt;&lt;img src=x onerror=alert(1)&gt;&amp;';
    expect(html).toContain(`id="${escaped}page-1"`);
    expect(html).toContain(`href="#${escaped}page-1"`);
    expect(html).toContain(`data-label="${escaped}"`);
    expect(html).toContain(`>${escaped}</h2>`);
    expect(html).toContain(`>${escaped}</li>`);
    expect(html).toContain(`>${escaped}</pre>`);
    expect(elements(html).map((element) => element.name)).not.toContain('img');
  });

  it('puts data-start and data-end on every element made from the model', () => {
    const html = renderHtml(model, { fragment: true });
    // Not from a block: the page link, the caption (spanned by its table) and the footnote rows.
    const withoutSpan = new Set(['a', 'caption', 'tfoot']);
    const fromModel = elements(html.replace(/<tfoot>[\s\S]*?<\/tfoot>/g, '<tfoot></tfoot>')).filter(
      (element) => !withoutSpan.has(element.name),
    );
    const names = new Set(fromModel.map((element) => element.name));
    for (const name of ['section', 'h1', 'h2', 'p', 'ul', 'li', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'pre', 'hr']) {
      expect(names).toContain(name);
    }
    for (const element of fromModel) {
      expect(element.attributes, element.name).toHaveProperty('data-start');
      expect(element.attributes, element.name).toHaveProperty('data-end');
    }
  });

  it('keeps a leading newline of preformatted text and renders rules as hr', () => {
    const doc = oneBlock((s) => [
      { kind: 'preformatted', text: '\n  x  y', span: s.add('\n  x  y') },
      { kind: 'rule', span: s.add('---') },
    ]);
    const html = renderHtml(doc, { fragment: true });
    expect(html).toContain('<pre data-start="0" data-end="7">\n\n  x  y</pre>\n<hr data-start="8" data-end="11">\n');
  });

  it('wraps the sections in a minimal self-contained document unless fragment is set', () => {
    const html = renderHtml(model);
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n')).toBe(true);
    expect(html).toContain('<title>FORM 6-K</title>');
    expect(html).toContain('<style>body{');
    expect(html).toContain('<main class="document" data-source-format="text">\n<section class="page" id="page-1"');
    expect(html.endsWith('</section>\n</main>\n</body>\n</html>\n')).toBe(true);
    expect(html).not.toMatch(/<script|<link|src=|url\(|@import/);
    const fragment = renderHtml(model, { fragment: true });
    expect(fragment.startsWith('<section class="page" id="page-1"')).toBe(true);
    expect(fragment).not.toContain('<html');
    expect(fragment.match(/<section /g)).toHaveLength(4);
  });

  it('renders one page on request, with its own number, and prefixes ids', () => {
    const html = renderHtml(model, { page: 4, fragment: true, idPrefix: 'doc1-' });
    expect(html.startsWith('<section class="page" id="doc1-page-4" data-page="4" data-label="4"')).toBe(true);
    expect(html).toContain('<a class="page-anchor" href="#doc1-page-4">Page 4</a>');
    expect(html.match(/<section /g)).toHaveLength(1);
  });

  it('throws a RangeError for a page that does not exist', () => {
    expect(() => renderHtml(model, { page: 7 })).toThrow(new RangeError('Page 7 does not exist: the document has 4 pages'));
  });
});
