import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestPaths } from '../src/pipeline/ingest.js';
import { syncTickers } from '../src/pipeline/sync.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { type FakeEdgar, startFakeEdgar } from './fake-edgar/fake-edgar.js';
import { TEST_USER_AGENT, testClient } from './fake-edgar/test-client.js';
import { corpusPath, projectRoot, seedPath } from './shared-files.js';
import { makeTempDir } from './store-conformance.js';

/**
 * Every script of examples/ runs here as a user runs it (`npx tsx examples/<name>.ts …`, importing the built
 * package by its name), against the fake EDGAR or a database of corpus filings, and its output is checked.
 */

const EXAMPLES = join(projectRoot, 'examples');

let server: FakeEdgar;
let db: string;
let work: string;

beforeAll(async () => {
  server = await startFakeEdgar();
  work = makeTempDir('edgarkit-examples-');
  db = join(work, 'corpus.db');
  const store = openSqliteStore(db);
  await ingestPaths(store, [corpusPath('fpi'), seedPath()], { workers: 2 });
  const client = testClient(server);
  await syncTickers(store, client);
  client.close();
  await store.close();
}, 300_000);
afterAll(async () => {
  await server.close();
});

function run(
  name: string,
  args: readonly string[],
  env: Record<string, string> = {},
): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(EXAMPLES, name), ...args], {
      cwd: projectRoot,
      env: { PATH: process.env.PATH ?? '', HOME: work, ...env },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

describe('examples/', () => {
  it('holds the scripts these tests run, each with a comment that says how to run it', () => {
    const scripts = readdirSync(EXAMPLES).filter((name) => name.endsWith('.ts'));
    expect(scripts.sort()).toEqual([...TESTED].sort());
    for (const script of scripts) expect(readFileSync(join(EXAMPLES, script), 'utf8')).toContain(`npx tsx examples/${script}`);
  });

  it('company-filings-online.ts and company-filings-offline.ts print the same company and 6-Ks', { timeout: 240_000 }, async () => {
    const online = await run('company-filings-online.ts', ['ACGY', '2010-01-01'], {
      EDGARKIT_USER_AGENT: TEST_USER_AGENT,
      EDGARKIT_BASE_URL: server.url,
    });
    expect(online.code, online.err).toBe(0);
    const offline = await run('company-filings-offline.ts', [db, 'stolt', '2010-01-01']);
    expect(offline.code, offline.err).toBe(0);
    expect(offline.out).toBe(online.out);
    const lines = online.out.trimEnd().split('\n');
    expect(lines.slice(0, 3)).toEqual([
      'ACERGY S.A. (CIK 0000898685) ACGY, ACGYF',
      '  formerly STOLT OFFSHORE S A (until 2000-05-10)',
      '  formerly STOLT COMEX SEAWAY S A (until 1993-03-15)',
    ]);
    // Acergy's four 6-Ks of 2010 in the corpus, newest first, each with its report month.
    expect(lines.slice(3).map((line) => line.split('  ').slice(0, 3))).toEqual([
      ['0000950127-10-000236', '2010-11-30', 'month 2010-11'],
      ['0000950127-10-000232', '2010-11-18', 'month 2010-11'],
      ['0000950127-10-000169', '2010-07-29', 'month 2010-07'],
      ['0000950127-10-000014', '2010-01-19', 'month 2010-01'],
    ]);
    expect(lines[5]).toContain('Acergy S.A. awarded $1.3 billion contract for deepwater development offshore');
  });

  it('company-filings-online.ts says how to set a User-Agent when none is given', async () => {
    const result = await run('company-filings-online.ts', ['ACGY'], { EDGARKIT_BASE_URL: server.url });
    expect(result.code).not.toBe(0);
    expect(result.err).toContain('No User-Agent was given');
  });

  it('parse-submission.ts lists the header, the parties and the documents', async () => {
    const result = await run('parse-submission.ts', [corpusPath('fpi/0000912282-09-000008.txt')]);
    expect(result.code, result.err).toBe(0);
    const lines = result.out.trimEnd().split('\n');
    expect(lines[0]).toBe('0000912282-09-000008  6-K  filed 2009-01-02');
    expect(lines[1]).toBe('FILER  7076991 Canada Inc.  CIK 0001453015');
    expect(lines.slice(2).map((line) => line.trim().split(/\s+/).slice(1, 3))).toEqual([
      ['6-K', expect.any(String)],
      ['GRAPHIC', 'ballot.jpg'],
      ['GRAPHIC', expect.any(String)],
      ['GRAPHIC', expect.any(String)],
    ]);
    expect(lines[3]).toMatch(/ballot\.jpg {2}\d+ bytes decoded$/);
  });

  it('extract-6k.ts prints the 6-K record of a filing', async () => {
    const result = await run('extract-6k.ts', [corpusPath('fpi/0000950127-09-000020.txt')]);
    expect(result.code, result.err).toBe(0);
    expect(result.out).toContain('registrant: Acergy S.A.\n');
    expect(result.out).toContain('report month: 2009-01 (document 1, page 1)\n');
    expect(result.out).toContain('annual report on: Form 20-F\n');
    expect(result.out).toContain('exhibit 99.1: press release, dated January 12, 2009\n');
    expect(result.out).toContain('signed by Stuart Jackson, Chief Financial Officer\n');
    const other = await run('extract-6k.ts', [corpusPath('submissions/0001011438-98-000429.txt')]);
    expect(other.code).toBe(1);
    expect(other.out).toContain('is a 8-K, not a 6-K');
  });

  it('search-database.ts finds filings with the matched words marked', async () => {
    const result = await run('search-database.ts', [db, '"convertible bonds"']);
    expect(result.code, result.err).toBe(0);
    const lines = result.out.trimEnd().split('\n');
    expect(lines[0]).toBe('3 filings match "convertible bonds"');
    expect(result.out).toContain('the redemption of [convertible bonds] issued to Cheil Jedang');
    expect(
      lines
        .filter((line) => !line.startsWith(' '))
        .slice(1)
        .map((line) => line.split('  ')[0]),
    ).toEqual(expect.arrayContaining(['0000950127-09-000120', '0001308179-09-000062']));
  });

  it('compose-6k.ts composes the seed’s record, which reads back the same', async () => {
    const output = join(work, 'hanaro-6k.txt');
    const result = await run('compose-6k.ts', ['testdata/compose/hanaro-6k.yaml', output]);
    expect(result.code, result.err).toBe(0);
    expect(result.out).toBe(`1 6-K form6-k.txt\nwrote ${output}; reads back as the same record: yes\n`);
    expect(readFileSync(output, 'utf8')).toContain('HANARO TELECOM, INC.');
  });

  it('render-markdown.ts renders the seed as Markdown', async () => {
    const result = await run('render-markdown.ts', [seedPath(), '1']);
    expect(result.code, result.err).toBe(0);
    expect(result.out).toContain('## REPORT OF FOREIGN PRIVATE ISSUER');
    expect(result.out).toContain('### For the month of December 2002');
    expect(result.out).toMatch(/^\|.*\|$/m);
  });
});

const TESTED = [
  'company-filings-online.ts',
  'company-filings-offline.ts',
  'parse-submission.ts',
  'extract-6k.ts',
  'search-database.ts',
  'compose-6k.ts',
  'render-markdown.ts',
];
