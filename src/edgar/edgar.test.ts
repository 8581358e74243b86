import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeEdgar, startFakeEdgar } from '../../test/fake-edgar/fake-edgar.js';
import { TEST_USER_AGENT } from '../../test/fake-edgar/test-client.js';
import { corpusPath, readCorpus } from '../../test/shared-files.js';
import { makeTempDir } from '../../test/store-conformance.js';
import { UserAgentError } from '../fetch/fetch-errors.js';
import { ingestPaths } from '../pipeline/ingest.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import { createEdgar, type Edgar, type EdgarOptions } from './create-edgar.js';
import { EdgarError } from './edgar-error.js';

let server: FakeEdgar;
let corpusDb: string;

beforeAll(async () => {
  server = await startFakeEdgar();
  // The corpus database: every real filing of the corpus, and SEC's ticker list as the fake EDGAR serves it.
  corpusDb = join(makeTempDir('edgarkit-edgar-'), 'corpus.db');
  const store = openSqliteStore(corpusDb);
  await ingestPaths(store, [corpusPath('')], { workers: 2 });
  await store.close();
  const edgar = createEdgar({ ...online(), db: corpusDb });
  expect(await edgar.fetchTickers()).toBe(Object.keys(server.tickers).length);
  await edgar.close();
}, 300_000);
afterAll(async () => {
  await server.close();
});

function online(): EdgarOptions {
  return { userAgent: TEST_USER_AGENT, archivesBaseUrl: server.url, dataBaseUrl: server.url, retryBaseDelayMs: 10, retryMaxDelayMs: 100 };
}

/** The example, with everything it reads collected. */
async function example(edgar: Edgar) {
  const company = await edgar.company('ACGY');
  const filings = [];
  for await (const filing of company.filings({ form: '6-K', from: '2009-01-01' })) {
    const record = await filing.record();
    const documents = await filing.documents();
    const md = documents.some((document) => document.type === 'EX-99.1') ? await filing.document('EX-99.1').markdown() : null;
    filings.push({ facts: filing.toJSON(), record, documents, md });
  }
  return { company: company.toJSON(), filings };
}

describe('the library example, online and offline', () => {
  it('gives the same company, filings, records and exhibits from the fake EDGAR and from the corpus database', {
    timeout: 300_000,
  }, async () => {
    server.resetRequests();
    const fromEdgar = createEdgar(online());
    const onlineResult = await example(fromEdgar);
    await fromEdgar.close();
    const requests = server.requests.map((request) => request.path);
    const fromDatabase = createEdgar({ db: corpusDb });
    const offlineResult = await example(fromDatabase);
    await fromDatabase.close();

    expect(offlineResult).toEqual(onlineResult);

    // What both say, checked against the filings themselves.
    const { company, filings } = onlineResult;
    expect(company).toMatchObject({ cik: '0000898685', name: 'ACERGY S.A.', tickers: ['ACGY', 'ACGYF'], stateOfIncorporation: 'N4' });
    expect(company.formerNames).toEqual([
      { name: 'STOLT OFFSHORE S A', dateChanged: '2000-05-10' },
      { name: 'STOLT COMEX SEAWAY S A', dateChanged: '1993-03-15' },
    ]);
    expect(company.businessAddress).toEqual({
      street1: 'C/O ACERGY M.S. LIMITED',
      street2: '200 HAMMERSMITH ROAD',
      city: 'LONDON',
      state: 'X0',
      zip: 'W6 7DL',
      phone: '44 20 8210 5500',
    });
    // Every Acergy 6-K the fake EDGAR serves, newest first.
    const served = server.filingsOf('898685').filter((filing) => filing.formType === '6-K' && filing.filedAt >= '2009-01-01');
    expect(filings.map((filing) => filing.facts.accessionNumber)).toEqual(served.map((filing) => filing.accessionNumber));
    expect(filings).toHaveLength(16);
    const dates = filings.map((filing) => filing.facts.filedAt ?? '');
    expect([...dates].sort().reverse()).toEqual(dates);
    expect(filings.every((filing) => filing.facts.form === '6-K' && filing.record?.form === '6-K')).toBe(true);
    // The 2009-01-13 6-K: its cover says "For the month of January, 2009", and it carries its press release.
    const january = filings.find((filing) => filing.facts.accessionNumber === '0000950127-09-000020');
    expect(january?.record?.form === '6-K' && january.record.reportMonth.value).toBe('2009-01');
    expect(january?.documents.map((document) => document.type)).toEqual(['6-K', 'EX-99.1']);
    expect(january?.md).toMatch(/Acergy/);
    expect(filings.filter((filing) => filing.md !== null).length).toBeGreaterThan(10);

    // Online: the ticker list, the submissions JSON and its older page, and each filing once; politely.
    expect(requests.filter((path) => path === '/files/company_tickers.json')).toHaveLength(1);
    expect(requests.filter((path) => path.startsWith('/submissions/'))).toEqual([
      '/submissions/CIK0000898685.json',
      '/submissions/CIK0000898685-submissions-001.json',
    ]);
    expect(requests.filter((path) => path.endsWith('.txt'))).toHaveLength(16);
    expect(server.requests.every((request) => request.userAgent === TEST_USER_AGENT)).toBe(true);
    expect(server.maxStartsPerWindow()).toBeLessThanOrEqual(10);
  });

  it('finds a company by CIK, ticker, current name and former name, the same way online and offline', async () => {
    const offline = createEdgar({ db: corpusDb });
    const onlineWithDb = createEdgar({ ...online(), db: corpusDb });
    const onlineOnly = createEdgar(online());
    for (const query of [898685, '0000898685', 'acgy', 'ACGYF', 'Acergy', 'stolt', 'STOLT OFFSHORE S A']) {
      expect((await offline.company(query)).cik, String(query)).toBe('0000898685');
      expect((await onlineWithDb.company(query)).cik, String(query)).toBe('0000898685');
    }
    // Without a database, names come from the ticker list's titles only: former names are the database's.
    expect((await onlineOnly.company('acergy')).cik).toBe('0000898685');
    await expect(onlineOnly.company('stolt')).rejects.toMatchObject({ code: 'edgar/company-not-found' });
    expect((await onlineOnly.company('BLDP')).name).toBe('Ballard Power Systems Inc.');
    await Promise.all([offline.close(), onlineWithDb.close(), onlineOnly.close()]);
  });
});

