/** edgarkit/fetch: the polite EDGAR client (one rate limit per process, retries, an HTTP cache) and what it fetches. */

export type { IndexFileKind, IndexRow } from '../parse/index/parse-index.js';
export type { FetchedBody } from './edgar-client.js';
export {
  createEdgarClient,
  type DownloadResult,
  type EdgarClient,
  type EdgarClientOptions,
  type FetchProgressEvent,
  type FetchStats,
  type RequestOptions,
} from './edgar-client.js';
export { FetchError, LookupError, UserAgentError } from './fetch-errors.js';
export { downloadFeedArchive, downloadSubmissionText, fetchSubmissionText } from './fetch-filing.js';
export {
  type FetchFilingsOptions,
  type FetchFilingsResult,
  type FilingEvent,
  fetchFilingsToDirectory,
} from './fetch-filings-to-directory.js';
export type { IndexRequest } from './fetch-index.js';
export { type FetchedIndex, fetchDailyIndex, fetchFullIndex, fetchIndexFile } from './fetch-index.js';
export {
  type CompanyFiling,
  type CompanySubmissions,
  fetchCompanySubmissions,
  type SubmissionsAddress,
  type SubmissionsFormerName,
} from './fetch-submissions.js';
export { type CompanyTicker, fetchCompanyTickers, lookupTicker } from './fetch-tickers.js';
export {
  DEFAULT_MAX_XBRL_JSON_BYTES,
  type FetchedXbrlFacts,
  fetchCompanyConcept,
  fetchCompanyFacts,
  fetchFrames,
  fetchXbrlFacts,
  type XbrlFactsRequest,
} from './fetch-xbrl-facts.js';
export { MAX_REQUESTS_PER_SECOND } from './rate-limiter.js';
