import { describe, expect, it } from 'vitest';
import { captureIo } from '../../test/capture-io.js';
import { corpusPath } from '../../test/shared-files.js';
import { runFactsCommand } from './facts-command.js';

const TESLA = corpusPath('submissions/0001564590-20-004475-minimal.txt');
const MMM = corpusPath('submissions/0000066740-24-000023.txt');

describe('edgarkit facts', () => {
  it('lists a filing’s facts, one concept by its local name', async () => {
    const io = captureIo();
    expect(await runFactsCommand(TESLA, { concept: 'Revenues' }, io)).toBe(0);
    expect(io.out()).toContain('us-gaap:Revenues  24578000000 iso4217:USD  2019-01-01..2019-12-31');
    expect(io.out()).not.toContain('NetIncomeLoss');
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
