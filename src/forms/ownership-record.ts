import {
  type FootnoteReference,
  OWNERSHIP_FORMS,
  type OwnershipEntry,
  type OwnershipFootnote,
  type OwnershipIssuer,
  type OwnershipRecord,
  type ReportingOwner,
} from '../model/ownership-record.js';

/**
 * Forms 3, 4 and 5 (and their amendments): statements of beneficial ownership by insiders. Read from the
 * ownership XML EDGAR has required since 2003, or, where the text allows, from the legacy-ASCII form of the
 * SGML era; both give this one record, defined once as a zod schema in model/ownership-record.ts.
 */
export type { FootnoteReference, OwnershipEntry, OwnershipFootnote, OwnershipIssuer, OwnershipRecord, ReportingOwner };
export { OWNERSHIP_FORMS };

/** The ownership form a submission type names (`4`, `4/A`; `3`…`5/A`), or null. */
export function ownershipForm(formType: string | null): OwnershipRecord['form'] | null {
  const normalized = (formType ?? '').trim().toUpperCase();
  return (OWNERSHIP_FORMS as readonly string[]).includes(normalized) ? (normalized as OwnershipRecord['form']) : null;
}
