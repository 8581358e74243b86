import type { BlobCompression, PreparedFiling } from '../model/prepared-filing.js';
import type { FactQuery, StoredFact } from '../model/stored-fact.js';
import type { Party } from '../model/submission.js';

export type { PreparedBlob, PreparedDocument, PreparedExhibit, PreparedFiling, PreparedSignature } from '../model/prepared-filing.js';
export type { FactQuery, StoredFact, StoredFactSource } from '../model/stored-fact.js';

/** Where prepared filings are written: what ingest needs of a store, and all it needs. */
export interface FilingSink {
  /** The content hash stored for an accession, or null: what idempotent ingest checks before any work. */
  contentHashOf(filingId: string): Promise<string | null>;
  /**
   * True when these exact bytes were stored for the accession, as the filing or as a copy of it (its `.nc` and its
   * `.txt`): ingest skips them before any work. Sinks without it are asked `contentHashOf`.
   */
  isStoredCopy?(filingId: string, contentHash: string): Promise<boolean>;
  /**
   * Writes prepared filings in one transaction: new accessions are inserted, changed ones replaced whole; a copy
   * of a stored filing (same `documentsDigest`, other bytes) is remembered as a copy and counted unchanged.
   */
  writeFilings(filings: readonly PreparedFiling[]): Promise<WriteResult>;
}

/**
 * The storage interface every adapter implements for reading (SQLite embedded by default; PostgreSQL to scale
 * out). Nothing database-specific crosses it: plain data in, plain data out, all asynchronous.
 */
export interface Store {
  search(query: SearchRequest): Promise<SearchPage>;
  getFiling(filingId: string): Promise<FilingView | null>;
  /** The exact bytes of the original submission. */
  getOriginal(filingId: string): Promise<Uint8Array | null>;
  /**
   * The original submission as stored (compressed or not), so a reader can stream it or read part of it without
   * holding it whole decompressed. Optional: a store without it is read with `getOriginal`.
   */
  getOriginalBlob?(filingId: string): Promise<StoredBlob | null>;
  /** Exact bytes of a stored attachment, by its content hash. */
  getBlob(sha256: string): Promise<Uint8Array | null>;
  /**
   * A stored attachment as stored (compressed or not), by its content hash, so a reader can stream it without
   * holding it whole decompressed. Optional: a store without it is read with `getBlob`.
   */
  getStoredBlob?(sha256: string): Promise<StoredBlob | null>;
  listCompanies(request: CompanyListRequest): Promise<readonly CompanyView[]>;
  getCompany(cik: string): Promise<CompanyView | null>;
  /** The stored ticker-list entry of a ticker (any case), or null: it may name a company with no filing stored. */
  findTicker(ticker: string): Promise<TickerEntry | null>;
  listFilings(request: FilingListRequest): Promise<readonly FilingSummaryView[]>;
  stats(): Promise<StoreStats>;
  /**
   * A time series of one XBRL concept: facts ordered by period end (then start), one per (company, period,
   * dimensions, unit, accession) however many sources gave it, a filing's own (inline, instance) preferred over
   * EDGAR's JSON APIs'. At most `query.limit` (default and most MAX_FACTS). A malformed query (a concept that is not
   * a QName, a bad date or CIK) is a RequestValueError.
   */
  queryFacts(query: FactQuery): Promise<readonly StoredFact[]>;
  /** The facts a stored filing reports, in the order it reports them, a page at a time (at most MAX_PAGE). */
  listFilingFacts(filingId: string, page?: { readonly limit?: number; readonly offset?: number }): Promise<readonly StoredFact[]>;
  /** Checks the database's own consistency; returns the problems found (empty when sound). */
  checkIntegrity(): Promise<readonly string[]>;
  close(): Promise<void>;
}

/** A blob as stored: `data` is compressed as `compression` says; `byteLength` is the length of the bytes it holds. */
export interface StoredBlob {
  readonly compression: BlobCompression;
  readonly data: Uint8Array;
  readonly byteLength: number;
}

/** One entry of SEC's ticker list (`company_tickers.json`): a ticker, the CIK it names, the company's title. */
export interface TickerEntry {
  /** Upper case as stored (`TM`, `BRK-B`). */
  readonly ticker: string;
  /** 10 digits. */
  readonly cik: string;
  readonly title: string;
}

