import { createHash } from 'node:crypto';
import type { FactQuery, StoredFact, StoredFactSource } from '../model/stored-fact.js';
import type { Row } from './rows.js';

/**
 * The `xbrl_facts` table as both adapters write and read it: the values of a row in column order, the fact read
 * back, and the one time-series query (SQL that both databases run, with their own parameter marks).
 */

/** The columns of a fact row after its filing's row id, in the order `factValues` gives them. */
export const FACT_COLUMNS = [
  'cik',
  'accession',
  'concept',
  'period_start',
  'period_end',
  'dimensions',
  'unit',
  'unit_key',
  'value',
  'number',
  'decimals',
  'form',
  'filed',
  'fiscal_year',
  'fiscal_period',
  'frame',
  'source',
] as const;

/** Dimensions as stored: JSON of an object whose keys (axes) are sorted, so one set of members is one text. */
export function canonicalDimensions(dimensions: Readonly<Record<string, string>>): string {
  const axes = Object.keys(dimensions).sort();
  return `{${axes.map((axis) => `${JSON.stringify(axis)}:${JSON.stringify(dimensions[axis])}`).join(',')}}`;
}

/**
 * A unit as compared across sources: its measures' local names (`iso4217:USD/xbrli:shares` → `USD/shares`), which
 * is how EDGAR's JSON APIs write units. A filing's fact and the API's copy of it thus have one key.
 */
export function unitKey(unit: string | null): string | null {
  return unit === null ? null : unit.replace(/(^|[/*\s])[\w.-]+:/g, '$1');
}

/**
 * What a fact not tied to a stored filing is known by (cik, accession, concept, period, dimensions, unit, source),
 * as a short digest: writing a fact with the same identity again updates that row rather than adding one.
 */
export function factIdentity(fact: StoredFact): string {
  const key = JSON.stringify([
    fact.cik,
    fact.accession,
    fact.concept,
    fact.periodStart,
    fact.periodEnd,
    canonicalDimensions(fact.dimensions),
    fact.unit,
    fact.source,
  ]);
  return createHash('sha256').update(key).digest('hex').slice(0, 32);
}

export function factValues(fact: StoredFact): unknown[] {
  return [
    fact.cik,
    fact.accession,
    fact.concept,
    fact.periodStart,
    fact.periodEnd,
    canonicalDimensions(fact.dimensions),
    fact.unit,
    unitKey(fact.unit),
    fact.value,
    fact.number,
    fact.decimals,
    fact.form,
    fact.filed,
    fact.fiscalYear,
    fact.fiscalPeriod,
    fact.frame,
    fact.source,
  ];
}

const text = (value: unknown): string | null => (value === null || value === undefined ? null : String(value));
const numberOrNull = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));

/** A fact row read back (dimensions JSON parsed; a row whose JSON cannot be read gives no dimensions). */
export function storedFactView(row: Row): StoredFact {
  let dimensions: Record<string, string> = {};
  try {
    dimensions = JSON.parse(String(row.dimensions ?? '{}')) as Record<string, string>;
  } catch {
    dimensions = {};
  }
  return {
    cik: String(row.cik),
    accession: text(row.accession),
    concept: String(row.concept),
    periodStart: text(row.period_start),
    periodEnd: text(row.period_end),
    dimensions,
    unit: text(row.unit),
    value: text(row.value),
    number: numberOrNull(row.number),
    decimals: text(row.decimals),
    form: text(row.form),
    filed: text(row.filed),
    fiscalYear: numberOrNull(row.fiscal_year),
    fiscalPeriod: text(row.fiscal_period),
    frame: text(row.frame),
    source: String(row.source) as StoredFactSource,
  };
}

/** Which source of one fact is kept: the filing's own first, then the JSON APIs'. */
const SOURCE_RANK = `CASE source WHEN 'inline' THEN 0 WHEN 'instance' THEN 1 WHEN 'companyfacts' THEN 2 WHEN 'companyconcept' THEN 3 ELSE 4 END`;

/** The columns read back, from a row of `xbrl_facts` (or of the ranked set). */
export const FACT_SELECT = `id, ${FACT_COLUMNS.join(', ')}`;

/**
 * The time series of a checked query (see `checkFactQuery`): each fact once per (cik, concept, period, dimensions,
 * unit, accession), its best source kept, ordered by period end, then start, then the rest so the order is the same
 * on both databases. `param` adds a value and returns its mark (`?` or `$n`); `collate` is how text is compared
 * byte by byte (PostgreSQL's `COLLATE "C"`; SQLite compares so already).
 */
export function factSeriesSql(query: FactQuery, param: (value: unknown) => string, collate: string): string {
  const where = [`concept = ${param(query.concept)}`];
  if (query.cik !== undefined) where.push(`cik = ${param(query.cik)}`);
  if (query.from !== undefined) where.push(`period_end >= ${param(query.from)}`);
  if (query.to !== undefined) where.push(`period_end <= ${param(query.to)}`);
  if (query.unit !== undefined) where.push(`unit_key = ${param(unitKey(query.unit))}`);
  if ((query.dimensions ?? 'none') === 'none') where.push(`dimensions = '{}'`);
  return `SELECT ${FACT_SELECT} FROM (
      SELECT ${FACT_SELECT}, row_number() OVER (
        PARTITION BY cik, period_start, period_end, dimensions, unit_key, accession ORDER BY ${SOURCE_RANK}, id) AS copy
      FROM xbrl_facts WHERE ${where.join(' AND ')}) AS ranked
    WHERE copy = 1
    ORDER BY period_end IS NULL, period_end${collate}, coalesce(period_start, '')${collate}, cik${collate},
      coalesce(unit_key, '')${collate}, dimensions${collate}, coalesce(filed, '')${collate}, coalesce(accession, '')${collate}, id
    LIMIT ${param(query.limit)}`;
}
