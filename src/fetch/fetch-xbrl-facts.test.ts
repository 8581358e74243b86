import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeEdgar, startFakeEdgar } from '../../test/fake-edgar/fake-edgar.js';
import { TEST_USER_AGENT, temporaryDirectory, testClient } from '../../test/fake-edgar/test-client.js';
import { EdgarSyntaxError } from '../core/edgar-syntax-error.js';
import type { EdgarClient } from './edgar-client.js';
import { companyConceptPath, companyFactsPath, framesPath } from './edgar-paths.js';
import { FetchError, LookupError } from './fetch-errors.js';
import { fetchCompanyConcept, fetchCompanyFacts, fetchFrames } from './fetch-xbrl-facts.js';

let server: FakeEdgar;
let client: EdgarClient;

beforeAll(async () => {
  server = await startFakeEdgar();
  client = testClient(server);
});
afterAll(async () => {
  client.close();
  await server.close();
});
beforeEach(() => {
  server.clearFaults();
  server.resetRequests();
});

describe('XBRL API paths', () => {
  it("are data.sec.gov's documented URLs", () => {
    expect(companyFactsPath('1318605')).toBe('/api/xbrl/companyfacts/CIK0001318605.json');
    expect(companyConceptPath('320193', 'us-gaap', 'AccountsPayableCurrent')).toBe(
      '/api/xbrl/companyconcept/CIK0000320193/us-gaap/AccountsPayableCurrent.json',
    );
    expect(framesPath('us-gaap', 'AccountsPayableCurrent', 'USD', 'CY2019Q1I')).toBe(
      '/api/xbrl/frames/us-gaap/AccountsPayableCurrent/USD/CY2019Q1I.json',
    );
    expect(framesPath('us-gaap', 'EarningsPerShareBasic', 'USD/shares', 'cy2019')).toBe(
      '/api/xbrl/frames/us-gaap/EarningsPerShareBasic/USD-per-shares/CY2019.json',
    );
  });

  it('refuse what is not a CIK, a concept, a unit or a period, before any request', () => {
    expect(() => companyFactsPath('12ab')).toThrow('Expected a CIK (up to 10 digits), found "12ab"');
    expect(() => companyConceptPath('1', 'us-gaap', '../x')).toThrow(/Expected a concept as taxonomy:tag/);
    expect(() => framesPath('us-gaap', 'Revenues', 'US D', 'CY2019')).toThrow(/Expected a unit like USD/);
    expect(() => framesPath('us-gaap', 'Revenues', 'USD', '2019')).toThrow(/Expected a calendar period like CY2019/);
    expect(() => framesPath('us-gaap', 'Revenues', 'USD', 'CY2019Q5')).toThrow(/Expected a calendar period/);
  });
});

