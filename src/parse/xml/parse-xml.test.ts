import { decodeXML } from 'entities';
import { describe, expect, it } from 'vitest';
import { LINEAR_RATIO, scalingRatio } from '../../../test/scaling.js';
import { readCorpus } from '../../../test/shared-files.js';
import { attributeValue, childElement, childElements, pathElement, type XmlElement } from '../../model/xml.js';
import { decodeText } from '../sgml/decode-text.js';
import { parseSubmission } from '../sgml/parse-submission.js';
import { MAX_XML_DEPTH, MAX_XML_DIAGNOSTICS, parseXmlDocument } from './parse-xml.js';

function* walk(element: XmlElement | null): Generator<XmlElement> {
  if (!element) return;
  yield element;
  for (const child of element.children) yield* walk(child);
}

/** Every XML document of the corpus: the bare one and those inside submissions. */
function corpusXml(): { name: string; text: string }[] {
  const out = [{ name: 'xml/form4-sample.xml', text: readCorpus('xml/form4-sample.xml').toString('utf8') }];
  for (const file of [
    'submissions/0001018724-24-000077.txt',
    'submissions/0001127602-25-001055.txt',
    'submissions/0001894188-23-000007.txt',
    'nc/0001127602-25-004598.nc',
    'nc/0001951757-25-000093.nc',
  ]) {
    for (const document of parseSubmission(readCorpus(file)).documents) {
      if (document.wrapper !== 'XML') continue;
      out.push({ name: `${file}#${document.sequence}`, text: decodeText(document.body).text });
    }
  }
  return out;
}

