import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureIo } from '../../test/capture-io.js';
import { type FakeEdgar, startFakeEdgar } from '../../test/fake-edgar/fake-edgar.js';
import { TEST_USER_AGENT } from '../../test/fake-edgar/test-client.js';
import { corpusPath, projectRoot, readSeed, seedPath, sharedRoot } from '../../test/shared-files.js';
import { makeTempDir } from '../../test/store-conformance.js';
import { MAX_OUTPUT_CHARS } from '../mcp/bounded-output.js';
import { openDocument } from '../pipeline/open-document.js';
import { renderDocument, renderText } from '../render/index.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import { runCli } from './main.js';

/**
 * `edgarkit mcp` driven as an assistant drives it: the SDK's own client over stdio, spawning the built CLI on a
 * database of the corpus and the seed. Expected values are read from the filings themselves.
 */

const CLI = join(projectRoot, 'bin', 'edgarkit.js');
const ACERGY = '0000950127-09-000120';
const ACERGY_FILE = corpusPath(`fpi/${ACERGY}.txt`);
const LARGE = '0001193125-10-145855';
/** The seed is a bare document: its id is its content hash. */
const SEED_ID = `local-${createHash('sha256').update(readSeed()).digest('hex').slice(0, 20)}`;
/** A made-up submission whose one document is a single page of several megabytes. */
const LONG_PAGE = '9999999999-26-000001';

// biome-ignore lint/suspicious/noExplicitAny: tool answers are read loosely; the assertions check their shape.
type Json = Record<string, any>;

interface Answer {
  readonly text: string;
  readonly isError: boolean;
}

interface Session {
  readonly client: Client;
  readonly stderr: () => string;
  readonly errors: Error[];
  call(name: string, args: Record<string, unknown>): Promise<Answer>;
  json(name: string, args: Record<string, unknown>): Promise<Json>;
  refusal(name: string, args: Record<string, unknown>, message: RegExp): Promise<string>;
  close(): Promise<void>;
}

async function connect(args: readonly string[], env: Record<string, string>): Promise<Session> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [CLI, 'mcp', ...args],
    env: { PATH: process.env.PATH ?? '', ...env },
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  const client = new Client({ name: 'edgarkit-test', version: '1.0.0' });
  const errors: Error[] = [];
  client.onerror = (error) => errors.push(error);
  await client.connect(transport);
  const call = async (name: string, toolArgs: Record<string, unknown>): Promise<Answer> => {
    const result = await client.callTool({ name, arguments: toolArgs }, undefined, { timeout: 240_000 });
    const content = result.content as { type: string; text: string }[];
    expect(content).toHaveLength(1);
    expect(content[0]?.type).toBe('text');
    const text = content[0]?.text ?? '';
    // Every answer is bounded, and none carries a stack trace.
    expect(text.length, `${name} answered ${text.length} characters`).toBeLessThanOrEqual(MAX_OUTPUT_CHARS);
    expect(text).not.toMatch(/\n\s+at .+:\d+:\d+/);
    return { text, isError: result.isError === true };
  };
  return {
    client,
    stderr: () => stderr,
    errors,
    call,
    async json(name, toolArgs) {
      const answer = await call(name, toolArgs);
      expect(answer.isError, answer.text).toBe(false);
      return JSON.parse(answer.text);
    },
    async refusal(name, toolArgs, message) {
      const answer = await call(name, toolArgs);
      expect(answer.isError, `${name} ${JSON.stringify(toolArgs)} was not refused: ${answer.text.slice(0, 200)}`).toBe(true);
      expect(answer.text).toMatch(message);
      return answer.text;
    },
    close: () => client.close(),
  };
}

/** `KEY: value` lines of a submission header, as written. */
function headerValues(file: string, key: string): string[] {
  const text = readFileSync(file, 'latin1');
  const header = text.slice(0, text.indexOf('</SEC-HEADER>'));
  return [...header.matchAll(new RegExp(`^\\s*${key}:\\s*(.+?)\\s*$`, 'gm'))].map((match) => match[1] as string);
}

