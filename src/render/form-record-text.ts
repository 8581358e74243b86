import { FORM_6K_COVER_FIELDS, form6KLabel } from '../model/form-6k-record.js';

/** The 6-K's labels come from its one definition (model/form-6k-record.ts); the 20-F/40-F cover's are here. */
const LABELS: Readonly<Record<string, string>> = {
  ...Object.fromEntries(FORM_6K_COVER_FIELDS.map((field) => [field, form6KLabel(field) ?? field])),
  registrantEnglishName: 'Registrant (English)',
  fiscalYearEnd: 'Fiscal year end',
  jurisdiction: 'Jurisdiction',
  sharesOutstanding: 'Shares outstanding',
  accountingBasis: 'Accounting basis',
  filerStatus: 'Filer status',
  securities12g: 'Securities under 12(g)',
  securities12b: 'Securities under 12(b)',
  form13FFileNumber: 'Form 13F file number',
  notSubjectToSection16: 'Not subject to Section 16',
  cik: 'CIK',
};

/** A record key as a person reads it: the form's own label where it has one, else its words (`periodOfReport` → "Period of report"). */
export function recordFieldLabel(key: string): string {
  return LABELS[key] ?? words(key);
}

/** `camelCase` as words, first letter capital. */
export function words(key: string): string {
  const spaced = key.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

/** Where a record's value was read from, as the extractors store it. */
export interface RecordSpan {
  readonly document: number;
  readonly page: number;
  readonly start: number;
  readonly end: number;
}

/** A value with where it came from, as the extractors store it. */
export interface RecordField {
  readonly value: unknown;
  readonly span: RecordSpan | null;
}

/** A stored span (untrusted JSON): four whole numbers, none negative. */
export function isRecordSpan(value: unknown): value is RecordSpan {
  if (value === null || typeof value !== 'object') return false;
  const span = value as Record<string, unknown>;
  return [span.document, span.page, span.start, span.end].every((part) => typeof part === 'number' && Number.isInteger(part) && part >= 0);
}

/** A stored `{ value, span }` whose span is null or a span. */
export function isRecordField(value: unknown): value is RecordField {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    'value' in value &&
    'span' in value &&
    ((value as RecordField).span === null || isRecordSpan((value as RecordField).span))
  );
}

/** Keys that say what the record is rather than what the filing says, and the diagnostics (listed apart). */
const NOT_SHOWN = new Set(['form', 'formType', 'source', 'schemaVersion', 'diagnostics', 'filingDiagnostics']);

export interface FormRecordLinesOptions {
  /** Items of a list shown before "… and N more" (a 13F may hold thousands of holdings). Default 10. */
  readonly maxItems?: number;
  /** Characters of one line before it is cut with "…". Default 160. */
  readonly maxLineChars?: number;
}

/**
 * An extracted form record (a 6-K or 20-F cover, 8-K items, 10-K sections, an ownership report, a 13F…) as
 * lines of plain text for a person: one line per field with the document and page it was read from, a value that
 * could not be read as `—` with the extractor's reason, lists one item a line up to `maxItems`, then the record's
 * notes. The record is stored JSON, read defensively: any shape gives lines, never an exception.
 */
