import { type AccessionNumber, type Cik, parseAccessionNumber } from '../core/identifiers.js';
import type { EdgarClient, RequestOptions } from './edgar-client.js';
import { requireCik, submissionsJsonPath } from './edgar-paths.js';

/** One filing of a company, from data.sec.gov's submissions JSON (recent filings and the older pages). */
export interface CompanyFiling {
  readonly cik: Cik;
  readonly accessionNumber: AccessionNumber;
  readonly form: string;
  /** YYYY-MM-DD. */
  readonly filingDate: string;
  readonly reportDate: string | null;
  readonly acceptanceDateTime: string | null;
  readonly fileNumber: string | null;
  readonly items: string | null;
  readonly size: number | null;
  readonly primaryDocument: string | null;
  readonly primaryDocDescription: string | null;
}

/** An address as the submissions JSON spells it (`addresses.business`, `addresses.mailing`). */
export interface SubmissionsAddress {
  readonly street1: string | null;
  readonly street2: string | null;
  readonly city: string | null;
  /** EDGAR's state or country code (`NY`, `N4`), as given. */
  readonly stateOrCountry: string | null;
  readonly zipCode: string | null;
  readonly stateOrCountryDescription: string | null;
}

/** A former name (`formerNames`): `to` is when the name stopped being used (the header's DATE OF NAME CHANGE). */
export interface SubmissionsFormerName {
  readonly name: string;
  /** YYYY-MM-DD, or null when not given. */
  readonly from: string | null;
  readonly to: string | null;
}

/** A company as data.sec.gov's submissions JSON describes it: its facts and its whole list of filings. */
export interface CompanySubmissions {
  readonly cik: Cik;
  readonly name: string | null;
  readonly tickers: readonly string[];
  readonly exchanges: readonly string[];
  readonly sic: string | null;
  readonly sicDescription: string | null;
  readonly stateOfIncorporation: string | null;
  /** MMDD. */
  readonly fiscalYearEnd: string | null;
  readonly phone: string | null;
  readonly businessAddress: SubmissionsAddress | null;
  readonly mailingAddress: SubmissionsAddress | null;
  readonly formerNames: readonly SubmissionsFormerName[];
  /** Newest first, recent and older pages together, each accession once. */
  readonly filings: readonly CompanyFiling[];
  /** The URLs read: the main JSON and each page named in `filings.files`. */
  readonly urls: readonly string[];
}

type Json = Record<string, unknown>;

/**
 * The submissions JSON of a CIK (`/submissions/CIK##########.json`) and every older page it lists in
 * `filings.files`, turned into one list of filings.
 */
export async function fetchCompanySubmissions(
  client: EdgarClient,
  cikText: string,
  options: RequestOptions = {},
): Promise<CompanySubmissions> {
  const cik = requireCik(cikText);
  const url = client.dataUrl(submissionsJsonPath(cik));
  const main = await getJson(client, url, options);
  const filingsObject = asObject(main.filings);
  const filings: CompanyFiling[] = [];
  const seen = new Set<string>();
  const add = (columns: Json | null): void => {
    for (const filing of readColumns(cik, columns)) {
      if (seen.has(filing.accessionNumber)) continue;
      seen.add(filing.accessionNumber);
      filings.push(filing);
    }
  };
  add(asObject(filingsObject?.recent));
  const urls = [url];
  const pages = Array.isArray(filingsObject?.files) ? (filingsObject.files as unknown[]) : [];
  for (const page of pages) {
    const name = asObject(page)?.name;
    if (typeof name !== 'string' || !/^[\w.-]+\.json$/.test(name)) continue;
    const pageUrl = client.dataUrl(`/submissions/${name}`);
    urls.push(pageUrl);
    const body = await getJson(client, pageUrl, options);
    // Older pages hold the columns at the top level; accept a `filings.recent`-shaped page too.
    add(Array.isArray(body.accessionNumber) ? body : asObject(asObject(body.filings)?.recent));
  }
  filings.sort((a, b) =>
    a.filingDate < b.filingDate ? 1 : a.filingDate > b.filingDate ? -1 : a.accessionNumber < b.accessionNumber ? 1 : -1,
  );
  return {
    cik,
    name: typeof main.name === 'string' ? main.name : null,
    tickers: strings(main.tickers),
    exchanges: strings(main.exchanges),
    sic: typeof main.sic === 'string' && main.sic ? main.sic : null,
    sicDescription: typeof main.sicDescription === 'string' && main.sicDescription ? main.sicDescription : null,
    stateOfIncorporation: text(main.stateOfIncorporation),
    fiscalYearEnd: text(main.fiscalYearEnd),
    phone: text(main.phone),
    businessAddress: address(asObject(main.addresses)?.business),
    mailingAddress: address(asObject(main.addresses)?.mailing),
    formerNames: formerNames(main.formerNames),
    filings,
    urls,
  };
}