/** Where SEC's ticker list is kept (`edgarkit fetch tickers`). */
export interface TickerSink {
  /**
   * Replaces the stored ticker list with this one, in one transaction, keeping its order (SEC lists a company's
   * main ticker first). A ticker listed twice is kept once, the first time. Returns how many are stored.
   */
  replaceTickers(tickers: readonly TickerEntry[]): Promise<number>;
}

/**
 * Where facts not tied to a stored filing are written (EDGAR's companyfacts, companyconcept and frames APIs). A fact
 * is known by its cik, accession, concept, period, dimensions, unit and source: writing it again updates it when a
 * value changed and otherwise changes nothing.
 */
export interface FactSink {
  /** Writes facts in one transaction; `written` counts those inserted or changed, `unchanged` the rest. */
  writeFacts(facts: readonly StoredFact[]): Promise<FactWriteResult>;
}

/** What `writeFacts` did. */
export interface FactWriteResult {
  readonly written: number;
  readonly unchanged: number;
}

/** The most facts one `queryFacts` returns (and its default limit). */
export const MAX_FACTS = 10_000;

/** A database opened for reading and writing: both adapters are one. */
export type ReadWriteStore = Store & FilingSink & TickerSink & FactSink;

/** What a write did: filings inserted, replaced and unchanged. */
export interface WriteResult {
  readonly inserted: number;
  readonly replaced: number;
  readonly unchanged: number;
}

/** How results are ordered. */
export type SearchSort = 'relevance' | 'newest' | 'oldest';

/** A search: the query text (the query language of `edgarkit search`), filters, page and sort. */
export interface SearchRequest {
  readonly text: string;
  readonly form?: string;
  readonly cik?: string;
  readonly company?: string;
  readonly from?: string;
  readonly to?: string;
  readonly limit?: number;
  readonly offset?: number;
  /** Default: relevance when the query has words, else newest. */
  readonly sort?: SearchSort;
}

/** One filing that matches: the query holds over one of its documents (every word somewhere in it). */
export interface SearchHit {
  readonly filingId: string;
  readonly accessionNumber: string | null;
  readonly formType: string | null;
  readonly filedAt: string | null;
  readonly companyName: string | null;
  readonly cik: string | null;
  /** The best document's score (higher is better); 0 where not ranked. */
  readonly score: number;
  /** The matching documents, best first, at most DOCUMENTS_PER_HIT (see store/search.ts). */
  readonly documents: readonly SearchDocumentHit[];
  /** Matching documents of this filing beyond those listed. */
  readonly moreDocuments: number;
}

/** A matching document of a search hit, with its snippet. */
export interface SearchDocumentHit {
  readonly sequence: number | null;
  /** The document's place in its submission, from 0. */
  readonly position: number;
  readonly type: string | null;
  readonly description: string | null;
  /**
   * Text of this document around the match, the matched words between `SNIPPET_MARK`s; fragments are joined by
   * `…`. Empty for a search with filters only.
   */
  readonly snippet: string;
  readonly score: number;
}

/** Markers around matched words in snippets (defined in core/, so the pure library exports it too). */
export { SNIPPET_MARK } from '../core/snippet-mark.js';

/** One value of a facet and the filings that have it. */
export interface SearchFacetCount {
  readonly value: string;
  readonly label: string;
  readonly count: number;
}

/** Filings of the result by form type, year filed and company (CIK): the ten largest of each. */
export interface SearchFacets {
  readonly forms: readonly SearchFacetCount[];
  readonly years: readonly SearchFacetCount[];
  readonly companies: readonly SearchFacetCount[];
}

/**
 * A page of search results: filings best first, the total, and facets.
 *
 * @example
 * ```ts
 * const page = await store.search({ text: '"convertible bonds" form:6-K', limit: 10 });
 * for (const hit of page.hits) console.log(hit.accessionNumber, hit.companyName, hit.documents[0]?.snippet);
 * ```
 */
export interface SearchPage {
  readonly hits: readonly SearchHit[];
  readonly limit: number;
  readonly offset: number;
  readonly sort: SearchSort;
  /** Filings that match; when `totalExact` is false, more than this many match (see COUNT_CAP). */
  readonly total: number;
  readonly totalExact: boolean;
  /** True when more documents matched than are ranked (RANK_CAP): relevance is among the newest of them. */
  readonly rankCapped: boolean;
  /** Over the whole result, or over the filings counted when `totalExact` is false. */
  readonly facets: SearchFacets;
}

