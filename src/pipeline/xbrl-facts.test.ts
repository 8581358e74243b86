import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeHTML } from 'entities';
import { describe, expect, it } from 'vitest';
import { LINEAR_RATIO, scalingRatio } from '../../test/scaling.js';
import { corpusPath } from '../../test/shared-files.js';
import { parseSubmission } from '../parse/sgml/parse-submission.js';
import { shiftDecimal } from '../parse/xbrl/inline-transforms.js';
import { readXbrlFacts } from '../parse/xbrl/read-xbrl-facts.js';
import { extractXbrlFacts } from './read-filing.js';

/** Every corpus file, by path. */
function corpusFiles(): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory() ? walk(join(dir, entry.name)) : /\.(txt|nc)$/.test(entry.name) ? [join(dir, entry.name)] : [],
    );
  return walk(corpusPath('.'));
}

const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();
/** What a span of XHTML shows: tags removed, entities decoded (written independently of the reader). */
const shown = (html: string) => collapse(decodeHTML(html.replace(/<[^>]*>/g, '')));

const inlineFiles = corpusFiles().filter((path) => /<ix:non(?:Fraction|Numeric)[\s>/]/.test(readFileSync(path, 'latin1')));

describe('XBRL facts of the corpus', () => {
  it('finds the corpus files that carry inline XBRL', () => {
    expect(inlineFiles.length).toBeGreaterThanOrEqual(4);
  });

  it.each(inlineFiles.map((path) => [path.slice(path.indexOf('corpus/')), path]))(
    '%s: one fact per ix:nonFraction/ix:nonNumeric element, each span showing its text',
    (_name, path) => {
      const bytes = readFileSync(path);
      const submission = parseSubmission(bytes);
      const found = extractXbrlFacts(submission, 'inline');
      // Counted independently: the opening tags in the raw bytes.
      const elements = (bytes.toString('latin1').match(/<ix:non(?:Fraction|Numeric)[\s>/]/g) ?? []).length;
      expect(found.facts.length).toBe(elements);
      for (const document of submission.documents) {
        const text = new TextDecoder().decode(document.body);
        for (const fact of found.facts.filter((entry) => entry.span?.document === document.sequence)) {
          const span = fact.span as NonNullable<typeof fact.span>;
          expect(shown(text.slice(span.start, span.end)), fact.concept).toBe(fact.text);
        }
      }
    },
  );

  it.each(inlineFiles.map((path) => [path.slice(path.indexOf('corpus/')), path]))(
    "%s: every inline fact's value is the value EDGAR's own instance gives for it",
    (_name, path) => {
      const submission = parseSubmission(readFileSync(path));
      const inline = extractXbrlFacts(submission, 'inline').facts;
      const instance = extractXbrlFacts(submission, 'instance').facts;
      if (instance.length === 0) return; // an excerpt without EDGAR's generated instance (checked by the goldens below)
      expect(instance.length).toBe(inline.length);
      inline.forEach((fact, index) => {
        const twin = instance[index] as (typeof instance)[number];
        expect([twin.concept, twin.contextRef, twin.unitRef]).toEqual([fact.concept, fact.contextRef, fact.unitRef]);
        expect(fact.value === null ? null : collapse(fact.value), `${fact.concept} "${fact.text}"`).toBe(
          twin.value === null ? null : collapse(twin.value),
        );
      });
      expect(inline.filter((fact) => fact.value === null && !fact.nil)).toEqual([]);
    },
  );

  it("reads the Tesla 10-K excerpt's amounts as the filing shows them", () => {
    // Read from the document: Revenues "24578000000", NetIncomeLoss "-862000000" (both USD, fiscal 2019), shares
    // outstanding "180398000" at a context the excerpt does not define.
    const found = extractXbrlFacts(parseSubmission(readFileSync(corpusPath('submissions/0001564590-20-004475-minimal.txt'))));
    const byConcept = (name: string) => found.facts.find((fact) => fact.concept === name);
    expect(found.source).toBe('inline');
    expect(byConcept('us-gaap:Revenues')).toMatchObject({
      value: '24578000000',
      number: 24_578_000_000,
      unit: 'iso4217:USD',
      decimals: '-6',
      context: { period: { type: 'duration', start: '2019-01-01', end: '2019-12-31' }, entity: '0001318605' },
    });
    expect(byConcept('us-gaap:NetIncomeLoss')?.value).toBe('-862000000');
    expect(byConcept('dei:EntityRegistrantName')?.value).toBe('Tesla, Inc.');
    const shares = byConcept('us-gaap:CommonStockSharesOutstanding');
    expect(shares).toMatchObject({ value: '180398000', context: null, unit: null });
    expect(found.diagnostics.map((problem) => problem.code)).toContain('xbrl/unknown-context');
  });

  it("reads the 3M 8-K's cover: transformations and dimensions as its instance says", () => {
    const found = extractXbrlFacts(parseSubmission(readFileSync(corpusPath('submissions/0000066740-24-000023.txt'))));
    const values = (name: string) => found.facts.filter((fact) => fact.concept === name).map((fact) => fact.value);
    expect(values('dei:TradingSymbol')).toEqual(['MMM', 'MMM', 'MMM26', 'MMM30', 'MMM31']);
    expect(values('dei:SecurityExchangeName')).toEqual(['NYSE', 'CHX', 'NYSE', 'NYSE', 'NYSE']);
    expect(values('dei:EntityIncorporationStateCountryCode')).toEqual(['DE']);
    expect(values('dei:DocumentPeriodEndDate')).toEqual(['2024-03-08']);
    expect(values('dei:WrittenCommunications')).toEqual(['false']);
    const chicago = found.facts.find((fact) => fact.concept === 'dei:SecurityExchangeName' && fact.value === 'CHX');
    expect(chicago?.context?.dimensions).toMatchObject({ 'dei:EntityListingsExchangeAxis': 'exch:XCHI' });
  });
});

