import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeEdgar, startFakeEdgar } from '../../test/fake-edgar/fake-edgar.js';
import { temporaryDirectory, testClient } from '../../test/fake-edgar/test-client.js';
import { readCorpus } from '../../test/shared-files.js';
import { readSubmissions } from '../io/read-submissions.js';
import type { EdgarClient } from './edgar-client.js';
import { dailyIndexPath, feedArchivePath, fullIndexPath, submissionsJsonPath, submissionTextPath } from './edgar-paths.js';
import { downloadFeedArchive, downloadSubmissionText, fetchSubmissionText } from './fetch-filing.js';
import { fetchDailyIndex, fetchFullIndex } from './fetch-index.js';
import { fetchCompanySubmissions } from './fetch-submissions.js';
import { fetchCompanyTickers, lookupTicker } from './fetch-tickers.js';

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

describe('EDGAR paths', () => {
  it('builds the URL layout of www.sec.gov and data.sec.gov', () => {
    expect(fullIndexPath(2002, 4)).toBe('/Archives/edgar/full-index/2002/QTR4/form.idx');
    expect(fullIndexPath(2002, 4, 'master', true)).toBe('/Archives/edgar/full-index/2002/QTR4/master.gz');
    expect(dailyIndexPath('2020-03-18', 'company')).toBe('/Archives/edgar/daily-index/2020/QTR1/company.20200318.idx');
    expect(submissionTextPath('0001453015', '0000912282-09-000008')).toBe(
      '/Archives/edgar/data/1453015/000091228209000008/0000912282-09-000008.txt',
    );
    expect(submissionTextPath('1453015', '000091228209000008')).toBe(
      '/Archives/edgar/data/1453015/000091228209000008/0000912282-09-000008.txt',
    );
    expect(feedArchivePath('2002-12-26')).toBe('/Archives/edgar/Feed/2002/QTR4/20021226.nc.tar.gz');
    expect(submissionsJsonPath('898685')).toBe('/submissions/CIK0000898685.json');
    expect(() => fullIndexPath(2002, 5)).toThrow('Expected a quarter from 1 to 4, found 5');
    expect(() => feedArchivePath('26/12/2002')).toThrow('Expected a date as YYYY-MM-DD, found "26/12/2002"');
    expect(() => submissionTextPath('12345678901', '0000912282-09-000008')).toThrow(/Expected a CIK/);
  });
});

describe('index fetchers', () => {
  it('reads a full index in each layout, plain and gzipped, with the same rows', async () => {
    const expected = server.filings
      .filter((filing) => filing.filedAt >= '2009-01-01' && filing.filedAt <= '2009-03-31')
      .flatMap((filing) => filing.ciks.map((cik) => `${filing.accessionNumber} ${cik} ${filing.formType} ${filing.filedAt}`))
      .sort();
    for (const kind of ['form', 'company', 'master'] as const) {
      for (const compressed of [false, true]) {
        const index = await fetchFullIndex(client, 2009, 1, { kind, compressed });
        expect(index.kind).toBe(kind);
        expect(index.diagnostics).toEqual([]);
        expect(index.rows.map((row) => `${row.accessionNumber} ${row.cik} ${row.formType} ${row.dateFiled}`).sort()).toEqual(expected);
      }
    }
    expect(expected).toHaveLength(16);
    expect(server.requests.map((request) => request.path)).toContain('/Archives/edgar/full-index/2009/QTR1/company.gz');
  });

  it('filters by form type and reads daily indexes', async () => {
    const index = await fetchFullIndex(client, 2024, 1, { formType: 'sc 13g/a' });
    expect(index.rows.map((row) => [row.formType, row.companyName])).toEqual([
      ['SC 13G/A', 'FEDERAL REALTY INVESTMENT TRUST'],
      ['SC 13G/A', 'JPMORGAN CHASE & CO'],
    ]);
    const daily = await fetchDailyIndex(client, '2009-01-02', { kind: 'master', compressed: true });
    expect(daily.rows).toEqual([
      {
        formType: '6-K',
        companyName: '7076991 Canada Inc.',
        cik: '0001453015',
        dateFiled: '2009-01-02',
        fileName: 'edgar/data/1453015/0000912282-09-000008.txt',
        accessionNumber: '0000912282-09-000008',
      },
    ]);
  });
});

