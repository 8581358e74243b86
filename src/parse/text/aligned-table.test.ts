import { describe, expect, it } from 'vitest';
import type { Table } from '../../model/document.js';
import { parseTextDocument } from './parse-text-document.js';

function alignedTables(text: string): Table[] {
  return parseTextDocument(text).pages.flatMap((p) => p.blocks.filter((b): b is Table => b.kind === 'table' && b.origin === 'aligned'));
}

describe('tables aligned with spaces, without <TABLE> tags', () => {
  it('recognises three lines or more of figures in the same columns', () => {
    const text = [
      'Number of common shares',
      '',
      'Balance at January 1                  668,426,144   583,180,340',
      'Stock split                           668,426,144             -',
      'Issuance of shares                              -    82,545,584',
      '                                    -------------   -----------',
      'Balance at December 31              1,350,523,905   668,426,144',
    ].join('\n');
    const [table] = alignedTables(text);
    expect(table?.columnCount).toBe(3);
    expect(table?.headerRows).toEqual([]);
    expect(table?.rows.map((r) => r.cells.map((c) => c.text))).toEqual([
      ['Balance at January 1', '668,426,144', '583,180,340'],
      ['Stock split', '668,426,144', '-'],
      ['Issuance of shares', '-', '82,545,584'],
      ['Balance at December 31', '1,350,523,905', '668,426,144'],
    ]);
  });

  it('leaves justified prose, signature blocks and short lists alone', () => {
    const prose = [
      "This    statement   is   also    available   on   Bankers    Trust's    website,",
      'http://online.bankerstrust.com/invr.  We begin posting statements to the website',
      'at 7:00 p.m. EST on the business day before each distribution  date  of  1998.',
    ].join('\n');
    expect(alignedTables(prose)).toEqual([]);
    const signature = [
      'Date: December 27, 2002                    By: /s/ Kyu June Hwang',
      '                                               --------------------------',
      '                                               Name:  Kyu June Hwang',
      '                                               Title: Managing Director',
    ].join('\n');
    expect(alignedTables(signature)).toEqual([]);
    const twoLines = ['Cash                 51        24', 'Equipment           186       191'].join('\n');
    expect(alignedTables(twoLines)).toEqual([]);
    const words = ['UK          London        England', 'France      Paris         France', 'Norway      Oslo          Norway'].join('\n');
    expect(alignedTables(words)).toEqual([]);
  });

  it('does not take lines whose phrases wander between columns', () => {
    const text = [
      'FOR: 62,061,995          AGAINST: 8,755          ABSTAINING: 156,542',
      'FOR: 61,849,298    AGAINST: 26,032         ABSTAINING: 351,962',
      'FOR: 61,899,043               AGAINST: 21,262    ABSTAINING: 306,987',
    ].join('\n');
    expect(alignedTables(text)).toEqual([]);
  });
});