describe('clear errors', () => {
  it('refuses to start with no source, or with a User-Agent that names no one', () => {
    expect(() => createEdgar({})).toThrow(EdgarError);
    expect(() => createEdgar({})).toThrow(/needs a userAgent .* a db/);
    expect(() => createEdgar({ userAgent: 'curl/8.0' })).toThrow(UserAgentError);
  });

  it("gives a company's XBRL facts of one concept from the database: Tesla's revenue as its 10-K reports it", async () => {
    const edgar = createEdgar({ db: corpusDb });
    const tesla = await edgar.company(1318605);
    const revenue = await tesla.facts('us-gaap:Revenues');
    expect(revenue.map((fact) => [fact.periodStart, fact.periodEnd, fact.value, fact.unit, fact.form, fact.accession])).toEqual([
      ['2019-01-01', '2019-12-31', '24578000000', 'iso4217:USD', '10-K', '0001564590-20-004475'],
    ]);
    expect(await tesla.facts('us-gaap:Revenues', { from: '2020-01-01' })).toEqual([]);
    // Another company's concept: not Tesla's.
    const mmm = await edgar.company(66740);
    expect((await mmm.facts('dei:EntityRegistrantName', { dimensions: 'any' })).map((fact) => fact.value)).toEqual(['3M COMPANY']);
    await expect(tesla.facts('Revenues')).rejects.toMatchObject({
      code: 'edgar/bad-request',
      message: expect.stringContaining('company.facts(): concept must be a concept QName such as us-gaap:Revenues'),
    });
    await edgar.close();
  });

  it('says what is missing offline', async () => {
    const missing = createEdgar({ db: '/nonexistent/edgar.db' });
    await expect(missing.company('ACGY')).rejects.toMatchObject({
      code: 'edgar/needs-database',
      message: expect.stringContaining('No database at /nonexistent/edgar.db'),
    });
    const edgar = createEdgar({ db: corpusDb });
    await expect(edgar.company('NOPE')).rejects.toMatchObject({ code: 'edgar/company-not-found' });
    // TM is in SEC's ticker list, but the corpus holds no Toyota filing.
    await expect(edgar.company('TM')).rejects.toThrow(
      "TM is TOYOTA MOTOR CORP/ (CIK 0001094517) in SEC's ticker list, but the database holds none of its filings",
    );
    await expect(edgar.company('apollo')).rejects.toMatchObject({
      code: 'edgar/ambiguous-company',
      message: expect.stringMatching(/^"apollo" matches \d+ or more companies: .*give a CIK or a ticker$/),
    });
    await expect(edgar.company('  ')).rejects.toMatchObject({ code: 'edgar/bad-request' });
    await expect(edgar.fetchTickers()).rejects.toMatchObject({ code: 'edgar/needs-user-agent' });
    const acergy = await edgar.company('ACGY');
    // Checked when asked, before anything is read.
    expect(() => acergy.filings({ from: '2009-13-01' })).toThrow('company.filings(): from must be a date as YYYY-MM-DD, not "2009-13-01"');
    expect(() => acergy.filings({ from: '2010-01-01', to: '2009-01-01' })).toThrow(
      'company.filings(): from (2010-01-01) is after to (2009-01-01)',
    );
    const filing = await acergy.filing('0000950127-09-000020');
    await expect(filing.document('EX-99.9').markdown()).rejects.toThrow(
      'Filing 0000950127-09-000020 has no document "EX-99.9"; it has: 1 6-K, 2 EX-99.1',
    );
    await expect(filing.document(1).text({ page: 99 })).rejects.toMatchObject({ code: 'edgar/bad-request' });
    await expect(acergy.filing('0000912282-09-000008')).rejects.toMatchObject({ code: 'edgar/filing-not-found' });
    await expect(edgar.filing('not-an-accession')).rejects.toMatchObject({ code: 'edgar/bad-request' });
    // A binary is not rendered as text; its bytes are decoded.
    const ballard = await edgar.filing('0000912282-09-000008');
    await expect(ballard.document('GRAPHIC').markdown()).rejects.toMatchObject({ code: 'edgar/not-renderable' });
    const image = await ballard.document(2).bytes();
    expect([...image.subarray(0, 2)]).toEqual([0xff, 0xd8]);
    await edgar.close();
  });

  it('says what is missing online', async () => {
    const edgar = createEdgar(online());
    await expect(edgar.search('bonds')).rejects.toMatchObject({ code: 'edgar/needs-database' });
    await expect(edgar.company(1)).rejects.toMatchObject({
      code: 'edgar/company-not-found',
      message: 'No company with CIK 0000000001 on EDGAR (asked for "1")',
    });
    await expect(edgar.filing('0000950127-09-000020')).rejects.toThrow(/give the CIK of one of its filers/);
    const filing = await edgar.filing('0000950127-09-000020', { cik: 898685 });
    expect(filing.toJSON()).toEqual({
      id: '0000950127-09-000020',
      accessionNumber: '0000950127-09-000020',
      cik: '0000898685',
      form: '6-K',
      filedAt: '2009-01-13',
      periodOfReport: '2009-01-12', // CONFORMED PERIOD OF REPORT: 20090112
    });
    await expect(filing.ingest()).rejects.toMatchObject({ code: 'edgar/needs-database' });
    await edgar.close();
  });
});