/** An inline XBRL document around `body`, with a duration context, an instant one, a dimensional one and units. */
function inlineDocument(body: string): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:ix="http://www.xbrl.org/2013/inlineXBRL"
  xmlns:xbrli="http://www.xbrl.org/2003/instance" xmlns:xbrldi="http://xbrl.org/2006/xbrldi"
  xmlns:ixt="http://www.xbrl.org/inlineXBRL/transformation/2020-02-12" xmlns:iso4217="http://www.xbrl.org/2003/iso4217"
  xmlns:us-gaap="http://fasb.org/us-gaap/2023" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<body><div style="display:none"><ix:header><ix:resources>
<xbrli:context id="FY"><xbrli:entity><xbrli:identifier scheme="http://www.sec.gov/CIK">0000000001</xbrli:identifier></xbrli:entity>
<xbrli:period><xbrli:startDate>2023-01-01</xbrli:startDate><xbrli:endDate>2023-12-31</xbrli:endDate></xbrli:period></xbrli:context>
<xbrli:context id="END"><xbrli:entity><xbrli:identifier scheme="http://www.sec.gov/CIK">0000000001</xbrli:identifier></xbrli:entity>
<xbrli:period><xbrli:instant>2023-12-31</xbrli:instant></xbrli:period></xbrli:context>
<xbrli:context id="SEG"><xbrli:entity><xbrli:identifier scheme="http://www.sec.gov/CIK">0000000001</xbrli:identifier>
<xbrli:segment><xbrldi:explicitMember dimension="us-gaap:StatementBusinessSegmentsAxis">x:AutoMember</xbrldi:explicitMember></xbrli:segment></xbrli:entity>
<xbrli:period><xbrli:startDate>2023-01-01</xbrli:startDate><xbrli:endDate>2023-12-31</xbrli:endDate></xbrli:period></xbrli:context>
<xbrli:unit id="USD"><xbrli:measure>iso4217:USD</xbrli:measure></xbrli:unit>
<xbrli:unit id="USDPerShare"><xbrli:divide><xbrli:unitNumerator><xbrli:measure>iso4217:USD</xbrli:measure></xbrli:unitNumerator>
<xbrli:unitDenominator><xbrli:measure>xbrli:shares</xbrli:measure></xbrli:unitDenominator></xbrli:divide></xbrli:unit>
</ix:resources></ix:header></div>${body}</body></html>`;
}

describe('inline XBRL facts built from the published rules', () => {
  // Fixtures written by hand from the Inline XBRL 1.1 specification and Transformation Registry 4/5.
  const one = (fact: string) => readXbrlFacts(inlineDocument(fact)).facts[0];

  it('applies format, scale and sign to numbers, exactly', () => {
    const fact =
      '<ix:nonFraction name="us-gaap:Revenues" contextRef="FY" unitRef="USD" decimals="-6" scale="6" format="ixt:num-dot-decimal">24,578</ix:nonFraction>';
    expect(one(fact)).toMatchObject({ value: '24578000000', number: 24_578_000_000, unit: 'iso4217:USD', scale: 6, text: '24,578' });
    expect(one(fact.replace('scale="6"', 'scale="6" sign="-"'))?.value).toBe('-24578000000');
    expect(
      one(
        '<ix:nonFraction name="x:Rate" contextRef="FY" unitRef="USD" decimals="3" scale="-2" format="ixt:num-dot-decimal">12.5</ix:nonFraction>',
      )?.value,
    ).toBe('0.125');
    expect(
      one(
        '<ix:nonFraction name="x:A" contextRef="FY" unitRef="USD" decimals="0" scale="3" format="ixt:num-comma-decimal">1.234,5</ix:nonFraction>',
      )?.value,
    ).toBe('1234500');
    expect(
      one('<ix:nonFraction name="x:A" contextRef="FY" unitRef="USD" decimals="0" format="ixt:fixed-zero">—</ix:nonFraction>')?.value,
    ).toBe('0');
    expect(one('<ix:nonFraction name="x:A" contextRef="FY" unitRef="USD" decimals="0">1234</ix:nonFraction>')?.value).toBe('1234');
    expect(one('<ix:nonFraction name="x:Eps" contextRef="FY" unitRef="USDPerShare" decimals="2">(1.25)</ix:nonFraction>')).toMatchObject({
      value: null,
      unit: 'iso4217:USD/xbrli:shares',
    });
  });

  it('reads nil facts, dimensions, instants and text split over continuations, without excluded text', () => {
    expect(one('<ix:nonFraction name="x:A" contextRef="END" unitRef="USD" decimals="0" xsi:nil="true"/>')).toMatchObject({
      nil: true,
      value: null,
      context: { period: { type: 'instant', instant: '2023-12-31' } },
    });
    expect(one('<ix:nonFraction name="x:A" contextRef="SEG" unitRef="USD" decimals="0">5</ix:nonFraction>')?.context?.dimensions).toEqual({
      'us-gaap:StatementBusinessSegmentsAxis': 'x:AutoMember',
    });
    const split = one(
      '<ix:nonNumeric name="x:Policy" contextRef="FY" continuedAt="c1">Revenue is <ix:exclude>[page 7]</ix:exclude>recognised</ix:nonNumeric><p>other</p><ix:continuation id="c1">when control passes.</ix:continuation>',
    );
    expect(split?.value).toBe('Revenue is recognised when control passes.');
  });

  it('transforms dates, booleans and states, and gives no value for a rule it does not know', () => {
    const text = (format: string, shownText: string) =>
      one(`<ix:nonNumeric name="x:T" contextRef="FY" format="${format}">${shownText}</ix:nonNumeric>`);
    expect(text('ixt:date-monthname-day-year-en', 'March&#160;8, 2024')?.value).toBe('2024-03-08');
    expect(text('ixt:date-day-monthname-year-en', '8 March 2024')?.value).toBe('2024-03-08');
    expect(text('ixt:date-month-day-year', '02/30/2024')?.value).toBeNull();
    expect(text('ixt:date-year-month-day', '2024-02-29')?.value).toBe('2024-02-29');
    expect(text('ixt-sec:boolballotbox', '&#9746;')?.value).toBe('true');
    expect(text('ixt-sec:stateprovnameen', 'New York')?.value).toBe('NY');
    const unknown = readXbrlFacts(
      inlineDocument('<ix:nonNumeric name="x:T" contextRef="FY" format="ixt:date-ind-day-monthname-year-hi">x</ix:nonNumeric>'),
    );
    expect(unknown.facts[0]?.value).toBeNull();
    expect(unknown.diagnostics.map((problem) => problem.message)).toEqual([expect.stringContaining('ixt:date-ind-day-monthname-year-hi')]);
  });

  it('refuses a scale no amount has, and bounds facts nested in facts', () => {
    const huge = readXbrlFacts(
      inlineDocument('<ix:nonFraction name="x:A" contextRef="FY" unitRef="USD" decimals="0" scale="100000000">1</ix:nonFraction>'),
    );
    expect(huge.facts[0]?.value).toBeNull();
    expect(huge.diagnostics[0]?.code).toBe('xbrl/bad-scale');
    const nested = readXbrlFacts(
      inlineDocument(`${'<ix:nonNumeric name="x:T" contextRef="FY">a'.repeat(40)}${'</ix:nonNumeric>'.repeat(40)}`),
    );
    expect(nested.facts.length).toBe(16);
    expect(nested.diagnostics.map((problem) => problem.code)).toContain('xbrl/facts-nested-too-deep');
  });

  it('shifts decimals exactly', () => {
    expect(shiftDecimal('1.5', 2)).toBe('150');
    expect(shiftDecimal('-0.001', 3)).toBe('-1');
    expect(shiftDecimal('12', -4)).toBe('0.0012');
    expect(shiftDecimal('0.0', 5)).toBe('0');
    expect(shiftDecimal('123456789012345678901234567890', 0)).toBe('123456789012345678901234567890');
  });

  it('runs in linear time on many facts, long facts and deep markup', () => {
    const cases: [string, (n: number) => string, number][] = [
      [
        'many facts',
        (n) => inlineDocument('<ix:nonFraction name="x:A" contextRef="FY" unitRef="USD" decimals="0">1</ix:nonFraction>'.repeat(n)),
        2_000,
      ],
      [
        'a long fact',
        (n) => inlineDocument(`<ix:nonNumeric name="x:T" contextRef="FY">${'word <b>bold</b> '.repeat(n)}</ix:nonNumeric>`),
        // The time per piece is not flat below this size: 0.5 µs at 10,000 pieces, 1.35 µs at 320,000, 0.73 µs at
        // 640,000, so 40,000 → 160,000 gave about 7× (once 10.3 in CI) where 120,000 → 480,000 gives 3.3×.
        120_000,
      ],
      [
        'deep markup',
        (n) => inlineDocument(`<ix:nonNumeric name="x:T" contextRef="FY">${'<div>'.repeat(n)}x${'</div>'.repeat(n)}</ix:nonNumeric>`),
        40_000,
      ],
    ];
    for (const [name, make, n] of cases) {
      const { ratio } = scalingRatio(make, (source) => readXbrlFacts(source), n);
      expect(ratio, name).toBeLessThan(LINEAR_RATIO);
    }
  });
});
