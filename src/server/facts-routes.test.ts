import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openServerTestStore } from '../../test/server-test-store.js';
import { corpusPath } from '../../test/shared-files.js';
import { parseSubmission } from '../parse/sgml/parse-submission.js';
import { ingestPaths } from '../pipeline/ingest.js';
import { extractXbrlFacts } from '../pipeline/read-filing.js';
import type { ReadWriteStore } from '../store/store.js';
import { FactSeriesSchema, FilingFactsSchema, FilingSchema } from './api-schemas.js';
import { createApp } from './create-app.js';

const TESLA = corpusPath('submissions/0001564590-20-004475-minimal.txt');
const MMM = corpusPath('submissions/0000066740-24-000023.txt');

let store: ReadWriteStore;
let app: ReturnType<typeof createApp>;
const logged: unknown[] = [];

beforeAll(async () => {
  store = await openServerTestStore();
  const summary = await ingestPaths(store, [TESLA, MMM], { workers: 0 });
  expect(summary.ingested).toBe(2);
  // A copy from EDGAR's companyfacts API of a later year, and of the filing's own fact.
  const api = {
    cik: '0001318605',
    concept: 'us-gaap:Revenues',
    dimensions: {},
    unit: 'USD',
    decimals: null,
    form: '10-K',
    fiscalPeriod: 'FY',
  };
  await store.writeFacts([
    {
      ...api,
      accession: '0001564590-21-004599',
      periodStart: '2020-01-01',
      periodEnd: '2020-12-31',
      value: '31536000000',
      number: 31536000000,
      filed: '2021-02-08',
      fiscalYear: 2020,
      frame: 'CY2020',
      source: 'companyfacts',
    },
    {
      ...api,
      accession: '0001564590-20-004475',
      periodStart: '2019-01-01',
      periodEnd: '2019-12-31',
      value: '24578000000',
      number: 24578000000,
      filed: '2020-02-13',
      fiscalYear: 2019,
      frame: 'CY2019',
      source: 'companyfacts',
    },
  ]);
  app = createApp({ store, log: (error) => logged.push(error) });
});
afterAll(async () => {
  await store.close();
  expect(logged).toEqual([]);
});

async function get(path: string, status = 200): Promise<Response> {
  const response = await app.request(path);
  expect(response.status, `${path}: ${await response.clone().text()}`).toBe(status);
  return response;
}

