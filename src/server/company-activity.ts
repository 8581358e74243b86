import type { Store } from '../store/store.js';
import type { YearCount } from './filings-chart.js';

/** How many of a company's filings (the newest) its activity is counted over: a bounded number of bounded reads. */
export const ACTIVITY_LIMIT = 1000;

/** What a company has filed, counted: per year and form (for the chart) and per form (for the filter). */
export interface CompanyActivity {
  readonly perYear: readonly YearCount[];
  /** Form types with their counts, most frequent first. */
  readonly forms: readonly (readonly [string, number])[];
  /** True when the company has more than ACTIVITY_LIMIT filings and only the newest were counted. */
  readonly truncated: boolean;
}

/**
 * Reads the company's filings a page at a time through a search of filters only (it reads the few columns
 * needed, where a filing list reads whole rows) and counts them.
 */
export async function readCompanyActivity(store: Store, cik: string): Promise<CompanyActivity> {
  const filings: { readonly formType: string | null; readonly filedAt: string | null }[] = [];
  let truncated = true;
  while (filings.length < ACTIVITY_LIMIT) {
    const page = await store.search({ text: '', cik, limit: 200, offset: filings.length });
    filings.push(...page.hits);
    if (page.hits.length < 200) {
      truncated = false;
      break;
    }
  }
  const years = new Map<string, YearCount>();
  const forms = new Map<string, number>();
  for (const filing of filings) {
    const form = filing.formType ?? '?';
    if (filing.formType) forms.set(form, (forms.get(form) ?? 0) + 1);
    const year = Number(filing.filedAt?.slice(0, 4));
    if (!Number.isInteger(year) || year < 1900) continue;
    const key = `${year}\u0000${form}`;
    years.set(key, { year, form, count: (years.get(key)?.count ?? 0) + 1 });
  }
  return {
    perYear: [...years.values()],
    forms: [...forms.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])),
    truncated,
  };
}
