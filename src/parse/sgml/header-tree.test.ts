import { describe, expect, it } from 'vitest';
import { LINEAR_RATIO, scalingRatio } from '../../../test/scaling.js';
import type { Diagnostic } from '../../core/diagnostic.js';
import type { HeaderNode } from '../../model/submission.js';
import { readHeaderLines } from './header-tree.js';

/** The tree as [key, value, children] triples, for comparison. */
function shape(nodes: readonly HeaderNode[]): unknown[] {
  return nodes.map((node) => (node.children.length > 0 ? [node.key, node.value, shape(node.children)] : [node.key, node.value]));
}

function read(text: string, before = '\n'): { tree: readonly HeaderNode[]; diagnostics: Diagnostic[] } {
  const bytes = Buffer.from(before + text, 'latin1');
  const diagnostics: Diagnostic[] = [];
  return { tree: readHeaderLines(bytes, before.length, bytes.length, diagnostics, 100), diagnostics };
}

describe('readHeaderLines', () => {
  it('nests KEY: value lines by tabs, with LF, CRLF and bare CR line ends alike', () => {
    const lines = [
      'ACCESSION NUMBER:\t\t0000950103-09-002644',
      'FILER:',
      '\tCOMPANY DATA:\t',
      '\t\tCENTRAL INDEX KEY:\t\t\t0001453015',
      '\tFILING VALUES:',
      '\t\tFORM TYPE:\t\t6-K',
      'GROUP MEMBERS:\t\tA B',
    ];
    const expected = [
      ['ACCESSION NUMBER', '0000950103-09-002644'],
      [
        'FILER',
        '',
        [
          ['COMPANY DATA', '', [['CENTRAL INDEX KEY', '0001453015']]],
          ['FILING VALUES', '', [['FORM TYPE', '6-K']]],
        ],
      ],
      ['GROUP MEMBERS', 'A B'],
    ];
    for (const end of ['\n', '\r\n', '\r']) {
      const { tree, diagnostics } = read(lines.join(end) + end);
      expect(shape(tree), JSON.stringify(end)).toEqual(expected);
      expect(diagnostics).toEqual([]);
    }
  });

  it('reads <TAG>value lines, keeps a line with no key (saying so), and trims blanks and no-break spaces', () => {
    const { tree, diagnostics } = read(
      '<ACCEPTANCE-DATETIME>20090102123456\nnot a key line \t\nKEY : \xa0value\xa0\t\n<BROKEN tag: value\n',
    );
    expect(shape(tree)).toEqual([
      ['ACCEPTANCE-DATETIME', '20090102123456'],
      ['', 'not a key line'],
      ['KEY', 'value'],
      // No `>` on the line: read as KEY: value at its colon.
      ['<BROKEN tag', 'value'],
    ]);
    expect(diagnostics.map((found) => [found.code, found.offset])).toEqual([['sgml/header-line-without-key', 100 + 1 + 36]]);
    expect(tree.map((node) => node.offset)).toEqual([101, 137, 154, 169]);
  });

  it('reads a run of spaces as one level of indentation, however long', () => {
    const { tree } = read('FILER:\n    COMPANY DATA:\n  \tCITY:\t\tBOSTON\n        ZIP: 02111\n');
    expect(shape(tree)).toEqual([
      [
        'FILER',
        '',
        [
          ['COMPANY DATA', '', [['CITY', 'BOSTON']]],
          ['ZIP', '02111'],
        ],
      ],
    ]);
  });

  it('reads in linear time a header of many lines with no colon, and one with no line end', () => {
    const noColons = (n: number) => Buffer.from('\nline without a key\n'.repeat(n), 'latin1');
    const colonsOnly = (n: number) => Buffer.from(`\n${'A:b\t'.repeat(n)}`, 'latin1');
    for (const make of [noColons, colonsOnly]) {
      const { ratio, small, large } = scalingRatio(make, (bytes) => readHeaderLines(bytes, 0, bytes.length, []), 20_000);
      expect(ratio, `${small.toFixed(1)} ms -> ${large.toFixed(1)} ms`).toBeLessThan(LINEAR_RATIO);
    }
  });
});
