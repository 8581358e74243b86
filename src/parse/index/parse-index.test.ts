import { describe, expect, it } from 'vitest';
import { readCorpus } from '../../../test/shared-files.js';
import { EdgarSyntaxError } from '../../core/edgar-syntax-error.js';
import { IndexParser, type IndexRow, parseIndex } from './parse-index.js';

// Expectations written by reading ../shared/corpus/index/badform.idx line by line.
const BADFORM_ROWS: IndexRow[] = [
  row('1-A', 'A-Game Beverages, Inc.', '0001838675', '2021-02-05', 'edgar/data/1838675/0001213900-21-007106.txt', '0001213900-21-007106'),
  row('1-A', 'AFR Inc.', '0001831099', '2021-03-03', 'edgar/data/1831099/0001831099-21-000001.txt', '0001831099-21-000001'),
  row('1-A', 'AGILE GROUP, INC. / NV', '0001843120', '2021-01-29', 'edgar/data/1843120/0001096906-21-000194.txt', '0001096906-21-000194'),
  row('1-A', 'AHP Title Holdings LLC', '0001839212', '2021-01-20', 'edgar/data/1839212/0001683168-21-000201.txt', '0001683168-21-000201'),
  row('1-A', 'ALFADAN INC.', '0001809660', '2021-03-26', 'edgar/data/1809660/0001477932-21-001700.txt', '0001477932-21-001700'),
  // The awkward one: a form type with a space in it, which a split on whitespace would tear in two.
  row('1-A POS', 'ALFADAN INC.', '0001809660', '2021-03-26', 'edgar/data/1809660/0001477932-21-001700.txt', '0001477932-21-001700'),
  // A company name longer than its column pushes CIK, date and file name two places right.
  row(
    'X-17A-5',
    "UNITED PLANNERS' FINANCIAL SERVICES OF AMERICA A LIMITED PARTNER",
    '0000820694',
    '2021-02-24',
    'edgar/data/820694/9999999997-21-003146.txt',
    '9999999997-21-003146',
  ),
  row(
    'X-17A-5',
    'UNIVEST SECURITIES, LLC',
    '0000920097',
    '2021-03-05',
    'edgar/data/920097/9999999997-23-001153.txt',
    '9999999997-23-001153',
  ),
  row('X-17A-5', 'UNLU SECURITIES INC.', '0001643230', '2021-02-24', 'edgar/data/1643230/0001643230-21-000003.txt', '0001643230-21-000003'),
  row(
    'X-17A-5',
    'UOB GLOBAL EQUITY SALES LLC',
    '0001225152',
    '2021-02-25',
    'edgar/data/1225152/0001225152-21-000002.txt',
    '0001225152-21-000002',
  ),
];

