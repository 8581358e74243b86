import { extractFiling } from '../forms/extract-filing.js';
import type { ExtractedRecords, ExtractForms } from './prepare-filing.js';

/** Form records for the store: the typed record as JSON, and its exhibits and signatures as rows. */
export const extractRecordsForStore: ExtractForms = (input): ExtractedRecords => {
  const { record, diagnostics } = extractFiling(input);
  if (!record) return { formRecordJson: null, exhibits: [], signatures: [] };
  const exhibits = 'exhibits' in record ? record.exhibits : [];
  const signatures = 'signatures' in record ? record.signatures : [];
  return {
    formRecordJson: JSON.stringify({ ...record, filingDiagnostics: diagnostics }),
    exhibits: exhibits.map((exhibit) => ({
      number: exhibit.number,
      description: exhibit.description,
      documentSequence: exhibit.documentSequence,
      json: JSON.stringify(exhibit),
    })),
    signatures: signatures.map((signature) => ({ json: JSON.stringify(signature) })),
  };
};