export function formRecordLines(record: unknown, options: FormRecordLinesOptions = {}): string[] {
  if (typeof record !== 'object' || record === null || Array.isArray(record)) return [];
  const maxItems = options.maxItems ?? 10;
  const maxLineChars = options.maxLineChars ?? 160;
  const fields = record as Record<string, unknown>;
  const diagnostics = diagnosticsOf(fields.diagnostics);
  const cut = (line: string) => (line.length > maxLineChars ? `${line.slice(0, maxLineChars - 1)}…` : line);
  const lines: string[] = [];
  const entries = Object.entries(fields).filter(([key]) => !NOT_SHOWN.has(key));
  const width = Math.min(32, Math.max(0, ...entries.map(([key]) => recordFieldLabel(key).length)) + 1);
  // Diagnostics that explain a value left empty (`key: why`) are shown beside it, once.
  const explained = new Set<string>();
  for (const [key, value] of entries) {
    const label = `${recordFieldLabel(key)}:`.padEnd(width + 1);
    if (isRecordField(value) || value === null || typeof value !== 'object') {
      const field = isRecordField(value) ? value : { value, span: null };
      let line = `${label} ${fieldText(field)}`;
      if (field.value === null || field.value === undefined) {
        const reason = diagnostics.find((found) => found.message.startsWith(`${key}: `));
        if (reason) {
          line += ` (${reason.message.slice(key.length + 2)})`;
          explained.add(reason.message);
        }
      }
      lines.push(cut(line));
    } else if (Array.isArray(value)) {
      lines.push(`${label} ${value.length === 0 ? 'none' : value.length}`);
      for (const item of value.slice(0, maxItems)) lines.push(cut(`  - ${itemText(item)}`));
      if (value.length > maxItems) lines.push(`  … and ${value.length - maxItems} more (--json shows every one)`);
    } else {
      lines.push(label.trimEnd());
      for (const [innerKey, inner] of Object.entries(value as Record<string, unknown>)) {
        lines.push(cut(`  ${recordFieldLabel(innerKey)}: ${isRecordField(inner) ? fieldText(inner) : itemText(inner)}`));
      }
    }
  }
  const notes = diagnostics.filter((found) => !explained.has(found.message));
  if (notes.length > 0) {
    lines.push('Notes:');
    for (const note of notes.slice(0, maxItems)) lines.push(cut(`  ${note.severity}: ${note.message}`));
    if (notes.length > maxItems) lines.push(`  … and ${notes.length - maxItems} more (--json shows every one)`);
  }
  return lines;
}

function fieldText(field: RecordField): string {
  const where = field.span ? `  [document ${field.span.document}, page ${field.span.page}]` : '';
  return `${scalarText(field.value)}${where}`;
}

function scalarText(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (value === true) return 'yes';
  if (value === false) return 'no';
  if (typeof value === 'string') return oneLine(value);
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  return itemText(value);
}

/**
 * One list item (an exhibit, a signature, an 8-K item, a holding…) on one line: its values that are there, in
 * order, each given once; a number or a nested list says what it is (`document sequence 2`, `subsections: 3`).
 */
function itemText(item: unknown): string {
  if (isRecordField(item)) return scalarText(item.value);
  if (typeof item !== 'object' || item === null) return scalarText(item);
  if (Array.isArray(item)) return item.map(itemText).join(', ');
  const parts: string[] = [];
  for (const [key, value] of Object.entries(item as Record<string, unknown>)) {
    if (key === 'span') continue;
    const inner = isRecordField(value) ? value.value : value;
    if (inner === null || inner === undefined || inner === '' || (Array.isArray(inner) && inner.length === 0)) continue;
    const name = words(key).toLowerCase();
    let part: string;
    if (typeof inner === 'boolean') {
      if (!inner) continue;
      part = name;
    } else if (typeof inner === 'number') part = `${name} ${inner}`;
    else if (Array.isArray(inner))
      part = inner.every((entry) => typeof entry !== 'object' || entry === null)
        ? `${name}: ${inner.map(scalarText).join(', ')}`
        : `${name}: ${inner.length}`;
    else part = typeof inner === 'object' ? `${name}: ${itemText(inner)}` : scalarText(inner);
    // A heading often repeats the number or title already given (a one-letter code may well repeat: kept).
    if (part.length < 4 || !parts.includes(part)) parts.push(part);
  }
  return parts.join(' · ') || '—';
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function diagnosticsOf(value: unknown): { severity: string; message: string }[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((found) =>
    typeof found === 'object' && found !== null && typeof (found as { message?: unknown }).message === 'string'
      ? [{ severity: String((found as { severity?: unknown }).severity ?? 'info'), message: (found as { message: string }).message }]
      : [],
  );
}
