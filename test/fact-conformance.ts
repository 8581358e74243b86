import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoredFact } from '../src/model/stored-fact.js';
import { parseSubmission } from '../src/parse/sgml/parse-submission.js';
import { ingestPaths } from '../src/pipeline/ingest.js';
import { extractXbrlFacts } from '../src/pipeline/read-filing.js';
import { RequestValueError } from '../src/store/request-values.js';
import type { ReadWriteStore } from '../src/store/store.js';
import { corpusPath } from './shared-files.js';
import { makeTempDir } from './store-conformance.js';

/** The corpus filings that carry inline XBRL (each also EDGAR's instance generated from it, but the Tesla excerpt). */
const INLINE_FILINGS = [
  ['submissions/0001564590-20-004475-minimal.txt', '0001564590-20-004475'],
  ['submissions/0000066740-24-000023.txt', '0000066740-24-000023'],
  ['submissions/0000943374-24-000509.txt', '0000943374-24-000509'],
  ['nc/0001493152-25-001317.nc', '0001493152-25-001317'],
] as const;

const TESLA = corpusPath('submissions/0001564590-20-004475-minimal.txt');
/** An accession no filing has (agent CIK 99…), for the instance-only copy of the 3M 8-K. */
const INSTANCE_ONLY = '9900000066-24-000023';

/**
 * The 3M 8-K with its inline document left out: what a filing of 2009–2019 looks like, an XBRL instance beside an
 * HTML document. Made from the corpus file by keeping the header and the instance document only.
 */
function instanceOnlyFiling(): string {
  const text = readFileSync(corpusPath('submissions/0000066740-24-000023.txt'), 'latin1');
  const start = text.indexOf('<DOCUMENT>');
  const documents = text.slice(start).split('</DOCUMENT>').slice(0, -1);
  // EDGAR's instance generated from the inline document: `<name>_htm.xml`.
  const instance = documents.filter((document) => /<FILENAME>[^\n]*_htm\.xml/.test(document));
  if (instance.length !== 1) throw new Error(`expected one instance document in the 3M 8-K, found ${instance.length}`);
  const header = text
    .slice(0, start)
    .replaceAll('0000066740-24-000023', INSTANCE_ONLY)
    .replace(/PUBLIC DOCUMENT COUNT:\s*\d+/, 'PUBLIC DOCUMENT COUNT:\t\t1');
  return `${header}${instance[0]}</DOCUMENT>\n</SEC-DOCUMENT>\n`;
}

/** A fact of EDGAR's JSON APIs, as the facts-json reader writes it. */
function apiFact(values: Partial<StoredFact> & Pick<StoredFact, 'periodEnd' | 'value'>): StoredFact {
  return {
    cik: '0099000042',
    accession: '9900000042-20-000001',
    concept: 'us-gaap:Revenues',
    periodStart: null,
    dimensions: {},
    unit: 'USD',
    number: values.value === null ? null : Number(values.value),
    decimals: null,
    form: '10-K',
    filed: '2020-02-01',
    fiscalYear: 2019,
    fiscalPeriod: 'FY',
    frame: null,
    source: 'companyfacts',
    ...values,
  };
}

/** Every fact stored with a filing, all pages. */
async function allFactsOf(store: ReadWriteStore, filingId: string): Promise<StoredFact[]> {
  const facts: StoredFact[] = [];
  for (let offset = 0; ; offset += 200) {
    const page = await store.listFilingFacts(filingId, { limit: 200, offset });
    facts.push(...page);
    if (page.length < 200) return facts;
  }
}

