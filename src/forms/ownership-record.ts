import type { Diagnostic } from '../core/diagnostic.js';
import type { Exhibit } from './attached-exhibits.js';
import type { Field } from './field.js';
import type { SignatureBlock } from './signatures.js';

/**
 * Forms 3, 4 and 5 (and their amendments): statements of beneficial ownership by insiders. Read from the
 * ownership XML EDGAR has required since 2003, or, where the text allows, from the legacy-ASCII form of the
 * SGML era; both give this one record.
 */
export interface OwnershipRecord {
  readonly form: '3' | '3/A' | '4' | '4/A' | '5' | '5/A';
  /** `xml`: the ownership XML document; `text`: the legacy-ASCII form (before 2003). */
  readonly source: 'xml' | 'text';
  /** The XML's `schemaVersion` (`X0508`); null for the text form. */
  readonly schemaVersion: Field<string | null>;
  /** YYYY-MM-DD: the date of the earliest transaction reported (the text form's "Statement for Month/Year"). */
  readonly periodOfReport: Field<string | null>;
  /** YYYY-MM-DD, for an amendment: the date the original was filed. */
  readonly dateOfOriginalSubmission: Field<string | null>;
  /** The "no longer subject to Section 16" box. */
  readonly notSubjectToSection16: Field<boolean | null>;
  readonly issuer: OwnershipIssuer;
  readonly reportingOwners: readonly ReportingOwner[];
  /** Table I: non-derivative securities acquired, disposed of or owned, in the order the form lists them. */
  readonly nonDerivative: readonly OwnershipEntry[];
  /** Table II: derivative securities (options, warrants, convertibles, units). */
  readonly derivative: readonly OwnershipEntry[];
  readonly footnotes: readonly OwnershipFootnote[];
  readonly remarks: Field<string | null>;
  readonly exhibits: readonly Exhibit[];
  /** The owner's signatures: `signature` as written, and its date. */
  readonly signatures: readonly SignatureBlock[];
  readonly diagnostics: readonly Diagnostic[];
}

export interface OwnershipIssuer {
  /** Ten digits, as written. */
  readonly cik: Field<string | null>;
  readonly name: Field<string | null>;
  readonly tradingSymbol: Field<string | null>;
}

export interface ReportingOwner {
  readonly cik: Field<string | null>;
  readonly name: Field<string | null>;
  readonly isDirector: Field<boolean | null>;
  readonly isOfficer: Field<boolean | null>;
  readonly isTenPercentOwner: Field<boolean | null>;
  readonly isOther: Field<boolean | null>;
  readonly officerTitle: Field<string | null>;
  /** What "Other" means, when marked. */
  readonly otherText: Field<string | null>;
}

/** One row of Table I or II: a transaction (`kind: 'transaction'`) or a holding reported without one. */
export interface OwnershipEntry {
  readonly kind: 'transaction' | 'holding';
  readonly securityTitle: Field<string | null>;
  /** Table II: the conversion or exercise price of the derivative security. */
  readonly conversionOrExercisePrice: Field<number | null>;
  /** YYYY-MM-DD. */
  readonly transactionDate: Field<string | null>;
  readonly deemedExecutionDate: Field<string | null>;
  /** The transaction code: `P` purchase, `S` sale, `A` grant, `M` exercise, `F` tax withholding, `G` gift, … */
  readonly transactionCode: Field<string | null>;
  readonly equitySwapInvolved: Field<boolean | null>;
  /** Shares (or units) acquired or disposed of. */
  readonly shares: Field<number | null>;
  /** Where the form reports a value instead of shares (debt securities). */
  readonly totalValue: Field<number | null>;
  readonly pricePerShare: Field<number | null>;
  readonly acquiredDisposed: Field<'A' | 'D' | null>;
  /** Table II: YYYY-MM-DD. */
  readonly exerciseDate: Field<string | null>;
  readonly expirationDate: Field<string | null>;
  readonly underlyingTitle: Field<string | null>;
  readonly underlyingShares: Field<number | null>;
  /** Shares owned after the transaction, or owned (a holding). */
  readonly sharesOwnedAfter: Field<number | null>;
  /** `D` direct, `I` indirect. */
  readonly directOrIndirect: Field<'D' | 'I' | null>;
  /** The nature of indirect ownership: "By Trust", "By spouse". */
  readonly natureOfOwnership: Field<string | null>;
  /** The footnotes that annotate this row's values, each with the field it is attached to. */
  readonly footnotes: readonly FootnoteReference[];
  readonly span: Field<null>['span'];
}

export interface OwnershipFootnote {
  /** `F1`. */
  readonly id: string;
  readonly text: Field<string | null>;
}

/** A footnote mark on a value, resolved to the footnote's text. */
export interface FootnoteReference {
  /** The field of the row it annotates: `pricePerShare`, `securityTitle`, … */
  readonly field: string;
  readonly id: string;
  /** The footnote's text; null when the document has no footnote of that id. */
  readonly text: string | null;
}

export const OWNERSHIP_FORMS = ['3', '3/A', '4', '4/A', '5', '5/A'] as const;

/** The ownership form a submission type names (`4`, `4/A`; `3`…`5/A`), or null. */
export function ownershipForm(formType: string | null): OwnershipRecord['form'] | null {
  const normalized = (formType ?? '').trim().toUpperCase();
  return (OWNERSHIP_FORMS as readonly string[]).includes(normalized) ? (normalized as OwnershipRecord['form']) : null;
}
