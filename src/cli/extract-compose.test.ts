import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { captureIo } from '../../test/capture-io.js';
import { corpusPath, seedPath } from '../../test/shared-files.js';
import { runCli } from './main.js';

const dir = mkdtempSync(join(tmpdir(), 'edgarkit-extract-compose-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = captureIo();
  const code = await runCli(args, io);
  return { code, out: io.out(), err: io.err() };
}

type Values = Record<string, unknown> & { exhibits: Record<string, unknown>[] };

/**
 * What a composed filing must read back as: the same values, but the composer numbers the documents itself (in
 * exhibit order, images after their exhibit), and an exhibit the source printed inside the 6-K (document 1) is
 * listed, not attached. Nothing else may change.
 */
function expectedBack(values: Values): Values {
  const { source: _source, ...rest } = values;
  return {
    ...rest,
    exhibits: values.exhibits.map((exhibit) =>
      exhibit.documentSequence === 1
        ? { ...exhibit, attached: false, documentSequence: null }
        : { ...exhibit, documentSequence: exhibit.attached ? expect.any(Number) : null },
    ),
  } as Values;
}

/** extract --record → compose (HTML, so no character is transliterated) → extract --record of what was written. */
async function roundTrip(file: string, name: string, how: '--record' | '--json') {
  const extracted = await run(['extract', file, how]);
  expect(extracted.code, extracted.err).toBe(0);
  const input = join(dir, `${name}${how}.json`);
  writeFileSync(input, extracted.out);
  const out = join(dir, `${name}${how}`);
  const composed = await run(['compose', '6-k', input, '--out', out, '--format', 'html']);
  expect(composed.out, composed.err).toContain('Wrote');
  const back = await run(['extract', join(out, 'submission.txt'), '--record']);
  expect(back.code, back.err).toBe(0);
  const values = JSON.parse((how === '--record' ? extracted : await run(['extract', file, '--record'])).out) as Values;
  const { source: _source, ...backValues } = JSON.parse(back.out) as Values;
  return { values, back: backValues, composed };
}

const FILINGS = [
  ['seed', seedPath()],
  // exhibits with their logos (GRAPHIC documents) taken from the source
  ['acergy', corpusPath('fpi/0000950127-10-000169.txt')],
  ['bezeq', corpusPath('fpi/0001178913-10-001984.txt')],
  // four exhibits, renumbered by the composer
  ['proxy', corpusPath('fpi/0001144204-10-052341.txt')],
  // an exhibit printed inside the 6-K itself
  ['3sbio', corpusPath('fpi/0001193125-09-029210.txt')],
  // non-ASCII values (é, —) kept by the HTML composition
  ['alcatel', corpusPath('fpi/0001308179-09-000016.txt')],
  ['alda', corpusPath('fpi/0001325310-09-000035.txt')],
  ['advantest', corpusPath('fpi/0000947871-09-000128.txt')],
] as const;

describe('extract → compose → parse → extract', () => {
  it.each(FILINGS)('%s: extract --record is what compose reads, and what it writes reads back as the same values', async (name, file) => {
    const { values, back } = await roundTrip(file, name, '--record');
    expect(typeof values.source).toBe('string');
    expect(back).toEqual(expectedBack(values));
  });

  it.each(FILINGS.slice(0, 4))('%s: compose takes extract --json output as it is', async (name, file) => {
    const { values, back } = await roundTrip(file, name, '--json');
    expect(back).toEqual(expectedBack(values));
  });

  it('says where an extracted record cannot be composed: a filing with no 6-K cover', async () => {
    const input = join(dir, 'no-cover.json');
    const extracted = await run(['extract', corpusPath('fpi/9999999997-09-008892.txt'), '--json']);
    writeFileSync(input, extracted.out);
    const composed = await run(['compose', '6-k', input, '--out', join(dir, 'no-cover')]);
    expect(composed.code).toBe(1);
    expect(composed.err).toMatch(/no-cover\.json:\d+:\d+: reportMonth must be a month YYYY-MM, like 2002-12; found null/);
    expect(composed.err).toMatch(/no-cover\.json:\d+:\d+: registrant must be the name of the registrant on one line; found null/);
  });

  it('refuses --record for a form that is not a 6-K, and a source that cannot be read', async () => {
    const other = await run(['extract', corpusPath('submissions/0001011438-98-000429.txt'), '--record']);
    expect(other.code).toBe(2);
    expect(other.err).toMatch(/0001011438-98-000429\.txt is of form 8-K: --record prints 6-K records \(use --json for the others\)/);
    const { values } = await roundTrip(seedPath(), 'seed-moved', '--record');
    const moved = join(dir, 'moved.json');
    writeFileSync(
      moved,
      JSON.stringify(
        { ...values, source: 'nowhere/filing.txt', exhibits: [{ ...values.exhibits[0], attached: true, documentSequence: 2 }] },
        null,
        2,
      ),
    );
    const composed = await run(['compose', '6-k', moved, '--out', join(dir, 'moved')]);
    expect(composed.code).toBe(1);
    expect(composed.err).toMatch(/moved\.json:2:3: source: cannot read "nowhere\/filing\.txt"/);
  });
});
