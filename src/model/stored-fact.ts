/**
 * XBRL facts as the store keeps them: one row shape for the facts a filing reports itself (inline XBRL and instance
 * documents, read during ingest) and for the facts EDGAR's XBRL JSON APIs give (companyfacts, companyconcept,
 * frames), so that one query over concept, company and period gives a time series whatever the source.
 */

/** Where a stored fact came from: a filing's own documents, or one of EDGAR's XBRL JSON APIs. */
export type StoredFactSource = 'inline' | 'instance' | 'companyfacts' | 'companyconcept' | 'frames';

/** One stored fact. Dates are `YYYY-MM-DD`; an instant has `periodStart` null and its date in `periodEnd`. */
export interface StoredFact {
  /** The reporting entity's CIK, ten digits. */
  readonly cik: string;
  /** The filing that reported the fact (the JSON APIs' `accn`), when known. */
  readonly accession: string | null;
  /** The concept's QName: `us-gaap:Revenues`, `dei:EntityCommonStockSharesOutstanding`. */
  readonly concept: string;
  readonly periodStart: string | null;
  readonly periodEnd: string | null;
  /** Axis → member; empty for a fact of the whole entity (the JSON APIs give only such facts). */
  readonly dimensions: Readonly<Record<string, string>>;
  /** `iso4217:USD`, `xbrli:shares`, `iso4217:USD/xbrli:shares`; the JSON APIs' `USD`, `shares`, `USD/shares` as given. */
  readonly unit: string | null;
  /** The exact value (decimal string for numbers), null when nil or unreadable. */
  readonly value: string | null;
  readonly number: number | null;
  readonly decimals: string | null;
  /** The form of the reporting filing (`10-K`, `20-F`), when known. */
  readonly form: string | null;
  /** When the reporting filing was filed, when known. */
  readonly filed: string | null;
  /** The JSON APIs' `fy`, `fp` and `frame` (`CY2019Q1I`); null for facts read from a filing. */
  readonly fiscalYear: number | null;
  readonly fiscalPeriod: string | null;
  readonly frame: string | null;
  readonly source: StoredFactSource;
}

/** A time-series question: one concept, optionally one company, a period window and a unit. */
export interface FactQuery {
  readonly concept: string;
  readonly cik?: string;
  /** Facts whose period ends on or after `from` and on or before `to`. */
  readonly from?: string;
  readonly to?: string;
  readonly unit?: string;
  /** `none` (default): only facts of the whole entity; `any`: dimensioned facts too. */
  readonly dimensions?: 'none' | 'any';
  readonly limit?: number;
}