describe('parseXmlDocument', () => {
  it('reads elements, attributes, entities and CDATA with the places they came from', () => {
    const text =
      '<?xml version="1.0"?>\n<a x="1&amp;2" y=\'&lt;z\'><b>  Senior VP, GC &amp; Secretary </b><c/><d><![CDATA[x<y]]></d><e>&#65;&#x42;</e></a>';
    const document = parseXmlDocument(text);
    expect(document.diagnostics).toEqual([]);
    const root = document.root as XmlElement;
    expect(root.name).toBe('a');
    expect(
      root.attributes.map((attribute) => [attribute.name, attribute.value, text.slice(attribute.span.start, attribute.span.end)]),
    ).toEqual([
      ['x', '1&2', '1&amp;2'],
      ['y', '<z', '&lt;z'],
    ]);
    expect(root.children.map((child) => [child.name, child.text])).toEqual([
      ['b', 'Senior VP, GC & Secretary'],
      ['c', ''],
      ['d', 'x<y'],
      ['e', 'AB'],
    ]);
    const b = childElement(root, 'b') as XmlElement;
    expect(text.slice(b.textSpan?.start, b.textSpan?.end)).toBe('Senior VP, GC &amp; Secretary');
    expect(text.slice(b.span.start, b.span.end)).toBe('<b>  Senior VP, GC &amp; Secretary </b>');
    expect(childElement(root, 'c')?.textSpan).toBeNull();
    expect(text.slice(root.span.start, root.span.end)).toBe(text.slice(text.indexOf('<a')));
  });

  it('matches by local name, whatever the namespace prefix', () => {
    const document = parseXmlDocument('<ns1:t xmlns:ns1="u"><ns1:row id="F1"><ns1:v>1</ns1:v></ns1:row><ns1:row/></ns1:t>');
    expect(childElements(document.root, 'row')).toHaveLength(2);
    expect(pathElement(document.root, 'row', 'v')?.text).toBe('1');
    expect(attributeValue(childElement(document.root, 'row'), 'id')).toBe('F1');
  });

  it('reports and repairs malformed markup, never throwing', () => {
    const unclosed = parseXmlDocument('<a><b>one<c>two</b></a>');
    expect(unclosed.diagnostics.map((found) => found.code)).toEqual(['xml/unclosed-element']);
    expect(pathElement(unclosed.root, 'b', 'c')?.text).toBe('two');
    expect(pathElement(unclosed.root, 'b')?.text).toBe('one');
    const stray = parseXmlDocument('<a>x</q></a>');
    expect(stray.diagnostics.map((found) => found.code)).toEqual(['xml/stray-end-tag']);
    expect(stray.root?.text).toBe('x');
    const cut = parseXmlDocument('<a><b>text');
    expect(cut.diagnostics.map((found) => found.code)).toEqual(['xml/unclosed-element', 'xml/unclosed-element']);
    expect(pathElement(cut.root, 'b')?.text).toBe('text');
    expect(parseXmlDocument('').root).toBeNull();
    // Text broken by markup is kept whole, but it is not one run of the source: it has no span.
    const mixed = parseXmlDocument('<a>x<b/>y</a>');
    expect([mixed.root?.text, mixed.root?.textSpan]).toEqual(['xy', null]);
    expect(parseXmlDocument('<a/><b/>').diagnostics.map((found) => found.code)).toEqual(['xml/extra-root']);
  });

  it('bounds nesting depth and says so', () => {
    const depth = MAX_XML_DEPTH + 50;
    const document = parseXmlDocument(`${'<x>'.repeat(depth)}deep${'</x>'.repeat(depth)}<!-- -->`);
    const found = document.diagnostics.filter((item) => item.code === 'xml/nesting-too-deep');
    expect(found).toHaveLength(1);
    let levels = 0;
    for (let at: XmlElement | null = document.root; at; at = at.children[0] ?? null) levels++;
    expect(levels).toBe(MAX_XML_DEPTH);
    expect(document.diagnostics.filter((item) => item.code !== 'xml/nesting-too-deep')).toEqual([]);
  });

  it('every text span of every corpus XML document holds the text, once its entities are read', () => {
    const documents = corpusXml();
    expect(documents.length).toBeGreaterThanOrEqual(8);
    for (const { name, text } of documents) {
      const document = parseXmlDocument(text);
      expect(document.diagnostics, name).toEqual([]);
      let values = 0;
      for (const element of walk(document.root)) {
        if (element.textSpan === null) continue;
        values++;
        expect(decodeXML(text.slice(element.textSpan.start, element.textSpan.end)), `${name} <${element.name}>`).toBe(element.text);
        expect(element.textSpan.start >= element.span.start && element.textSpan.end <= element.span.end).toBe(true);
        expect(text.slice(element.span.start, element.span.start + 1 + element.name.length)).toBe(`<${element.name}`);
      }
      expect(values, name).toBeGreaterThan(10);
    }
  });

  it('runs in linear time on flat, nested, entity-heavy and unclosed input', () => {
    const shapes: [string, (n: number) => string, number][] = [
      // 10,000 rows, not 50,000: at 200,000 rows (two elements each, all kept) the garbage collector's heap growth
      // alone made 4× the input cost 11-30× the time on a busy machine, which says nothing of the parser.
      ['rows', (n) => `<t>${'<r><v>1&amp;2</v></r>'.repeat(n)}</t>`, 10000],
      ['nesting', (n) => `${'<x>'.repeat(n)}${'</x>'.repeat(n)}`, 50000],
      ['stray end tags', (n) => `<a>${'<b>'.repeat(200)}${'</q>'.repeat(n)}</a>`, 50000],
      ['unclosed', (n) => '<a '.repeat(n), 100000],
      ['entities', (n) => `<a>${'&#0000065;'.repeat(n)}</a>`, 50000],
    ];
    for (const [name, make, n] of shapes) {
      // A disturbed measurement is taken again, up to three times; a quadratic path fails every time.
      const measured: string[] = [];
      for (let attempt = 0; attempt < 3; attempt++) {
        const { ratio, small, large } = scalingRatio(make, (text) => parseXmlDocument(text), n, 3);
        if (ratio < LINEAR_RATIO) break;
        measured.push(`${small.toFixed(1)} ms -> ${large.toFixed(1)} ms`);
      }
      expect(measured.length, `${name}: 4× the input took over ${LINEAR_RATIO}× the time: ${measured.join('; ')}`).toBeLessThan(3);
    }
  });
});

describe('XML diagnostics', () => {
  it('lists the first MAX_XML_DIAGNOSTICS problems and counts the rest in one last diagnostic', () => {
    const strays = MAX_XML_DIAGNOSTICS + 250;
    const document = parseXmlDocument(`<a>${'</q>'.repeat(strays)}<b>text</b></a>`);
    expect(document.diagnostics).toHaveLength(MAX_XML_DIAGNOSTICS + 1);
    expect(document.diagnostics.slice(0, -1).every((found) => found.code === 'xml/stray-end-tag')).toBe(true);
    expect(document.diagnostics.at(-1)).toMatchObject({ code: 'xml/too-many-problems', message: '250 more problems not listed' });
    // The tree is read whole all the same.
    expect(document.root?.children.map((child) => child.text)).toEqual(['text']);
  });

  it('lists every problem of a document with no more than MAX_XML_DIAGNOSTICS', () => {
    const document = parseXmlDocument(`<a>${'</q>'.repeat(MAX_XML_DIAGNOSTICS)}</a>`);
    expect(document.diagnostics).toHaveLength(MAX_XML_DIAGNOSTICS);
    expect(document.diagnostics.some((found) => found.code === 'xml/too-many-problems')).toBe(false);
  });
});
