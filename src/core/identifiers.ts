declare const cikBrand: unique symbol;
declare const accessionBrand: unique symbol;

/** A Central Index Key: 10 digits with leading zeros, as EDGAR's headers write it. */
export type Cik = string & { readonly [cikBrand]: true };
/** An accession number in its canonical dashed form `NNNNNNNNNN-YY-NNNNNN`. */
export type AccessionNumber = string & { readonly [accessionBrand]: true };

const CIK_PATTERN = /^\d{1,10}$/;
const ACCESSION_DASHED = /^(\d{10})-(\d{2})-(\d{6})$/;
const ACCESSION_PLAIN = /^(\d{10})(\d{2})(\d{6})$/;

/** Parses a CIK written with or without leading zeros; null when it is not one. */
export function parseCik(text: string): Cik | null {
  const trimmed = text.trim();
  if (!CIK_PATTERN.test(trimmed)) return null;
  return trimmed.padStart(10, '0') as Cik;
}

/** Parses an accession number, dashed or not; null when it is not one. */
export function parseAccessionNumber(text: string): AccessionNumber | null {
  const trimmed = text.trim();
  const match = ACCESSION_DASHED.exec(trimmed) ?? ACCESSION_PLAIN.exec(trimmed);
  if (!match) return null;
  return `${match[1]}-${match[2]}-${match[3]}` as AccessionNumber;
}
