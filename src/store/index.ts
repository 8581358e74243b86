/** edgarkit/store: storage. Store (reads) and FilingSink (writes), the SQLite and PostgreSQL adapters, the query language. */

export { canonicalDimensions, unitKey } from './fact-rows.js';
export { defaultDatabasePath, isPostgresUrl, type OpenStoreOptions, openStore } from './open-store.js';
export type { ClaimedJob, EnqueueResult, JobState, QueueCounts, QueueStatus } from './postgres/job-queue.js';
export { claimJob, enqueueJobs, queueCounts, queueStatus, retryFailedJobs } from './postgres/job-queue.js';
export type { Queryable, WriteOptions } from './postgres/postgres-store.js';
export { migratePostgres, openPostgresStore, type PostgresStore, type PostgresStoreOptions } from './postgres/postgres-store.js';
export {
  checkCik,
  checkConcept,
  checkDate,
  checkDateRange,
  checkFactQuery,
  checkFilingId,
  checkForm,
  checkLimit,
  checkOffset,
  checkUnit,
  RequestValueError,
} from './request-values.js';
export type { Row } from './rows.js';
export type { ParsedQuery, QueryFilters, QueryNode } from './search-query.js';
export { parseSearchQuery, QuerySyntaxError } from './search-query.js';
export { openSqliteStore, type SqliteStore, type SqliteStoreOptions } from './sqlite/sqlite-store.js';
export * from './store.js';
