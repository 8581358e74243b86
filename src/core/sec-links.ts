import { parseAccessionNumber, parseCik } from './identifiers.js';

/** EDGAR's public web site: the pages a reader follows from a filing or a company. */
export const SEC_WEB_ORIGIN = 'https://www.sec.gov';

/**
 * The filing's index page on EDGAR, which lists its documents:
 * `https://www.sec.gov/Archives/edgar/data/1123452/000112345202000012/0001123452-02-000012-index.htm`.
 * The folder is the CIK without leading zeros and the accession number without dashes, as EDGAR's archive writes
 * them; null when either value is not a CIK or an accession number (a bare document has no accession number).
 */
export function filingIndexUrl(cik: string | null | undefined, accessionNumber: string | null | undefined): string | null {
  const parsedCik = cik ? parseCik(cik) : null;
  const accession = accessionNumber ? parseAccessionNumber(accessionNumber) : null;
  if (!parsedCik || !accession) return null;
  return `${SEC_WEB_ORIGIN}/Archives/edgar/data/${Number(parsedCik)}/${accession.replaceAll('-', '')}/${accession}-index.htm`;
}

/**
 * The company's filing list on EDGAR: `https://www.sec.gov/cgi-bin/browse-edgar?action=getcompany&CIK=0001123452`;
 * null when `cik` is not a CIK.
 */
export function companyUrl(cik: string | null | undefined): string | null {
  const parsed = cik ? parseCik(cik) : null;
  return parsed ? `${SEC_WEB_ORIGIN}/cgi-bin/browse-edgar?action=getcompany&CIK=${parsed}` : null;
}
