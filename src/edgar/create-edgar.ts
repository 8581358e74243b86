import { existsSync } from 'node:fs';
import { type AccessionNumber, type Cik, parseAccessionNumber, parseCik } from '../core/identifiers.js';
import { createEdgarClient, type EdgarClient, type EdgarClientOptions } from '../fetch/edgar-client.js';
import { FetchError, LookupError } from '../fetch/fetch-errors.js';
import { fetchSubmissionText } from '../fetch/fetch-filing.js';
import { type CompanySubmissions, fetchCompanySubmissions, type SubmissionsAddress } from '../fetch/fetch-submissions.js';
import { type CompanyTicker, fetchCompanyTickers } from '../fetch/fetch-tickers.js';
import { fetchCompanyConcept } from '../fetch/fetch-xbrl-facts.js';
import type { FactQuery, StoredFact } from '../model/stored-fact.js';
import type { Address } from '../model/submission.js';
import { ingest } from '../pipeline/ingest.js';
import { parseFiling } from '../pipeline/read-filing.js';
import { unitKey } from '../store/fact-rows.js';
import { isPostgresUrl, openStore } from '../store/open-store.js';
import { checkDate, checkDateRange, checkFactQuery, checkForm, RequestValueError } from '../store/request-values.js';
import type { CompanyView, FilingSink, SearchPage, SearchRequest, Store, TickerSink } from '../store/store.js';
import { Company, type CompanyFacts, type CompanyFilingSource, type FilingsOptions } from './company.js';
import { EdgarError } from './edgar-error.js';
import { Filing, type FilingFacts, type FilingSource, type IngestResult } from './filing.js';

/**
 * How to reach filings: EDGAR itself (give `userAgent`), a database (give `db`), or both. The options of the
 * polite client (`archivesBaseUrl`, `dataBaseUrl`, `cacheDir`, `maxRequestsPerSecond`, `maxRetries`, …) may be
 * given too; its rate limit (at most 10 requests a second) is shared by the whole process.
 */
export interface EdgarOptions extends Partial<Omit<EdgarClientOptions, 'userAgent'>> {
  /**
   * Who you are and a contact e-mail (`'Jane Doe jane.doe@example.com'`), as SEC's fair-access policy asks of
   * every client: without it nothing is fetched and the database is the only source.
   */
  readonly userAgent?: string;
  /**
   * A SQLite file, a `postgres://` URL, or an open store. Offline (no `userAgent`) it is where everything is read
   * from; online it is read first for filings it holds (no request for those), keeps the ticker list fetched, and
   * is where `filing.ingest()` stores. A store passed in is left open by `close()`.
   */
  readonly db?: string | Store;
}

/**
 * The library's front door: companies by ticker, CIK or name, their filings, and each filing's record and
 * documents, the same objects whether they come from EDGAR or from a local database.
 *
 * @example
 * ```ts
 * import { createEdgar } from 'edgarkit/edgar';
 *
 * const edgar = createEdgar({ userAgent: 'Jane Doe jane@example.com', db: 'edgar.db' }); // db optional
 * const acergy = await edgar.company('ACGY');
 * for await (const filing of acergy.filings({ form: '6-K', from: '2009-01-01' })) {
 *   const record = await filing.record();
 *   const md = await filing.document('EX-99.1').markdown();
 * }
 * await edgar.close();
 * ```
 */
export interface Edgar {
  /** True when EDGAR itself is read (a User-Agent was given). */
  readonly online: boolean;
  /**
   * A company by ticker (`'ACGY'`, any case), CIK (`898685`, `'0000898685'`) or name (a part of a current or
   * former name: `'stolt'` finds ACERGY S.A., formerly STOLT OFFSHORE S A). Tickers come from SEC's ticker list
   * (online) or the list stored by `edgarkit fetch tickers` (offline); names from the database, and online from
   * the ticker list's titles. A name that fits several companies is an `edgar/ambiguous-company` error listing
   * them; none, `edgar/company-not-found`.
   */
  company(query: string | number): Promise<Company>;
  /**
   * A filing by accession number: from the database when it holds it, else (online) from EDGAR, which needs the
   * CIK of one of its filers to find it.
   */
  filing(accessionNumber: string, options?: { readonly cik?: string | number }): Promise<Filing>;
  /** Full-text search of the database (the query language of `edgarkit search`); needs `db`. */
  search(request: string | SearchRequest): Promise<SearchPage>;
  /** Fetches SEC's ticker list into the database, for lookups by ticker offline; returns how many were stored. */
  fetchTickers(): Promise<number>;
  /** Closes the database (unless it was passed in open) and the client's idle connections. */
  close(): Promise<void>;
}

