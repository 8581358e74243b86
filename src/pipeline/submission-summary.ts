/**
 * What `parse` prints of a submission: the parser's own summary, passed through so the shells need not import
 * parse/, from a module of its own so that printing it does not load the whole reading pipeline (read-filing.ts).
 */
export { type SubmissionSummary, summarizeSubmission } from '../parse/sgml/submission-summary.js';
