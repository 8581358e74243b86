import {
  EXHIBIT_6K_FIELDS,
  type Exhibit6KValues,
  FORM_6K_COVER_FIELDS,
  type Form6KValues,
  SIGNATURE_6K_FIELDS,
  type Signature6KValues,
} from '../model/form-6k-record.js';

/**
 * The input of the 6-K composer: the same values `extract6K` returns (model/form-6k-record.ts, one definition for
 * both), no spans, no diagnostics, plus a few things only the composer needs (the words that say what is furnished,
 * the exhibits' source files).
 */

export type { Regulator6K } from '../model/form-6k-record.js';

/** An exhibit as the composer takes it: the extracted values, plus the files that make its documents. */
export interface Exhibit6KInput extends Exhibit6KValues {
  /** Compose only: the exhibit's source (`.txt`, `.htm`/`.html`), a path relative to the input file. */
  readonly file?: string | null;
  /** Compose only: an unofficial PDF copy of the exhibit (`.pdf`), sent uuencoded with the same type. */
  readonly pdf?: string | null;
  /** Compose only: images (`.jpg`, `.gif`) the exhibit's HTML shows, sent uuencoded as `GRAPHIC` documents. */
  readonly graphics?: readonly string[];
}

export type Signature6K = Signature6KValues;

/** The composer's record: the 6-K values with the two the cover cannot do without filled in, and compose-only fields. */
export type Compose6KRecord = Omit<Form6KValues, 'reportMonth' | 'registrant' | 'exhibits'> & {
  /** YYYY-MM: "For the month of …". */
  readonly reportMonth: string;
  readonly registrant: string;
  readonly exhibits: readonly Exhibit6KInput[];
  /**
   * Compose only: the text that says what is furnished, above the list of exhibits (paragraphs separated by a
   * blank line). Default: "The registrant is furnishing under cover of Form 6-K:".
   */
  readonly furnishing?: string | null;
};

/** The fields the extractor gives back: what a round trip compares (compose-only fields dropped). */
export function extractableValues(record: Compose6KRecord): Record<string, unknown> {
  return {
    form: record.form,
    ...Object.fromEntries(FORM_6K_COVER_FIELDS.map((field) => [field, record[field]])),
    exhibits: record.exhibits.map((exhibit) =>
      Object.fromEntries(
        EXHIBIT_6K_FIELDS.map((field) => [
          field,
          field === 'filedWith'
            ? exhibit.filedWith.map((regulator) => ({ name: regulator.name, fullName: regulator.fullName }))
            : exhibit[field],
        ]),
      ),
    ),
    signatures: record.signatures.map((signature) => Object.fromEntries(SIGNATURE_6K_FIELDS.map((field) => [field, signature[field]]))),
  };
}