function isoDate(yyyymmdd: string): string {
  return `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;
}

const squeeze = (text: string) => text.replace(/\s+/g, ' ').trim();

/** A submission with one legacy text document of `paragraphs` numbered paragraphs and no page break. */
function longPageSubmission(paragraphs: number): string {
  const body: string[] = [];
  for (let n = 1; n <= paragraphs; n++)
    body.push(`Paragraph ${n}: the registrant reports that nothing of note happened on this line of a very long page.\n`);
  return [
    `<SEC-DOCUMENT>${LONG_PAGE}.txt : 20260102`,
    `<SEC-HEADER>${LONG_PAGE}.hdr.sgml : 20260102`,
    `ACCESSION NUMBER:\t\t${LONG_PAGE}`,
    'CONFORMED SUBMISSION TYPE:\t6-K',
    'PUBLIC DOCUMENT COUNT:\t\t1',
    'FILED AS OF DATE:\t\t20260102',
    '',
    'FILER:',
    '',
    '\tCOMPANY DATA:\t',
    '\t\tCOMPANY CONFORMED NAME:\t\t\tLONG PAGE TEST CO',
    '\t\tCENTRAL INDEX KEY:\t\t\t0009999999',
    '</SEC-HEADER>',
    '<DOCUMENT>',
    '<TYPE>6-K',
    '<SEQUENCE>1',
    '<FILENAME>long.txt',
    '<TEXT>',
    body.join('\n'),
    '</TEXT>',
    '</DOCUMENT>',
    '</SEC-DOCUMENT>',
    '',
  ].join('\n');
}

describe('edgarkit mcp', () => {
  const home = makeTempDir('edgarkit-mcp-');
  const db = join(home, 'corpus.db');
  let session: Session;

  beforeAll(async () => {
    const longPage = join(home, `${LONG_PAGE}.txt`);
    writeFileSync(longPage, longPageSubmission(60_000));
    const io = captureIo();
    const code = await runCli(['ingest', join(sharedRoot, 'corpus'), seedPath(), longPage, '--db', db], io);
    expect(code, io.err()).toBe(0);
    session = await connect(['--db', db], { HOME: home });
  }, 360_000);

  afterAll(async () => {
    await session?.close();
  });

  it('lists its tools, each with a description and a strict schema; fetch_filings only with a User-Agent', async () => {
    const { tools } = await session.client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual([
      'company',
      'extract_record',
      'facts',
      'get_document',
      'get_filing',
      'list_filings',
      'search',
    ]);
    for (const tool of tools) {
      expect(tool.description?.length ?? 0, tool.name).toBeGreaterThan(40);
      expect(tool.inputSchema.type).toBe('object');
      expect((tool.inputSchema as { additionalProperties?: unknown }).additionalProperties, tool.name).toBe(false);
    }
    const search = tools.find((tool) => tool.name === 'search');
    expect(search?.inputSchema.required).toEqual(['query']);
    expect(session.stderr()).toContain('fetch_filings off (no User-Agent');
  });

  it('searches: "convertible bonds" finds the seed, and every snippet is text of the document it names', async () => {
    const page = await session.json('search', { query: '"convertible bonds"' });
    const ids = page.hits.map((hit: { accession: string }) => hit.accession);
    expect(ids).toContain(SEED_ID);
    expect(ids).toContain(ACERGY);
    expect(page.total).toBe(page.hits.length);
    expect(page.totalExact).toBe(true);
    const seedHit = page.hits.find((hit: { accession: string }) => hit.accession === SEED_ID);
    expect(seedHit.formType).toBe('6-K');
    expect(seedHit.companyName).toBe('HANARO TELECOM, INC.');
    // The seed's snippet is text of the seed as written (whitespace aside).
    const seedText = squeeze(readSeed().toString('latin1'));
    for (const fragment of seedHit.documents[0].snippet.split('…').map(squeeze).filter(Boolean))
      expect(seedText.includes(fragment), fragment).toBe(true);

    const store = openSqliteStore(db, { readonly: true });
    try {
      let checked = 0;
      for (const hit of page.hits) {
        const original = await store.getOriginal(hit.accession);
        expect(original, hit.accession).not.toBeNull();
        for (const document of hit.documents) {
          const read = openDocument(original as Uint8Array, document.document);
          expect(read?.kind, `${hit.accession} ${document.document}`).toBe('model');
          if (read?.kind !== 'model') continue;
          const text = squeeze(renderText(read.model, { width: 0 }));
          const fragments = document.snippet.split('…').map(squeeze).filter(Boolean);
          expect(fragments.length).toBeGreaterThan(0);
          for (const fragment of fragments)
            expect(text.includes(fragment), `${hit.accession} ${document.document}: «${fragment}»`).toBe(true);
          expect(document.matched.length).toBeGreaterThan(0);
          for (const matched of document.matched) {
            expect(matched).toMatch(/^convertible bonds?$/i);
            expect(document.snippet).toContain(matched);
          }
          checked++;
        }
      }
      expect(checked).toBeGreaterThanOrEqual(3);
    } finally {
      await store.close();
    }
  });

  it('searches with filters and pages, and counts by facet', async () => {
    const all = await session.json('search', { query: 'acergy', form: '6-K', limit: 25, facets: true });
    expect(all.hits.length).toBeGreaterThan(2);
    expect(all.hits.every((hit: { formType: string }) => hit.formType === '6-K')).toBe(true);
    expect(all.facets.forms).toEqual([{ value: '6-K', label: '6-K', count: all.total }]);
    const second = await session.json('search', { query: 'acergy', form: '6-K', limit: 2, offset: 2 });
    expect(second.hits.map((hit: { accession: string }) => hit.accession)).toEqual(
      all.hits.slice(2, 4).map((hit: { accession: string }) => hit.accession),
    );
    const dated = await session.json('search', { query: 'acergy', from: '2010-01-01', to: '2010-12-31' });
    expect(dated.hits.length).toBeGreaterThan(0);
    for (const hit of dated.hits) expect(hit.filedAt >= '2010-01-01' && hit.filedAt <= '2010-12-31', hit.filedAt).toBe(true);
  });

  it('refuses bad search input with a message that says what was wrong', async () => {
    await session.refusal('search', { query: '"convertible' }, /at character 1: a phrase opened with " is never closed/);
    await session.refusal('search', { query: 'bonds', limit: 500 }, /limit must be between 1 and 25, not 500/);
    await session.refusal('search', { query: 'bonds', from: '2009-13-01' }, /from must be a date as YYYY-MM-DD, not "2009-13-01"/);
    await session.refusal(
      'search',
      { query: 'bonds', from: '2010-01-01', to: '2009-01-01' },
      /from \(2010-01-01\) is after to \(2009-01-01\)/,
    );
    await session.refusal('search', { query: 'bonds', cik: '12ab' }, /"12ab" is not a CIK/);
    await session.refusal('search', { query: 'bonds', sort: 'best' }, /sort must be one of relevance, newest, oldest, not "best"/);
    await session.refusal('search', { quer: 'bonds' }, /query is required[\s\S]*unknown argument "quer": this tool takes query, form/);
    await session.refusal('search', { query: 42 }, /query must be a string, not 42/);
    await session.refusal('search', { query: 'x'.repeat(1001) }, /query must be at most 1000 characters, not 1001/);
    await session.refusal(
      'search',
      { query: 'x', form: Array(500).fill('6-K') },
      /arguments contain more than the maximum of 200 elements/,
    );
  });

  it('lists filings by CIK or by a former name, newest first, a page at a time', async () => {
    const cik = headerValues(ACERGY_FILE, 'CENTRAL INDEX KEY')[0] as string;
    // Every corpus 6-K filed by this CIK, read from the files' headers.
    const expected = new Set<string>();
    for (const name of readdirSync(join(sharedRoot, 'corpus', 'fpi')).sort()) {
      const file = join(sharedRoot, 'corpus', 'fpi', name);
      if (!name.endsWith('.txt') || !headerValues(file, 'CENTRAL INDEX KEY').includes(cik)) continue;
      if (headerValues(file, 'CONFORMED SUBMISSION TYPE')[0] === '6-K') expected.add(headerValues(file, 'ACCESSION NUMBER')[0] as string);
    }
    expect(expected.size).toBeGreaterThan(5);
    const byCik = await session.json('list_filings', { cik: Number(cik), form: '6-K', limit: 100 });
    expect(new Set(byCik.filings.map((row: { accession: string }) => row.accession))).toEqual(expected);
    const dates = byCik.filings.map((row: { filedAt: string }) => row.filedAt);
    expect(dates).toEqual([...dates].sort().reverse());
    expect(byCik.filings.every((row: { cik: string; formType: string }) => row.cik === cik && row.formType === '6-K')).toBe(true);
    expect(byCik.next).toBeNull();
    // A former name (STOLT OFFSHORE S A) finds the same filings.
    expect(headerValues(ACERGY_FILE, 'FORMER CONFORMED NAME')).toContain('STOLT OFFSHORE S A');
    const byName = await session.json('list_filings', { company: 'stolt offshore', form: '6-K', limit: 100 });
    expect(new Set(byName.filings.map((row: { accession: string }) => row.accession))).toEqual(expected);
    const paged = await session.json('list_filings', { cik, form: '6-K', limit: 3, offset: 3 });
    expect(paged.filings.map((row: { accession: string }) => row.accession)).toEqual(
      byCik.filings.slice(3, 6).map((row: { accession: string }) => row.accession),
    );
    expect(paged.next).toEqual({ offset: 6 });
    const none = await session.json('list_filings', { cik: '1' });
    expect(none.filings).toEqual([]);
    expect(none.notes[0]).toMatch(/No company with CIK 0000000001/);
  });

  it('refuses bad list_filings input', async () => {
    await session.refusal('list_filings', { cik: '12ab' }, /"12ab" is not a CIK: expected up to 10 digits/);
    await session.refusal('list_filings', { cik: '898685', company: 'acergy' }, /give cik or company, not both/);
    await session.refusal('list_filings', { limit: 0 }, /limit must be between 1 and 100, not 0/);
    await session.refusal('list_filings', { offset: -1 }, /offset must be a whole number, not "-1"/);
    await session.refusal('list_filings', { limit: 2.5 }, /limit must be a whole number, not 2.5/);
    await session.refusal('list_filings', { form: '<script>' }, /form must be a form type such as 6-K or 20-F/);
  });

  it('gets a filing: its header values as the filing writes them, parties, record and documents', async () => {
    const filing = await session.json('get_filing', { accession: ACERGY.replaceAll('-', '') });
    expect(filing.accessionNumber).toBe(headerValues(ACERGY_FILE, 'ACCESSION NUMBER')[0]);
    expect(filing.formType).toBe(headerValues(ACERGY_FILE, 'CONFORMED SUBMISSION TYPE')[0]);
    expect(filing.filedAt).toBe(isoDate(headerValues(ACERGY_FILE, 'FILED AS OF DATE')[0] as string));
    expect(filing.periodOfReport).toBe(isoDate(headerValues(ACERGY_FILE, 'CONFORMED PERIOD OF REPORT')[0] as string));
    expect(filing.companyName).toBe(headerValues(ACERGY_FILE, 'COMPANY CONFORMED NAME')[0]);
    expect(filing.cik).toBe(headerValues(ACERGY_FILE, 'CENTRAL INDEX KEY')[0]);
    expect(filing.parties[0].company.stateOfIncorporation).toBe(headerValues(ACERGY_FILE, 'STATE OF INCORPORATION')[0]);
    expect(filing.parties[0].formerCompanies.map((former: { name: string }) => former.name)).toEqual(
      headerValues(ACERGY_FILE, 'FORMER CONFORMED NAME'),
    );
    const types = [...readFileSync(ACERGY_FILE, 'latin1').matchAll(/^<TYPE>(.+)$/gm)].map((match) => (match[1] as string).trim());
    expect(filing.documents.map((document: { type: string }) => document.type)).toEqual(types);
    expect(filing.documentCount).toBe(Number(headerValues(ACERGY_FILE, 'PUBLIC DOCUMENT COUNT')[0]));
    // The record as values, the exhibit it lists being the EX-99.1 of the submission.
    expect(filing.record.form).toBe('6-K');
    expect(filing.record.registrant).toBe('Acergy S.A.');
    expect(filing.record.exhibits[0]).toMatchObject({ number: '99.1', attached: true, documentSequence: 2 });
    expect(filing.header).toBeUndefined();
    const withTree = await session.json('get_filing', { accession: ACERGY, header_tree: true });
    expect(withTree.header).toContain(`ACCESSION NUMBER: ${ACERGY}`);
    expect(withTree.header).toContain('    FORMER CONFORMED NAME: STOLT OFFSHORE S A');

    const seed = await session.json('get_filing', { accession: SEED_ID });
    expect(seed.formType).toBe('6-K');
    expect(seed.companyName).toBe('HANARO TELECOM, INC.');
    expect(seed.accessionNumber).toBeNull();
    expect(seed.record.reportMonth).toBe('2002-12');
  });

  it('refuses a filing that is not there, or an id that is not one', async () => {
    await session.refusal('get_filing', { accession: '0000950127-09-999999' }, /^No filing 0000950127-09-999999 in the database/);
    await session.refusal('get_filing', { accession: '123' }, /"123" is not an accession number: expected 0000912282-09-000008/);
    await session.refusal('get_filing', {}, /accession is required/);
    await session.refusal('get_filing', { accession: ACERGY, header_tree: 'yes' }, /header_tree must be true or false, not "yes"/);
  });

  it('reads a document as Markdown or text, a page at a time, saying how many pages there are', async () => {
    const answer = await session.call('get_document', { accession: SEED_ID });
    expect(answer.isError, answer.text).toBe(false);
    const pages = readSeed().toString('latin1').split('<PAGE>').length - 1;
    expect(answer.text).toMatch(new RegExp(`^Filing ${SEED_ID}, document 1: page 1 of ${pages}, markdown\\.`));
    expect(answer.text).toContain('HANARO TELECOM, INC.');
    expect(answer.text).toContain(`[Page 1 of ${pages}, whole`);
    const last = await session.call('get_document', { accession: SEED_ID, page: pages, format: 'text' });
    expect(last.text).toContain('Exhibit 99.2');
    expect(last.text).toContain('This is the last page.');
    const exhibit = await session.call('get_document', { accession: ACERGY, document: 'EX-99.1' });
    expect(exhibit.text).toMatch(/^Filing 0000950127-09-000120, document 2 \(EX-99\.1/);
    expect(exhibit.text).toContain('convertible bonds');
  });

  it('bounds a large document: a page, with the page count, never the whole document', async () => {
    const store = openSqliteStore(db, { readonly: true });
    const original = (await store.getOriginal(LARGE)) as Uint8Array;
    await store.close();
    const read = openDocument(original, 1);
    if (read?.kind !== 'model') throw new Error('the 424B5 is read as a document model');
    const pageCount = read.model.pages.length;
    expect(pageCount).toBeGreaterThan(50);
    const first = await session.call('get_document', { accession: LARGE });
    expect(first.text).toContain(`page 1 of ${pageCount}, markdown`);
    expect(first.text).toContain('CarMax Auto Owner Trust 2010-2');
    // A page read in parts of 1,000 characters gives back the page exactly.
    const whole = renderDocument(read.model, 'text', { page: 2 });
    expect(whole.length).toBeGreaterThan(3000);
    let offset = 0;
    let joined = '';
    for (let parts = 0; parts < 20; parts++) {
      const part = await session.call('get_document', { accession: LARGE, page: 2, format: 'text', offset, max_characters: 1000 });
      const body = part.text.slice(part.text.indexOf('\n\n') + 2, part.text.lastIndexOf('\n\n'));
      expect(body.length).toBeLessThanOrEqual(1000);
      joined += body;
      const next = /call again with page 2, offset (\d+)\./.exec(part.text);
      if (!next) {
        expect(part.text).toContain('[End of page 2');
        break;
      }
      expect(part.text).toContain(`The document has ${pageCount} pages.`);
      offset = Number(next[1]);
    }
    expect(joined).toBe(whole);
  });

  it('gives a page of several megabytes in bounded parts that follow on', async () => {
    const first = await session.call('get_document', { accession: LONG_PAGE, format: 'text', max_characters: 49_000 });
    expect(first.isError, first.text).toBe(false);
    expect(first.text).toContain('page 1 of 1, text');
    const next = /The page goes on: call again with page 1, offset (\d+)\. The document has 1 page\.\]$/.exec(first.text);
    expect(next, first.text.slice(-300)).not.toBeNull();
    const second = await session.call('get_document', { accession: LONG_PAGE, format: 'text', offset: Number(next?.[1]) });
    const numbers = [...`${first.text}\n${second.text}`.matchAll(/Paragraph (\d+):/g)].map((match) => Number(match[1]));
    expect(numbers.length).toBeGreaterThan(300);
    expect(numbers).toEqual(numbers.map((_, index) => index + 1));
  });

  it('refuses a document, page or offset that is not there, and a binary attachment', async () => {
    await session.refusal(
      'get_document',
      { accession: ACERGY, document: 'EX-99.9' },
      /has no document EX-99\.9; it has: 1 6-K, 2 EX-99\.1$/,
    );
    await session.refusal('get_document', { accession: SEED_ID, page: 9 }, /Page 9 does not exist: document 1 has 4 pages/);
    await session.refusal('get_document', { accession: SEED_ID, page: 0 }, /page must be between 1 and 1000000, not 0/);
    await session.refusal('get_document', { accession: SEED_ID, offset: 1_000_000 }, /offset 1000000 is past the end of page 1/);
    await session.refusal('get_document', { accession: SEED_ID, format: 'pdf' }, /format must be one of markdown, text, not "pdf"/);
    await session.refusal('get_document', { accession: SEED_ID, max_characters: 10 }, /max_characters must be between 1000 and/);
    await session.refusal('get_document', { accession: SEED_ID, document: 'no such!' }, /is not a document: expected its sequence number/);
    const filing = await session.json('get_filing', { accession: '0000912282-09-000008' });
    const attachment = filing.documents.find((document: { kind: string }) => document.kind === 'attachment');
    expect(attachment).toBeDefined();
    await session.refusal(
      'get_document',
      { accession: '0000912282-09-000008', document: attachment.document },
      /is a binary attachment \(.+\) and has no text to read/,
    );
  });

  it('extracts the form record, as values or with the span each was read from', async () => {
    const values = await session.json('extract_record', { accession: SEED_ID });
    expect(values.record).toMatchObject({
      form: '6-K',
      reportMonth: '2002-12',
      registrant: 'HANARO TELECOM, INC.',
      annualReportForm: '20-F',
      furnishesUnderRule12g32b: false,
      commissionFileNumber: null,
    });
    expect(values.record.exhibits.map((exhibit: { number: string }) => exhibit.number)).toEqual(['99.1', '99.2']);
    // A null says why.
    expect(values.record.diagnostics.map((diagnostic: { message: string }) => diagnostic.message)).toContain(
      'commissionFileNumber: the cover gives no commission file number',
    );
    const spans = await session.json('extract_record', { accession: SEED_ID, spans: true });
    const { start, end } = spans.record.registrant.span;
    expect(readSeed().toString('latin1').slice(start, end)).toBe('HANARO TELECOM, INC.');
    await session.refusal('extract_record', { accession: '0000000000-00-000000' }, /No filing 0000000000-00-000000 in the database/);
    await session.refusal('extract_record', { accession: SEED_ID, spans: 1 }, /spans must be true or false, not 1/);
  });

  it('finds a company by CIK or by a former name, and refuses bad input', async () => {
    const company = await session.json('company', { cik: '898685' });
    expect(company.name).toBe(headerValues(ACERGY_FILE, 'COMPANY CONFORMED NAME')[0]);
    expect(company.formerNames.map((former: { name: string }) => former.name)).toEqual(headerValues(ACERGY_FILE, 'FORMER CONFORMED NAME'));
    expect(company.sic).toBe('1389');
    expect(company.recentFilings.length).toBe(Math.min(10, company.filings));
    const byName = await session.json('company', { name: 'stolt' });
    expect(byName.companies.map((entry: { cik: string }) => entry.cik)).toEqual(['0000898685']);
    await session.refusal('company', {}, /give cik or name/);
    await session.refusal('company', { cik: '1', name: 'x' }, /give one of cik and name, not both/);
    await session.refusal('company', { cik: '1' }, /No company with CIK 0000000001 in the database/);
    await session.refusal('company', { cik: true }, /cik must be a CIK \(up to 10 digits\), not true/);
    const none = await session.json('company', { name: 'no such company anywhere' });
    expect(none.companies).toEqual([]);
  });

  it("follows an XBRL concept over time: Tesla's revenue as its 10-K reports it", async () => {
    const series = await session.json('facts', { concept: 'us-gaap:Revenues', cik: 1318605 });
    // Read from the filing: us-gaap:Revenues, scale -6 decimals, 24578000000 USD for 2019-01-01..2019-12-31.
    expect(series.facts).toEqual([
      {
        cik: '0001318605',
        periodStart: '2019-01-01',
        periodEnd: '2019-12-31',
        value: '24578000000',
        unit: 'iso4217:USD',
        decimals: '-6',
        form: '10-K',
        filed: '2020-02-13',
        accession: '0001564590-20-004475',
        source: 'inline',
      },
    ]);
    const names = await session.json('facts', { concept: 'dei:EntityRegistrantName', dimensions: 'any', limit: 2 });
    expect(names.facts).toHaveLength(2);
    expect(names.notes[0]).toMatch(/^The first 2 facts by period/);
    await session.refusal('facts', { concept: 'Revenues' }, /concept must be a concept QName such as us-gaap:Revenues, not "Revenues"/);
    await session.refusal('facts', {}, /concept is required/);
    await session.refusal(
      'facts',
      { concept: 'us-gaap:Revenues', from: '2020-01-01', to: '2019-01-01' },
      /from \(2020-01-01\) is after to/,
    );
    await session.refusal('facts', { concept: 'us-gaap:Revenues', period: 'FY' }, /unknown argument "period"/);
  });

  it('wrote nothing but protocol messages to stdout', () => {
    // The client's transport reports any line of stdout it cannot read as a protocol message.
    expect(session.errors).toEqual([]);
  });
});

describe('edgarkit mcp on stdio, raw', () => {
  it('answers JSON-RPC lines only on stdout, and exits 0 when stdin ends', { timeout: 240_000 }, async () => {
    const home = makeTempDir('edgarkit-mcp-raw-');
    const db = join(home, 'seed.db');
    const io = captureIo();
    expect(await runCli(['ingest', seedPath(), '--db', db, '--workers', '0'], io), io.err()).toBe(0);
    const child = spawn(process.execPath, [CLI, 'mcp', '--db', db], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { PATH: process.env.PATH ?? '', HOME: home },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const send = (message: object) => child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', ...message })}\n`);
    send({
      id: 1,
      method: 'initialize',
      params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
    });
    send({ method: 'notifications/initialized' });
    send({ id: 2, method: 'tools/call', params: { name: 'search', arguments: { query: 'kosdaq' } } });
    send({ id: 3, method: 'tools/call', params: { name: 'get_filing', arguments: { accession: 'nonsense' } } });
    send({ id: 4, method: 'tools/call', params: { name: 'no_such_tool', arguments: {} } });
    // Wait for the four answers, then close stdin as an assistant does.
    for (let waited = 0; stdout.split('\n').filter(Boolean).length < 4 && waited < 30_000; waited += 50)
      await new Promise((resolve) => setTimeout(resolve, 50));
    child.stdin.end();
    expect(await exited).toBe(0);
    const messages = stdout
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line))
      // Requests are answered as each completes, not in order.
      .sort((a, b) => a.id - b.id);
    expect(messages.map((message) => message.id)).toEqual([1, 2, 3, 4]);
    expect(messages[0].result.serverInfo.name).toBe('edgarkit');
    expect(messages[1].result.isError).toBeUndefined();
    expect(JSON.parse(messages[1].result.content[0].text).hits[0].companyName).toBe('HANARO TELECOM, INC.');
    expect(messages[2].result.isError).toBe(true);
    expect(messages[2].result.content[0].text).toMatch(/"nonsense" is not an accession number/);
    expect(messages[3].result?.isError ?? messages[3].error).toBeTruthy();
    expect(stderr).toContain('edgarkit mcp: serving');
  });

  it('refuses a database that is not there before serving, with nothing on stdout', async () => {
    const io = captureIo({ env: { HOME: makeTempDir('edgarkit-mcp-nodb-') } });
    expect(await runCli(['mcp', '--db', join(makeTempDir('edgarkit-mcp-nodb-'), 'missing.db')], io)).toBe(2);
    expect(io.out()).toBe('');
    expect(io.err()).toMatch(/No database at .*missing\.db: run "edgarkit ingest <files>" first/);
  });

  it('refuses a User-Agent that names no one, as the fetch commands do, before serving', async () => {
    const home = makeTempDir('edgarkit-mcp-badua-');
    const io = captureIo({ env: { HOME: home } });
    expect(await runCli(['mcp', '--db', join(home, 'new.db'), '--user-agent', 'curl'], io)).toBe(2);
    expect(io.out()).toBe('');
    expect(io.err()).toMatch(/The User-Agent "curl" does not name a requester and a contact e-mail address/);
    expect(existsSync(join(home, 'new.db'))).toBe(false);
  });
});

