/**
 * Properties: parseXmlDocument never throws, and every text it reports is what its span says once the entities
 * are read, whatever string it is given: arbitrary strings and strings glued from ownership-XML tokens.
 */
import { decodeXML } from 'entities';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { XmlDocument, XmlElement } from '../../model/xml.js';
import { parseXmlDocument } from './parse-xml.js';

function* walk(element: XmlElement | null): Generator<XmlElement> {
  if (!element) return;
  yield element;
  for (const child of element.children) yield* walk(child);
}

/**
 * Spans inside the source, and each text with a span is its span's text with entities read. (Text broken by markup,
 * `<a>x<b/>y</a>`, is not one run of the source and has no span.)
 */
function consistent(document: XmlDocument): boolean {
  const source = document.source;
  for (const element of walk(document.root)) {
    if (element.span.start < 0 || element.span.end > source.length || element.span.start > element.span.end) return false;
    if (element.textSpan) {
      const raw = source.slice(element.textSpan.start, element.textSpan.end);
      if (decodeXML(raw) !== element.text) return false;
    }
  }
  for (const found of document.diagnostics) if (found.offset < -2 || found.offset > source.length) return false;
  return true;
}

const TOKENS = [
  '<ownershipDocument>',
  '</ownershipDocument>',
  '<value>',
  '</value>',
  '<securityTitle>',
  '</securityTitle>',
  '<footnoteId id="F1"/>',
  '<footnote id="F1">',
  '</footnote>',
  '<ns1:infoTable>',
  '</ns1:infoTable>',
  '<a x="1&amp;2" y=\'&lt;\'>',
  '</a>',
  '&amp;',
  '&lt;',
  '&#65;',
  '&#x10FFFF;',
  '&#0;',
  '&nbsp;',
  '&',
  '<![CDATA[x<y]]>',
  '<!-- c -->',
  '<?xml version="1.0"?>',
  '<',
  '>',
  '</',
  '/>',
  ' ',
  '\n',
  'text',
  '1,500',
];

describe('parseXmlDocument properties', () => {
  it('never throws on arbitrary strings, and keeps its spans consistent', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (text) => consistent(parseXmlDocument(text))),
      { numRuns: 500 },
    );
  });

  it('never throws on strings glued from EDGAR XML tokens, and keeps its spans consistent', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...TOKENS), { maxLength: 80 }), (tokens) => {
        const document = parseXmlDocument(tokens.join(''));
        expect(consistent(document), tokens.join('')).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('gives no span to text that runs on past markup the input ends in (a case fast-check found)', () => {
    // `<">!<!!`: the input ends in a declaration, `<!!`, whose `<!` the tokenizer passes over, giving `!` as text; the
    // element's text `!!` is then not one run of the source, yet it had the span of `!<!!`.
    for (const text of ['<">!<!!', '<a>x<!y', '<a>x<?y', '<a>x &amp; y<!z']) {
      const document = parseXmlDocument(text);
      expect(consistent(document), text).toBe(true);
      expect(document.root?.textSpan, text).toBeNull();
    }
  });
});
