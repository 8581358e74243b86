/**
 * Which document types a submission type permits. Form 6-K first: the primary document (`6-K`, `6-K/A`), exhibits
 * `EX-1` to `EX-99` with their sub-numbers (`EX-99.1`, `EX-99.A`; Form 6-K furnishes mostly `EX-99.x`), Inline XBRL
 * exhibits (`EX-101.*`, `EX-104`), `GRAPHIC`, and the documents EDGAR itself adds when it disseminates
 * (`XML`, `ZIP`, `JSON`, `EXCEL` reports). The exact 6-K list of the EDGARLink Online specification is
 * **unconfirmed**; this is the list the corpus and the Filer Manual's exhibit types support. Other submission types
 * are checked only for a well-formed type.
 */
const EXHIBIT = /^EX-(\d{1,3})(?:[.\s][A-Z0-9().\s-]*)?$/i;
const XBRL = /^EX-10[01](?:\.[A-Z]{3})?$/i;
/** Documents EDGAR generates and adds to a disseminated submission (not part of what a filer submits). */
export const EDGAR_GENERATED = /^(?:XML|ZIP|JSON|EXCEL|CSS|JS)$/i;

export interface TypeVerdict {
  readonly allowed: boolean;
  /** Whether the submission type has a list here (otherwise only the form of the type was checked). */
  readonly known: boolean;
}

export function documentTypeAllowed(submissionType: string, documentType: string, isPrimary: boolean): TypeVerdict {
  const submission = submissionType.toUpperCase().trim();
  const type = documentType.toUpperCase().trim();
  if (submission === '6-K' || submission === '6-K/A') {
    if (isPrimary) return { allowed: type === submission, known: true };
    if (type === 'GRAPHIC' || EDGAR_GENERATED.test(type) || XBRL.test(type) || type === 'EX-104') return { allowed: true, known: true };
    const exhibit = EXHIBIT.exec(type);
    return { allowed: exhibit !== null && Number(exhibit[1]) >= 1 && Number(exhibit[1]) <= 99, known: true };
  }
  return { allowed: /^[A-Z0-9][A-Z0-9 ./()&-]*$/i.test(type), known: false };
}

/** Types whose documents are binary and must be uuencoded. */
export function isBinaryType(type: string, filename: string | null): boolean {
  return /^(?:GRAPHIC|ZIP|EXCEL)$/i.test(type) || /\.(?:pdf|jpg|jpeg|gif|png|zip|xlsx)$/i.test(filename ?? '');
}
