import { describe, expect, it } from 'vitest';
import { parseDocument } from '../parse/parse-document.js';
import { findExhibits } from './exhibit-index.js';

/** A document of one paragraph per line. */
function numbers(paragraphs: readonly string[]): string[] {
  const html = `<html><body>${paragraphs.map((text) => `<p>${text}</p>`).join('\n')}</body></html>`;
  return findExhibits(parseDocument(html, 'html'), 1).listed.map((entry) => entry.number);
}

const TRIGGER = 'The following exhibits are furnished with this report:';
const FILLER = ['Our board met in Seoul.', 'Shareholders approved the dividend.', 'Trading was suspended for one day.'];

describe('a list opened by a line that announces exhibits', () => {
  it('reads "99.1 …" as an entry on each of the three lines after the announcement', () => {
    expect(numbers([TRIGGER, '99.1 Press release dated May 7, 2010'])).toEqual(['99.1']);
    expect(numbers([TRIGGER, FILLER[0] as string, FILLER[1] as string, '99.1 Press release dated May 7, 2010'])).toEqual(['99.1']);
  });

  it('has closed by the fourth line', () => {
    expect(numbers([TRIGGER, ...FILLER, '99.1 Press release dated May 7, 2010'])).toEqual([]);
  });

  it('stays open three lines past an "Exhibit 99.1 …" entry, and only because it was opened', () => {
    const after = ['Exhibit 99.1 Press release dated May 7, 2010', FILLER[0] as string, FILLER[1] as string, '99.2 Annual report'];
    expect(numbers([TRIGGER, FILLER[2] as string, ...after])).toEqual(['99.1', '99.2']);
    expect(numbers([FILLER[2] as string, FILLER[2] as string, ...after])).toEqual(['99.1']);
  });
});
