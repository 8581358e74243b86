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

/** A taxonomy prefix or a tag as EDGAR's XBRL APIs name them: `us-gaap`, `ifrs-full`, `AccountsPayableCurrent`. */
const XBRL_NAME = /^[A-Za-z_][\w.-]*$/;
/** A frames unit: `USD`, `shares`, `pure`, or a ratio written `USD-per-shares` (`USD/shares` is taken too). */
const FRAME_UNIT = /^[A-Za-z0-9_.]+(?:-per-[A-Za-z0-9_.]+)?$/;
/** A frames period: `CY2019` (a year), `CY2019Q1` (a quarter), `CY2019Q1I` (an instant). */
const FRAME_PERIOD = /^CY\d{4}(?:Q[1-4]I?)?$/;

/** `us-gaap:Revenues` → its taxonomy and tag; throws a RangeError on anything else. */
export function readConcept(concept: string): { taxonomy: string; tag: string } {
  const [taxonomy = '', tag = '', ...rest] = concept.trim().split(':');
  if (rest.length > 0 || !XBRL_NAME.test(taxonomy) || !XBRL_NAME.test(tag))
    throw new RangeError(`Expected a concept as taxonomy:tag, like us-gaap:Revenues, found "${concept}"`);
  return { taxonomy, tag };
}

/** `/api/xbrl/companyfacts/CIK0001318605.json` on data.sec.gov: every XBRL fact of one company. */
export function companyFactsPath(cik: string): string {
  return `/api/xbrl/companyfacts/CIK${requireCik(cik)}.json`;
}

/** `/api/xbrl/companyconcept/CIK0000320193/us-gaap/AccountsPayableCurrent.json`: one concept of one company. */
export function companyConceptPath(cik: string, taxonomy: string, tag: string): string {
  const concept = readConcept(`${taxonomy}:${tag}`);
  return `/api/xbrl/companyconcept/CIK${requireCik(cik)}/${concept.taxonomy}/${concept.tag}.json`;
}

/** `/api/xbrl/frames/us-gaap/AccountsPayableCurrent/USD/CY2019Q1I.json`: one concept, unit and calendar period, every company. */
export function framesPath(taxonomy: string, tag: string, unit: string, period: string): string {
  const concept = readConcept(`${taxonomy}:${tag}`);
  // The URL writes a ratio with `-per-`; the other APIs write it `USD/shares`.
  const unitPart = unit.trim().replace(/^([^/]+)\/([^/]+)$/, '$1-per-$2');
  if (!FRAME_UNIT.test(unitPart)) throw new RangeError(`Expected a unit like USD, shares or USD-per-shares, found "${unit}"`);
  const periodPart = period.trim().toUpperCase();
  if (!FRAME_PERIOD.test(periodPart))
    throw new RangeError(
      `Expected a calendar period like CY2019 (a year), CY2019Q1 (a quarter) or CY2019Q1I (an instant), found "${period}"`,
    );
  return `/api/xbrl/frames/${concept.taxonomy}/${concept.tag}/${unitPart}/${periodPart}.json`;
}
