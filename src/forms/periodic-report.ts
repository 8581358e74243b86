import type { Diagnostic } from '../core/diagnostic.js';
import type { DocumentModel } from '../model/document.js';
import { type AttachedDocument, type Exhibit, resolveExhibits } from './attached-exhibits.js';
import { readCoverBasics } from './cover-basics.js';
import { findExhibits } from './exhibit-index.js';
import type { Field } from './field.js';
import { findSections, type Section } from './sections.js';
import { extractSignatures, type SignatureBlock } from './signatures.js';

/** A Form 10-K or 10-Q (and their variants: 10-K405, 10-KT, amendments): cover basics and the sections of the report. */
export interface PeriodicReportRecord {
  readonly form: '10-K' | '10-Q';
  /** The submission type as given: `10-K`, `10-K/A`, `10-K405`, `10-QT`. */
  readonly formType: string | null;
  readonly registrant: Field<string | null>;
  /** YYYY-MM-DD: the end of the fiscal year or quarter the cover names. */
  readonly periodOfReport: Field<string | null>;
  /** The items found, in document order, each with the span of its text. */
  readonly sections: readonly Section[];
  /** The form's items the document has no heading for. */
  readonly sectionsNotFound: readonly string[];
  readonly exhibits: readonly Exhibit[];
  readonly signatures: readonly SignatureBlock[];
  readonly diagnostics: readonly Diagnostic[];
}

/** Reads a 10-K's or 10-Q's cover basics, its sections, its exhibit index and its signatures. */
export function extractPeriodicReport(
  model: DocumentModel,
  formType: string | null,
  document = 1,
  documents: readonly AttachedDocument[] = [],
): PeriodicReportRecord {
  const form = /^10-Q/i.test(formType ?? '') ? '10-Q' : '10-K';
  const found = findSections(model, form, document);
  const basics = readCoverBasics(model, document);
  const signatures = extractSignatures(model, document);
  const signed = signatures.find((block) => block.registrant.value !== null)?.registrant;
  const listed = findExhibits(model, document);
  return {
    form,
    formType,
    registrant: basics.registrant.value === null && signed ? signed : basics.registrant,
    periodOfReport: basics.periodOfReport,
    sections: found.sections,
    sectionsNotFound: found.notFound,
    exhibits: resolveExhibits({ listed: listed.listed, documents, primaryModel: model, primarySequence: document }),
    signatures,
    diagnostics: found.diagnostics,
  };
}
