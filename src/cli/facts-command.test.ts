import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { captureIo } from '../../test/capture-io.js';
import { corpusPath } from '../../test/shared-files.js';
import { makeTempDir } from '../../test/store-conformance.js';
import { runFactsCommand } from './facts-command.js';
import { runCli } from './main.js';

const TESLA = corpusPath('submissions/0001564590-20-004475-minimal.txt');
const MMM = corpusPath('submissions/0000066740-24-000023.txt');

describe('edgarkit facts', () => {
  it('lists a filing’s facts, one concept by its local name', async () => {
    const io = captureIo();
    expect(await runFactsCommand(TESLA, { concept: 'Revenues' }, io)).toBe(0);
    expect(io.out()).toContain('us-gaap:Revenues  24578000000 iso4217:USD  2019-01-01..2019-12-31');
    expect(io.out()).not.toContain('NetIncomeLoss');
    // One fact, said in the singular.
    expect(io.out()).toMatch(/ {2}1 fact \(inline XBRL\)\n/);
  });

  it('with --concept, gives the notes about that concept only', async () => {
    // The Tesla excerpt's inline XBRL lacks the contexts of tsla:NumberOfIndependentDirectors and of
    // us-gaap:CommonStockSharesOutstanding: notes about them are not about Revenues.
    const all = captureIo();
    expect(await runFactsCommand(TESLA, {}, all)).toBe(0);
    expect(all.out()).toContain('note: document 1: us-gaap:CommonStockSharesOutstanding: its context');
    const revenues = captureIo();
    expect(await runFactsCommand(TESLA, { concept: 'Revenues' }, revenues)).toBe(0);
    expect(revenues.out()).not.toContain('note:');
    const shares = captureIo();
    expect(await runFactsCommand(TESLA, { concept: 'CommonStockSharesOutstanding', jsonl: true }, shares)).toBe(0);
    const { diagnostics } = JSON.parse(shares.out()) as { diagnostics: { message: string }[] };
    expect(diagnostics.length).toBeGreaterThan(0);
    for (const problem of diagnostics) expect(problem.message).toMatch(/^us-gaap:CommonStockSharesOutstanding: /);
  });

  it('writes one CSV row per fact, dimensions in one cell', async () => {
    const io = captureIo();
    expect(await runFactsCommand(MMM, { csv: true, concept: 'dei:TradingSymbol' }, io)).toBe(0);
    const lines = io.out().trim().split('\n');
    expect(lines[0]).toBe('source,accession_number,document,concept,value,unit,decimals,period,dimensions,context,fact_id,text');
    expect(lines.slice(1).map((line) => line.split(',')[4])).toEqual(['MMM', 'MMM', 'MMM26', 'MMM30', 'MMM31']);
    expect(lines[2]).toContain('dei:EntityListingsExchangeAxis=exch:XCHI');
  });

  it('gives the instance’s facts on request, and JSON with spans for the inline ones', async () => {
    const instance = captureIo();
    expect(await runFactsCommand(MMM, { source: 'instance', jsonl: true }, instance)).toBe(0);
    const fromInstance = JSON.parse(instance.out());
    expect(fromInstance.factSource).toBe('instance');
    expect(fromInstance.facts.every((fact: { span: unknown }) => fact.span === null)).toBe(true);
    const inline = captureIo();
    expect(await runFactsCommand(MMM, { json: true }, inline)).toBe(0);
    const fromInline = JSON.parse(inline.out());
    expect(fromInline.factSource).toBe('inline');
    expect(fromInline.facts.length).toBe(fromInstance.facts.length);
    expect(fromInline.facts.every((fact: { span: { document: number } | null }) => fact.span?.document === 1)).toBe(true);
  });

  it('says when a filing has no XBRL, and refuses a bad option', async () => {
    const io = captureIo();
    expect(await runFactsCommand(corpusPath('submissions/0000899681-95-000096.txt'), {}, io)).toBe(0);
    expect(io.err()).toContain('No XBRL facts in');
    await expect(runFactsCommand(TESLA, { source: 'everything' }, captureIo())).rejects.toThrow(
      '--source must be one of auto, inline, instance, all (got "everything")',
    );
  });
});

describe('edgarkit facts --db: a time series from the database', () => {
  const dir = makeTempDir('edgarkit-facts-cli-');
  const db = join(dir, 'facts.db');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const cli = async (...args: string[]) => {
    const io = captureIo();
    const code = await runCli(args, io);
    return { code, out: io.out(), err: io.err() };
  };

  it('prints period, value, unit, form, filed, accession and source of each fact', async () => {
    expect((await cli('ingest', TESLA, MMM, '--db', db, '--workers', '0')).code).toBe(0);
    const series = await cli('facts', '--db', db, '--concept', 'us-gaap:Revenues', '--cik', '1318605');
    expect(series.code, series.err).toBe(0);
    expect(series.out.split('\n')).toEqual([
      'period                  value        unit         form  filed       accession             source',
      '2019-01-01..2019-12-31  24578000000  iso4217:USD  10-K  2020-02-13  0001564590-20-004475  inline',
      '',
    ]);
    const csv = await cli('facts', '--db', db, '--concept', 'dei:EntityRegistrantName', '--csv');
    expect(csv.out.trim().split('\n')).toEqual([
      'cik,period_start,period_end,value,unit,form,filed,accession_number,source,dimensions',
      '0001318605,2019-01-01,2019-12-31,"Tesla, Inc.",,10-K,2020-02-13,0001564590-20-004475,inline,',
      '0000066740,2024-03-08,2024-03-08,3M COMPANY,,8-K,2024-03-08,0000066740-24-000023,inline,',
    ]);
    const json = JSON.parse((await cli('facts', '--db', db, '--concept', 'us-gaap:Revenues', '--json')).out);
    expect(json).toMatchObject([{ cik: '0001318605', value: '24578000000', number: 24_578_000_000 }]);
    // The stats count them.
    expect((await cli('stats', '--db', db)).out).toMatch(/\n(\d+) XBRL facts\n/);
  });

  it('says when nothing matches, and refuses what it cannot read in the words of the option', async () => {
    const none = await cli('facts', '--db', db, '--concept', 'us-gaap:Revenues', '--from', '2020-01-01');
    expect(none).toMatchObject({ code: 0, out: '', err: 'No us-gaap:Revenues facts in the database (from 2020-01-01)\n' });
    expect(await cli('facts', '--db', db, '--concept', 'Revenues')).toMatchObject({
      code: 2,
      err: expect.stringContaining('--concept must be a concept QName such as us-gaap:Revenues, not "Revenues"'),
    });
    expect((await cli('facts', '--db', db, '--concept', 'us-gaap:Revenues', '--to', '2019-02-30')).err).toContain(
      '--to must be a date as YYYY-MM-DD, not "2019-02-30"',
    );
    expect((await cli('facts', '--db', db, '--concept', 'us-gaap:Revenues', '--ticker', 'TSLA')).err).toContain(
      'No ticker "TSLA" in the database\'s ticker list',
    );
    expect((await cli('facts', TESLA, '--db', db)).err).toContain('--db reads the database: leave out the file');
    expect((await cli('facts', '--db', db, '--concept', 'us-gaap:Revenues', '--source', 'inline')).err).toContain(
      '--source is for reading a file',
    );
    const help = await cli('facts', '--help');
    expect(help.out).toContain('edgarkit facts <file> [--concept NAME]');
    expect(help.out).toContain('edgarkit facts --db FILE|URL --concept QNAME');
  });
});
