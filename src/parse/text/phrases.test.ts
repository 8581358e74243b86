import { describe, expect, it } from 'vitest';
import { looksNumeric, normalizeCellText, splitPhrases } from './phrases.js';

function phrases(line: string, options: Parameters<typeof splitPhrases>[4] = {}): string[] {
  return splitPhrases(line, 0, 0, line.length, options).map((p) => line.slice(p.start, p.end));
}

describe('splitPhrases', () => {
  it('splits at runs of two blanks or more and keeps single blanks inside', () => {
    expect(phrases('Exhibit 99.1:   a notice regarding the redemption')).toEqual(['Exhibit 99.1:', 'a notice regarding the redemption']);
  });

  it('drops leader dots between a stub and its figures', () => {
    const line = 'Revenues .................................  $ 12,345     $ 11,002';
    expect(phrases(line, { leaders: true })).toEqual(['Revenues', '$ 12,345', '$ 11,002']);
    expect(phrases('Net income . . . . . . . $ 712', { leaders: true })).toEqual(['Net income', '$ 712']);
    expect(phrases('Total........$1,234', { leaders: true })).toEqual(['Total', '$1,234']);
  });

  it('keeps single dots: decimals and abbreviations', () => {
    expect(phrases('U.S. $2.00 per share', { leaders: true })).toEqual(['U.S. $2.00 per share']);
  });

  it('treats pipes as separators when asked', () => {
    expect(phrases('Options to Purchase Co|$1.375  |2/7/0|A', { pipes: true })).toEqual(['Options to Purchase Co', '$1.375', '2/7/0', 'A']);
  });

  it('splits at a single blank that falls on a column stop', () => {
    const stops = new Uint8Array(30);
    stops[6] = 1;
    expect(phrases('Total 1,234', { stops })).toEqual(['Total', '1,234']);
    expect(phrases('Total 1,234')).toEqual(['Total 1,234']);
  });
});

describe('looksNumeric', () => {
  it('accepts figures as tables print them', () => {
    for (const s of [
      '12,345',
      '$12,345',
      '$ 12,345',
      '(1,234)',
      '$(1,234)',
      '9.507526%',
      '0.00',
      '.5',
      '-3',
      '1,000.000000',
      '-',
      '--',
      '*',
      'n/a',
      'NA',
      '640,191,948.34',
    ]) {
      expect(looksNumeric(s), s).toBe(true);
    }
  });

  it('rejects words, dates and malformed groupings', () => {
    for (const s of ['Revenues', 'December 15, 1998', '1,23', '12,3456', '(800) 735-7777', '$', '%', '2/7/00', 'Exhibit 99.1:', '']) {
      expect(looksNumeric(s), s).toBe(false);
    }
  });
});

describe('normalizeCellText', () => {
  it('closes up signs that were spaced to line up', () => {
    expect(normalizeCellText('$ 12,345')).toBe('$12,345');
    expect(normalizeCellText('( 1,234 )')).toBe('(1,234)');
    expect(normalizeCellText('12 %')).toBe('12%');
    expect(normalizeCellText('Net income (loss)')).toBe('Net income (loss)');
  });
});
