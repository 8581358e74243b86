import type { ExtractForms, ExtractedRecords } from './prepare-filing.js';

/**
 * Form records for the store. The form extractors plug in here; until a form has one, a filing is stored
 * with no record (its text is still searchable).
 */
export const extractRecordsForStore: ExtractForms = (): ExtractedRecords => ({ formRecordJson: null, exhibits: [], signatures: [] });
