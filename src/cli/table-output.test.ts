import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { captureIo } from '../../test/capture-io.js';
import { corpusPath, projectRoot, seedPath } from '../../test/shared-files.js';
import { makeTempDir } from '../../test/store-conformance.js';
import { runCli } from './main.js';

const golden = (number: number) =>
  readFileSync(join(projectRoot, 'testdata', 'golden', 'tables', `hanaro-6k-2002-12-table-${number}.csv`), 'utf8');

async function cli(args: readonly string[]) {
  const io = captureIo();
  const code = await runCli([...args], io);
  return { code, out: io.out(), err: io.err() };
}

describe('render --format csv --table N and --tables', () => {
  it("lists the seed's tables with their pages and sizes", async () => {
    const run = await cli(['render', seedPath(), '--tables']);
    expect(run.code, run.err).toBe(0);
    expect(run.out).toBe('  1  page 2  2 rows x 2 columns\n  2  page 4  3 rows x 2 columns\n');
  });

  it('lists them as JSON with --format json, and refuses a list in a format it would not be printed in', async () => {
    const run = await cli(['render', seedPath(), '--tables', '--format', 'json']);
    expect(run.code, run.err).toBe(0);
    expect(JSON.parse(run.out)).toEqual([
      { number: 1, page: 2, rows: 2, columns: 2, caption: null },
      { number: 2, page: 4, rows: 3, columns: 2, caption: null },
    ]);
    for (const format of ['markdown', 'html']) {
      const refused = await cli(['render', seedPath(), '--tables', '--format', format]);
      expect(refused.code, format).toBe(2);
      expect(refused.err).toContain(`--tables lists the tables as text, or as JSON with --format json; not as ${format}`);
      expect(refused.out).toBe('');
    }
  });

  it.each([1, 2])('writes table %i of the seed as CSV, as read from the filing', async (number) => {
    const run = await cli(['render', seedPath(), '--format', 'csv', '--table', String(number)]);
    expect(run.code, run.err).toBe(0);
    expect(run.out).toBe(golden(number));
  });

  it('asks for a table number when there are several, and says how many there are', async () => {
    const run = await cli(['render', seedPath(), '--format', 'csv']);
    expect(run.code).toBe(2);
    expect(run.err).toContain('the document has 2 tables; choose one with --table N (list them with --tables)');
    const missing = await cli(['render', seedPath(), '--format', 'csv', '--table', '3']);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('table 3 does not exist: the document has 2 tables');
  });

  it('refuses options that would be ignored', async () => {
    expect((await cli(['render', seedPath(), '--table', '1'])).err).toContain('--table N goes with --format csv');
    expect((await cli(['render', seedPath(), '--format', 'csv', '--table', '1', '--page', '2'])).err).toContain(
      '--page does not apply to tables',
    );
    expect((await cli(['render', seedPath(), '--format', 'csv', '--table', '0'])).code).toBe(2);
    // Table numbers count over the whole document, not within a section: --section would be passed over.
    for (const args of [
      ['--format', 'csv', '--table', '1', '--section', '1A'],
      ['--tables', '--section', '3.D'],
    ]) {
      const run = await cli(['render', seedPath(), ...args]);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.err).toContain('--section does not apply to tables: they are numbered over the whole document (see --tables)');
      expect(run.out).toBe('');
    }
  });

  it('says an attachment has no tables', async () => {
    const run = await cli(['render', corpusPath('fpi/0000912282-09-000008.txt'), '--doc', '2', '--tables']);
    expect(run.code).toBe(2);
    expect(run.err).toContain('is a binary attachment: it has no tables');
  });
});

describe('show --doc N --format csv --table N', () => {
  const db = join(makeTempDir('edgarkit-cli-tables-'), 'tables.db');
  let seedId = '';
  beforeAll(async () => {
    const ingest = await cli(['ingest', seedPath(), '--db', db, '--workers', '0']);
    expect(ingest.code, ingest.err).toBe(0);
    seedId = JSON.parse((await cli(['filings', '--json', '--db', db])).out)[0].filingId;
  });

  it('writes a stored document table as CSV, the same as render', async () => {
    const run = await cli(['show', seedId, '--doc', '1', '--format', 'csv', '--table', '2', '--db', db]);
    expect(run.code, run.err).toBe(0);
    expect(run.out).toBe(golden(2));
    const list = await cli(['show', seedId, '--doc', '1', '--tables', '--db', db]);
    expect(list.out).toContain('  2  page 4  3 rows x 2 columns');
    const listed = await cli(['show', seedId, '--doc', '1', '--tables', '--json', '--db', db]);
    expect(JSON.parse(listed.out).map((table: { page: number }) => table.page)).toEqual([2, 4]);
  });

  it('asks for the document the table belongs to', async () => {
    const run = await cli(['show', seedId, '--format', 'csv', '--table', '1', '--db', db]);
    expect(run.code).toBe(2);
    expect(run.err).toContain('Tables belong to a document: name it with --doc SEQ|TYPE');
  });
});
