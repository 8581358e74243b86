import { describe, expect, it } from 'vitest';
import { isNumericText, layoutTable } from './table-grid.js';
import { SourceBuilder, table } from './test-models.js';

describe('isNumericText', () => {
  it('recognises amounts, percentages and nil dashes', () => {
    for (const text of [
      '1,234',
      '$ 1,234',
      '$1,234.56',
      '(1,234)',
      '$ (1,234)',
      '$(56)',
      '12.5%',
      '(3.2)%',
      '-0.3',
      '—',
      '$ -',
      '2002',
      ' 7 ',
    ]) {
      expect(isNumericText(text), text).toBe(true);
    }
  });

  it('rejects words, labels and mixed text', () => {
    for (const text of ['', 'Revenue', 'Exhibit 99.1:', 'Note 3', '1,234 shares', 'F-2', '(a)', '$', '<script>1</script>']) {
      expect(isNumericText(text), text).toBe(false);
    }
  });
});

describe('layoutTable', () => {
  it('places rowspan and colspan cells, pads short rows and finds numeric columns', () => {
    const s = new SourceBuilder();
    const grid = layoutTable(
      table(s, {
        rows: [
          [
            { text: 'A', rowspan: 2 },
            { text: 'B', colspan: 2 },
          ],
          ['1'],
          ['C', '2', '3', '4'],
        ],
        columnCount: 3,
      }),
    );
    expect(grid.columnCount).toBe(4);
    const shape = grid.rows.map((row) => row.map((slot) => (slot === null ? null : slot.kind === 'cell' ? slot.cell.text : '~')));
    expect(shape).toEqual([
      ['A', 'B', '~', null],
      ['~', '1', null, null],
      ['C', '2', '3', '4'],
    ]);
    expect(grid.numericColumns).toEqual([false, true, true, true]);
  });

  it('clamps absurd spans from untrusted input', () => {
    const s = new SourceBuilder();
    const grid = layoutTable(table(s, { rows: [[{ text: 'x', colspan: 1e9, rowspan: Number.NaN }]], columnCount: 1 }));
    expect(grid.columnCount).toBe(1000);
    const first = grid.rows[0]?.[0];
    expect(first?.kind === 'cell' ? [first.colspan, first.rowspan] : null).toEqual([1000, 1]);
  });
});
