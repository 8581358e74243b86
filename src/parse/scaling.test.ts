/**
 * Every path that was quadratic on hostile input, scaled: time at n and 4n must grow about linearly.
 * (Each was found by `bench/fuzz.ts` or a review of the patterns in src/parse.)
 */
import { describe, expect, it } from 'vitest';
import { LINEAR_RATIO, scalingRatio } from '../../test/scaling.js';
import { readCorpus } from '../../test/shared-files.js';
import { parseHtmlDocument } from './html/parse-html-document.js';
import { parseIndex } from './index/parse-index.js';
import { parseDocument, unwrapLegacyText, xmlText } from './parse-document.js';
import { parseSubmission } from './sgml/parse-submission.js';
import { joinWrapped } from './text/reflow.js';

function expectLinear<T>(make: (n: number) => T, run: (input: T) => unknown, n: number): void {
  const { ratio, small, large } = scalingRatio(make, run, n);
  expect(ratio, `${small.toFixed(1)} ms -> ${large.toFixed(1)} ms`).toBeLessThan(LINEAR_RATIO);
}

describe('linear on hostile input', () => {
  it('xmlText: unclosed CDATA sections and tags', () => {
    expect(xmlText('<a>x &amp; <![CDATA[<b>y</b>]]></a> <c')).toBe('x & y <c');
    expectLinear((n) => '<![CDATA['.repeat(n), xmlText, 20_000);
    expectLinear((n) => '<'.repeat(n), xmlText, 100_000);
  });

  it('legacy text in HTML: <div with no closing >', () => {
    expect(unwrapLegacyText('<DIV class="x">a</div><title>t</title><pre>b &amp; c</PRE>')).toBe('ab & c');
    expectLinear((n) => '<div '.repeat(n), unwrapLegacyText, 50_000);
  });

  it('reflow of hard-wrapped lines that end in a hyphen', () => {
    expect(joinWrapped(['self-', 'regulatory', 'x -', 'y'])).toBe('self-regulatory x - y');
    expectLinear((n) => Array.from({ length: n }, () => 'a line ending in a hyphen-'), joinWrapped, 10_000);
    expectLinear(
      (n) => 'a line ending in a hyphen-\n'.repeat(n),
      (text) => parseDocument(text, 'text'),
      2_000,
    );
  });

  it('index lines with long runs of blanks', () => {
    const index = readCorpus('index/badform.idx').toString('latin1');
    const make = (n: number): string => `${index}\n10-K${' '.repeat(n)}x\n`;
    expect(parseIndex(make(10)).rows.length).toBe(parseIndex(index).rows.length);
    expectLinear(make, (text) => parseIndex(text), 50_000);
  });

  it('a header SIC value with a long run of blanks', () => {
    const make = (n: number): string => `<SEC-HEADER>\nSTANDARD INDUSTRIAL CLASSIFICATION:\tBANKS${' '.repeat(n)}x\n</SEC-HEADER>\n`;
    const named = parseSubmission(
      '<SEC-HEADER>\nFILER:\n\tCOMPANY DATA:\n\t\tSTANDARD INDUSTRIAL CLASSIFICATION:\tBANKS  [6022]\n</SEC-HEADER>\n',
    );
    expect(named.header?.parties[0]?.company).toMatchObject({ sic: '6022', sicDescription: 'BANKS' });
    expectLinear(make, (text) => parseSubmission(text), 50_000);
  });

  it('HTML table cells with long runs of blanks', () => {
    expectLinear((n) => `<table><tr><td>$${' '.repeat(n)}x</td><td>1${' '.repeat(n)}x</td></tr></table>`, parseHtmlDocument, 500_000);
  });

  it('HTML page-number lines with long runs of blanks', () => {
    expectLinear((n) => `<p>1${'&#160;'.repeat(n)}x</p><hr style="page-break-after:always">`, parseHtmlDocument, 50_000);
  });

  it('HTML check-box labels with long runs of blanks', () => {
    expectLinear((n) => `<p>Form 20-F ${'&#160;'.repeat(n)}:</p><p>&#9744; Yes${'&#160;'.repeat(n)}:</p>`, parseHtmlDocument, 50_000);
  });
});
