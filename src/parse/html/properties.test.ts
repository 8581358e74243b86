/**
 * Properties: parseHtmlDocument never throws, whatever string it is given, and its spans always
 * lie inside the source: arbitrary strings, strings built from HTML-ish tokens, and a real 6-K
 * cut short and mutated.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readCorpus } from '../../../test/shared-files.js';
import type { DocumentModel } from '../../model/document.js';
import { parseHtmlDocument } from './parse-html-document.js';

function wellFormed(model: DocumentModel, source: string): boolean {
  if (model.source !== source || model.pages.length === 0) return false;
  for (const page of model.pages) {
    if (page.span.start < 0 || page.span.end > source.length || page.span.start > page.span.end) return false;
    for (const block of page.blocks) {
      if (block.span.start < 0 || block.span.end > source.length || block.span.start > block.span.end) return false;
      if (block.kind === 'choice') {
        for (const option of block.options) {
          if (option.span.end > source.length || (option.markSpan !== null && option.markSpan.end > source.length)) return false;
        }
      }
    }
  }
  for (const found of model.diagnostics) if (found.offset < 0 || found.offset > source.length) return false;
  return true;
}

/** Pieces of EDGAR HTML, glued together in random order: tables, boxes, styles, entities, broken tags. */
const TOKENS = [
  '<table>',
  '</table>',
  '<tr>',
  '</tr>',
  '<td>',
  '</td>',
  '<th colspan="2">',
  '<td rowspan="3">',
  '<td colspan="999999">',
  '<td style="border-bottom: 1px solid">',
  '<p>',
  '</p>',
  '<div style="page-break-after:always">',
  '</div>',
  '<br>',
  '<hr>',
  '<hr width="10%">',
  '<ul>',
  '<li>',
  '</ul>',
  '<ol>',
  '</li>',
  '<caption>',
  '</caption>',
  '<b>',
  '</b>',
  '<u>',
  '</u>',
  '<font face="Wingdings">',
  '</font>',
  '<span style="display:none">',
  '</span>',
  '<ix:header>',
  '</ix:header>',
  '<pre>',
  '</pre>',
  '<PAGE>',
  '<S>',
  '<C>',
  '<h2>',
  '</h2>',
  '<img src="ballotx.jpg">',
  '<td/>',
  '<div/>',
  '<script>',
  '</script>',
  '<!--',
  '-->',
  '<',
  '>',
  '&',
  '&#151;',
  '&#56256;&#56453;',
  '&nbsp;',
  '&#9746;',
  '&#9744;',
  '[X]',
  '[ ]',
  '[',
  ']',
  '_____',
  'X',
  'x',
  'o',
  'Form 20-F',
  'Form 40-F',
  'Yes',
  'No',
  '$',
  ')',
  '%',
  '(1,234',
  '1,234',
  '2023',
  '- 2 -',
  'F-3',
  ' ',
  '\n',
  'text',
  '\u0093',
  '\u200b',
  '\ufffd',
  'check mark',
  ':',
];

const htmlish = fc.array(fc.constantFrom(...TOKENS), { maxLength: 200 }).map((parts) => parts.join(''));

const sixK = readCorpus('html/6-k-athena.html').toString('latin1');

/** The 6-K cut at a random place, with random stretches deleted, duplicated or replaced. */
const mutatedSixK = fc
  .tuple(
    fc.nat(sixK.length),
    fc.array(fc.tuple(fc.nat(sixK.length), fc.nat(400), fc.constantFrom('delete', 'duplicate', 'replace')), { maxLength: 8 }),
    fc.string({ maxLength: 20 }),
  )
  .map(([cut, edits, insert]) => {
    let text = sixK.slice(0, Math.max(cut, 1));
    for (const [at, length, kind] of edits) {
      const start = Math.min(at, text.length);
      const end = Math.min(start + length, text.length);
      if (kind === 'delete') text = text.slice(0, start) + text.slice(end);
      else if (kind === 'duplicate') text = text.slice(0, end) + text.slice(start, end) + text.slice(end);
      else text = text.slice(0, start) + insert + text.slice(end);
    }
    return text;
  });

describe('parseHtmlDocument never throws', () => {
  it('on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 500 }), (text) => wellFormed(parseHtmlDocument(text), text)),
      { numRuns: 500 },
    );
  });

  it('on strings made of HTML pieces', () => {
    fc.assert(
      fc.property(htmlish, (text) => wellFormed(parseHtmlDocument(text), text)),
      { numRuns: 1000 },
    );
  });

  it('on a real 6-K, truncated and mutated', () => {
    fc.assert(
      fc.property(mutatedSixK, (text) => wellFormed(parseHtmlDocument(text), text)),
      { numRuns: 300 },
    );
  });

  it('on pathological inputs', () => {
    const inputs = [
      '<div>'.repeat(20000),
      '<table>'.repeat(2000),
      `<table><tr>${'<td colspan="1000">x</td>'.repeat(500)}</tr></table>`,
      `<table>${'<tr><td rowspan="1000">a</td><td>1</td></tr>'.repeat(2000)}</table>`,
      `<ul>${'<li>'.repeat(5000)}`,
      `<p>${'[ ] '.repeat(2000)}</p>`,
      `<p>${'_ X '.repeat(3000)}</p>`,
      '&#56256;'.repeat(1000),
    ];
    for (const text of inputs) expect(wellFormed(parseHtmlDocument(text), text)).toBe(true);
  });
});
