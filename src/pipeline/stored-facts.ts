import { parseCik } from '../core/identifiers.js';
import type { StoredFact } from '../model/stored-fact.js';
import type { SubmissionHeader } from '../model/submission.js';
import type { XbrlFact } from '../model/xbrl-fact.js';

/** A date as the store keeps it: `YYYY-MM-DD` (a dateTime's day); anything else as written. */
function day(text: string): string {
  return /^\d{4}-\d{2}-\d{2}(?:T|$)/.test(text) ? text.slice(0, 10) : text;
}

/** The CIK a context names: its entity identifier when it is a CIK (EDGAR's scheme, or none given). */
function contextCik(fact: XbrlFact): string | null {
  const context = fact.context;
  if (!context?.entity) return null;
  if (context.scheme !== null && !/sec\.gov\/CIK/i.test(context.scheme)) return null;
  return parseCik(context.entity);
}

/**
 * A filing's facts as the store keeps them: the CIK is the context's entity identifier when it is a CIK, else the
 * filer's (the header's first party with a CIK); form and filing date are the header's. A fact with neither CIK
 * (a bare document whose contexts name no CIK) cannot be asked for by company and is left out.
 */
export function storedFactsOf(facts: readonly XbrlFact[], header: SubmissionHeader | null): StoredFact[] {
  const filerCik = header?.parties.find((party) => party.company?.cik)?.company?.cik ?? null;
  const filer = filerCik === null ? null : parseCik(filerCik);
  const stored: StoredFact[] = [];
  for (const fact of facts) {
    const cik = contextCik(fact) ?? filer;
    if (cik === null) continue;
    const period = fact.context?.period ?? null;
    stored.push({
      cik,
      accession: header?.accessionNumber ?? null,
      concept: fact.concept,
      periodStart: period?.type === 'duration' ? day(period.start) : null,
      periodEnd: period?.type === 'duration' ? day(period.end) : period?.type === 'instant' ? day(period.instant) : null,
      dimensions: fact.context?.dimensions ?? {},
      unit: fact.unit,
      value: fact.value,
      number: fact.number,
      decimals: fact.decimals,
      form: header?.formType ?? null,
      filed: header?.filedAt ?? null,
      fiscalYear: null,
      fiscalPeriod: null,
      frame: null,
      source: fact.source,
    });
  }
  return stored;
}