describe('edgarkit mcp fetch_filings', () => {
  let server: FakeEdgar;
  beforeAll(async () => {
    server = await startFakeEdgar();
  });
  afterAll(async () => {
    await server?.close();
  });

  it('fetches a company’s newest filings into the database, politely and once', { timeout: 300_000 }, async () => {
    const home = makeTempDir('edgarkit-mcp-fetch-');
    const db = join(home, 'fetched.db');
    const fetching = await connect(['--db', db, '--base-url', server.url, '--data-url', server.url], {
      HOME: home,
      EDGARKIT_USER_AGENT: TEST_USER_AGENT,
    });
    try {
      const { tools } = await fetching.client.listTools();
      expect(tools.map((tool) => tool.name)).toContain('fetch_filings');
      const cik = '0000898685';
      const sixKs = server.filingsOf(cik).filter((filing) => filing.formType === '6-K');
      expect(sixKs.length).toBeGreaterThan(3);
      const progress: number[] = [];
      const result = await fetching.client.callTool(
        { name: 'fetch_filings', arguments: { cik: '898685', form: '6-K', limit: 3 } },
        undefined,
        { timeout: 240_000, onprogress: (event) => progress.push(event.progress) },
      );
      const first = JSON.parse((result.content as { text: string }[])[0]?.text ?? '{}');
      expect(result.isError, JSON.stringify(first)).toBeFalsy();
      expect(first).toMatchObject({ cik, matched: sixKs.length, selected: 3, downloaded: 3, ingested: 3, failed: [] });
      const newest = [...sixKs].sort((a, b) => (a.filedAt < b.filedAt ? 1 : -1)).slice(0, 3);
      expect(first.filings.map((filing: { accession: string }) => filing.accession).sort()).toEqual(
        newest.map((filing) => filing.accessionNumber).sort(),
      );
      expect(first.notes[0]).toMatch(new RegExp(`^${sixKs.length} filings match; the newest 3 were fetched`));
      expect(progress).toEqual([1, 2, 3]);
      // Now in the database, byte for byte, and found by the other tools.
      const listed = await fetching.json('list_filings', { cik });
      expect(listed.filings.map((row: { accession: string }) => row.accession).sort()).toEqual(
        newest.map((filing) => filing.accessionNumber).sort(),
      );
      const store = openSqliteStore(db, { readonly: true });
      const stored = await store.getOriginal(newest[0]?.accessionNumber ?? '');
      await store.close();
      expect(Buffer.from(stored as Uint8Array).equals(newest[0]?.bytes as Buffer)).toBe(true);
      // Asked again: nothing downloaded or stored twice.
      const again = await fetching.json('fetch_filings', { cik: '898685', form: '6-K', limit: 3 });
      expect(again).toMatchObject({ downloaded: 0, alreadyDownloaded: 3, ingested: 0, alreadyStored: 3 });
      // By ticker (company_tickers.json).
      const byTicker = await fetching.json('fetch_filings', { ticker: 'ACGY', form: '6-K', limit: 1 });
      expect(byTicker.cik).toBe(cik);
      expect(fetching.errors).toEqual([]);
    } finally {
      await fetching.close();
    }
  });

  it('refuses bad fetch_filings input, and says what EDGAR did not have', { timeout: 240_000 }, async () => {
    const home = makeTempDir('edgarkit-mcp-fetch-bad-');
    const fetching = await connect(['--db', join(home, 'f.db'), '--base-url', server.url, '--data-url', server.url], {
      HOME: home,
      EDGARKIT_USER_AGENT: TEST_USER_AGENT,
    });
    try {
      await fetching.refusal('fetch_filings', {}, /give cik or ticker/);
      await fetching.refusal('fetch_filings', { cik: '1', ticker: 'TM' }, /give one of cik and ticker, not both/);
      await fetching.refusal('fetch_filings', { cik: '898685', limit: 1000 }, /limit must be between 1 and 100, not 1000/);
      await fetching.refusal('fetch_filings', { ticker: 'not a ticker!' }, /ticker must be a stock symbol such as TM/);
      await fetching.refusal('fetch_filings', { cik: '898685', form: ['6-K', '<x>'] }, /form must be/);
      await fetching.refusal('fetch_filings', { ticker: 'ZZZZ' }, /Ticker "ZZZZ" is not listed in SEC's company_tickers\.json/);
    } finally {
      await fetching.close();
    }
  });
});
