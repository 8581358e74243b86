import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { captureIo } from '../../test/capture-io.js';
import { corpusPath, projectRoot } from '../../test/shared-files.js';
import { HOLDINGS_CSV_COLUMNS, OWNERSHIP_CSV_COLUMNS } from './extract-rows.js';
import { runCli } from './main.js';

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = captureIo();
  const code = await runCli(args, io);
  return { code, out: io.out(), err: io.err() };
}

/** RFC 4180 rows (quoted cells may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i] as string;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(cell);
      cell = '';
    } else if (char === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += char;
  }
  return rows;
}

const golden = (name: string) => JSON.parse(readFileSync(join(projectRoot, 'testdata', 'golden', name), 'utf8')) as Record<string, unknown>;

describe('extract --csv for ownership and 13F records', () => {
  it('--form 4 --csv: one row per transaction or holding, the values of the goldens', async () => {
    const { code, out } = await run(['extract', corpusPath('submissions'), '--form', '4', '--csv']);
    expect(code).toBe(0);
    const [header, ...rows] = parseCsv(out);
    expect(header).toEqual([...OWNERSHIP_CSV_COLUMNS]);
    // The corpus's submissions folder holds three Form 4s: Amazon (1 derivative row), Productivity (1), AAR (1).
    expect(rows).toHaveLength(3);
    const column = (name: (typeof OWNERSHIP_CSV_COLUMNS)[number]) => header?.indexOf(name) ?? -1;
    const aar = rows.find((row) => row[column('accessionNumber')] === '0001127602-25-001055') as string[];
    const expected = golden('ownership/aar-form4-2025-01.json') as { nonDerivative: Record<string, unknown>[] };
    const entry = expected.nonDerivative[0] as Record<string, unknown>;
    expect(aar[column('shares')]).toBe(String(entry.shares));
    expect(aar[column('pricePerShare')]).toBe(String(entry.pricePerShare));
    expect(aar[column('transactionCode')]).toBe(entry.transactionCode);
    expect(aar[column('relationship')]).toBe('Officer (Senior VP, GC, CAO & Secretary)');
    expect(aar[column('footnotes')]).toMatch(/^pricePerShare F1: The price reported in Column 4/);
  });

  it('--form 13F-HR --csv: one row per holding, as many as the summary counts', async () => {
    const { code, out } = await run(['extract', corpusPath('nc/0001951757-25-000093.nc'), '--form', '13F-HR', '--csv']);
    expect(code).toBe(0);
    const [header, ...rows] = parseCsv(out);
    expect(header).toEqual([...HOLDINGS_CSV_COLUMNS]);
    const expected = golden('13f/acorn-creek-13fhr-2024-q4.json') as { holdings: Record<string, unknown>[] };
    expect(rows).toHaveLength(expected.holdings.length);
    const value = header?.indexOf('value') ?? -1;
    const cusip = header?.indexOf('cusip') ?? -1;
    expect(rows.map((row) => [row[cusip], Number(row[value])])).toEqual(
      expected.holdings.map((holding) => [holding.cusip, holding.marketValue]),
    );
    expect(new Set(rows.map((row) => row[header?.indexOf('valueUnit') ?? -1]))).toEqual(new Set(['dollars']));
  });

  it('--json carries every field with its span', async () => {
    const { code, out } = await run(['extract', corpusPath('submissions/0001094891-00-000193.txt'), '--json']);
    expect(code).toBe(0);
    const parsed = JSON.parse(out) as { record: { source: string; derivative: { securityTitle: { value: string; span: unknown } }[] } };
    expect(parsed.record.source).toBe('text');
    expect(parsed.record.derivative[0]?.securityTitle).toEqual({
      value: 'Options to Purchase Common Stock',
      span: { document: 1, page: 1, start: expect.any(Number), end: expect.any(Number) },
    });
  });
});
