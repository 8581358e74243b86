import { edgarLocationName } from '../core/edgar-location-codes.js';
import { sicTitle } from '../core/sic-codes.js';
import { csvLine } from '../render/csv.js';
import { type CompanyListRequest, type FilingListRequest, MAX_PAGE, type Store } from '../store/store.js';

export const FILINGS_CSV_COLUMNS = [
  'accession_number',
  'form_type',
  'filed_at',
  'period_of_report',
  'company',
  'cik',
  'documents',
] as const;
export const COMPANIES_CSV_COLUMNS = [
  'cik',
  'name',
  'filings',
  'sic',
  'sic_title',
  'state_of_incorporation',
  'state_of_incorporation_name',
  'former_names',
] as const;

/** Every filing a list request finds, as CSV, page after page: an export is never cut silently. */
export async function* exportFilingsCsv(
  store: Pick<Store, 'listFilings'>,
  request: Omit<FilingListRequest, 'limit' | 'offset'>,
): AsyncGenerator<string> {
  yield csvLine(FILINGS_CSV_COLUMNS);
  for (let offset = 0; ; offset += MAX_PAGE) {
    const filings = await store.listFilings({ ...request, limit: MAX_PAGE, offset });
    yield filings
      .map((filing) =>
        csvLine([
          filing.accessionNumber ?? filing.filingId,
          filing.formType,
          filing.filedAt,
          filing.periodOfReport,
          filing.companyName,
          filing.cik,
          filing.documentCount,
        ]),
      )
      .join('');
    if (filings.length < MAX_PAGE) return;
  }
}

/** Every company a list request finds, as CSV, page after page, former names joined by ` | `. */
export async function* exportCompaniesCsv(
  store: Pick<Store, 'listCompanies'>,
  request: Omit<CompanyListRequest, 'limit' | 'offset'>,
): AsyncGenerator<string> {
  yield csvLine(COMPANIES_CSV_COLUMNS);
  for (let offset = 0; ; offset += MAX_PAGE) {
    const companies = await store.listCompanies({ ...request, limit: MAX_PAGE, offset });
    yield companies
      .map((company) =>
        csvLine([
          company.cik,
          company.name,
          company.filingCount,
          company.sic,
          sicTitle(company.sic),
          company.stateOfIncorporation,
          edgarLocationName(company.stateOfIncorporation),
          company.formerNames.map((entry) => entry.name).join(' | '),
        ]),
      )
      .join('');
    if (companies.length < MAX_PAGE) return;
  }
}

/** Drains a CSV export into one string (for an HTTP answer). */
export async function collectCsv(chunks: AsyncIterable<string>): Promise<string> {
  let csv = '';
  for await (const chunk of chunks) csv += chunk;
  return csv;
}
