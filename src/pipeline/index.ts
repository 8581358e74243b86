/**
 * edgarkit/pipeline: the end-to-end verbs. Read a filing (the one place that decodes and parses documents), open a
 * stored document, prepare and ingest filings into a sink, keep a database current from EDGAR, compose and check
 * a 6-K, and the worker pool and queue worker that run them.
 */
export { type InputPathsOptions, inputPaths } from '../io/input-paths.js';
export type { ReadSubmissionsOptions } from '../io/read-submissions.js';
export { type RawSubmissionEntry, readRawSubmissions, readSubmissions, type SubmissionEntry } from '../io/read-submissions.js';
export { type ComposeAndCheckOptions, type ComposedAndChecked, composeAndCheck, type RecordProblem } from './compose-and-check.js';
export { type DecodedCompanyFacts, decodeCompany, decodeFiling, decodeParty, filingEdgarUrl, withStateName } from './edgar-facts.js';
export { type ExhibitsFromSource, exhibitsFromSource } from './exhibits-from-source.js';
export {
  type StoreXbrlFactsOptions,
  type StoreXbrlFactsRequest,
  type StoreXbrlFactsResult,
  storeXbrlApiFacts,
} from './fetch-xbrl-api-facts.js';
export {
  type IngestFailure,
  type IngestInput,
  type IngestOptions,
  type IngestProgress,
  type IngestSummary,
  ingest,
  ingestPaths,
  readIngestInputs,
} from './ingest.js';
export { type DocumentOutput, documentOutput, openDocument, openStoredDocument, type StoredDocument } from './open-document.js';
export { prepareFiling, sha256 } from './prepare-filing.js';
export { type IngestWorkerOptions, runIngestWorker, type WorkerEvent, type WorkerSummary } from './queue-worker.js';
export type { ReadDocumentOptions } from './read-filing.js';
export {
  extractXbrlFacts,
  extractXbrlFactsOfRead,
  type FilingFacts,
  findDocument,
  type ReadDocument,
  type ReadFiling,
  readAttachments,
  readDocument,
  readFiling,
  readSubmission,
  type XbrlFactSource,
} from './read-filing.js';
export type { DocumentInfo } from './render-stored-document.js';
export { type RenderedDocument, type RenderRequest, renderStoredDocument } from './render-stored-document.js';
export { storedFactsOf } from './stored-facts.js';
export { companiesToSync, type SyncOptions, type SyncSummary, syncCompanies, syncTickers } from './sync.js';
export { WorkerPool, type WorkerPoolOptions } from './worker-pool.js';
