import type { FormRecord } from '../forms/extract-filing.js';
import type { Form13FRecord, Holding } from '../forms/form-13f.js';
import type { FootnoteReference, OwnershipEntry, OwnershipRecord } from '../forms/ownership-record.js';
import { holdingSchema } from '../model/form-13f-record.js';
import { ownershipEntrySchema, ownershipIssuerSchema } from '../model/ownership-record.js';
import { csvColumns } from '../model/record-schema.js';
import { csvLine } from '../render/csv.js';

/**
 * `extract --csv` for the forms whose records are tables: with `--form 4` (3, 5 and amendments) one row per
 * transaction or holding of Tables I and II; with `--form 13F-HR` one row per holding of the information table.
 */

interface RowSource {
  readonly source: string;
  readonly accessionNumber: string | null;
  readonly formType: string | null;
  readonly record: FormRecord | null;
}

/** An entry's or a holding's columns, from its one definition (model/ownership-record.ts, model/form-13f-record.ts). */
const ENTRY_COLUMNS = csvColumns(ownershipEntrySchema);
const ISSUER_COLUMNS = csvColumns(ownershipIssuerSchema);
const HOLDING_COLUMNS = csvColumns(holdingSchema);

export const OWNERSHIP_CSV_COLUMNS: readonly string[] = [
  'source',
  'accessionNumber',
  'formType',
  'periodOfReport',
  ...ISSUER_COLUMNS.map(([column]) => column),
  'ownerCik',
  'ownerName',
  'relationship',
  'table',
  ...ENTRY_COLUMNS.map(([column]) => column),
];

export const HOLDINGS_CSV_COLUMNS: readonly string[] = [
  'source',
  'accessionNumber',
  'formType',
  'periodOfReport',
  'manager',
  'valueUnit',
  ...HOLDING_COLUMNS.map(([column]) => column),
];

/** A field's value for a cell: a `{ value, span }`'s value, a footnote list as `field id: text | …`, else as it is. */
function cell(value: unknown): unknown {
  if (Array.isArray(value))
    return (value as FootnoteReference[]).map((note) => `${note.field} ${note.id}: ${note.text ?? '(no such footnote)'}`).join(' | ');
  if (value !== null && typeof value === 'object' && 'value' in value) return (value as { value: unknown }).value;
  return value;
}

const cells = (row: object, columns: readonly (readonly [string, string])[]) =>
  columns.map(([, field]) => cell((row as Record<string, unknown>)[field]));

/** Which table-shaped CSV a `--form` asks for, if any. */
export function tableCsvKind(form: string | undefined): 'ownership' | 'holdings' | null {
  const type = (form ?? '').trim().toUpperCase();
  if (/^[345](?:\/A)?$/.test(type)) return 'ownership';
  if (/^13F-(?:HR|NT)(?:\/A)?$/.test(type)) return 'holdings';
  return null;
}

function isOwnership(record: FormRecord | null): record is OwnershipRecord {
  return record !== null && 'reportingOwners' in record;
}

function is13F(record: FormRecord | null): record is Form13FRecord {
  return record !== null && 'holdings' in record;
}

/** The relationship boxes a reporting owner marks: `Director; Officer (CFO); 10% Owner`. */
export function relationshipOf(owner: OwnershipRecord['reportingOwners'][number]): string {
  const parts: string[] = [];
  if (owner.isDirector.value) parts.push('Director');
  if (owner.isOfficer.value) parts.push(owner.officerTitle.value ? `Officer (${owner.officerTitle.value})` : 'Officer');
  if (owner.isTenPercentOwner.value) parts.push('10% Owner');
  if (owner.isOther.value) parts.push(owner.otherText.value ? `Other (${owner.otherText.value})` : 'Other');
  return parts.join('; ');
}

export function ownershipCsvRows(output: RowSource): string {
  const record = output.record;
  if (!isOwnership(record)) return '';
  const owners = record.reportingOwners;
  const common = [
    output.source,
    output.accessionNumber,
    output.formType ?? record.form,
    record.periodOfReport.value,
    ...cells(record.issuer, ISSUER_COLUMNS),
    owners.map((owner) => owner.cik.value ?? '').join(' | '),
    owners.map((owner) => owner.name.value ?? '').join(' | '),
    owners.map(relationshipOf).join(' | '),
  ];
  const row = (table: string, entry: OwnershipEntry) => csvLine([...common, table, ...cells(entry, ENTRY_COLUMNS)]);
  return [
    ...record.nonDerivative.map((entry) => row('non-derivative', entry)),
    ...record.derivative.map((entry) => row('derivative', entry)),
  ].join('');
}