describe('GET /api/facts', () => {
  it("gives Tesla's revenue over time, the filing's own fact before the API's copy of it", async () => {
    const body = FactSeriesSchema.parse(await (await get('/api/facts?concept=us-gaap:Revenues&cik=1318605')).json());
    expect(body.facts.map((fact) => [fact.periodEnd, fact.value, fact.source, fact.accession])).toEqual([
      ['2019-12-31', '24578000000', 'inline', '0001564590-20-004475'],
      ['2020-12-31', '31536000000', 'companyfacts', '0001564590-21-004599'],
    ]);
    expect(body.query).toEqual({
      concept: 'us-gaap:Revenues',
      cik: '0001318605',
      from: null,
      to: null,
      unit: null,
      dimensions: 'none',
      limit: 10000,
    });
    expect(body.truncated).toBe(false);
    const windowed = FactSeriesSchema.parse(
      await (await get('/api/facts?concept=us-gaap:Revenues&from=2020-01-01&unit=USD&limit=1')).json(),
    );
    expect(windowed.facts.map((fact) => fact.value)).toEqual(['31536000000']);
    expect(windowed.truncated).toBe(true);
  });

  it('refuses a malformed parameter with a 400 that says what', async () => {
    const error = async (query: string) => ((await (await get(`/api/facts${query}`, 400)).json()) as { error: string }).error;
    expect(await error('')).toBe('concept is required: a QName such as us-gaap:Revenues');
    expect(await error('?concept=Revenues')).toMatch(/^concept must be a concept QName such as us-gaap:Revenues, not "Revenues"/);
    expect(await error('?concept=us-gaap:Revenues&cik=12x')).toMatch(/^cik: "12x" is not a CIK/);
    expect(await error('?concept=us-gaap:Revenues&from=2019-02-30')).toBe('from must be a date as YYYY-MM-DD, not "2019-02-30"');
    expect(await error('?concept=us-gaap:Revenues&from=2020-01-01&to=2019-01-01')).toBe('from (2020-01-01) is after to (2019-01-01)');
    expect(await error('?concept=us-gaap:Revenues&dimensions=some')).toMatch(/^dimensions must be one of none, any/);
    expect(await error('?concept=us-gaap:Revenues&limit=0')).toMatch(/^limit must be between 1 and 10000/);
  });

  it('lists the facts of a filing in its order, with its count on the filing', async () => {
    const filing = FilingSchema.parse(await (await get('/api/filings/0000066740-24-000023')).json());
    const read = extractXbrlFacts(parseSubmission(readFileSync(MMM))).facts;
    expect(filing.factCount).toBe(read.length);
    expect(filing.links.facts).toBe('/api/filings/0000066740-24-000023/facts');
    const page = FilingFactsSchema.parse(await (await get('/api/filings/0000066740-24-000023/facts?limit=5&offset=2')).json());
    expect(page.facts.map((fact) => [fact.concept, fact.value])).toEqual(read.slice(2, 7).map((fact) => [fact.concept, fact.value]));
    expect(page.next).toBe('/api/filings/0000066740-24-000023/facts?limit=5&offset=7');
    await get('/api/filings/0000066740-24-000099/facts', 404);
  });

  it('is described in the OpenAPI document', async () => {
    const document = (await (await get('/api/openapi.json')).json()) as {
      paths: Record<string, { get: { parameters: { name: string }[] } }>;
    };
    expect(document.paths['/api/facts']?.get.parameters.map((parameter) => parameter.name).sort()).toEqual([
      'cik',
      'concept',
      'dimensions',
      'from',
      'limit',
      'to',
      'unit',
    ]);
    expect(document.paths['/api/filings/{accession}/facts']).toBeDefined();
  });
});

describe('fact pages', () => {
  it("shows a filing's fact count, linking to a table of its facts", async () => {
    const page = await (await get('/filings/0001564590-20-004475')).text();
    const count = extractXbrlFacts(parseSubmission(readFileSync(TESLA))).facts.length;
    expect(page).toContain(`<dt>XBRL facts</dt><dd><a href="/filings/0001564590-20-004475/facts">${count} facts</a></dd>`);
    const table = await (await get('/filings/0001564590-20-004475/facts')).text();
    expect(table).toContain(
      '<a class="mono" href="/companies/0001318605/facts?concept=us-gaap%3ARevenues">us-gaap:Revenues</a></td><td>24578000000</td>',
    );
    expect(table.match(/<tr><td><a class="mono"/g)).toHaveLength(count);
    expect(table).not.toContain('<script>');
  });

  it('offers a concept over time on the company page, as a table', async () => {
    expect(await (await get('/companies/1318605')).text()).toContain('href="/companies/0001318605/facts"');
    const page = await (await get('/companies/1318605/facts?concept=us-gaap:Revenues')).text();
    const rows = [...page.matchAll(/<tr><td>([^<]*)<\/td><td>([^<]*)<\/td>/g)].map((match) => [match[1], match[2]]);
    expect(rows).toEqual([
      ['2019-01-01 – 2019-12-31', '24578000000'],
      ['2020-01-01 – 2020-12-31', '31536000000'],
    ]);
    // A filing's own fact links to the filing; the API's names a filing the database does not hold, unlinked.
    expect(page).toContain('<a href="/filings/0001564590-20-004475">0001564590-20-004475</a>');
    expect(page).not.toContain('href="/filings/0001564590-21-004599"');
    expect(await (await get('/companies/1318605/facts?concept=Revenues', 400)).text()).toContain('concept must be a concept QName');
    // No concept asked yet: the form alone.
    expect(await (await get('/companies/1318605/facts')).text()).toContain('name="concept"');
  });
});
