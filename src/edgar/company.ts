import type { Cik } from '../core/identifiers.js';
import type { FactQuery, StoredFact } from '../model/stored-fact.js';
import type { Address } from '../model/submission.js';
import type { Filing } from './filing.js';

/** A name the company was known by, and when it changed (`DATE OF NAME CHANGE`, YYYY-MM-DD). */
export interface FormerName {
  readonly name: string;
  readonly dateChanged: string | null;
}

/** Which of a company's filings to list. Every filter is optional; filings come newest first. */
export interface FilingsOptions {
  /** Only this form type, or these (exactly: `6-K` does not include `6-K/A`). */
  readonly form?: string | readonly string[];
  /** Filed on or after this day (YYYY-MM-DD). */
  readonly from?: string;
  /** Filed on or before this day (YYYY-MM-DD). */
  readonly to?: string;
}

/** What a company is, the same whether it was read from EDGAR or from a database. */
export interface CompanyFacts {
  /** 10 digits. */
  readonly cik: Cik;
  readonly name: string | null;
  /** Its tickers in SEC's ticker list, main one first (offline: after `edgarkit fetch tickers`). */
  readonly tickers: readonly string[];
  /** Newest change first. */
  readonly formerNames: readonly FormerName[];
  /** The 4-digit SIC code. */
  readonly sic: string | null;
  readonly sicDescription: string | null;
  /** EDGAR's state or country code as stored (`DE`, `N4` for Luxembourg). */
  readonly stateOfIncorporation: string | null;
  /** MMDD. */
  readonly fiscalYearEnd: string | null;
  /** `state` is EDGAR's state or country code as stored (`X0` for the United Kingdom). */
  readonly businessAddress: Address | null;
  readonly mailAddress: Address | null;
}

/** Which of a company's facts of one concept to give. Every filter is optional. */
export interface FactsOptions {
  /** Periods ending on or after this day (YYYY-MM-DD). */
  readonly from?: string;
  /** Periods ending on or before this day (YYYY-MM-DD). */
  readonly to?: string;
  /** Only this unit: `USD` (or `iso4217:USD`), `shares`, `USD/shares`. */
  readonly unit?: string;
  /** `none` (default): facts of the whole company; `any`: of its segments and other members too. */
  readonly dimensions?: 'none' | 'any';
}

/** Where a Company gets its filings (EDGAR's list of them, or the database's) and its XBRL facts. */
export interface CompanyFilingSource {
  filingsOf(company: Company, options: FilingsOptions): AsyncIterable<Filing>;
  filingOf(company: Company, accessionNumber: string): Promise<Filing>;
  factsOf(company: Company, query: FactQuery): Promise<readonly StoredFact[]>;
}

/**
 * A company, found by `edgar.company(…)` by ticker, CIK or name: its facts, and its filings.
 *
 * @example
 * ```ts
 * const acergy = await edgar.company('ACGY');           // or 898685, or 'stolt' (a former name)
 * console.log(acergy.name, acergy.tickers, acergy.formerNames.map((former) => former.name));
 * for await (const filing of acergy.filings({ form: '6-K', from: '2010-01-01' })) console.log(filing.accessionNumber);
 * ```
 */
export class Company implements CompanyFacts {
  readonly cik: Cik;
  readonly name: string | null;
  readonly tickers: readonly string[];
  readonly formerNames: readonly FormerName[];
  readonly sic: string | null;
  readonly sicDescription: string | null;
  readonly stateOfIncorporation: string | null;
  readonly fiscalYearEnd: string | null;
  readonly businessAddress: Address | null;
  readonly mailAddress: Address | null;
  readonly #source: CompanyFilingSource;

  /** @internal Made by `edgar.company()`. */
  constructor(facts: CompanyFacts, source: CompanyFilingSource) {
    this.cik = facts.cik;
    this.name = facts.name;
    this.tickers = facts.tickers;
    // Newest change first, by name when two changed on the same day, whichever source listed them.
    this.formerNames = [...facts.formerNames].sort(
      (a, b) => (b.dateChanged ?? '').localeCompare(a.dateChanged ?? '') || a.name.localeCompare(b.name),
    );
    this.sic = facts.sic;
    this.sicDescription = facts.sicDescription;
    this.stateOfIncorporation = facts.stateOfIncorporation;
    this.fiscalYearEnd = facts.fiscalYearEnd;
    this.businessAddress = facts.businessAddress;
    this.mailAddress = facts.mailAddress;
    this.#source = source;
  }

  /**
   * The company's filings, newest first (by day filed, then accession number), as an async iterable: online
   * EDGAR's whole list of them (`filings.recent` and the older pages), offline those the database holds.
   */
  filings(options: FilingsOptions = {}): AsyncIterable<Filing> {
    return this.#source.filingsOf(this, options);
  }

  /** One filing of the company by accession number. */
  filing(accessionNumber: string): Promise<Filing> {
    return this.#source.filingOf(this, accessionNumber);
  }

  /**
   * One XBRL concept of the company over time (`us-gaap:Revenues`), ordered by period end, then start, unit, date
   * filed and accession. Online (a `userAgent`), EDGAR's companyconcept API through the polite client: one request,
   * and a concept the company never reported is an empty list. Offline, the facts the database holds, read from its
   * stored filings (inline XBRL, instance documents) and from EDGAR's JSON APIs (`edgarkit fetch facts`), each once,
   * a filing's own preferred. The same `StoredFact` rows either way: `value` is exact, `number` is null where a
   * double would round it.
   *
   * @example
   * ```ts
   * for (const fact of await tesla.facts('us-gaap:Revenues')) console.log(fact.periodEnd, fact.value, fact.unit);
   * ```
   */
  facts(concept: string, options: FactsOptions = {}): Promise<readonly StoredFact[]> {
    return this.#source.factsOf(this, { ...options, concept, cik: this.cik });
  }

  /** The facts, without the methods (what `JSON.stringify` writes). */
  toJSON(): CompanyFacts {
    const { cik, name, tickers, formerNames, sic, sicDescription, stateOfIncorporation, fiscalYearEnd, businessAddress, mailAddress } =
      this;
    return { cik, name, tickers, formerNames, sic, sicDescription, stateOfIncorporation, fiscalYearEnd, businessAddress, mailAddress };
  }
}