/**
 * Creates an Edgar. Throws at once when it has no source (neither `userAgent` nor `db`) or when the User-Agent
 * does not name someone with an e-mail address; nothing is opened or fetched until asked.
 */
export function createEdgar(options: EdgarOptions): Edgar {
  const { userAgent, db, ...clientOptions } = options;
  if (userAgent === undefined && db === undefined)
    throw new EdgarError(
      'edgar/no-source',
      'createEdgar needs a userAgent (to read EDGAR: "Jane Doe jane.doe@example.com"), a db (a database to read offline), or both',
    );
  const client = userAgent === undefined ? null : createEdgarClient({ ...clientOptions, userAgent });
  return new EdgarReader(client, db ?? null);
}

/** Ticker-like: letters and digits, with `-` or `.` inside (BRK-B), up to 10 characters. */
const TICKER = /^[A-Za-z][A-Za-z0-9]{0,9}(?:[-.][A-Za-z0-9]{1,4})?$/;
const LOCAL_ID = /^local-[0-9a-f]{20}$/;

class EdgarReader implements Edgar, FilingSource {
  readonly online: boolean;
  readonly #client: EdgarClient | null;
  readonly #db: string | Store | null;
  #store: Promise<Store> | null = null;
  #tickers: Promise<ReadonlyMap<string, CompanyTicker>> | null = null;

  constructor(client: EdgarClient | null, db: string | Store | null) {
    this.#client = client;
    this.#db = db;
    this.online = client !== null;
  }

  async company(query: string | number): Promise<Company> {
    const text = String(query).trim();
    if (text === '') throw new EdgarError('edgar/bad-request', 'edgar.company needs a ticker, a CIK or a name, found an empty string');
    const cik = /^\d{1,10}$/.test(text) ? (parseCik(text) as Cik) : await this.#resolve(text);
    return this.online ? this.#onlineCompany(cik, text) : this.#storedCompany(cik, text);
  }

