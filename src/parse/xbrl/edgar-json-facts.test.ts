import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../../test/shared-files.js';
import { EdgarSyntaxError } from '../../core/edgar-syntax-error.js';
import type { StoredFact } from '../../model/stored-fact.js';
import { detectEdgarJsonKind, type EdgarJsonKind, readEdgarJsonFacts } from './edgar-json-facts.js';

const API = join(projectRoot, 'testdata', 'fake-edgar', 'api', 'xbrl');
const EDGE = join(projectRoot, 'testdata', 'edgar-json');

function read(path: string, kind: EdgarJsonKind, maxBytes?: number) {
  return readEdgarJsonFacts(readFileSync(path), kind, { source: relative(projectRoot, path), ...(maxBytes ? { maxBytes } : {}) });
}

const teslaFacts = () => read(join(API, 'companyfacts', 'CIK0001318605.json'), 'companyfacts');

/** Every served fixture, with its kind from its folder. */
function fixtures(): { path: string; kind: EdgarJsonKind }[] {
  return readdirSync(API, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.json'))
    .map((entry) => {
      const path = join(entry.parentPath, entry.name);
      return { path, kind: relative(API, path).split('/')[0] as EdgarJsonKind };
    });
}

/** Facts counted with JSON.parse, apart from the reader: every entry of every unit (or every data point). */
function countEntries(path: string): number {
  const value = JSON.parse(readFileSync(path, 'utf8'));
  if (Array.isArray(value.data)) return value.data.length;
  const concepts = value.facts ? Object.values(value.facts).flatMap((tags) => Object.values(tags as object)) : [value];
  return concepts.flatMap((concept) => Object.values((concept as { units: Record<string, unknown[]> }).units).flat()).length;
}

describe('companyfacts', () => {
  it("reads Tesla's facts: the FY2019 revenue of its 10-K in the corpus, exactly", () => {
    const document = teslaFacts();
    expect(document.kind).toBe('companyfacts');
    expect(document.cik).toBe('0001318605');
    expect(document.entityName).toBe('Tesla, Inc.');
    expect(document.diagnostics).toEqual([]);
    const revenue2019 = document.facts.filter((fact) => fact.concept === 'us-gaap:Revenues' && fact.periodEnd === '2019-12-31');
    expect(revenue2019).toEqual<StoredFact[]>([
      {
        cik: '0001318605',
        accession: '0001564590-20-004475',
        concept: 'us-gaap:Revenues',
        periodStart: '2019-01-01',
        periodEnd: '2019-12-31',
        dimensions: {},
        unit: 'USD',
        value: '24578000000',
        number: 24578000000,
        decimals: null,
        form: '10-K',
        filed: '2020-02-13',
        fiscalYear: 2019,
        fiscalPeriod: 'FY',
        frame: 'CY2019',
        source: 'companyfacts',
      },
    ]);
  });

  it('keeps units as given, instants without a start, every taxonomy, and a period two filings report as two facts', () => {
    const { facts } = teslaFacts();
    const eps = facts.find((fact) => fact.concept === 'us-gaap:EarningsPerShareBasic' && fact.periodEnd === '2019-12-31');
    expect(eps).toMatchObject({ unit: 'USD/shares', value: '-4.92', number: -4.92 });
    const shares = facts.find((fact) => fact.concept === 'us-gaap:CommonStockSharesOutstanding');
    expect(shares).toMatchObject({ unit: 'shares', periodStart: null, periodEnd: '2019-12-31', value: '180398000', frame: 'CY2019Q4I' });
    expect(facts.filter((fact) => fact.concept === 'dei:EntityCommonStockSharesOutstanding')).toHaveLength(1);
    const revenue2018 = facts.filter((fact) => fact.concept === 'us-gaap:Revenues' && fact.periodEnd === '2018-12-31');
    expect(revenue2018.map((fact) => [fact.accession, fact.value, fact.frame])).toEqual([
      ['0001564590-19-003165', '21461000000', null],
      ['0001564590-20-004475', '21461000000', 'CY2018'],
    ]);
  });

  it('gives one fact per entry of every served document', () => {
    for (const { path, kind } of fixtures()) {
      expect(read(path, kind).facts, relative(API, path)).toHaveLength(countEntries(path));
    }
  });
});

describe('companyconcept', () => {
  it('gives the same facts as companyfacts for the concept, told apart only by their source', () => {
    for (const [cik, concept] of [
      ['0001318605', 'Revenues'],
      ['0000066740', 'Revenues'],
    ] as const) {
      const one = read(join(API, 'companyconcept', `CIK${cik}`, 'us-gaap', `${concept}.json`), 'companyconcept');
      expect(one.concept).toBe(`us-gaap:${concept}`);
      expect(one.cik).toBe(cik);
      const all = read(join(API, 'companyfacts', `CIK${cik}.json`), 'companyfacts');
      const expected = all.facts
        .filter((fact) => fact.concept === `us-gaap:${concept}`)
        .map((fact) => ({ ...fact, source: 'companyconcept' }));
      expect(one.facts).toEqual(expected);
      expect(one.facts.length).toBeGreaterThan(1);
    }
  });

  it("reads the documentation's example concept, Apple's AccountsPayableCurrent", () => {
    const apple = read(join(API, 'companyconcept', 'CIK0000320193', 'us-gaap', 'AccountsPayableCurrent.json'), 'companyconcept');
    expect(apple.entityName).toBe('Apple Inc.');
    expect(apple.facts.map((fact) => [fact.periodEnd, fact.value, fact.form, fact.fiscalPeriod, fact.frame])).toEqual([
      ['2018-09-29', '55888000000', '10-K', 'FY', 'CY2018Q3I'],
      ['2019-03-30', '30443000000', '10-Q', 'Q2', 'CY2019Q1I'],
      ['2019-09-28', '46236000000', '10-K', 'FY', 'CY2019Q3I'],
    ]);
  });
});

describe('frames', () => {
  it('gives one fact per company, each with its own CIK, the frame and no start for an instant', () => {
    const frame = read(join(API, 'frames', 'us-gaap', 'AccountsPayableCurrent', 'USD', 'CY2019Q1I.json'), 'frames');
    expect(frame.cik).toBeNull();
    expect(frame.concept).toBe('us-gaap:AccountsPayableCurrent');
    expect(frame.frame).toBe('CY2019Q1I');
    expect(frame.diagnostics).toEqual([]);
    expect(frame.facts.map((fact) => [fact.cik, fact.accession, fact.periodStart, fact.periodEnd, fact.value])).toEqual([
      ['0000001750', '0001104659-19-016320', null, '2019-02-28', '218600000'],
      ['0000066740', '0000066740-19-000031', null, '2019-03-31', '2265000000'],
      ['0000320193', '0000320193-19-000066', null, '2019-03-30', '30443000000'],
    ]);
    for (const fact of frame.facts)
      expect(fact).toMatchObject({ unit: 'USD', frame: 'CY2019Q1I', form: null, filed: null, fiscalYear: null, source: 'frames' });
  });

  it('writes a ratio unit as the other APIs do (USD-per-shares is USD/shares)', () => {
    const frame = read(join(API, 'frames', 'us-gaap', 'EarningsPerShareBasic', 'USD-per-shares', 'CY2019.json'), 'frames');
    expect(frame.facts.map((fact) => [fact.cik, fact.unit, fact.value])).toEqual([
      ['0000066740', 'USD/shares', '7.92'],
      ['0001318605', 'USD/shares', '-4.92'],
    ]);
  });

  it("agrees with each company's own facts for the frame", () => {
    const frame = read(join(API, 'frames', 'us-gaap', 'Revenues', 'USD', 'CY2019.json'), 'frames');
    for (const point of frame.facts) {
      const own = read(join(API, 'companyfacts', `CIK${point.cik}.json`), 'companyfacts').facts.find(
        (fact) => fact.concept === point.concept && fact.frame === point.frame,
      );
      const key = (fact: StoredFact | undefined) =>
        fact && [fact.cik, fact.accession, fact.periodStart, fact.periodEnd, fact.unit, fact.value];
      expect(key(own)).toEqual(key(point));
    }
  });

  it('says when pts disagrees with the data', () => {
    const text = readFileSync(join(API, 'frames', 'us-gaap', 'Revenues', 'USD', 'CY2019.json'), 'utf8').replace('"pts":2', '"pts":3');
    const frame = readEdgarJsonFacts(text, 'frames');
    expect(frame.diagnostics.map((found) => [found.code, found.message])).toEqual([
      ['facts-json/point-count-mismatch', 'pts says 3 data points, the document holds 2'],
    ]);
  });
});

describe('every fact of every document', () => {
  it('keeps the invariants: ten-digit CIK, QName concept, dates, an exact value its number equals', () => {
    const documents = [...fixtures(), { path: join(EDGE, 'companyconcept-exactness.json'), kind: 'companyconcept' as const }];
    for (const { path, kind } of documents) {
      for (const fact of read(path, kind).facts) {
        expect(fact.cik).toMatch(/^\d{10}$/);
        expect(fact.concept).toMatch(/^[\w.-]+:[\w.-]+$/);
        expect(fact.periodEnd).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        if (fact.periodStart !== null) expect(fact.periodStart <= (fact.periodEnd as string)).toBe(true);
        expect(fact.accession).toMatch(/^\d{10}-\d{2}-\d{6}$/);
        if (fact.value !== null) expect(fact.value).toMatch(/^-?(?:0|[1-9]\d*)(?:\.\d*[1-9])?$/);
        // A number is given only when it is exactly the value.
        if (fact.number !== null) expect(BigIntDecimal(String(fact.number))).toBe(BigIntDecimal(fact.value as string));
        expect(fact.dimensions).toEqual({});
        expect(fact.source).toBe(kind);
      }
    }
  });

  it('is told apart by its keys', () => {
    for (const { path, kind } of fixtures()) expect(detectEdgarJsonKind(JSON.parse(readFileSync(path, 'utf8')))).toBe(kind);
    expect(detectEdgarJsonKind([])).toBeNull();
  });
});

/** A decimal's exact value as a scaled BigInt and its scale, written as one comparable string. */
function BigIntDecimal(text: string): string {
  const match = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/i.exec(text);
  if (!match) throw new Error(`not a decimal: ${text}`);
  const [, sign, whole = '', fraction = '', exponent = '0'] = match;
  const scale = fraction.length - Number(exponent);
  const digits = BigInt(`${whole}${fraction}`);
  const shift = 400;
  const scaled = scale <= shift ? digits * 10n ** BigInt(shift - scale) : digits / 10n ** BigInt(scale - shift);
  return `${sign === '-' && digits !== 0n ? '-' : ''}${scaled}`;
}

describe('exactness', () => {
  const document = read(join(EDGE, 'companyconcept-exactness.json'), 'companyconcept');
  const byEnd = (end: string) => document.facts.find((fact) => fact.periodEnd === end && fact.unit === 'USD');

  it('keeps values a double holds as numbers too', () => {
    expect(byEnd('2019-12-31')).toMatchObject({ value: '24578000000', number: 24578000000 });
    expect(byEnd('2023-12-31')).toMatchObject({ value: '24578000000', number: 24578000000 });
  });

  it('keeps values a double would round as their exact text, with number null and a note, never a rounded number', () => {
    expect(byEnd('2020-12-31')).toMatchObject({ value: '9007199254740993', number: null });
    expect(byEnd('2021-12-31')).toMatchObject({ value: '123456789012345678901234567890', number: null });
    expect(byEnd('2022-12-31')).toMatchObject({ value: '0.1234567890123456789', number: null });
    const notes = document.diagnostics.filter((found) => found.code === 'facts-json/beyond-double');
    expect(notes).toHaveLength(3);
    expect(notes[0]?.message).toBe(
      'us-gaap:Revenues: the value 9007199254740993 has more digits than a JavaScript number holds; it is kept exactly as text (value 9007199254740993) and number is null',
    );
    expect(notes.every((found) => found.severity === 'info')).toBe(true);
  });

  it('gives no value for one past any amount (1e400), with an error saying why', () => {
    expect(byEnd('2024-12-31')).toMatchObject({ value: null, number: null });
    const [found] = document.diagnostics.filter((item) => item.code === 'facts-json/value-out-of-range');
    expect(found?.severity).toBe('error');
    expect(found?.message).toMatch(/^us-gaap:Revenues: the value 1e400 is beyond any reported amount/);
    // The note points at the fact's entry in the document.
    const text = readFileSync(join(EDGE, 'companyconcept-exactness.json'), 'utf8');
    expect(text.slice(found?.offset, (found?.offset ?? 0) + 40)).toBe('{"start":"2024-01-01","end":"2024-12-31"');
  });

  it('keeps one of a fact listed twice, and says so when the two values differ', () => {
    const text = readFileSync(join(API, 'companyconcept', 'CIK0001318605', 'us-gaap', 'Revenues.json'), 'utf8');
    const doubled = text.replace(
      /(\{"start":"2019-01-01"[^}]*\})/,
      '$1,\n{"start":"2019-01-01","end":"2019-12-31","val":24578000001,"accn":"0001564590-20-004475","fy":2019,"fp":"FY","form":"10-K","filed":"2020-02-13"}',
    );
    const read = readEdgarJsonFacts(doubled, 'companyconcept');
    expect(read.facts.filter((fact) => fact.periodEnd === '2019-12-31').map((fact) => fact.value)).toEqual(['24578000000']);
    expect(read.diagnostics.map((found) => found.code)).toEqual(['facts-json/conflicting-duplicate']);
    expect(read.diagnostics[0]?.message).toContain('24578000000 kept, 24578000001 left out');
  });
});

