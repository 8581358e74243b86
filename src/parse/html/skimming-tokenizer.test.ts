import { readdirSync } from 'node:fs';
import { type Handler, Parser, Tokenizer } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { LINEAR_RATIO, scalingRatio } from '../../../test/scaling.js';
import { corpusPath, readCorpus } from '../../../test/shared-files.js';
import { SkimmingTokenizer } from './skimming-tokenizer.js';

/** Every event the parser gives, with its offsets, as one line each. */
function events(html: string, tokenizer: typeof Tokenizer, chunk = 0, xmlMode = false): string[] {
  const out: string[] = [];
  let parser: Parser | null = null;
  const at = (): string => `${parser?.startIndex}-${parser?.endIndex}`;
  const handler: Partial<Handler> = {
    onparserinit: (p) => {
      parser = p;
    },
    onopentagname: (name) => out.push(`open ${name} ${at()}`),
    onattribute: (name, value, quote) => out.push(`attr ${name}=${JSON.stringify(value)} ${quote} ${at()}`),
    onclosetag: (name, implied) => out.push(`close ${name} ${implied} ${at()}`),
    ontext: (text) => out.push(`text ${JSON.stringify(text)} ${at()}`),
    oncomment: (text) => out.push(`comment ${JSON.stringify(text)} ${at()}`),
    onprocessinginstruction: (name, text) => out.push(`pi ${name} ${JSON.stringify(text)} ${at()}`),
  };
  const parsed = new Parser(handler, { decodeEntities: true, recognizeSelfClosing: true, xmlMode, Tokenizer: tokenizer });
  if (chunk === 0) parsed.end(html);
  else {
    for (let from = 0; from < html.length; from += chunk) parsed.write(html.slice(from, from + chunk));
    parsed.end();
  }
  return out;
}

const SAMPLES = [
  '<p align=center style="font-weight:bold;text-align:center">Caf&eacute; &amp; more&#151;text &notit; &not &amp</p>',
  '<td style=\'border-bottom:1px solid &#x23;000\' title="a &quot;b&quot; &amp c" alt=x&amp;y>1&nbsp;2</td>',
  '<p>a < b and c<<d &&& &#;&#x; &unknown; end</p><!-- a -- b --><!doctype html><?xml x?>',
  '<script>if (a < b && c) { x = "</p>"; }</script><style>p { x: "&amp;" }</style><title>A &amp; B</title>',
  '<div>text at the end &am',
  '<div title="unterminated &amp; value',
  "<div title='x'>&#60;&#x3C;&lt;&LT&gt;</div></div   ><br/><img src=\"ballotx.jpg\" alt='&#9746;'/>",
  '&amp;&amp;<&amp;&<a>&</a>&',
  '<td>&nbsp;</td><td>&#160;&nbsp;x&nbsp</td><td>&#1600;&#16;&NBSP;&nbsp;;&#x a0;&nbsp</td><&nbsp;<p title="&nbsp;">&#160',
  '',
];

/** The HTML bodies of the first corpus submissions. */
function corpusBodies(): string[] {
  const bodies: string[] = [];
  for (const name of readdirSync(corpusPath('fpi')).sort().slice(0, 12)) {
    const text = readCorpus(`fpi/${name}`).toString('latin1');
    for (let at = text.indexOf('<TEXT>'); at !== -1; at = text.indexOf('<TEXT>', at + 6)) {
      const end = text.indexOf('</TEXT>', at);
      const body = text.slice(at + 6, end === -1 ? text.length : end);
      if (/<(?:html|body|div|p|table|font)[\s>]/i.test(body.slice(0, 4000))) bodies.push(body);
      if (end === -1) break;
    }
  }
  return bodies;
}

describe('SkimmingTokenizer', () => {
  it('gives the events of htmlparser2’s tokenizer, with the same offsets, whole and written in chunks', () => {
    for (const html of SAMPLES) {
      const expected = events(html, Tokenizer);
      expect(expected.length > 0 || html === '').toBe(true);
      expect(events(html, SkimmingTokenizer), html).toEqual(expected);
      for (const chunk of [1, 2, 3, 7]) {
        expect(events(html, SkimmingTokenizer, chunk), `${html} in chunks of ${chunk}`).toEqual(events(html, Tokenizer, chunk));
      }
    }
  });

  it('gives the same events in XML mode, where `&nbsp;` is no entity', () => {
    for (const html of SAMPLES) {
      const expected = events(html, Tokenizer, 0, true);
      expect(events(html, SkimmingTokenizer, 0, true), html).toEqual(expected);
      expect(events(html, SkimmingTokenizer, 3, true), html).toEqual(events(html, Tokenizer, 3, true));
    }
    expect(events('<a>&nbsp;</a>', SkimmingTokenizer, 0, true)).toContain('text "&nbsp;" 3-8');
  });

  it('gives the same events on the corpus’s HTML', () => {
    const bodies = corpusBodies();
    expect(bodies.length).toBeGreaterThan(5);
    for (const body of bodies) {
      const expected = events(body, Tokenizer);
      expect(events(body, SkimmingTokenizer)).toEqual(expected);
      expect(events(body, SkimmingTokenizer, 4093)).toEqual(events(body, Tokenizer, 4093));
    }
  });

  it('stays linear when the next `&` is far ahead of many tags', () => {
    const run = (html: string): number => {
      let count = 0;
      const counter = (): void => {
        count++;
      };
      new Parser(
        { ontext: counter, onopentagname: counter, onattribute: counter },
        { decodeEntities: true, Tokenizer: SkimmingTokenizer },
      ).end(html);
      return count;
    };
    expect(run(`${'<b>x</b>'.repeat(3)}&amp;`)).toBe(7);
    const { ratio, small, large } = scalingRatio((n) => `${'<b>x</b>'.repeat(n)}&amp;`, run, 20_000);
    expect(ratio, `${small.toFixed(1)} ms -> ${large.toFixed(1)} ms`).toBeLessThan(LINEAR_RATIO);
    const attributes = scalingRatio((n) => `${'<br title="x">'.repeat(n)}&amp;`, run, 20_000);
    expect(attributes.ratio).toBeLessThan(LINEAR_RATIO);
  });
});