  async filing(accessionNumber: string, options: { readonly cik?: string | number } = {}): Promise<Filing> {
    const id = filingId(accessionNumber);
    const store = await this.#optionalStore();
    const stored = store ? await store.getFiling(id) : null;
    if (stored)
      return new Filing(
        {
          id: stored.filingId,
          accessionNumber: stored.accessionNumber as AccessionNumber | null,
          cik: stored.cik as Cik | null,
          form: stored.formType,
          filedAt: stored.filedAt,
          periodOfReport: stored.periodOfReport,
        },
        this,
      );
    if (!this.#client || LOCAL_ID.test(id))
      throw new EdgarError(
        'edgar/filing-not-found',
        `No filing ${id} in the database${this.#client ? '' : ' (and no userAgent to ask EDGAR)'}`,
      );
    if (options.cik === undefined)
      throw new EdgarError(
        'edgar/bad-request',
        `Filing ${id} is not in the database; to fetch it from EDGAR give the CIK of one of its filers: edgar.filing('${id}', { cik })`,
      );
    const cik = parseCik(String(options.cik));
    if (!cik) throw new EdgarError('edgar/bad-request', `"${options.cik}" is not a CIK: expected up to 10 digits`);
    const bytes = await this.#fetch(cik, id as AccessionNumber, `No filing ${id} of CIK ${cik} on EDGAR`);
    const header = parseFiling(bytes, id).header;
    const filing = new Filing(
      {
        id,
        accessionNumber: id as AccessionNumber,
        cik,
        form: header?.formType ?? null,
        filedAt: header?.filedAt ?? null,
        periodOfReport: header?.periodOfReport ?? null,
      },
      { bytesOf: async () => bytes, ingest: (target, data) => this.ingest(target, data) },
    );
    return filing;
  }

  async search(request: string | SearchRequest): Promise<SearchPage> {
    const store = await this.#requireStore('search');
    return store.search(typeof request === 'string' ? { text: request } : request);
  }

  async fetchTickers(): Promise<number> {
    const client = this.#requireClient('fetchTickers');
    const store = await this.#requireStore('fetchTickers');
    if (!isTickerSink(store)) throw new EdgarError('edgar/needs-database', 'fetchTickers: the store given cannot be written to');
    const tickers = await fetchCompanyTickers(client);
    this.#tickers = Promise.resolve(tickers);
    return store.replaceTickers([...tickers.values()]);
  }

  async close(): Promise<void> {
    this.#client?.close();
    const store = this.#store;
    this.#store = null;
    if (store && typeof this.#db === 'string') await (await store).close();
  }

  // FilingSource: a filing's bytes from the database when it holds them (no request), else from EDGAR.
  async bytesOf(filing: Filing): Promise<Uint8Array> {
    const store = await this.#optionalStore();
    const stored = store ? await store.getOriginal(filing.id) : null;
    if (stored) return stored;
    if (!this.#client || !filing.accessionNumber || !filing.cik)
      throw new EdgarError('edgar/filing-not-found', `The database no longer holds filing ${filing.id}`);
    return this.#fetch(filing.cik, filing.accessionNumber, `No filing ${filing.id} of CIK ${filing.cik} on EDGAR`);
  }

  async ingest(filing: Filing, bytes: Uint8Array): Promise<IngestResult> {
    const store = await this.#requireStore('filing.ingest()');
    if (!isFilingSink(store)) throw new EdgarError('edgar/needs-database', 'filing.ingest(): the store given cannot be written to');
    const summary = await ingest(store, [{ ok: true, source: filing.id, bytes }], { workers: 0 });
    const failed = summary.failed[0] ?? summary.notFilings[0];
    if (failed) throw new EdgarError('edgar/bad-request', `Cannot store filing ${filing.id}: ${failed.reason}`);
    return { filingId: filing.id, status: summary.ingested > 0 ? 'inserted' : summary.replaced > 0 ? 'replaced' : 'unchanged' };
  }

  /** A ticker or a name to a CIK: the ticker list first, then current and former names. */
  async #resolve(text: string): Promise<Cik> {
    const store = await this.#optionalStore();
    if (TICKER.test(text)) {
      const listed = this.#client ? (await this.#tickerList()).get(text.toUpperCase()) : undefined;
      if (listed) return listed.cik;
      const stored = store ? await store.findTicker(text) : null;
      if (stored) return stored.cik as Cik;
    }
    const candidates = new Map<string, string>();
    let exact: string | null = null;
    if (store) {
      for (const company of await store.listCompanies({ name: text, limit: 50 })) {
        candidates.set(company.cik, company.name ?? company.cik);
        if (sameName(company.name, text) || company.formerNames.some((former) => sameName(former.name, text))) exact ??= company.cik;
      }
    }
    if (this.#client && candidates.size === 0) {
      const wanted = text.toUpperCase();
      for (const entry of (await this.#tickerList()).values()) {
        if (!entry.title.toUpperCase().includes(wanted)) continue;
        candidates.set(entry.cik, entry.title);
        if (sameName(entry.title, text)) exact ??= entry.cik;
      }
    }
    if (exact) return exact as Cik;
    const [only, ...more] = [...candidates.keys()];
    if (only && more.length === 0) return only as Cik;
    if (only) {
      const listed = [...candidates.entries()].slice(0, 10).map(([cik, name]) => `${name} (CIK ${cik})`);
      throw new EdgarError(
        'edgar/ambiguous-company',
        `"${text}" matches ${candidates.size}${candidates.size >= 50 ? ' or more' : ''} companies: ${listed.join(', ')}${candidates.size > 10 ? ', …' : ''}; give a CIK or a ticker`,
      );
    }
    throw new EdgarError(
      'edgar/company-not-found',
      `No company has the ticker, CIK or name "${text}"${this.#where()}${
        !this.#client && store ? ' (for tickers, store SEC\'s list first: "edgarkit fetch tickers" or edgar.fetchTickers())' : ''
      }`,
    );
  }

  #where(): string {
    if (this.#client && this.#db) return ' on EDGAR or in the database';
    return this.#client ? ' on EDGAR' : ' in the database';
  }

  /** SEC's ticker list, fetched once per Edgar and kept in the database when there is one to write to. */
  #tickerList(): Promise<ReadonlyMap<string, CompanyTicker>> {
    this.#tickers ??= (async () => {
      const tickers = await fetchCompanyTickers(this.#requireClient('a ticker lookup'));
      const store = await this.#optionalStore();
      if (store && isTickerSink(store)) await store.replaceTickers([...tickers.values()]);
      return tickers;
    })();
    this.#tickers.catch(() => {
      this.#tickers = null;
    });
    return this.#tickers;
  }

  async #onlineCompany(cik: Cik, query: string): Promise<Company> {
    let submissions: CompanySubmissions;
    try {
      submissions = await fetchCompanySubmissions(this.#requireClient('a company'), cik);
    } catch (error) {
      if (error instanceof FetchError && error.status === 404)
        throw new EdgarError('edgar/company-not-found', `No company with CIK ${cik} on EDGAR (asked for "${query}")`);
      throw error;
    }
    const facts: CompanyFacts = {
      cik,
      name: submissions.name,
      tickers: submissions.tickers,
      formerNames: submissions.formerNames.map((former) => ({ name: former.name, dateChanged: former.to })),
      sic: submissions.sic,
      sicDescription: submissions.sicDescription,
      stateOfIncorporation: submissions.stateOfIncorporation,
      fiscalYearEnd: submissions.fiscalYearEnd,
      businessAddress: address(submissions.businessAddress, submissions.phone),
      mailAddress: address(submissions.mailingAddress, null),
    };
    return new Company(facts, this.#onlineFilings(submissions));
  }

  #onlineFilings(submissions: CompanySubmissions): CompanyFilingSource {
    const filingOf = (facts: FilingFacts) => new Filing(facts, this);
    const factsOf = (entry: CompanySubmissions['filings'][number]): FilingFacts => ({
      id: entry.accessionNumber,
      accessionNumber: entry.accessionNumber,
      cik: submissions.cik,
      form: entry.form,
      filedAt: entry.filingDate,
      periodOfReport: entry.reportDate,
    });
    return {
      filingsOf: (_company, options) => {
        const filter = checkFilingsOptions(options);
        return (async function* () {
          for (const entry of sortedNewestFirst(submissions.filings.map(factsOf))) if (filter(entry)) yield filingOf(entry);
        })();
      },
      factsOf: (_company, query) => this.#onlineFacts(query),
      filingOf: async (company, accessionNumber) => {
        const id = filingId(accessionNumber);
        const entry = submissions.filings.find((candidate) => candidate.accessionNumber === id);
        if (!entry) throw new EdgarError('edgar/filing-not-found', `EDGAR lists no filing ${id} of ${company.name ?? company.cik}`);
        return filingOf(factsOf(entry));
      },
    };
  }

  async #storedCompany(cik: Cik, query: string): Promise<Company> {
    const store = await this.#requireStore('a company');
    const view = await store.getCompany(cik);
    if (!view) {
      const listed = TICKER.test(query) ? await store.findTicker(query) : null;
      throw new EdgarError(
        'edgar/company-not-found',
        listed
          ? `${listed.ticker} is ${listed.title} (CIK ${listed.cik}) in SEC's ticker list, but the database holds none of its filings`
          : `The database holds no filing of CIK ${cik} (asked for "${query}")`,
      );
    }
    return new Company(storedFacts(view), this.#storedFilings(store));
  }

  #storedFilings(store: Store): CompanyFilingSource {
    const filingOf = (facts: FilingFacts) => new Filing(facts, this);
    return {
      filingsOf: (company, options) => {
        const filter = checkFilingsOptions(options);
        const forms = typeof options.form === 'string' ? [options.form] : (options.form ?? []);
        return (async function* () {
          // Pages newest first; filings of one day are put in accession order as EDGAR lists them.
          let day: FilingFacts[] = [];
          for (let offset = 0; ; offset += 200) {
            const page = await store.listFilings({
              cik: company.cik,
              ...(forms.length === 1 ? { form: forms[0] as string } : {}),
              ...(options.from ? { from: options.from } : {}),
              ...(options.to ? { to: options.to } : {}),
              limit: 200,
              offset,
            });
            for (const row of page) {
              const facts: FilingFacts = {
                id: row.filingId,
                accessionNumber: row.accessionNumber as AccessionNumber | null,
                cik: company.cik,
                form: row.formType,
                filedAt: row.filedAt,
                periodOfReport: row.periodOfReport,
              };
              if (!filter(facts)) continue;
              if (day.length > 0 && day[0]?.filedAt !== facts.filedAt) {
                for (const entry of sortedNewestFirst(day)) yield filingOf(entry);
                day = [];
              }
              day.push(facts);
            }
            if (page.length < 200) break;
          }
          for (const entry of sortedNewestFirst(day)) yield filingOf(entry);
        })();
      },
      filingOf: async (company, accessionNumber) => {
        const id = filingId(accessionNumber);
        const view = await store.getFiling(id);
        if (!view?.parties.some((party) => party.company?.cik === company.cik))
          throw new EdgarError('edgar/filing-not-found', `The database holds no filing ${id} of ${company.name ?? company.cik}`);
        return filingOf({
          id: view.filingId,
          accessionNumber: view.accessionNumber as AccessionNumber | null,
          cik: company.cik,
          form: view.formType,
          filedAt: view.filedAt,
          periodOfReport: view.periodOfReport,
        });
      },
      factsOf: (_company, query) => this.#storedFacts(query),
    };
  }

  /**
   * A company's facts of one concept from EDGAR's companyconcept API, filtered and ordered as the database's
   * `queryFacts` would give them after storing that document. A concept EDGAR has no facts of is an empty list.
   */
  async #onlineFacts(query: FactQuery): Promise<readonly StoredFact[]> {
    let checked: FactQuery;
    try {
      checked = checkFactQuery(query);
    } catch (error) {
      if (error instanceof RequestValueError) throw new EdgarError('edgar/bad-request', `company.facts(): ${error.message}`);
      throw error;
    }
    let facts: readonly StoredFact[];
    try {
      facts = (await fetchCompanyConcept(this.#requireClient('company.facts()'), checked.cik ?? '', checked.concept)).facts;
    } catch (error) {
      if (error instanceof LookupError) return [];
      if (error instanceof RangeError) throw new EdgarError('edgar/bad-request', `company.facts(): ${error.message}`);
      throw error;
    }
    const unit = checked.unit === undefined ? undefined : unitKey(checked.unit);
    const { from, to } = checked;
    // The APIs give facts of the whole company only: `dimensions` changes nothing here.
    return sortedSeries(
      facts.filter(
        (fact) =>
          (from === undefined || (fact.periodEnd !== null && fact.periodEnd >= from)) &&
          (to === undefined || (fact.periodEnd !== null && fact.periodEnd <= to)) &&
          (unit === undefined || unitKey(fact.unit) === unit),
      ),
    ).slice(0, checked.limit);
  }

  /** A company's facts of one concept from the database (EDGAR's XBRL JSON APIs are not read here). */
  async #storedFacts(query: FactQuery): Promise<readonly StoredFact[]> {
    const store = await this.#requireStore('company.facts()');
    try {
      return await store.queryFacts(query);
    } catch (error) {
      if (error instanceof RequestValueError) throw new EdgarError('edgar/bad-request', `company.facts(): ${error.message}`);
      throw error;
    }
  }

  async #fetch(cik: Cik, accessionNumber: AccessionNumber, notFound: string): Promise<Uint8Array> {
    try {
      return await fetchSubmissionText(this.#requireClient('a filing'), cik, accessionNumber);
    } catch (error) {
      if (error instanceof FetchError && error.status === 404) throw new EdgarError('edgar/filing-not-found', notFound);
      throw error;
    }
  }

  #requireClient(what: string): EdgarClient {
    if (!this.#client)
      throw new EdgarError(
        'edgar/needs-user-agent',
        `${what} needs EDGAR itself, and no userAgent was given: createEdgar({ userAgent: 'Jane Doe jane.doe@example.com', … })`,
      );
    return this.#client;
  }

  async #requireStore(what: string): Promise<Store> {
    const store = await this.#optionalStore();
    if (!store)
      throw new EdgarError('edgar/needs-database', `${what} needs a database, and none was given: createEdgar({ db: 'edgar.db', … })`);
    return store;
  }

  #optionalStore(): Promise<Store | null> {
    const db = this.#db;
    if (db === null) return Promise.resolve(null);
    if (typeof db !== 'string') return Promise.resolve(db);
    this.#store ??= (async () => {
      // Offline, a missing file is a mistake worth saying; online, it is made for what is ingested.
      if (!this.#client && db !== ':memory:' && !isPostgresUrl(db) && !existsSync(db))
        throw new EdgarError(
          'edgar/needs-database',
          `No database at ${db}: run "edgarkit ingest <files>" first, or give a userAgent to read EDGAR`,
        );
      return openStore(db);
    })();
    this.#store.catch(() => {
      this.#store = null;
    });
    return this.#store;
  }
}

