import { type AccessionNumber, type Cik, parseAccessionNumber, parseCik } from '../core/identifiers.js';
import type { IndexFileKind } from '../parse/index/parse-index.js';

/** A calendar quarter: Q1 is January–March. */
export type Quarter = 1 | 2 | 3 | 4;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `2002-12-26` → `{ year: 2002, quarter: 4, compact: '20021226' }`; throws a RangeError on anything else. */
export function readDate(date: string): { year: number; quarter: Quarter; compact: string } {
  const match = ISO_DATE.exec(date.trim());
  const month = match ? Number(match[2]) : 0;
  const day = match ? Number(match[3]) : 0;
  if (!match || month < 1 || month > 12 || day < 1 || day > 31) throw new RangeError(`Expected a date as YYYY-MM-DD, found "${date}"`);
  return { year: Number(match[1]), quarter: Math.ceil(month / 3) as Quarter, compact: `${match[1]}${match[2]}${match[3]}` };
}

export function checkQuarter(year: number, quarter: number): Quarter {
  if (!Number.isInteger(year) || year < 1993 || year > 9999) throw new RangeError(`Expected a year from 1993 on, found ${year}`);
  if (quarter !== 1 && quarter !== 2 && quarter !== 3 && quarter !== 4)
    throw new RangeError(`Expected a quarter from 1 to 4, found ${quarter}`);
  return quarter;
}

/** `/Archives/edgar/full-index/2002/QTR4/form.idx`, or `form.gz` compressed. */
export function fullIndexPath(year: number, quarter: number, kind: IndexFileKind = 'form', compressed = false): string {
  checkQuarter(year, quarter);
  return `/Archives/edgar/full-index/${year}/QTR${quarter}/${kind}.${compressed ? 'gz' : 'idx'}`;
}

/** `/Archives/edgar/daily-index/2020/QTR1/form.20200318.idx` (`.idx.gz` compressed). */
export function dailyIndexPath(date: string, kind: IndexFileKind = 'form', compressed = false): string {
  const { year, quarter, compact } = readDate(date);
  return `/Archives/edgar/daily-index/${year}/QTR${quarter}/${kind}.${compact}.idx${compressed ? '.gz' : ''}`;
}

/** `/Archives/edgar/data/1453015/000091228209000008/0000912282-09-000008.txt`: the complete submission. */
export function submissionTextPath(cik: string, accessionNumber: string): string {
  const parsedCik = requireCik(cik);
  const accession = requireAccession(accessionNumber);
  return `/Archives/edgar/data/${Number(parsedCik)}/${accession.replaceAll('-', '')}/${accession}.txt`;
}

/** `/Archives/edgar/Feed/2002/QTR4/20021226.nc.tar.gz`: one day's dissemination feed. */
export function feedArchivePath(date: string): string {
  const { year, quarter, compact } = readDate(date);
  return `/Archives/edgar/Feed/${year}/QTR${quarter}/${compact}.nc.tar.gz`;
}

/** `/submissions/CIK0001453015.json` on data.sec.gov. */
export function submissionsJsonPath(cik: string): string {
  return `/submissions/CIK${requireCik(cik)}.json`;
}

export const COMPANY_TICKERS_PATH = '/files/company_tickers.json';

export function requireCik(text: string): Cik {
  const cik = parseCik(text);
  if (!cik) throw new RangeError(`Expected a CIK (up to 10 digits), found "${text}"`);
  return cik;
}

export function requireAccession(text: string): AccessionNumber {
  const accession = parseAccessionNumber(text);
  if (!accession) throw new RangeError(`Expected an accession number like 0000912282-09-000008, found "${text}"`);
  return accession;
}
