/**
 * The compose page's form and the 6-K record: form fields (`registrant`, `exhibit.0.number`,
 * `signature.1.title`, …) to the record's JSON shape, and problem paths (`exhibits[0].date`) back to field names,
 * so a problem shows beside its field. One conversion for the page, the no-script fallback and the JSON API.
 */

import { EXHIBIT_6K_FIELDS, FORM_6K_COVER_FIELDS, form6KFieldKind, SIGNATURE_6K_FIELDS } from '../model/form-6k-record.js';

export type FormFields = Readonly<Record<string, string>>;

/** An exhibit's fields on the form: what the extractor reads but whether and where it is attached (the composer decides). */
export const EXHIBIT_FIELDS = EXHIBIT_6K_FIELDS.filter((field) => field !== 'attached' && field !== 'documentSequence');
export const SIGNATURE_FIELDS = SIGNATURE_6K_FIELDS;

/** The record (as JSON) the form describes, and for each exhibit and signature the form row it came from. */
export interface FormRecord {
  readonly value: Record<string, unknown>;
  readonly exhibitRows: readonly number[];
  readonly signatureRows: readonly number[];
}

function text(fields: FormFields, name: string): string | null {
  const value = (fields[name] ?? '').trim();
  return value === '' ? null : value;
}

function yesNo(value: string | undefined): boolean | null {
  return value === 'yes' ? true : value === 'no' ? false : null;
}

/** The indices `N` of the rows `prefix.N.field` present in the form, in order. */
export function rowIndices(fields: FormFields, prefix: string): number[] {
  const found = new Set<number>();
  for (const name of Object.keys(fields)) {
    const match = new RegExp(`^${prefix}\\.(\\d{1,3})\\.`).exec(name);
    if (match) found.add(Number(match[1]));
  }
  return [...found].sort((a, b) => a - b);
}

/**
 * "KOSDAQ = Korea Securities Dealers Association Automated Quotation Market" or a name alone, one per line.
 */
export function readRegulators(value: string | null): { name: string; fullName: string | null }[] {
  if (value === null) return [];
  return value
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line) => {
      const at = line.indexOf('=');
      if (at === -1) return { name: line, fullName: null };
      const fullName = line.slice(at + 1).trim();
      return { name: line.slice(0, at).trim(), fullName: fullName === '' ? null : fullName };
    });
}

export function writeRegulators(regulators: readonly { name: string; fullName: string | null }[]): string {
  return regulators.map((regulator) => (regulator.fullName ? `${regulator.name} = ${regulator.fullName}` : regulator.name)).join('\n');
}

export function formToRecord(fields: FormFields): FormRecord {
  const value: Record<string, unknown> = { form: fields.form === '6-K/A' ? '6-K/A' : '6-K' };
  for (const name of FORM_6K_COVER_FIELDS) {
    const kind = form6KFieldKind(name);
    if (kind.kind === 'yesNo') value[name] = yesNo(fields[name]);
    else if (kind.kind === 'choice') value[name] = kind.options.includes(fields[name] ?? '') ? fields[name] : null;
    // A field the cover cannot do without is sent empty, so the problem says it must not be.
    else value[name] = text(fields, name) ?? (kind.required ? '' : null);
  }
  value.furnishing = text(fields, 'furnishing');
  const exhibitRows: number[] = [];
  const exhibits: Record<string, unknown>[] = [];
  for (const row of rowIndices(fields, 'exhibit')) {
    const cell = (field: string) => text(fields, `exhibit.${row}.${field}`);
    if (EXHIBIT_FIELDS.every((field) => cell(field) === null)) continue;
    exhibitRows.push(row);
    exhibits.push({
      number: cell('number') ?? '',
      description: cell('description') ?? '',
      date: cell('date'),
      filedWith: readRegulators(cell('filedWith')),
      attached: false,
    });
  }
  const signatureRows: number[] = [];
  const signatures: Record<string, unknown>[] = [];
  for (const row of rowIndices(fields, 'signature')) {
    const cell = (field: string) => text(fields, `signature.${row}.${field}`);
    if (SIGNATURE_FIELDS.every((field) => cell(field) === null)) continue;
    signatureRows.push(row);
    signatures.push(Object.fromEntries(SIGNATURE_FIELDS.map((field) => [field, cell(field)])));
  }
  value.exhibits = exhibits;
  value.signatures = signatures;
  return { value, exhibitRows, signatureRows };
}

/** The form field a problem path points at (`exhibits[1].filedWith[0].name` → `exhibit.3.filedWith`). */
export function fieldOfPath(path: string, form: FormRecord): string | null {
  const exhibit = /^exhibits\[(\d+)\](?:\.(\w+))?/.exec(path);
  if (exhibit) {
    const row = form.exhibitRows[Number(exhibit[1])];
    if (row === undefined) return null;
    const field = exhibit[2] && (EXHIBIT_FIELDS as readonly string[]).includes(exhibit[2]) ? exhibit[2] : 'number';
    return `exhibit.${row}.${field}`;
  }
  const signature = /^signatures\[(\d+)\](?:\.(\w+))?/.exec(path);
  if (signature) {
    const row = form.signatureRows[Number(signature[1])];
    if (row === undefined) return null;
    const field = signature[2] && (SIGNATURE_FIELDS as readonly string[]).includes(signature[2]) ? signature[2] : 'name';
    return `signature.${row}.${field}`;
  }
  const top = /^(\w+)/.exec(path)?.[1];
  return top && top !== 'exhibits' && top !== 'signatures' ? top : null;
}

/** The form fields of a record (for the page after a server-side preview, and for the example). */
export function recordToFields(record: Record<string, unknown>): Record<string, string> {
  const fields: Record<string, string> = {};
  const set = (name: string, value: unknown) => {
    if (value === null || value === undefined) return;
    fields[name] = typeof value === 'boolean' ? (value ? 'yes' : 'no') : String(value);
  };
  for (const name of ['form', ...FORM_6K_COVER_FIELDS, 'furnishing']) set(name, record[name]);
  ((record.exhibits as Record<string, unknown>[] | undefined) ?? []).forEach((exhibit, row) => {
    for (const field of EXHIBIT_FIELDS)
      set(
        `exhibit.${row}.${field}`,
        field === 'filedWith'
          ? writeRegulators((exhibit.filedWith as { name: string; fullName: string | null }[] | undefined) ?? [])
          : exhibit[field],
      );
  });
  ((record.signatures as Record<string, unknown>[] | undefined) ?? []).forEach((signature, row) => {
    for (const field of SIGNATURE_FIELDS) set(`signature.${row}.${field}`, signature[field]);
  });
  return fields;
}