describe('submissions JSON and tickers', () => {
  it('joins filings.recent and the older page into one list of filings', async () => {
    const company = await fetchCompanySubmissions(client, '898685');
    expect(company.name).toBe('ACERGY S.A.');
    expect(company.tickers).toEqual(['ACGY', 'ACGYF']);
    expect(company.urls).toEqual([
      `${server.url}/submissions/CIK0000898685.json`,
      `${server.url}/submissions/CIK0000898685-submissions-001.json`,
    ]);
    const expected = server.filingsOf('898685').map((filing) => filing.accessionNumber);
    expect(company.filings.map((filing) => filing.accessionNumber)).toEqual(expected);
    expect(company.filings).toHaveLength(16);
    expect(company.filings.at(-1)).toMatchObject({
      accessionNumber: '0000950127-09-000020',
      form: '6-K',
      filingDate: '2009-01-13',
      cik: '0000898685',
    });
    // The company facts, as Acergy's newest filing's header gives them (STATE OF INCORPORATION: N4, …).
    expect(company.stateOfIncorporation).toBe('N4');
    expect(company.phone).toBe('44 20 8210 5500');
    expect(company.businessAddress?.stateOrCountry).toBe('X0');
    expect(company.formerNames).toEqual([
      { name: 'STOLT OFFSHORE S A', from: null, to: '2000-05-10' },
      { name: 'STOLT COMEX SEAWAY S A', from: null, to: '1993-03-15' },
    ]);
    // JSON came gzip-encoded (the client asks for it) and was decoded.
    expect(server.requests[0]?.path).toBe('/submissions/CIK0000898685.json');
  });

  it('maps tickers to CIKs', async () => {
    const tickers = await fetchCompanyTickers(client);
    expect(tickers.get('BLDP')).toEqual({ ticker: 'BLDP', cik: '0001453015', title: 'Ballard Power Systems Inc.' });
    expect(await lookupTicker(client, 'acgy')).toMatchObject({ cik: '0000898685' });
    expect(await lookupTicker(client, 'NOPE')).toBeNull();
  });
});

describe('complete submissions and feed archives', () => {
  it('fetches every corpus submission byte-identical to the corpus file, under every filer', async () => {
    const sample = server.filings.filter((_, index) => index % 7 === 0);
    for (const filing of sample) {
      const cik = filing.ciks[filing.ciks.length - 1] as string;
      const bytes = await fetchSubmissionText(client, cik, filing.accessionNumber);
      expect(bytes.equals(await readFile(filing.source)), filing.source).toBe(true);
    }
    expect(sample.length).toBeGreaterThan(8);
  });

  it('downloads a submission into a file, byte-identical', async () => {
    const folder = await temporaryDirectory('fetchers');
    try {
      const path = join(folder.path, '0000912282-09-000008.txt');
      const result = await downloadSubmissionText(client, '1453015', '0000912282-09-000008', path);
      expect(result.bytes).toBe(readCorpus('fpi/0000912282-09-000008.txt').length);
      expect((await readFile(path)).equals(readCorpus('fpi/0000912282-09-000008.txt'))).toBe(true);
    } finally {
      await folder.remove();
    }
  });

  it('downloads a daily feed archive that reads back as the corpus .nc files', async () => {
    const folder = await temporaryDirectory('feed');
    try {
      const path = join(folder.path, '20021226.nc.tar.gz');
      await downloadFeedArchive(client, '2002-12-26', path);
      expect((await readFile(path)).equals(server.feed.bytes)).toBe(true);
      const sources: string[] = [];
      for await (const entry of readSubmissions(path)) {
        expect(entry.ok).toBe(true);
        sources.push(entry.source.slice(path.length + 1));
      }
      expect(sources).toEqual(server.feed.members);
      expect(sources).toHaveLength(10);
    } finally {
      await folder.remove();
    }
  });
});