describe('malformed and oversized documents', () => {
  const failure = (run: () => unknown): EdgarSyntaxError => {
    try {
      run();
    } catch (error) {
      expect(error).toBeInstanceOf(EdgarSyntaxError);
      return error as EdgarSyntaxError;
    }
    throw new Error('expected an error');
  };

  it('names the path and line of a bad date', () => {
    const error = failure(() => read(join(EDGE, 'companyfacts-bad-date.json'), 'companyfacts'));
    expect(error.code).toBe('json/schema');
    expect(error.message).toBe(
      'testdata/edgar-json/companyfacts-bad-date.json:4:1: not a companyfacts document: $.facts["us-gaap"].Revenues.units.USD[1].end: expected a date YYYY-MM-DD, found "2019-13-31"',
    );
  });

  it('names a missing value', () => {
    const error = failure(() => read(join(EDGE, 'frames-missing-val.json'), 'frames'));
    expect(error.message).toMatch(
      /frames-missing-val\.json:3:1: not a frames document: \$\.data\[1\]\.val: expected a number, but it is missing$/,
    );
  });

  it('gives a syntax error at the end of a cut-off document', () => {
    const path = join(EDGE, 'companyfacts-truncated.json');
    const text = readFileSync(path, 'utf8');
    const error = failure(() => read(path, 'companyfacts'));
    expect(error.code).toBe('json/syntax');
    // The string that never closes opens on line 3.
    const opened = text.indexOf('"Indicate');
    expect([error.line, error.column]).toEqual([3, opened - text.lastIndexOf('\n', opened)]);
    expect(error.message).toMatch(
      /companyfacts-truncated\.json:3:\d+: \$\.facts\.dei\.EntityCommonStockSharesOutstanding\.description: a string is never closed, found /,
    );
  });

  it('refuses a document of the wrong kind, or not an object, with what it expected', () => {
    const frames = readFileSync(join(API, 'frames', 'us-gaap', 'Revenues', 'USD', 'CY2019.json'));
    expect(failure(() => readEdgarJsonFacts(frames, 'companyfacts')).message).toMatch(
      /^companyfacts\.json:1:1: not a companyfacts document: \$\.cik: expected a CIK \(a whole number of up to 10 digits\), but it is missing \(and 1 more problem\)$/,
    );
    expect(failure(() => readEdgarJsonFacts('[]', 'frames', { source: 'x.json' })).message).toMatch(
      /^x\.json:1:1: not a frames document: \$: /,
    );
    expect(failure(() => readEdgarJsonFacts('{"cik":"12a","facts":{}}', 'companyfacts')).message).toContain('$.cik: expected a CIK');
    expect(failure(() => readEdgarJsonFacts('{"cik":1,"facts":{"us gaap":{}}}', 'companyfacts')).message).toContain(
      '$.facts["us gaap"]: expected a taxonomy name',
    );
  });

  it('refuses a document past maxBytes before reading it', () => {
    const path = join(API, 'companyfacts', 'CIK0001318605.json');
    const size = readFileSync(path).length;
    const error = failure(() => read(path, 'companyfacts', 1000));
    expect(error.code).toBe('json/too-large');
    expect(error.message).toContain(`the document is ${size} bytes, more than the 1000 allowed`);
    expect(read(path, 'companyfacts', size).facts.length).toBeGreaterThan(0);
  });
});
