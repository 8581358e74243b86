import type { Diagnostic } from '../core/diagnostic.js';

/** When a fact holds: at an instant, over a duration, or forever (XBRL 2.1 §4.7.2). Dates as written (`YYYY-MM-DD`). */
export type XbrlPeriod =
  | { readonly type: 'instant'; readonly instant: string }
  | { readonly type: 'duration'; readonly start: string; readonly end: string }
  | { readonly type: 'forever' };

/** A context: the entity, the period and the dimension members a fact is reported for. */
export interface XbrlContext {
  readonly id: string;
  /** The entity identifier (on EDGAR, the CIK), with its scheme. */
  readonly entity: string | null;
  readonly scheme: string | null;
  readonly period: XbrlPeriod | null;
  /** Explicit and typed members by axis (`us-gaap:StatementBusinessSegmentsAxis` → `tsla:AutomotiveSegmentMember`). */
  readonly dimensions: Readonly<Record<string, string>>;
}

/** A unit: its measures (`iso4217:USD`), or a ratio of them (`iso4217:USD` per `xbrli:shares`). */
export interface XbrlUnit {
  readonly id: string;
  readonly numerator: readonly string[];
  readonly denominator: readonly string[];
}

/** Where an inline fact's content stands: a character range of its document's decoded text (the HTML source). */
export interface XbrlFactSpan {
  /** The document's `<SEQUENCE>`, or its 1-based position when it has none. */
  readonly document: number;
  readonly start: number;
  readonly end: number;
}

/**
 * One reported fact. `value` is the fact's XBRL value: for a numeric fact the decimal number after the format's
 * transformation, `scale` and `sign`, as a string (exact: no binary rounding); for a non-numeric fact its text after
 * the transformation. It is null when the fact is nil or when its format cannot be read (a diagnostic says why);
 * `text` is always what the document shows.
 */
export interface XbrlFact {
  /** The concept's QName as written (`us-gaap:Revenues`). */
  readonly concept: string;
  readonly id: string | null;
  readonly kind: 'numeric' | 'nonNumeric';
  readonly value: string | null;
  /** The value as a JavaScript number, for numeric facts (may round beyond 15 significant digits). */
  readonly number: number | null;
  /** The text shown (inline) or written (instance), before any transformation. */
  readonly text: string;
  readonly contextRef: string;
  readonly context: XbrlContext | null;
  readonly unitRef: string | null;
  /** The unit as measures: `iso4217:USD`, `iso4217:USD/xbrli:shares`. */
  readonly unit: string | null;
  /** As written: an integer or `INF`. */
  readonly decimals: string | null;
  readonly scale: number | null;
  readonly format: string | null;
  readonly nil: boolean;
  /** Inline facts: where the shown text stands in its document. Instance facts: null. */
  readonly span: XbrlFactSpan | null;
  /** `inline` (an `ix:` element of an HTML document) or `instance` (an XBRL instance document). */
  readonly source: 'inline' | 'instance';
}

/** Every fact one document reports, with the contexts and units they refer to. */
export interface XbrlFacts {
  readonly facts: readonly XbrlFact[];
  readonly contexts: readonly XbrlContext[];
  readonly units: readonly XbrlUnit[];
  readonly diagnostics: readonly Diagnostic[];
}

/** A fact's period in one cell: `2019-12-31`, `2019-01-01..2019-12-31`, `forever`, or empty. */
export function periodText(fact: XbrlFact): string {
  const period = fact.context?.period;
  if (!period) return '';
  if (period.type === 'instant') return period.instant;
  if (period.type === 'duration') return `${period.start}..${period.end}`;
  return 'forever';
}

/** A fact's dimensions in one cell: `axis=member;axis=member`, empty when it has none. */
export function dimensionsText(fact: XbrlFact): string {
  return Object.entries(fact.context?.dimensions ?? {})
    .map(([axis, member]) => `${axis}=${member}`)
    .join(';');
}
