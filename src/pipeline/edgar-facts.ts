import { edgarLocationName } from '../core/edgar-location-codes.js';
import { companyUrl, filingIndexUrl } from '../core/sec-links.js';
import { sicTitle } from '../core/sic-codes.js';
import type { Party } from '../model/submission.js';
import type { CompanyView, FilingSummaryView, FilingView } from '../store/store.js';

/**
 * What a reader needs beside EDGAR's raw codes and identifiers, added in one place for the API, the CLI and the web
 * UI: the SIC title (`sicTitle`), the place a state or country code names (`stateOfIncorporationName`, an address's
 * `stateName`), and the pages on EDGAR itself. Every raw value stays as it was; a code the SEC's lists do not hold
 * decodes to null.
 */
export interface DecodedCompanyFacts {
  readonly sicTitle: string | null;
  readonly stateOfIncorporationName: string | null;
}

/** A stored address (filing data, read defensively) with `stateName` beside its `state` code. */
export function withStateName(address: unknown): unknown {
  if (address === null || typeof address !== 'object' || Array.isArray(address)) return address;
  const state = (address as { state?: unknown }).state;
  return { ...address, stateName: typeof state === 'string' ? edgarLocationName(state) : null };
}

/** A company with its codes decoded and `edgarUrl`, its page on EDGAR. */
export function decodeCompany<T extends CompanyView>(company: T) {
  return {
    ...company,
    sicTitle: sicTitle(company.sic),
    stateOfIncorporationName: edgarLocationName(company.stateOfIncorporation),
    businessAddress: withStateName(company.businessAddress),
    mailAddress: withStateName(company.mailAddress),
    edgarUrl: companyUrl(company.cik),
  };
}

/** A header party with its company's codes decoded and its addresses' states named. */
export function decodeParty(party: Party) {
  const company = party.company;
  return {
    ...party,
    company: company
      ? {
          ...company,
          sicTitle: sicTitle(company.sic),
          stateOfIncorporationName: edgarLocationName(company.stateOfIncorporation),
          edgarUrl: companyUrl(company.cik),
        }
      : null,
    businessAddress: withStateName(party.businessAddress),
    mailAddress: withStateName(party.mailAddress),
  };
}

/**
 * The filing's index page on EDGAR, under the CIK of its first party that has one (EDGAR files a filing under every
 * filer's CIK); null for a filing without an accession number or a CIK, such as a bare document.
 */
export function filingEdgarUrl(filing: FilingSummaryView & { readonly parties?: readonly Party[] }): string | null {
  const cik = filing.cik ?? filing.parties?.find((party) => party.company?.cik)?.company?.cik ?? null;
  return filingIndexUrl(cik, filing.accessionNumber);
}

/** A filing with its parties decoded and `edgarUrl`, its index page on EDGAR. */
export function decodeFiling(filing: FilingView) {
  return { ...filing, parties: filing.parties.map(decodeParty), edgarUrl: filingEdgarUrl(filing) };
}