describe('parseIndex: form.idx from the corpus', () => {
  it('reads badform.idx, keeping "1-A POS" whole and a name that overflows its column', () => {
    const index = parseIndex(readCorpus('index/badform.idx'));
    expect(index.kind).toBe('form');
    expect(index.preamble).toEqual({
      Description: 'Master Index of EDGAR Dissemination Feed by Form Type',
      'Last Data Received': 'March 31, 2021',
      Comments: 'webmaster@sec.gov',
      'Anonymous FTP': 'ftp://ftp.sec.gov/edgar/',
    });
    expect(index.rows).toEqual(BADFORM_ROWS);
    expect(index.rowCount).toBe(10);
    // Only the shifted line is reported, as a repaired (warning) problem on line 17.
    expect(index.diagnostics.map((found) => [found.code, found.severity, found.message.slice(0, 8)])).toEqual([
      ['index/ragged-column', 'warning', 'line 17:'],
    ]);
  });

  it('reads the daily form.20200318.idx: every line a row, YYYYMMDD dates normalised, 95 6-K rows', () => {
    const index = parseIndex(readCorpus('index/form.20200318.idx'));
    expect(index.kind).toBe('form');
    expect(index.preamble.Description).toBe('Daily Index of EDGAR Dissemination Feed by Form Type');
    expect(index.preamble['Last Data Received']).toBe('Mar 18, 2020');
    // 4094 lines: 8 of preamble, the column header, the rule, then 4084 rows.
    expect(index.rowCount).toBe(4084);
    expect(index.diagnostics).toEqual([]);
    expect(index.rows[0]).toEqual(
      row(
        '1-A',
        'DLP Positive Note Fund LLC',
        '0001806014',
        '2020-03-18',
        'edgar/data/1806014/0001140361-20-006155.txt',
        '0001140361-20-006155',
      ),
    );
    expect(index.rows[2]).toEqual(
      row(
        '1-A POS',
        'Belpointe REIT, Inc.',
        '0001749817',
        '2020-03-18',
        'edgar/data/1749817/0001010549-20-000033.txt',
        '0001010549-20-000033',
      ),
    );
    expect(index.rows.at(-1)).toEqual(
      row(
        'X-17A-5/A',
        'USA FINANCIAL SECURITIES CORPORATION',
        '0001105608',
        '2020-03-18',
        'edgar/data/1105608/0001105608-20-000004.txt',
        '0001105608-20-000004',
      ),
    );
    const sixK = index.rows.filter((found) => found.formType === '6-K');
    expect(sixK).toHaveLength(95);
    expect(sixK[0]).toEqual(
      row('6-K', 'AURYN RESOURCES INC.', '0001514597', '2020-03-18', 'edgar/data/1514597/0001654954-20-002805.txt', '0001654954-20-002805'),
    );
    expect(sixK.at(-1)?.companyName).toBe('voxeljet AG');
    // One SC 13G/A filing with two filers: two rows, one accession number.
    const thirteenG = index.rows.filter((found) => found.formType === 'SC 13G/A');
    expect(thirteenG.map((found) => [found.companyName, found.cik, found.accessionNumber])).toEqual([
      ['RING ENERGY, INC.', '0001384195', '0001193125-20-077152'],
      ['VANLOH S WIL JR', '0001098463', '0001193125-20-077152'],
    ]);
    // A daily index lists what was disseminated that day: 3940 rows filed that day, 144 late ones filed since 2019-07-18.
    expect(index.rows.filter((found) => found.dateFiled === '2020-03-18')).toHaveLength(3940);
    const dates = index.rows.map((found) => found.dateFiled).sort();
    expect([dates[0], dates.at(-1)]).toEqual(['2019-07-18', '2020-03-18']);
    expect(dates.every((date) => /^\d{4}-\d{2}-\d{2}$/.test(date))).toBe(true);
  });

  it('gives the same result whole, byte by byte, and in random chunks', () => {
    const small = readCorpus('index/badform.idx');
    const whole = parseIndex(small);
    const bytewise = new IndexParser();
    for (let index = 0; index < small.length; index++) bytewise.write(small.subarray(index, index + 1));
    expect(bytewise.end()).toEqual(whole);

    const large = readCorpus('index/form.20200318.idx');
    const expected = parseIndex(large);
    let seed = 7;
    const chunked = new IndexParser();
    for (let start = 0; start < large.length; ) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      const size = 1 + (seed % 3000);
      chunked.write(large.subarray(start, start + size));
      start += size;
    }
    expect(chunked.end()).toEqual(expected);
  });

  it('streams rows to onRow without keeping them', () => {
    const seen: string[] = [];
    const index = parseIndex(readCorpus('index/badform.idx'), { onRow: (found) => seen.push(found.formType) });
    expect(index.rows).toEqual([]);
    expect(index.rowCount).toBe(10);
    expect(seen).toEqual(BADFORM_ROWS.map((found) => found.formType));
  });
});

