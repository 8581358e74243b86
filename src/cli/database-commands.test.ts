import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { captureIo } from '../../test/capture-io.js';
import { corpusPath, seedPath } from '../../test/shared-files.js';
import { makeTempDir } from '../../test/store-conformance.js';
import { runCli } from './main.js';

describe('database commands', () => {
  const db = join(makeTempDir('edgarkit-cli-db-'), 'cli.db');
  beforeAll(async () => {
    const io = captureIo();
    const code = await runCli(
      [
        'ingest',
        seedPath(),
        corpusPath('fpi/0000912282-09-000008.txt'),
        corpusPath('fpi/0000950127-09-000020.txt'),
        '--db',
        db,
        '--workers',
        '0',
      ],
      io,
    );
    expect(code, io.err()).toBe(0);
    expect(io.out()).toContain('3 ingested, 0 replaced, 0 skipped as duplicates, 0 failed');
    expect(io.err()).toMatch(/ingest: \[#+\.*\] 100%/);
  });

  it('says what a second ingest skipped', async () => {
    const io = captureIo();
    expect(await runCli(['ingest', seedPath(), '--db', db, '--workers', '0'], io)).toBe(0);
    expect(io.out()).toContain('0 ingested, 0 replaced, 1 skipped as duplicates, 0 failed');
  });

  it('searches with highlighted snippets, and refuses a malformed query with exit 2', async () => {
    const io = captureIo();
    expect(await runCli(['search', '"convertible bonds"', '--db', db], io)).toBe(0);
    expect(io.out()).toContain('6-K');
    expect(io.out()).toContain('[convertible bonds]');
    const bad = captureIo();
    expect(await runCli(['search', '"convertible', '--db', db], bad)).toBe(2);
    expect(bad.err()).toMatch(/^edgarkit: Cannot read the search query at character 1: a phrase opened with " is never closed/);
    const json = captureIo();
    expect(await runCli(['search', 'acergy', '--form', '6-K', '--json', '--db', db], json)).toBe(0);
    expect(JSON.parse(json.out()).hits[0].accessionNumber).toBe('0000950127-09-000020');
  });

  it('says, when a form filter finds nothing, that no stored filing has that form and which stored forms start with it', async () => {
    const partial = captureIo();
    expect(await runCli(['search', 'bonds form:6', '--db', db], partial)).toBe(0);
    expect(partial.out()).toBe(
      'No matches.\nNo stored filing has form type "6"; form types match whole, and these start with it: 6-K (3).\n',
    );
    const option = captureIo();
    expect(await runCli(['search', 'bonds', '--form', '20-F', '--db', db], option)).toBe(0);
    expect(option.out()).toContain('No stored filing has form type "20-F" (form types match whole');
    // A stored form that the words miss: nothing to say about the form.
    const words = captureIo();
    expect(await runCli(['search', 'zzqxj form:6-k', '--db', db], words)).toBe(0);
    expect(words.out()).toBe('No matches.\n');
  });

  it('shows a filing and renders its document', async () => {
    const io = captureIo();
    expect(await runCli(['show', '000091228209000008', '--db', db], io)).toBe(0);
    expect(io.out()).toContain('0000912282-09-000008  6-K');
    expect(io.out()).toContain('FILER            7076991 Canada Inc.  CIK 0001453015');
    expect(io.out()).toContain(
      '  on EDGAR: https://www.sec.gov/Archives/edgar/data/1453015/000091228209000008/0000912282-09-000008-index.htm',
    );
    const acergy = captureIo();
    expect(await runCli(['show', '0000950127-09-000020', '--db', db], acergy)).toBe(0);
    expect(acergy.out()).toContain(
      'ACERGY S.A.  CIK 0000898685  SIC 1389 OIL & GAS FIELD SERVICES, NEC  incorporated in N4 (Luxembourg)  business address in X0 (United Kingdom)',
    );
    // The 6-K record as a person reads it (the values as the cover gives them), not as cut JSON.
    const record = acergy
      .out()
      .split('\n')
      .map((line) => line.trim().replace(/ {2,}/g, '  '));
    expect(record).toContain('6-K record (show --json for every field with its span):');
    expect(record).toContain('Report month:  2009-01  [document 1, page 1]');
    expect(record).toContain('Commission file number:  000-21742  [document 1, page 1]');
    expect(record).toContain('Files annual reports on:  20-F  [document 1, page 1]');
    expect(record).toContain('Rule 12g3-2(b) file number:  — ("No" is marked, so no 82- file number applies)');
    expect(record).toContain('- 99.1 · press release, dated January 12, 2009 · 2009-01-12 · attached · document sequence 2');
    expect(acergy.out()).not.toContain('{"');
    const json = captureIo();
    expect(await runCli(['show', '0000950127-09-000020', '--json', '--db', db], json)).toBe(0);
    const filing = JSON.parse(json.out());
    expect(filing.edgarUrl).toBe('https://www.sec.gov/Archives/edgar/data/898685/000095012709000020/0000950127-09-000020-index.htm');
    expect(filing.parties[0].company.stateOfIncorporationName).toBe('Luxembourg');
    const doc = captureIo();
    expect(await runCli(['show', '0000950127-09-000020', '--doc', '1', '--format', 'markdown', '--db', db], doc)).toBe(0);
    expect(doc.out()).toContain('- [x] Form 20-F');
    const missing = captureIo();
    expect(await runCli(['show', '0000000000-00-000000', '--db', db], missing)).toBe(2);
    expect(missing.err()).toContain('No filing 0000000000-00-000000');
    const noPage = captureIo();
    expect(await runCli(['show', '0000950127-09-000020', '--doc', '1', '--page', '99', '--db', db], noPage)).toBe(2);
    expect(noPage.err()).toMatch(/^edgarkit: Filing 0000950127-09-000020: Page 99 does not exist: document 1 has \d+ pages?\n$/);
  });

  it('lists companies, filings and stats', async () => {
    const companies = captureIo();
    expect(await runCli(['companies', 'acergy', '--db', db], companies)).toBe(0);
    expect(companies.out()).toContain('0000898685  ACERGY S.A.  1 filing');
    // Codes decoded beside the raw codes, as read from the Acergy header (SIC 1389, incorporated in N4).
    expect(companies.out()).toContain('SIC 1389 OIL & GAS FIELD SERVICES, NEC  incorporated in N4 (Luxembourg)');
    const json = captureIo();
    expect(await runCli(['companies', 'acergy', '--json', '--db', db], json)).toBe(0);
    expect(JSON.parse(json.out())[0]).toMatchObject({
      sic: '1389',
      sicTitle: 'OIL & GAS FIELD SERVICES, NEC',
      stateOfIncorporation: 'N4',
      stateOfIncorporationName: 'Luxembourg',
      businessAddress: { state: 'X0', stateName: 'United Kingdom' },
      edgarUrl: 'https://www.sec.gov/cgi-bin/browse-edgar?action=getcompany&CIK=0000898685',
    });
    const csv = captureIo();
    expect(await runCli(['companies', 'acergy', '--csv', '--db', db], csv)).toBe(0);
    expect(csv.out().split('\n').slice(0, 2)).toEqual([
      'cik,name,filings,sic,sic_title,state_of_incorporation,state_of_incorporation_name,former_names',
      '0000898685,ACERGY S.A.,1,1389,"OIL & GAS FIELD SERVICES, NEC",N4,Luxembourg,STOLT OFFSHORE S A | STOLT COMEX SEAWAY S A',
    ]);
    const filings = captureIo();
    expect(await runCli(['filings', '--cik', '898685', '--db', db], filings)).toBe(0);
    expect(filings.out()).toContain('0000950127-09-000020  6-K');
    const stats = captureIo();
    expect(await runCli(['stats', '--db', db], stats)).toBe(0);
    expect(stats.out()).toMatch(/^3 filings, \d+ documents, 2 companies/);
  });

  it('says how to start when the database does not exist', async () => {
    const io = captureIo();
    expect(await runCli(['search', 'x', '--db', '/nonexistent/edgarkit.db'], io)).toBe(2);
    expect(io.err()).toContain('No database at /nonexistent/edgarkit.db: run "edgarkit ingest <files>" first');
  });

  it('uses $EDGARKIT_DB when --db is not given', async () => {
    const io = captureIo({ env: { EDGARKIT_DB: db } });
    expect(await runCli(['stats'], io)).toBe(0);
    expect(io.out()).toMatch(/^3 filings/);
  });
});

describe('render and extract', () => {
  it('renders the seed as Markdown with its exhibit index as a table', async () => {
    const io = captureIo();
    expect(await runCli(['render', seedPath(), '--format', 'markdown', '--page', '4'], io)).toBe(0);
    expect(io.out()).toContain('| Exhibit | Description |');
    expect(io.out()).toContain('| Exhibit 99.2: | a notice of lease of real estate to an affiliated company,');
    const missing = captureIo();
    expect(await runCli(['render', seedPath(), '--page', '9'], missing)).toBe(2);
    expect(missing.err()).toContain('Page 9 does not exist: document 1 has 4 pages');
  });

  it('refuses to render a binary attachment, naming the way to get it', async () => {
    const io = captureIo();
    expect(await runCli(['render', corpusPath('fpi/0000912282-09-000008.txt'), '--doc', '2'], io)).toBe(2);
    expect(io.err()).toContain('is a uuencoded binary; use "edgarkit parse --extract-attachments DIR"');
  });

  it('extracts the seed record as JSON and a folder as CSV', async () => {
    const io = captureIo();
    expect(await runCli(['extract', seedPath(), '--json'], io)).toBe(0);
    const json = JSON.parse(io.out());
    expect(json.formType).toBe('6-K');
    expect(json.record.registrant.value).toBe('HANARO TELECOM, INC.');
    expect(json.record.registrant.span.page).toBe(1);
    const csv = captureIo();
    expect(await runCli(['extract', corpusPath('fpi'), '--form', '6-K', '--csv'], csv)).toBe(0);
    const rows = csv.out().trim().split('\n');
    expect(rows[0]).toBe(
      'source,accessionNumber,formType,reportMonth,registrant,address,commissionFileNumber,annualReportForm,furnishesUnderRule12g32b,rule12g32bFileNumber,paperUnderRule101b1,paperUnderRule101b7,fiscalYearEnd,exhibits,signers',
    );
    expect(rows.length).toBeGreaterThan(60);
  });
});