function isFilingSink(store: Store): store is Store & FilingSink {
  return typeof (store as Partial<FilingSink>).writeFilings === 'function';
}

function isTickerSink(store: Store): store is Store & TickerSink {
  return typeof (store as Partial<TickerSink>).replaceTickers === 'function';
}

function storedFacts(view: CompanyView): CompanyFacts {
  return {
    cik: view.cik as Cik,
    name: view.name,
    tickers: view.tickers,
    formerNames: view.formerNames,
    sic: view.sic,
    sicDescription: view.sicDescription,
    stateOfIncorporation: view.stateOfIncorporation,
    fiscalYearEnd: view.fiscalYearEnd,
    businessAddress: storedAddress(view.businessAddress),
    mailAddress: storedAddress(view.mailAddress),
  };
}

function storedAddress(value: unknown): Address | null {
  if (typeof value !== 'object' || value === null) return null;
  const part = (key: keyof Address) => {
    const found = (value as Record<string, unknown>)[key];
    return typeof found === 'string' && found !== '' ? found : null;
  };
  return {
    street1: part('street1'),
    street2: part('street2'),
    city: part('city'),
    state: part('state'),
    zip: part('zip'),
    phone: part('phone'),
  };
}

/** The submissions JSON's address in the header's words (its `phone` is the business phone). */
function address(found: SubmissionsAddress | null, phone: string | null): Address | null {
  if (!found) return null;
  return { street1: found.street1, street2: found.street2, city: found.city, state: found.stateOrCountry, zip: found.zipCode, phone };
}