describe('parseIndex: company.idx and master.idx layouts', () => {
  const company = [
    'Description:           Master Index of EDGAR Dissemination Feed by Company Name',
    'Last Data Received:    December 31, 2002',
    'Comments:              webmaster@sec.gov',
    'Anonymous FTP:         ftp://ftp.sec.gov/edgar/',
    '',
    'Company Name                                                  Form Type   CIK         Date Filed  File Name',
    '---------------------------------------------------------------------------------------------------------------------------------------------',
    'HANARO TELECOM INC                                            6-K         1103355     2002-12-26  edgar/data/1103355/0001047469-02-007774.txt',
    'ABN AMRO HOLDING N V                                          SC 13G/A    1038727     2002-11-14  edgar/data/1038727/0000950123-02-010841.txt',
    // 66 characters of name: it runs into the form type column, which then starts two places late.
    'AN EXCEPTIONALLY LONG COMPANY NAME THAT DOES NOT FIT ITS COLUMN LP  10-Q        320193      2002-11-01  edgar/data/320193/0000320193-02-000042.txt',
    '',
  ].join('\r\n');

  it('reads company.idx with CRLF line ends, including a name that overflows into the form type', () => {
    const index = parseIndex(company);
    expect(index.kind).toBe('company');
    expect(index.rows).toEqual([
      row('6-K', 'HANARO TELECOM INC', '0001103355', '2002-12-26', 'edgar/data/1103355/0001047469-02-007774.txt', '0001047469-02-007774'),
      row(
        'SC 13G/A',
        'ABN AMRO HOLDING N V',
        '0001038727',
        '2002-11-14',
        'edgar/data/1038727/0000950123-02-010841.txt',
        '0000950123-02-010841',
      ),
      row(
        '10-Q',
        'AN EXCEPTIONALLY LONG COMPANY NAME THAT DOES NOT FIT ITS COLUMN LP',
        '0000320193',
        '2002-11-01',
        'edgar/data/320193/0000320193-02-000042.txt',
        '0000320193-02-000042',
      ),
    ]);
    expect(index.diagnostics.map((found) => found.code)).toEqual(['index/ragged-column', 'index/ragged-column']);
  });

  it('reads master.idx, a company name holding "|", and reports bad lines without stopping', () => {
    const text = [
      'Description:           Master Index of EDGAR Dissemination Feed',
      'Last Data Received:    December 31, 2002',
      '',
      'CIK|Company Name|Form Type|Date Filed|Filename',
      '--------------------------------------------------------------------------------',
      '1103355|HANARO TELECOM INC|6-K|2002-12-26|edgar/data/1103355/0001047469-02-007774.txt',
      '1000045|NICHOLAS | FINANCIAL INC|10-Q|2002-11-14|edgar/data/1000045/0000950123-02-010999.txt',
      '1000046|NO DATE CORP|10-K|2002-13-45|edgar/data/1000046/0000950123-02-011000.txt',
      'not a row at all',
      'ABC|BAD CIK INC|8-K|2002-12-02|edgar/data/1/0000950123-02-011001.txt',
      '1000047|PAPER FILER|10-K|2002-12-02|edgar/data/1000047/paper.txt',
    ].join('\n');
    const index = parseIndex(text);
    expect(index.kind).toBe('master');
    expect(index.rows).toEqual([
      row('6-K', 'HANARO TELECOM INC', '0001103355', '2002-12-26', 'edgar/data/1103355/0001047469-02-007774.txt', '0001047469-02-007774'),
      row(
        '10-Q',
        'NICHOLAS | FINANCIAL INC',
        '0001000045',
        '2002-11-14',
        'edgar/data/1000045/0000950123-02-010999.txt',
        '0000950123-02-010999',
      ),
      row('10-K', 'PAPER FILER', '0001000047', '2002-12-02', 'edgar/data/1000047/paper.txt', null),
    ]);
    expect(index.diagnostics.map((found) => [found.code, found.severity])).toEqual([
      ['index/extra-separator', 'warning'],
      ['index/bad-line', 'error'],
      ['index/bad-line', 'error'],
      ['index/bad-line', 'error'],
      ['index/no-accession', 'warning'],
    ]);
    expect(index.diagnostics[1]?.message).toBe(
      'line 8: Cannot read index row: "2002-13-45" is not a date (YYYY-MM-DD or YYYYMMDD); skipped "1000046|NO DATE CORP|10-K|2002-13-45|edgar/data/1000046/0000950123-02-011000.txt"',
    );
    // Byte offsets point at the start of the bad line.
    expect(text.slice(index.diagnostics[2]?.offset ?? 0).startsWith('not a row at all')).toBe(true);
  });

  it('reports a file with no column header, and throws in strict mode', () => {
    const index = parseIndex('<html>Not Found</html>\n');
    expect(index.kind).toBeNull();
    expect(index.rows).toEqual([]);
    expect(index.diagnostics.map((found) => found.code)).toEqual(['index/no-header']);
    const bad = 'CIK|Company Name|Form Type|Date Filed|Filename\n---\n1|A|B\n';
    expect(() => parseIndex(bad, { strict: true, source: 'master.idx' })).toThrow(EdgarSyntaxError);
    expect(() => parseIndex(bad, { strict: true, source: 'master.idx' })).toThrow(
      /^master\.idx:3:1: Cannot read index row: expected 5 fields/,
    );
  });
});

function row(
  formType: string,
  companyName: string,
  cik: string,
  dateFiled: string,
  fileName: string,
  accessionNumber: string | null,
): IndexRow {
  return { formType, companyName, cik, dateFiled, fileName, accessionNumber } as IndexRow;
}