/** Which companies to list, and the page. */
export interface CompanyListRequest {
  /**
   * Part of a current or former name, or a ticker (whole, any case): `stolt` finds ACERGY S.A., formerly STOLT
   * OFFSHORE S A; `ACGY` finds it by its ticker, listed before the companies whose names merely contain it.
   */
  readonly name?: string;
  readonly limit?: number;
  readonly offset?: number;
}

/** A company as stored: its facts from its newest filing, its former names, its tickers and how many filings it is a party to. */
export interface CompanyView {
  readonly cik: string;
  readonly name: string | null;
  readonly sic: string | null;
  readonly sicDescription: string | null;
  readonly stateOfIncorporation: string | null;
  readonly fiscalYearEnd: string | null;
  readonly businessAddress: unknown;
  readonly mailAddress: unknown;
  readonly formerNames: readonly { readonly name: string; readonly dateChanged: string | null }[];
  /** Its tickers in SEC's ticker list, main one first (empty until `edgarkit fetch tickers` stored the list). */
  readonly tickers: readonly string[];
  readonly filingCount: number;
}

/** Which filings to list (CIK, form, dates), and the page. */
export interface FilingListRequest {
  readonly cik?: string;
  readonly form?: string;
  readonly from?: string;
  readonly to?: string;
  readonly limit?: number;
  readonly offset?: number;
}

/** A filing in a list: accession number, form, dates, company and document count. */
export interface FilingSummaryView {
  readonly filingId: string;
  readonly accessionNumber: string | null;
  readonly formType: string | null;
  readonly filedAt: string | null;
  readonly periodOfReport: string | null;
  readonly companyName: string | null;
  readonly cik: string | null;
  readonly documentCount: number;
}

/** A stored filing whole: header facts, parties, the full header, the extracted record, its documents and exhibits. */
export interface FilingView extends FilingSummaryView {
  readonly acceptanceDateTime: string | null;
  readonly dateOfChange: string | null;
  readonly format: string;
  readonly items: readonly string[];
  readonly groupMembers: readonly string[];
  readonly parties: readonly Party[];
  readonly header: unknown;
  readonly formRecord: unknown;
  readonly diagnostics: unknown;
  readonly byteLength: number;
  readonly contentHash: string;
  readonly source: string;
  readonly documents: readonly DocumentView[];
  readonly exhibits: readonly { readonly number: string; readonly description: string | null; readonly documentSequence: number | null }[];
  /** The XBRL facts stored with the filing (its inline XBRL or instance documents'). */
  readonly factCount: number;
}

/** A stored document: its header fields, where its body is in the original, and its attachment when decoded. */
export interface DocumentView {
  readonly position: number;
  readonly sequence: number | null;
  readonly type: string | null;
  readonly filename: string | null;
  readonly description: string | null;
  readonly byteLength: number;
  readonly bodyStart: number;
  readonly bodyEnd: number;
  readonly encoding: 'text' | 'uuencode';
  readonly wrapper: string | null;
  readonly sourceFormat: string;
  readonly attachmentSha256: string | null;
  readonly attachmentName: string | null;
}

/** What a database holds: filings, documents, companies, blobs, bytes, form types and the dates covered. */
export interface StoreStats {
  readonly filings: number;
  readonly documents: number;
  readonly companies: number;
  readonly blobs: number;
  readonly blobBytes: number;
  readonly originalBytes: number;
  /** XBRL facts: those read from stored filings and those written from EDGAR's JSON APIs. */
  readonly facts: number;
  readonly formTypes: readonly { readonly formType: string; readonly count: number }[];
  readonly firstFiledAt: string | null;
  readonly lastFiledAt: string | null;
}

/** Page lengths are bounded everywhere so no request can ask for the whole database at once. */
export const MAX_PAGE = 200;
/** The furthest a page may start. */
export const MAX_OFFSET = 1_000_000;

/**
 * A page within the bounds: a last guard inside the adapters. The shells refuse values outside them with
 * `checkLimit`/`checkOffset` (request-values.ts), so nothing is cut short silently.
 */
export function pageOf(limit: number | undefined, offset: number | undefined, fallback = 20): { limit: number; offset: number } {
  const safeLimit = Math.min(MAX_PAGE, Math.max(1, Math.floor(limit ?? fallback)));
  const safeOffset = Math.min(MAX_OFFSET, Math.max(0, Math.floor(offset ?? 0)));
  return { limit: safeLimit, offset: safeOffset };
}