function sameName(name: string | null, query: string): boolean {
  return name !== null && name.trim().toUpperCase() === query.trim().toUpperCase();
}

/** An accession number (with or without dashes) or a database's local id, checked. */
function filingId(text: string): string {
  const trimmed = text.trim();
  if (LOCAL_ID.test(trimmed)) return trimmed;
  const accession = parseAccessionNumber(trimmed);
  if (!accession) throw new EdgarError('edgar/bad-request', `"${text}" is not an accession number such as 0000950127-09-000020`);
  return accession;
}

/** The options checked (a malformed date or form is an error, never an empty list), as a filter. */
function checkFilingsOptions(options: FilingsOptions): (facts: FilingFacts) => boolean {
  let forms: Set<string>;
  try {
    if (options.from !== undefined) checkDate('from', options.from);
    if (options.to !== undefined) checkDate('to', options.to);
    checkDateRange('from', options.from, 'to', options.to);
    const list = typeof options.form === 'string' ? [options.form] : (options.form ?? []);
    forms = new Set(list.map((form) => checkForm('form', form).toUpperCase()));
  } catch (error) {
    if (error instanceof RequestValueError) throw new EdgarError('edgar/bad-request', `company.filings(): ${error.message}`);
    throw error;
  }
  return (facts) =>
    (forms.size === 0 || forms.has((facts.form ?? '').toUpperCase())) &&
    (options.from === undefined || (facts.filedAt !== null && facts.filedAt >= options.from)) &&
    (options.to === undefined || (facts.filedAt !== null && facts.filedAt <= options.to));
}

/** The database's order of a time series: period end, start, CIK, unit, date filed, accession (text compared byte by byte). */
function sortedSeries(facts: readonly StoredFact[]): StoredFact[] {
  const key = (fact: StoredFact): string[] => [
    fact.periodEnd === null ? '1' : '0',
    fact.periodEnd ?? '',
    fact.periodStart ?? '',
    fact.cik,
    unitKey(fact.unit) ?? '',
    fact.filed ?? '',
    fact.accession ?? '',
  ];
  return [...facts].sort((a, b) => {
    const left = key(a);
    const right = key(b);
    for (let index = 0; index < left.length; index++) {
      const x = left[index] as string;
      const y = right[index] as string;
      if (x !== y) return x < y ? -1 : 1;
    }
    return 0;
  });
}

/** Newest day first, and within a day the highest accession number first: EDGAR's order. */
function sortedNewestFirst(list: readonly FilingFacts[]): FilingFacts[] {
  return [...list].sort((a, b) => (b.filedAt ?? '').localeCompare(a.filedAt ?? '') || b.id.localeCompare(a.id));
}