describe('filing.ingest()', () => {
  it('stores a fetched filing once; the database then answers for it without a request', async () => {
    const db = join(makeTempDir('edgarkit-edgar-ingest-'), 'fetched.db');
    const edgar = createEdgar({ ...online(), db });
    const acergy = await edgar.company('ACGY');
    const filing = await acergy.filing('0000950127-09-000020');
    expect(await filing.ingest()).toEqual({ filingId: '0000950127-09-000020', status: 'inserted' });
    expect(await filing.ingest()).toEqual({ filingId: '0000950127-09-000020', status: 'unchanged' });
    server.resetRequests();
    const again = await acergy.filing('0000950127-09-000020');
    expect(Buffer.from(await again.bytes()).equals(readCorpus('fpi/0000950127-09-000020.txt'))).toBe(true);
    expect(server.requests).toEqual([]);
    await edgar.close();

    const offline = createEdgar({ db });
    const stored = await offline.company('acergy');
    const listed = [];
    for await (const entry of stored.filings()) listed.push(entry.accessionNumber);
    expect(listed).toEqual(['0000950127-09-000020']);
    // The first ticker lookup online kept SEC's list in the database.
    expect((await offline.company('ACGY')).tickers).toEqual(['ACGY', 'ACGYF']);
    expect((await offline.search('company:acgy')).hits.map((hit) => hit.filingId)).toEqual(['0000950127-09-000020']);
    await offline.close();
  });
});