export function holdingsCsvRows(output: RowSource): string {
  const record = output.record;
  if (!is13F(record)) return '';
  const row = (holding: Holding) =>
    csvLine([
      output.source,
      output.accessionNumber,
      output.formType ?? record.form,
      record.periodOfReport.value,
      record.manager.name.value,
      record.valueUnit,
      ...cells(holding, HOLDING_COLUMNS),
    ]);
  return record.holdings.map(row).join('');
}

/** The human summary's lines for an ownership or 13F record (empty for other records). */
export function describeTableRecord(record: FormRecord | null): string[] {
  const lines: string[] = [];
  if (isOwnership(record)) {
    lines.push(`  form                       ${record.form} (read from the ${record.source === 'xml' ? 'ownership XML' : 'text form'})`);
    lines.push(`  periodOfReport             ${record.periodOfReport.value ?? '-'}`);
    lines.push(
      `  issuer                     ${[record.issuer.name.value, record.issuer.tradingSymbol.value, record.issuer.cik.value].filter(Boolean).join(' · ') || '-'}`,
    );
    for (const owner of record.reportingOwners)
      lines.push(`  reporting owner            ${[owner.name.value, owner.cik.value, relationshipOf(owner)].filter(Boolean).join(' · ')}`);
    const entries = [
      ...record.nonDerivative.map((entry) => ['I', entry] as const),
      ...record.derivative.map((entry) => ['II', entry] as const),
    ];
    for (const [table, entry] of entries) {
      const parts = [
        entry.securityTitle.value ?? '(no title)',
        entry.transactionDate.value,
        entry.transactionCode.value ? `code ${entry.transactionCode.value}` : null,
        entry.shares.value !== null
          ? `${entry.shares.value}${entry.acquiredDisposed.value ? ` (${entry.acquiredDisposed.value})` : ''}`
          : null,
        entry.pricePerShare.value !== null ? `at ${entry.pricePerShare.value}` : null,
        entry.sharesOwnedAfter.value !== null ? `owned after ${entry.sharesOwnedAfter.value}` : null,
        entry.directOrIndirect.value,
        entry.natureOfOwnership.value,
      ].filter((part) => part !== null && part !== '');
      lines.push(`  Table ${table.padEnd(3)} ${entry.kind.padEnd(11)}    ${parts.join(' · ')}`);
    }
    for (const footnote of record.footnotes) lines.push(`  footnote ${footnote.id.padEnd(5)}             ${footnote.text.value ?? ''}`);
  } else if (is13F(record)) {
    lines.push(`  form                       ${record.form}`);
    lines.push(`  periodOfReport             ${record.periodOfReport.value ?? '-'}`);
    lines.push(`  manager                    ${record.manager.name.value ?? '-'}`);
    lines.push(`  reportType                 ${record.reportType.value ?? '-'}`);
    lines.push(
      `  summary                    ${record.summary.tableEntryTotal.value ?? '-'} entries, total ${record.summary.tableValueTotal.value ?? '-'} (${record.valueUnit ?? 'unit unknown'})`,
    );
    for (const manager of record.otherManagers)
      lines.push(
        `  other manager              ${[manager.sequenceNumber.value, manager.name.value, manager.form13FFileNumber.value].filter((part) => part !== null).join(' · ')}`,
      );
    for (const holding of record.holdings)
      lines.push(
        `  holding                    ${[holding.nameOfIssuer.value, holding.titleOfClass.value, holding.cusip.value, holding.marketValue.value, `${holding.sharesOrPrincipal.value ?? '-'} ${holding.sharesOrPrincipalType.value ?? ''}`.trim(), holding.putCall.value, holding.investmentDiscretion.value].filter((part) => part !== null && part !== '').join(' · ')}`,
      );
  }
  return lines;
}
