/**
 * The input of the 6-K composer: the same record `extract6K` returns, values only (no spans, no diagnostics), plus a
 * few things only the composer needs (the words that say what is furnished, the exhibits' source files). Declared
 * here structurally, because compose/ may not import forms/; a test checks that an extracted record fits it.
 */

/** A regulator or exchange an exhibit was filed with: `KOSDAQ`, with its full name when the filing defines one. */
export interface Regulator6K {
  readonly name: string;
  readonly fullName: string | null;
}

export interface Exhibit6KInput {
  /** As the exhibit index writes it: `99.1`, `99.A`, `1`. The document type is `EX-` + number. */
  readonly number: string;
  readonly description: string;
  /** YYYY-MM-DD: the date it was filed with the regulators (or the date its description gives). */
  readonly date: string | null;
  readonly filedWith: readonly Regulator6K[];
  /** True when the submission carries the exhibit as a document; then `file` gives its source. */
  readonly attached: boolean;
  /** The `<SEQUENCE>` of its document; the composer numbers documents itself and checks a given value. */
  readonly documentSequence: number | null;
  /** Compose only: the exhibit's source (`.txt`, `.htm`/`.html`), a path relative to the input file. */
  readonly file?: string | null;
  /** Compose only: an unofficial PDF copy of the exhibit (`.pdf`), sent uuencoded with the same type. */
  readonly pdf?: string | null;
  /** Compose only: images (`.jpg`, `.gif`) the exhibit's HTML shows, sent uuencoded as `GRAPHIC` documents. */
  readonly graphics?: readonly string[];
}

export interface Signature6K {
  readonly registrant: string | null;
  /** As signed: `/s/ Kyu June Hwang`. */
  readonly signature: string | null;
  readonly name: string | null;
  readonly title: string | null;
  /** YYYY-MM-DD. */
  readonly date: string | null;
}

export interface Compose6KRecord {
  readonly form: '6-K' | '6-K/A';
  /** YYYY-MM: "For the month of …". */
  readonly reportMonth: string;
  readonly registrant: string;
  /** The principal executive offices; `, ` separates the parts that may go on lines of their own. */
  readonly address: string | null;
  readonly commissionFileNumber: string | null;
  readonly annualReportForm: '20-F' | '40-F' | null;
  /** The Rule 12g3-2(b) question; null leaves it off the cover (the form dropped it in 2008). */
  readonly furnishesUnderRule12g32b: boolean | null;
  /** `82-…`, written under the 12g3-2(b) question. */
  readonly rule12g32bFileNumber: string | null;
  /** The Regulation S-T Rule 101(b)(1) paper box; null leaves the question off the cover. */
  readonly paperUnderRule101b1: boolean | null;
  readonly paperUnderRule101b7: boolean | null;
  readonly exhibits: readonly Exhibit6KInput[];
  readonly signatures: readonly Signature6K[];
  /**
   * Compose only: the text that says what is furnished, above the list of exhibits (paragraphs separated by a
   * blank line). Default: "The registrant is furnishing under cover of Form 6-K:".
   */
  readonly furnishing?: string | null;
}

/** The fields the extractor gives back: what a round trip compares (compose-only fields dropped). */
export function extractableValues(record: Compose6KRecord): Record<string, unknown> {
  return {
    form: record.form,
    reportMonth: record.reportMonth,
    registrant: record.registrant,
    address: record.address,
    commissionFileNumber: record.commissionFileNumber,
    annualReportForm: record.annualReportForm,
    furnishesUnderRule12g32b: record.furnishesUnderRule12g32b,
    rule12g32bFileNumber: record.rule12g32bFileNumber,
    paperUnderRule101b1: record.paperUnderRule101b1,
    paperUnderRule101b7: record.paperUnderRule101b7,
    exhibits: record.exhibits.map((exhibit) => ({
      number: exhibit.number,
      description: exhibit.description,
      date: exhibit.date,
      filedWith: exhibit.filedWith.map((regulator) => ({ name: regulator.name, fullName: regulator.fullName })),
      attached: exhibit.attached,
      documentSequence: exhibit.documentSequence,
    })),
    signatures: record.signatures.map((signature) => ({
      registrant: signature.registrant,
      signature: signature.signature,
      name: signature.name,
      title: signature.title,
      date: signature.date,
    })),
  };
}