async function getJson(client: EdgarClient, url: string, options: RequestOptions): Promise<Json> {
  const fetched = await client.get(url, options);
  let parsed: unknown;
  try {
    parsed = JSON.parse(fetched.body.toString('utf8'));
  } catch (error) {
    throw new Error(`${url}: Cannot read JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const object = asObject(parsed);
  if (!object) throw new Error(`${url}: Expected a JSON object`);
  return object;
}

function readColumns(cik: Cik, columns: Json | null): CompanyFiling[] {
  if (!columns || !Array.isArray(columns.accessionNumber)) return [];
  const column = (name: string): unknown[] => (Array.isArray(columns[name]) ? (columns[name] as unknown[]) : []);
  const accessions = column('accessionNumber');
  const forms = column('form');
  const filingDates = column('filingDate');
  const reportDates = column('reportDate');
  const accepted = column('acceptanceDateTime');
  const fileNumbers = column('fileNumber');
  const items = column('items');
  const sizes = column('size');
  const primary = column('primaryDocument');
  const primaryDescription = column('primaryDocDescription');
  const filings: CompanyFiling[] = [];
  for (let index = 0; index < accessions.length; index++) {
    const accessionNumber = typeof accessions[index] === 'string' ? parseAccessionNumber(accessions[index] as string) : null;
    const filingDate = text(filingDates[index]);
    const form = text(forms[index]);
    if (!accessionNumber || !filingDate || !form) continue;
    const size = sizes[index];
    filings.push({
      cik,
      accessionNumber,
      form,
      filingDate,
      reportDate: text(reportDates[index]),
      acceptanceDateTime: text(accepted[index]),
      fileNumber: text(fileNumbers[index]),
      items: text(items[index]),
      size: typeof size === 'number' ? size : null,
      primaryDocument: text(primary[index]),
      primaryDocDescription: text(primaryDescription[index]),
    });
  }
  return filings;
}

function asObject(value: unknown): Json | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : null;
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

function address(value: unknown): SubmissionsAddress | null {
  const object = asObject(value);
  if (!object) return null;
  const found: SubmissionsAddress = {
    street1: text(object.street1),
    street2: text(object.street2),
    city: text(object.city),
    stateOrCountry: text(object.stateOrCountry),
    zipCode: text(object.zipCode),
    stateOrCountryDescription: text(object.stateOrCountryDescription),
  };
  return Object.values(found).some((part) => part !== null) ? found : null;
}

/** `2005-03-07T05:00:00.000Z` → `2005-03-07` (the day EDGAR means; the time is midnight Eastern). */
function day(value: unknown): string | null {
  const found = typeof value === 'string' ? /^(\d{4}-\d{2}-\d{2})/.exec(value) : null;
  return found ? (found[1] as string) : null;
}

function formerNames(value: unknown): SubmissionsFormerName[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((entry) => {
    const object = asObject(entry);
    const name = text(object?.name);
    return object && name ? [{ name, from: day(object.from), to: day(object.to) }] : [];
  });
}