/** XBRL facts in the store, on every adapter: ingested with their filing, written from the JSON APIs, queried as a series. */
export function describeFactConformance(name: string, open: () => Promise<ReadWriteStore>): void {
  describe(`Fact store conformance: ${name}`, () => {
    let store: ReadWriteStore;
    let folder: string;
    beforeAll(async () => {
      store = await open();
      folder = makeTempDir('edgarkit-facts-');
    }, 60_000);
    afterAll(async () => {
      await store?.close();
      if (folder) rmSync(folder, { recursive: true, force: true });
    });

    it("stores every fact each inline XBRL filing of the corpus reports, with the reader's values", async () => {
      writeFileSync(join(folder, 'instance-only.txt'), instanceOnlyFiling());
      const summary = await ingestPaths(store, [...INLINE_FILINGS.map(([file]) => corpusPath(file)), join(folder, 'instance-only.txt')], {
        workers: 0,
      });
      expect(summary.ingested).toBe(INLINE_FILINGS.length + 1);
      let total = 0;
      for (const [file, accession] of [...INLINE_FILINGS, ['instance-only.txt', INSTANCE_ONLY] as const]) {
        const path = file === 'instance-only.txt' ? join(folder, file) : corpusPath(file);
        const read = extractXbrlFacts(parseSubmission(readFileSync(path)));
        expect(read.source, file).toBe(file === 'instance-only.txt' ? 'instance' : 'inline');
        const stored = await allFactsOf(store, accession);
        expect(stored.length, file).toBeGreaterThan(0);
        expect(stored.length, file).toBe(read.facts.length);
        expect((await store.getFiling(accession))?.factCount, file).toBe(read.facts.length);
        stored.forEach((fact, index) => {
          const twin = read.facts[index] as (typeof read.facts)[number];
          const period = twin.context?.period;
          expect(
            [fact.concept, fact.value, fact.unit, fact.decimals, fact.source, fact.accession, fact.dimensions],
            `${file} fact ${index}`,
          ).toEqual([twin.concept, twin.value, twin.unit, twin.decimals, twin.source, accession, twin.context?.dimensions ?? {}]);
          expect(fact.periodEnd).toBe(period?.type === 'instant' ? period.instant : period?.type === 'duration' ? period.end : null);
          expect(fact.periodStart).toBe(period?.type === 'duration' ? period.start : null);
          // The entity the context names: on EDGAR, the filer's CIK (a context the excerpt leaves undefined gets the filer's).
          expect(fact.cik).toBe(parseSubmission(readFileSync(path)).header?.parties[0]?.company?.cik);
        });
        total += stored.length;
      }
      expect((await store.stats()).facts).toBe(total);
    });

    it("gives Tesla's revenue as the 10-K shows it: 24,578 million USD for fiscal 2019", async () => {
      const series = await store.queryFacts({ concept: 'us-gaap:Revenues', cik: '1318605' });
      expect(series).toEqual([
        {
          cik: '0001318605',
          accession: '0001564590-20-004475',
          concept: 'us-gaap:Revenues',
          periodStart: '2019-01-01',
          periodEnd: '2019-12-31',
          dimensions: {},
          unit: 'iso4217:USD',
          value: '24578000000',
          number: 24_578_000_000,
          decimals: '-6',
          form: '10-K',
          filed: '2020-02-13',
          fiscalYear: null,
          fiscalPeriod: null,
          frame: null,
          source: 'inline',
        },
      ]);
      // Another company's CIK, a unit the fact is not in, a window that leaves it out: nothing.
      expect(await store.queryFacts({ concept: 'us-gaap:Revenues', cik: '66740' })).toEqual([]);
      expect(await store.queryFacts({ concept: 'us-gaap:Revenues', unit: 'shares' })).toEqual([]);
      expect(await store.queryFacts({ concept: 'us-gaap:Revenues', from: '2020-01-01' })).toEqual([]);
      // A unit is matched by its local names too (EDGAR's JSON APIs write USD).
      expect((await store.queryFacts({ concept: 'us-gaap:Revenues', unit: 'USD' })).map((fact) => fact.value)).toEqual(['24578000000']);
    });

    it('replaces a changed filing with its facts: none of the old version is left', async () => {
      const changed = readFileSync(TESLA, 'latin1').replace(
        'decimals="-6" format="ixt:num-dot-decimal">24578000000<',
        'decimals="-6" format="ixt:num-dot-decimal">24999000000<',
      );
      expect(changed).toContain('24999000000');
      writeFileSync(join(folder, 'tesla-changed.txt'), changed, 'latin1');
      const before = (await store.stats()).facts;
      const summary = await ingestPaths(store, [join(folder, 'tesla-changed.txt')], { workers: 0 });
      expect(summary.replaced).toBe(1);
      const series = await store.queryFacts({ concept: 'us-gaap:Revenues', cik: '1318605' });
      expect(series.map((fact) => fact.value)).toEqual(['24999000000']);
      expect((await store.stats()).facts).toBe(before);
      const stored = await allFactsOf(store, '0001564590-20-004475');
      expect(stored.filter((fact) => fact.value === '24578000000')).toEqual([]);
      expect(stored).toHaveLength(extractXbrlFacts(parseSubmission(Buffer.from(changed, 'latin1'))).facts.length);
    });

    it('writes facts of no stored filing once: the same facts again change nothing, a changed value is written', async () => {
      const facts = [
        apiFact({ periodStart: '2019-01-01', periodEnd: '2019-12-31', value: '100' }),
        apiFact({ periodStart: '2018-01-01', periodEnd: '2018-12-31', value: '90' }),
        apiFact({ periodEnd: '2019-12-31', value: '7', concept: 'us-gaap:Assets' }),
      ];
      expect(await store.writeFacts(facts)).toEqual({ written: 3, unchanged: 0 });
      const stats = await store.stats();
      expect(await store.writeFacts(facts)).toEqual({ written: 0, unchanged: 3 });
      expect(await store.stats()).toEqual(stats);
      expect(await store.writeFacts([{ ...(facts[0] as StoredFact), frame: 'CY2019' }])).toEqual({ written: 1, unchanged: 0 });
      expect((await store.stats()).facts).toBe(stats.facts);
      const series = await store.queryFacts({ concept: 'us-gaap:Revenues', cik: '99000042' });
      expect(series.map((fact) => [fact.periodEnd, fact.value, fact.frame])).toEqual([
        ['2018-12-31', '90', null],
        ['2019-12-31', '100', 'CY2019'],
      ]);
    });

    it('gives each fact once, its best source first, ordered by period end then start', async () => {
      const cik = '0099000077';
      const facts = [
        // One fact (same period, unit, accession) from three APIs: one is kept, companyfacts before the others.
        apiFact({ cik, periodStart: '2020-01-01', periodEnd: '2020-12-31', value: '300', source: 'frames', frame: 'CY2020' }),
        apiFact({ cik, periodStart: '2020-01-01', periodEnd: '2020-12-31', value: '300', source: 'companyconcept' }),
        apiFact({ cik, periodStart: '2020-01-01', periodEnd: '2020-12-31', value: '300', source: 'companyfacts' }),
        // The same period reported again by the next year's filing: another fact (another accession).
        apiFact({
          cik,
          periodStart: '2020-01-01',
          periodEnd: '2020-12-31',
          value: '301',
          accession: '9900000042-21-000001',
          filed: '2021-02-01',
        }),
        // A quarter ending on the same day starts later: after the year.
        apiFact({ cik, periodStart: '2020-10-01', periodEnd: '2020-12-31', value: '80' }),
        // Written out of order: older periods come first all the same.
        apiFact({ cik, periodStart: '2019-01-01', periodEnd: '2019-12-31', value: '200' }),
        // A segment's revenue: only with dimensions "any".
        apiFact({
          cik,
          periodStart: '2020-01-01',
          periodEnd: '2020-12-31',
          value: '120',
          dimensions: { 'us-gaap:StatementBusinessSegmentsAxis': 'x:AutoMember' },
        }),
        // Another unit.
        apiFact({ cik, periodStart: '2020-01-01', periodEnd: '2020-12-31', value: '250', unit: 'EUR' }),
      ];
      expect((await store.writeFacts(facts)).written).toBe(facts.length);
      const series = await store.queryFacts({ concept: 'us-gaap:Revenues', cik: '99000077', unit: 'USD' });
      expect(series.map((fact) => [fact.periodStart, fact.periodEnd, fact.value, fact.source])).toEqual([
        ['2019-01-01', '2019-12-31', '200', 'companyfacts'],
        ['2020-01-01', '2020-12-31', '300', 'companyfacts'],
        ['2020-01-01', '2020-12-31', '301', 'companyfacts'],
        ['2020-10-01', '2020-12-31', '80', 'companyfacts'],
      ]);
      const withSegments = await store.queryFacts({ concept: 'us-gaap:Revenues', cik: '99000077', dimensions: 'any', from: '2020-06-30' });
      expect(withSegments.map((fact) => fact.value).sort()).toEqual(['120', '250', '300', '301', '80']);
      const limited = await store.queryFacts({ concept: 'us-gaap:Revenues', cik: '99000077', limit: 2 });
      expect(limited.map((fact) => fact.value)).toEqual(['200', '250']);
    });

    it("prefers a filing's own fact to the APIs' copy of it", async () => {
      // EDGAR's companyfacts copy of the stored (changed) Tesla revenue: one fact, the filing's.
      const copy = apiFact({
        cik: '0001318605',
        accession: '0001564590-20-004475',
        periodStart: '2019-01-01',
        periodEnd: '2019-12-31',
        value: '24999000000',
        frame: 'CY2019',
      });
      expect((await store.writeFacts([copy])).written).toBe(1);
      const series = await store.queryFacts({ concept: 'us-gaap:Revenues', cik: '1318605' });
      expect(series.map((fact) => [fact.value, fact.source, fact.unit])).toEqual([['24999000000', 'inline', 'iso4217:USD']]);
    });

    it('refuses a malformed query with the value and what was expected', async () => {
      const refused = async (query: Parameters<ReadWriteStore['queryFacts']>[0]) =>
        store.queryFacts(query).then(
          () => 'accepted',
          (error: unknown) => (error instanceof RequestValueError ? error.message : `other: ${String(error)}`),
        );
      expect(await refused({ concept: 'Revenues' })).toMatch(/^concept must be a concept QName such as us-gaap:Revenues, not "Revenues"/);
      expect(await refused({ concept: 'us-gaap:Revenues; DROP TABLE x' })).toMatch(/^concept must be a concept QName/);
      expect(await refused({ concept: 'us-gaap:Revenues', from: '2019-13-01' })).toBe(
        'from must be a date as YYYY-MM-DD, not "2019-13-01"',
      );
      expect(await refused({ concept: 'us-gaap:Revenues', from: '2020-01-01', to: '2019-01-01' })).toBe(
        'from (2020-01-01) is after to (2019-01-01)',
      );
      expect(await refused({ concept: 'us-gaap:Revenues', cik: '12ab' })).toMatch(/^cik: "12ab" is not a CIK/);
      expect(await refused({ concept: 'us-gaap:Revenues', limit: 0 })).toMatch(/^limit must be between 1 and/);
      // Facts a query could never find are refused before any is written.
      const before = await store.stats();
      const good = apiFact({ periodEnd: '2019-12-31', value: '1', cik: '0099000099' });
      await expect(store.writeFacts([good, { ...good, cik: '99000099' }])).rejects.toThrow(
        'fact 2 (us-gaap:Revenues): cik must be 10 digits, not "99000099"',
      );
      await expect(store.writeFacts([{ ...good, periodEnd: '12/31/2019' }])).rejects.toThrow(
        /periodEnd must be a date as YYYY-MM-DD or null/,
      );
      await expect(store.writeFacts([{ ...good, concept: 'Revenues' }])).rejects.toThrow(/concept must be a QName/);
      expect(await store.stats()).toEqual(before);
    });
  });
}