describe('fetching XBRL API documents through the polite client', () => {
  it('fetches companyfacts, companyconcept and frames at their URLs, with the User-Agent, and reads them', async () => {
    const facts = await fetchCompanyFacts(client, '1318605');
    const concept = await fetchCompanyConcept(client, '0000320193', 'us-gaap:AccountsPayableCurrent');
    const frame = await fetchFrames(client, 'us-gaap:AccountsPayableCurrent', 'USD', 'CY2019Q1I');
    expect(server.requests.map((request) => [request.path, request.userAgent, request.status])).toEqual([
      ['/api/xbrl/companyfacts/CIK0001318605.json', TEST_USER_AGENT, 200],
      ['/api/xbrl/companyconcept/CIK0000320193/us-gaap/AccountsPayableCurrent.json', TEST_USER_AGENT, 200],
      ['/api/xbrl/frames/us-gaap/AccountsPayableCurrent/USD/CY2019Q1I.json', TEST_USER_AGENT, 200],
    ]);
    expect(facts.url).toBe(`${server.url}/api/xbrl/companyfacts/CIK0001318605.json`);
    expect(facts.facts.find((fact) => fact.concept === 'us-gaap:Revenues' && fact.frame === 'CY2019')?.value).toBe('24578000000');
    expect(concept.facts.map((fact) => fact.periodEnd)).toEqual(['2018-09-29', '2019-03-30', '2019-09-28']);
    expect(new Set(frame.facts.map((fact) => fact.cik)).size).toBe(3);
  });

  it('says there is no XBRL data for a company EDGAR has none for (404), not a crash', async () => {
    const error = await fetchCompanyFacts(client, '898685').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(LookupError);
    expect((error as Error).message).toBe(
      `No XBRL data for CIK 0000898685 on EDGAR: it has filed no financial statements in XBRL (404 Not Found at ${server.url}/api/xbrl/companyfacts/CIK0000898685.json)`,
    );
    await expect(fetchCompanyConcept(client, '1318605', 'us-gaap:Nothing')).rejects.toThrow(
      /^No XBRL data for CIK 0001318605 and us-gaap:Nothing on EDGAR/,
    );
    await expect(fetchFrames(client, 'us-gaap:Revenues', 'EUR', 'CY2019')).rejects.toThrow(
      /^No frame us-gaap:Revenues in EUR for CY2019 on EDGAR/,
    );
    // A 404 is an answer, not a fault: asked once each.
    expect(server.requests).toHaveLength(3);
  });

  it('retries a 503 and honours a 429 with Retry-After, then reads the document', async () => {
    const path = '/api/xbrl/companyfacts/CIK0000066740.json';
    server.inject({ kind: 'status', status: 503 }, { path });
    server.inject({ kind: 'status', status: 429, retryAfter: 1 }, { path });
    const started = performance.now();
    const facts = await fetchCompanyFacts(client, '66740');
    expect(performance.now() - started).toBeGreaterThanOrEqual(990);
    expect(server.requests.map((request) => request.status)).toEqual([503, 429, 200]);
    expect(facts.entityName).toBe('3M COMPANY');
  });

  it('keeps to the rate limit when many documents are asked at once', async () => {
    const limited = testClient(server, { maxRequestsPerSecond: 4 });
    try {
      await Promise.all(Array.from({ length: 8 }, () => fetchFrames(limited, 'us-gaap:Revenues', 'USD', 'CY2019')));
      expect(server.requests).toHaveLength(8);
      expect(server.maxStartsPerWindow(1000)).toBeLessThanOrEqual(4);
    } finally {
      limited.close();
    }
  });

  it('refuses a body past maxBytes after decoding, once, without retrying', async () => {
    // The fake gzips JSON: the bound is on the decoded bytes, so the compressed size cannot slip past it.
    const error = await fetchCompanyFacts(client, '1318605', { maxBytes: 1000 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(FetchError);
    expect((error as FetchError).code).toBe('fetch/too-large');
    expect((error as FetchError).message).toMatch(/CIK0001318605\.json is larger than the 1000 bytes allowed/);
    expect(server.requests).toHaveLength(1);
  });

  it('refuses a body whose Content-Length is past maxBytes without reading it', async () => {
    const plain = await startFakeEdgar({ gzipJson: false });
    const plainClient = testClient(plain);
    try {
      const error = await fetchCompanyFacts(plainClient, '1318605', { maxBytes: 1000 }).catch((caught: unknown) => caught);
      expect((error as FetchError).code).toBe('fetch/too-large');
      expect((error as FetchError).message).toMatch(/\(\d{4,} bytes or more\)/);
      expect(plain.requests).toHaveLength(1);
      // The same client reads it when the bound allows.
      expect((await fetchCompanyFacts(plainClient, '1318605')).facts.length).toBeGreaterThan(0);
    } finally {
      plainClient.close();
      await plain.close();
    }
  });

  it('revalidates through the HTTP cache: a second fetch is answered 304 and reads the same facts', async () => {
    const cache = await temporaryDirectory('xbrl-cache');
    const cached = testClient(server, { cacheDir: cache.path });
    try {
      const first = await fetchCompanyConcept(cached, '1318605', 'us-gaap:Revenues');
      const second = await fetchCompanyConcept(cached, '1318605', 'us-gaap:Revenues');
      expect([first.fromCache, second.fromCache]).toEqual([false, true]);
      expect(server.requests.map((request) => [request.status, request.ifNoneMatch !== null])).toEqual([
        [200, false],
        [304, true],
      ]);
      expect(second.facts).toEqual(first.facts);
      // The bound holds for a cached body too.
      await expect(fetchCompanyConcept(cached, '1318605', 'us-gaap:Revenues', { maxBytes: 100 })).rejects.toMatchObject({
        code: 'fetch/too-large',
      });
    } finally {
      cached.close();
      await cache.remove();
    }
  });

  it('reports a malformed document with the URL, line and JSON path', async () => {
    const path = '/api/xbrl/companyconcept/CIK0000066740/us-gaap/AccountsPayableCurrent.json';
    server.serve(
      path,
      '{"cik":66740,"taxonomy":"us-gaap","tag":"AccountsPayableCurrent","units":{"USD":[\n{"end":"2019-03-31","val":"lots"}]}}',
    );
    const error = await fetchCompanyConcept(client, '66740', 'us-gaap:AccountsPayableCurrent').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(EdgarSyntaxError);
    expect((error as Error).message).toBe(
      `${server.url}${path}:2:1: not a companyconcept document: $.units.USD[0].val: expected a number, found "lots" (and 1 more problem)`,
    );
  });
});
