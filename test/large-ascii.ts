/**
 * The body of a legacy ASCII document of about `mb` MB: a paragraph and a 20-row column table, repeated, each
 * repetition ended by `ending` after the table's last line (`'<PAGE>\n'`: a page break on a line of its own;
 * `'<PAGE>'`: one the next line runs on from, so the whole body reads as one long page; `''`: no break). The large
 * documents of the server's memory test, its stress bench and the part-render bench.
 */
export function largeAsciiBody(mb: number, ending: string): string {
  const page = [
    'REPORT OF FOREIGN PRIVATE ISSUER. The company reports its results for the quarter, its dividend and its outlook.',
    '',
    '<TABLE>',
    '<S>                                   <C>            <C>',
    ...Array.from(
      { length: 20 },
      (_, row) => `Revenue line ${String(row).padEnd(22)}   ${String(row * 1234).padStart(12)}   ${String(row * 99).padStart(12)}`,
    ),
    '</TABLE>',
    ending,
  ].join('\n');
  return page.repeat(Math.ceil((mb * 1024 * 1024) / page.length));
}
