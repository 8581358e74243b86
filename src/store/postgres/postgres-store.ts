import pg from 'pg';
import { compareCopies } from '../../model/prepared-filing.js';
import type { FactQuery, StoredFact } from '../../model/stored-fact.js';
import type { Party } from '../../model/submission.js';
import { FACT_COLUMNS, FACT_SELECT, factIdentity, factSeriesSql, factValues, storedFactView } from '../fact-rows.js';
import { splitPassages } from '../passages.js';
import { checkFactQuery, checkStoredFacts } from '../request-values.js';
import {
  blobBytes,
  COMPANY_COLUMNS,
  cikKey,
  companyUpsert,
  companyValues,
  companyView,
  containsPattern,
  DOCUMENT_COLUMNS,
  documentValues,
  FILING_COLUMNS,
  filingSummaryView,
  filingValues,
  filingView,
  num,
  numOrNull,
  type Row,
  SUMMARY_COLUMNS,
  storedBlob,
  tickerKey,
  tickerRows,
} from '../rows.js';
import {
  anyTermOf,
  assemblePage,
  COUNT_CAP,
  filingsOnDatePage,
  type MatchedDocument,
  prepareSearch,
  RANK_CAP,
  SEARCH_BUDGET_MS,
  SearchBudget,
} from '../search.js';
import type { QueryFilters, QueryNode } from '../search-query.js';
import { NoSchemaError } from '../storage-error.js';
import {
  type CompanyListRequest,
  type CompanyView,
  type FactSink,
  type FactWriteResult,
  type FilingListRequest,
  type FilingSink,
  type FilingSummaryView,
  type FilingView,
  type PreparedFiling,
  pageOf,
  type SearchPage,
  type SearchRequest,
  SNIPPET_MARK,
  type Store,
  type StoredBlob,
  type StoreStats,
  type TickerEntry,
  type TickerSink,
  type WriteResult,
} from '../store.js';
import { POSTGRES_MIGRATIONS } from './migrations.js';
import { searchableText, toTsquery } from './to-tsquery.js';

/** The part of a pg client or pool this adapter uses. */
export interface Queryable {
  query(sql: string, params?: unknown[]): Promise<{ rows: Row[]; rowCount: number | null }>;
}

/** The text-search configuration made by migration 1 (english parser, Porter stemmer, no stop words). */
const TS_CONFIG = 'edgarkit';
/** ts_headline options: one fragment around the best match, marked as SQLite's snippet() marks it. */
const HEADLINE_OPTIONS = `StartSel="${SNIPPET_MARK.open}", StopSel="${SNIPPET_MARK.close}", MaxWords=30, MinWords=12, MaxFragments=1, FragmentDelimiter=" … "`;
/** Namespace of this adapter's advisory locks (the first key of pg_advisory_xact_lock(int, int)). */
const LOCK_NAMESPACE = 0x4544; // "ED"
/** Advisory locks on blobs (by hashtext of their sha256): see #lockBlobs. */
const BLOB_LOCK_NAMESPACE = 0x4542; // "EB"
/** Characters of passage text sent in one INSERT statement. */
const PASSAGE_CHUNK_CHARS = 4_000_000;
/** Blob bytes sent in one INSERT statement. */
const BLOB_CHUNK_BYTES = 16_000_000;

/** Options of `openPostgresStore`. */
export interface PostgresStoreOptions {
  /** Open for reading only (the server does): every transaction is read-only and no migration runs. */
  readonly readonly?: boolean;
  /** Connections in the pool (default 4). */
  readonly poolSize?: number;
  /**
   * Ends a session that sits idle inside a transaction this long (milliseconds): a worker that stalls mid-write
   * (SIGSTOP, a frozen machine) cannot hold its row and advisory locks for ever. Default: off.
   */
  readonly idleInTransactionTimeoutMs?: number;
  /** A name shown in pg_stat_activity. */
  readonly applicationName?: string;
  /** How long a search may take, in ms, before it is stopped as too broad (default SEARCH_BUDGET_MS). */
  readonly searchBudgetMs?: number;
  /**
   * Document ids a new partition of `passages` covers (default DOCUMENTS_PER_PARTITION). Used by writers when they
   * add a partition; the partitions already made keep their bounds.
   */
  readonly documentsPerPartition?: number;
}

/**
 * Document ids per partition of `passages` (schema version 8): about 1,500 filings, 27,000 passages of the corpus
 * mix. A common phrase's search rechecks the positions of every candidate passage in the partitions its window
 * covers, and the first window (FIRST_WINDOW_DOCUMENTS) is widened down to where a partition begins, so a
 * partition holds little more than a first window: with 10,000 the first window read up to 14,000 documents'
 * passages where 4,002 were asked for. A rare word's search reads every partition's small posting list, a few
 * partitions more per window as it goes back.
 */
export const DOCUMENTS_PER_PARTITION = 5_000;

/** How long a writer waits for the locks that adding a partition takes before it writes without it (see #ensurePartitions). */
const PARTITION_LOCK_TIMEOUT_MS = 2_000;

/**
 * The first window of a search, in document ids: the newest this many documents are matched first. Later windows
 * are sized from the share of documents that matched so far (see PostgresStore.search).
 */
const FIRST_WINDOW_DOCUMENTS = 2 * (COUNT_CAP + 1);

/**
 * A phrase whose words' shares of passages multiply to this or more is matched document by document (see
 * PostgresStore.#isCommonPhrase): `"of the"` (0.81 in the corpus mix's passages) and `"the company"` (0.33; in
 * one document in three: 0.45 s against 0.67 s through the GIN index, 25,000 filings), not `"financial
 * statements"` (0.07; in one document in fourteen, most of which would be read whole).
 */
const COMMON_PHRASE_SHARE = 0.25;

/**
 * A document matched by a word, AND, OR or NOT is ranked by the best of its first this many passages holding any of
 * the query's words: a 265-passage prospectus holding "carmax" in half of them cost 130 ranked passages, and
 * `carmax straddle` 2.3 s of ranking at 25,000 filings; `redempt*` ranked 58,650 passages of its 2,000 newest
 * documents (29 each) in 2.3 s at 50,000 filings, where matching them took 0.16 s. (A phrase alone is ranked over
 * all its passages in the window, read while matching: their positions are rechecked then anyway.)
 */
const RANKED_PASSAGES = 8;

/** The URL without its password, to be named in a message. */
function redactedUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'the PostgreSQL database';
  }
}

/** Opens a PostgreSQL database by URL (`postgres://user@host:port/db`) and brings its schema up to date. */
export async function openPostgresStore(url: string, options: PostgresStoreOptions = {}): Promise<PostgresStore> {
  const settings = [
    // Searches are short queries over large tables: compiling them (JIT, on by default above a plan cost that
    // these reach) costs tens of milliseconds and saves nothing measurable.
    '-c jit=off',
    ...(options.readonly ? ['-c default_transaction_read_only=on'] : []),
    ...(options.idleInTransactionTimeoutMs
      ? [`-c idle_in_transaction_session_timeout=${Math.round(options.idleInTransactionTimeoutMs)}`]
      : []),
  ];
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 4,
    application_name: options.applicationName ?? 'edgarkit',
    options: settings.join(' '),
  });
  // An idle connection the server ends (restart, idle timeout) must not take the process down.
  pool.on('error', () => {});
  try {
    if (!options.readonly) await migrateWith(pool);
    // The filings table, not schema_migrations: a first migration creates that before its first migration commits.
    else await pool.query('SELECT 1 FROM filings LIMIT 1');
  } catch (error) {
    await pool.end();
    // 42P01: no such table. Read-only, an empty database (or one being made) has no edgarkit tables yet.
    if (options.readonly && (error as { code?: string }).code === '42P01') throw new NoSchemaError(redactedUrl(url));
    throw error;
  }
  return new PostgresStore(pool, options.searchBudgetMs ?? SEARCH_BUDGET_MS, options.documentsPerPartition ?? DOCUMENTS_PER_PARTITION);
}

/** Brings a PostgreSQL database's schema up to date; returns the versions applied now (empty when current). */
export async function migratePostgres(url: string): Promise<number[]> {
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  pool.on('error', () => {});
  try {
    return await migrateWith(pool);
  } finally {
    await pool.end();
  }
}

/** The latest schema version this code knows. */
export const POSTGRES_SCHEMA_VERSION = Math.max(...POSTGRES_MIGRATIONS.map((migration) => migration.version));

async function migrateWith(pool: pg.Pool): Promise<number[]> {
  const client = await pool.connect();
  const ran: number[] = [];
  try {
    // Many workers may start at once: one migrates, the others wait and then find nothing to do.
    await client.query('SELECT pg_advisory_lock($1, 0)', [LOCK_NAMESPACE]);
    try {
      await client.query(
        'CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
      );
      const applied = new Set((await client.query('SELECT version FROM schema_migrations')).rows.map((row) => Number(row.version)));
      for (const migration of POSTGRES_MIGRATIONS) {
        if (applied.has(migration.version)) continue;
        await client.query('BEGIN');
        try {
          await client.query(migration.sql);
          await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK');
          throw new Error(
            `PostgreSQL migration ${migration.version} (${migration.name}) failed: ${error instanceof Error ? error.message : String(error)}`,
          );
        }
        ran.push(migration.version);
      }
    } finally {
      await client.query('SELECT pg_advisory_unlock($1, 0)', [LOCK_NAMESPACE]);
    }
  } finally {
    client.release();
  }
  return ran;
}

/** PostgreSQL text cannot hold NUL; filings occasionally do. */
function clean(text: string): string;
function clean(text: string | null): string | null;
function clean(text: string | null): string | null {
  return text?.includes('\u0000') ? text.replaceAll('\u0000', '') : text;
}

function cleanValue(value: unknown): unknown {
  return typeof value === 'string' ? clean(value) : value;
}

/** The PostgreSQL type of each shared column that is not text (for unnest). */
const COLUMN_TYPES: Readonly<Record<string, string>> = {
  public_document_count: 'int',
  byte_length: 'bigint',
  document_count: 'int',
  position: 'int',
  sequence: 'int',
  body_start: 'bigint',
  body_end: 'bigint',
};

/** The PostgreSQL type of each fact column that is not text (for unnest). */
const FACT_COLUMN_TYPES: Readonly<Record<string, string>> = { number: 'float8', fiscal_year: 'int' };
/** Fact rows sent in one INSERT statement. */
const FACT_CHUNK_ROWS = 5000;

/** Appends one row to column arrays (for INSERT … SELECT FROM unnest($1::type[], $2::type[], …)). */
function pushRow(columns: unknown[][], values: readonly unknown[]): void {
  for (let index = 0; index < values.length; index++) columns[index]?.push(values[index]);
}

/** Errors worth running the whole transaction again for. */
const RETRYABLE = new Set(['40001', '40P01', '23505']);

/** Work to run inside the write transaction of `writeFilingsWith` (the job queue marks its job done there). */
export interface WriteOptions {
  /** Runs first inside the write transaction (the job queue locks its job's row here and checks it still owns it). */
  readonly afterBegin?: (tx: Queryable) => Promise<void>;
  /** Runs inside the write transaction, after the filings are written and before COMMIT (the job queue marks its job done here). */
  readonly beforeCommit?: (tx: Queryable, result: WriteResult) => Promise<void>;
}

/** The PostgreSQL adapter: a Store, FilingSink and TickerSink over a connection pool (see `openPostgresStore`). */
export class PostgresStore implements Store, FilingSink, TickerSink, FactSink {
  readonly #pool: pg.Pool;
  readonly #searchBudgetMs: number;
  readonly #documentsPerPartition: number;

  /** False while a database older than schema version 5, opened read-only, has no ticker list. */
  #tickerTable = false;

  /** False while a database older than schema version 7, opened read-only, has no fact table. */
  #factTable = false;

  constructor(pool: pg.Pool, searchBudgetMs = SEARCH_BUDGET_MS, documentsPerPartition = DOCUMENTS_PER_PARTITION) {
    if (!Number.isSafeInteger(documentsPerPartition) || documentsPerPartition < 1)
      throw new RangeError(`documentsPerPartition must be a positive integer, not ${documentsPerPartition}`);
    this.#pool = pool;
    this.#searchBudgetMs = searchBudgetMs;
    this.#documentsPerPartition = documentsPerPartition;
  }

  /** The connection pool, for code that shares it (the job queue). */
  get pool(): pg.Pool {
    return this.#pool;
  }

  /** Runs `work` in one transaction, again (up to 5 times) after a deadlock or serialization failure. */
  async transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.#inTransaction('BEGIN', (client) => work(client as unknown as Queryable));
      } catch (error) {
        const code = (error as { code?: string }).code;
        if (attempt < 5 && code && RETRYABLE.has(code)) {
          await new Promise((resolve) => setTimeout(resolve, 20 * attempt * Math.random()));
          continue;
        }
        throw error;
      }
    }
  }

  /**
   * Runs `work` between `begin` and COMMIT on a connection of its own, rolled back when it fails. The server may
   * end the session mid-transaction (idle_in_transaction_session_timeout after a stall, a restart): the next query
   * then fails and the connection is thrown away, instead of an unhandled 'error'.
   */
  async #inTransaction<T>(begin: string, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.#pool.connect();
    let broken = false;
    const onError = () => {
      broken = true;
    };
    client.on('error', onError);
    try {
      await client.query(begin);
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      try {
        await client.query('ROLLBACK');
      } catch {
        broken = true;
      }
      throw error;
    } finally {
      client.off('error', onError);
      client.release(broken);
    }
  }

  writeFilings(filings: readonly PreparedFiling[]): Promise<WriteResult> {
    return this.writeFilingsWith(filings, {});
  }

  /**
   * Writes filings in one transaction like `writeFilings`, running `beforeCommit` in the same transaction.
   * Concurrent writers (many worker machines) take per-accession advisory locks in one global order, and every
   * shared row (blobs, companies, former names) in key order, so they never deadlock or insert twice.
   */
  async writeFilingsWith(filings: readonly PreparedFiling[], options: WriteOptions): Promise<WriteResult> {
    const documents = filings.reduce((sum, filing) => sum + filing.documents.length, 0);
    for (let attempt = 1; ; attempt++) {
      // Partitions are added in a transaction of their own, before the write: see #ensurePartitions.
      if (documents > 0) await this.#ensurePartitions(documents * 2 ** attempt);
      try {
        return await this.transaction(async (tx) => {
          await options.afterBegin?.(tx);
          const result = filings.length > 0 ? await this.#write(tx, filings) : { inserted: 0, replaced: 0, unchanged: 0 };
          await options.beforeCommit?.(tx, result);
          return result;
        });
      } catch (error) {
        // Other writers took the document ids past the partitions made (23514: no partition for the row).
        const { code, message } = error as { code?: string; message?: string };
        if (attempt < 5 && code === '23514' && message?.includes('no partition')) continue;
        throw error;
      }
    }
  }

  /**
   * Makes sure `passages` has partitions for the next `documents` document ids and half a partition more, so
   * concurrent writers rarely outrun them. A partition is made empty and then attached (ATTACH takes a SHARE
   * UPDATE EXCLUSIVE lock on `passages`, which searches and writes do not wait for; CREATE TABLE … PARTITION OF
   * would lock out every search until the writes in flight end); its foreign key briefly waits for writes in
   * flight on `documents`. One writer at a time does it (an advisory lock), in its own short transaction.
   */
  async #ensurePartitions(documents: number): Promise<void> {
    const span = this.#documentsPerPartition;
    const reach = async (query: Queryable['query']) => {
      const { rows } = await query(
        `SELECT coalesce(pg_sequence_last_value(pg_get_serial_sequence('documents', 'id')::regclass), 0) AS last,
           (SELECT max((regexp_match(pg_get_expr(c.relpartbound, c.oid), 'TO \\(''(-?[0-9]+)''\\)'))[1]::bigint)
            FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'passages'::regclass) AS upper`,
      );
      const row = rows[0] as Row;
      return { last: num(row.last), upper: row.upper === null ? null : num(row.upper) };
    };
    const wanted = (last: number) => last + documents + Math.ceil(span / 2);
    const seen = await reach((sql, params) => this.#pool.query(sql, params));
    if (seen.upper !== null && seen.upper > wanted(seen.last)) return;
    try {
      await this.#inTransaction('BEGIN', async (client) => {
        await client.query(`SET LOCAL lock_timeout = ${PARTITION_LOCK_TIMEOUT_MS}`);
        await client.query(`SELECT pg_advisory_xact_lock(${LOCK_NAMESPACE}, 1)`);
        const now = await reach((sql, params) => client.query(sql, params));
        let lower = now.upper ?? Math.floor(now.last / span) * span;
        while (lower <= wanted(now.last)) {
          const name = `passages_p${lower}`;
          await client.query(
            `CREATE TABLE ${name} (LIKE passages INCLUDING DEFAULTS INCLUDING COMPRESSION) WITH (toast_tuple_target = 128)`,
          );
          await client.query(`ALTER TABLE passages ATTACH PARTITION ${name} FOR VALUES FROM (${lower}) TO (${lower + span})`);
          lower += span;
        }
      });
    } catch (error) {
      // 55P03: a write in flight holds `documents` (a stalled worker, until its session times out). Waiting would
      // queue every other writer behind this ATTACH; the write goes on in the partitions there are (half a
      // partition ahead) and, if its ids outrun them, tries again (writeFilingsWith).
      if ((error as { code?: string }).code !== '55P03') throw error;
    }
  }

  async #write(tx: Queryable, filings: readonly PreparedFiling[]): Promise<WriteResult> {
    const ids = [...new Set(filings.map((filing) => filing.id))];
    await tx.query(
      `SELECT count(pg_advisory_xact_lock(${LOCK_NAMESPACE}, k))
       FROM (SELECT DISTINCT hashtext(id) AS k FROM unnest($1::text[]) AS id ORDER BY 1) AS keys`,
      [ids],
    );
    const existing = new Map<string, { rowId: string; hash: string; digest: string | null }>();
    for (const row of (await tx.query('SELECT row_id, id, content_hash, documents_digest FROM filings WHERE id = ANY($1::text[])', [ids]))
      .rows) {
      existing.set(row.id as string, {
        rowId: String(row.row_id),
        hash: row.content_hash as string,
        digest: (row.documents_digest as string | null) ?? null,
      });
    }
    // Another container of a stored filing (its .nc beside its .txt): remembered as a copy, not stored twice.
    const copies: { rowId: string; hash: string }[] = [];
    const fullerCopies = new Map<string, string>();
    // The same decisions as the SQLite adapter, which writes one filing after the other.
    let inserted = 0;
    let replaced = 0;
    let unchanged = 0;
    const current = new Map<string, string>([...existing].map(([id, value]) => [id, value.hash]));
    const finalVersion = new Map<string, PreparedFiling>();
    for (const filing of filings) {
      const hash = current.get(filing.id);
      if (hash === filing.contentHash) {
        unchanged++;
        continue;
      }
      const stored = existing.get(filing.id);
      const copy = stored && !finalVersion.has(filing.id) ? compareCopies(stored.digest ?? '', filing.documentsDigest) : 'different';
      if (stored && (copy === 'same' || copy === 'stored-is-fuller')) {
        // Another container of the stored filing (its .nc beside its .txt): remembered, not stored twice.
        copies.push({ rowId: stored.rowId, hash: filing.contentHash });
        unchanged++;
        continue;
      }
      // A fuller copy replaces the stored one, which stays known as a copy of it (once the new row exists).
      if (stored && copy === 'incoming-is-fuller') fullerCopies.set(filing.id, stored.hash);
      if (hash === undefined) inserted++;
      else replaced++;
      current.set(filing.id, filing.contentHash);
      finalVersion.set(filing.id, filing);
    }
    if (copies.length > 0) {
      await tx.query(
        `INSERT INTO filing_copies (filing_row_id, content_hash) SELECT * FROM unnest($1::bigint[], $2::text[]) ON CONFLICT DO NOTHING`,
        [copies.map((copy) => copy.rowId), copies.map((copy) => copy.hash)],
      );
    }
    const toWrite = [...finalVersion.values()].filter((filing) => existing.get(filing.id)?.hash !== filing.contentHash);
    if (toWrite.length === 0) return { inserted, replaced, unchanged };
    const stale = toWrite.map((filing) => existing.get(filing.id)?.rowId).filter((rowId): rowId is string => rowId !== undefined);
    const released = await this.#lockBlobs(tx, toWrite, stale);
    // Child rows and passages go with the filing (ON DELETE CASCADE).
    if (stale.length > 0) await tx.query('DELETE FROM filings WHERE row_id = ANY($1::bigint[])', [stale]);
    const rowIds = await this.#insertFilings(tx, toWrite);
    await this.#insertDocuments(tx, toWrite, rowIds);
    await this.#insertRecords(tx, toWrite, rowIds);
    await this.#insertFacts(tx, toWrite, rowIds);
    // Rows other writers may insert too (shared blobs, companies) come last, each kind in one sorted order: a
    // concurrent writer that meets one of them waits for this transaction's commit, so they are held for the tail
    // of the transaction only, not while its passages are indexed.
    await this.#insertBlobs(tx, toWrite);
    await this.#insertParties(tx, toWrite, rowIds);
    if (released.length > 0) {
      // The replaced copies' blobs that nothing uses any more (their originals, attachments of no other document).
      await tx.query(
        `DELETE FROM blobs b WHERE b.sha256 = ANY($1::text[])
           AND NOT EXISTS (SELECT 1 FROM filings f WHERE f.original_blob = b.sha256)
           AND NOT EXISTS (SELECT 1 FROM documents d WHERE d.attachment_sha256 = b.sha256)`,
        [released],
      );
    }
    const replacedCopies = [...fullerCopies].filter(([id]) => rowIds.has(id));
    if (replacedCopies.length > 0) {
      await tx.query(
        `INSERT INTO filing_copies (filing_row_id, content_hash) SELECT * FROM unnest($1::bigint[], $2::text[]) ON CONFLICT DO NOTHING`,
        [replacedCopies.map(([id]) => rowIds.get(id)), replacedCopies.map(([, hash]) => hash)],
      );
    }
    return { inserted, replaced, unchanged };
  }

  /**
   * Locks the blobs this transaction touches, in one global order: exclusively the ones the replaced rows used
   * (returned: they are deleted at the end when nothing uses them), shared the ones it writes. A writer that
   * stores a filing using a blob another one is releasing waits for it, then inserts the blob again; a releaser
   * waits for the writer and then sees its filing using the blob (each statement reads what is committed).
   */
  async #lockBlobs(tx: Queryable, filings: readonly PreparedFiling[], staleRowIds: readonly string[]): Promise<string[]> {
    const released =
      staleRowIds.length === 0
        ? []
        : (
            await tx.query(
              `SELECT original_blob AS sha256 FROM filings WHERE row_id = ANY($1::bigint[])
               UNION SELECT attachment_sha256 FROM documents WHERE filing_row_id = ANY($1::bigint[]) AND attachment_sha256 IS NOT NULL`,
              [staleRowIds],
            )
          ).rows.map((row) => row.sha256 as string);
    const written = [...new Set(filings.flatMap((filing) => filing.blobs.map((blob) => blob.sha256)))];
    await tx.query(
      `SELECT count(CASE WHEN exclusive THEN pg_advisory_xact_lock(${BLOB_LOCK_NAMESPACE}, k) ELSE pg_advisory_xact_lock_shared(${BLOB_LOCK_NAMESPACE}, k) END)
       FROM (SELECT hashtext(sha256) AS k, bool_or(exclusive) AS exclusive
             FROM (SELECT unnest($1::text[]) AS sha256, true AS exclusive UNION ALL SELECT unnest($2::text[]), false) AS blobs
             GROUP BY 1 ORDER BY 1) AS keys`,
      [released, written],
    );
    return released;
  }

  async #insertBlobs(tx: Queryable, filings: readonly PreparedFiling[]): Promise<void> {
    const blobs = new Map<string, PreparedFiling['blobs'][number]>();
    for (const filing of filings) for (const blob of filing.blobs) blobs.set(blob.sha256, blob);
    const sorted = [...blobs.values()].sort((a, b) => (a.sha256 < b.sha256 ? -1 : a.sha256 > b.sha256 ? 1 : 0));
    let chunk: typeof sorted = [];
    let bytes = 0;
    const flush = async () => {
      if (chunk.length === 0) return;
      const params: unknown[] = [];
      const values = chunk.map((blob) => {
        params.push(
          blob.sha256,
          blob.compression,
          blob.byteLength,
          Buffer.from(blob.data.buffer, blob.data.byteOffset, blob.data.byteLength),
        );
        const at = params.length;
        return `($${at - 3}, $${at - 2}, $${at - 1}, $${at})`;
      });
      await tx.query(
        `INSERT INTO blobs (sha256, compression, byte_length, data) VALUES ${values.join(', ')} ON CONFLICT (sha256) DO NOTHING`,
        params,
      );
      chunk = [];
      bytes = 0;
    };
    for (const blob of sorted) {
      chunk.push(blob);
      bytes += blob.data.byteLength;
      if (bytes >= BLOB_CHUNK_BYTES || chunk.length >= 1000) await flush();
    }
    await flush();
  }

  async #insertFilings(tx: Queryable, filings: readonly PreparedFiling[]): Promise<Map<string, string>> {
    const columns: unknown[][] = FILING_COLUMNS.map(() => []);
    for (const filing of filings) pushRow(columns, filingValues(filing).map(cleanValue));
    const rows = (
      await tx.query(
        `INSERT INTO filings (${FILING_COLUMNS.join(', ')})
         SELECT * FROM unnest(${FILING_COLUMNS.map((column, index) => `$${index + 1}::${COLUMN_TYPES[column] ?? 'text'}[]`).join(', ')})
         RETURNING row_id, id`,
        columns,
      )
    ).rows;
    return new Map(rows.map((row) => [row.id as string, String(row.row_id)]));
  }

  async #insertParties(tx: Queryable, filings: readonly PreparedFiling[], rowIds: Map<string, string>): Promise<void> {
    const parties: [string, number, string, string | null, string | null][] = [];
    // The newest filing's company data wins; an older filing ingested later does not overwrite it. The batch is
    // folded to one candidate per CIK first (the same outcome as upserting one party after the other), then
    // upserted in CIK order so concurrent writers lock rows in the same order.
    const companies = new Map<string, { party: Party; filedAt: string | null }>();
    const formerNames = new Map<string, [string, string, string]>();
    for (const filing of filings) {
      const rowId = rowIds.get(filing.id) as string;
      filing.parties.forEach((party, position) => {
        parties.push([rowId, position, clean(party.role), clean(party.company?.cik ?? null), clean(party.company?.name ?? null)]);
        const cik = party.company?.cik;
        if (!cik) return;
        const held = companies.get(cik);
        if (!held || held.filedAt === null || (filing.filedAt !== null && filing.filedAt >= held.filedAt)) {
          companies.set(cik, { party, filedAt: filing.filedAt });
        }
        for (const former of party.formerCompanies) {
          const key: [string, string, string] = [clean(cik), clean(former.name), clean(former.dateChanged ?? '')];
          formerNames.set(JSON.stringify(key), key);
        }
      });
    }
    if (parties.length > 0) {
      await tx.query(
        `INSERT INTO filing_parties (filing_row_id, position, role, cik, name)
         SELECT * FROM unnest($1::bigint[], $2::int[], $3::text[], $4::text[], $5::text[])`,
        [0, 1, 2, 3, 4].map((index) => parties.map((party) => party[index])),
      );
    }
    if (companies.size > 0) {
      const sorted = [...companies.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      const columns: unknown[][] = COMPANY_COLUMNS.map(() => []);
      for (const [cik, { party, filedAt }] of sorted) pushRow(columns, companyValues(cik, party, filedAt).map(cleanValue));
      await tx.query(
        `INSERT INTO companies AS c (${COMPANY_COLUMNS.join(', ')})
         SELECT * FROM unnest(${COMPANY_COLUMNS.map((_, index) => `$${index + 1}::text[]`).join(', ')}) ${companyUpsert('c')}`,
        columns,
      );
    }
    if (formerNames.size > 0) {
      const sorted = [...formerNames.values()].sort((a, b) => {
        for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return (a[i] as string) < (b[i] as string) ? -1 : 1;
        return 0;
      });
      await tx.query(
        `INSERT INTO former_names (cik, name, date_changed) SELECT * FROM unnest($1::text[], $2::text[], $3::text[]) ON CONFLICT DO NOTHING`,
        [0, 1, 2].map((index) => sorted.map((key) => key[index])),
      );
    }
  }

  async #insertDocuments(tx: Queryable, filings: readonly PreparedFiling[], rowIds: Map<string, string>): Promise<void> {
    const columns: unknown[][] = [[], ...DOCUMENT_COLUMNS.map(() => [])];
    const texts = new Map<string, string>();
    for (const filing of filings) {
      const rowId = rowIds.get(filing.id) as string;
      for (const document of filing.documents) {
        pushRow(columns, [rowId, ...documentValues(document).map(cleanValue)]);
        if (document.text !== '') texts.set(`${rowId}/${document.position}`, document.text);
      }
    }
    if ((columns[0]?.length ?? 0) === 0) return;
    const rows = (
      await tx.query(
        `INSERT INTO documents (filing_row_id, ${DOCUMENT_COLUMNS.join(', ')})
         SELECT * FROM unnest($1::bigint[], ${DOCUMENT_COLUMNS.map((column, index) => `$${index + 2}::${COLUMN_TYPES[column] ?? 'text'}[]`).join(', ')})
         RETURNING id, filing_row_id, position`,
        columns,
      )
    ).rows;
    // Passages in document order, so "most recently stored" means the same as in SQLite.
    const documentIds = rows
      .map((row) => ({ id: String(row.id), key: `${String(row.filing_row_id)}/${String(row.position)}` }))
      .sort((a, b) => Number(a.id) - Number(b.id));
    let chunk: [string, number, string, string][] = [];
    let chars = 0;
    const flush = async () => {
      if (chunk.length === 0) return;
      await tx.query(
        `INSERT INTO passages (document_id, position, text, tsv)
         SELECT d, p, t, to_tsvector('${TS_CONFIG}', s) FROM unnest($1::bigint[], $2::int[], $3::text[], $4::text[]) AS u (d, p, t, s)`,
        [0, 1, 2, 3].map((index) => chunk.map((passage) => passage[index])),
      );
      chunk = [];
      chars = 0;
    };
    for (const { id, key } of documentIds) {
      const text = texts.get(key);
      if (text === undefined) continue;
      const passages = splitPassages(text);
      for (let index = 0; index < passages.length; index++) {
        const passage = clean(passages[index] as string);
        chunk.push([id, index, passage, searchableText(passage)]);
        chars += passage.length;
        if (chars >= PASSAGE_CHUNK_CHARS) await flush();
      }
    }
    await flush();
  }

  async #insertRecords(tx: Queryable, filings: readonly PreparedFiling[], rowIds: Map<string, string>): Promise<void> {
    const exhibits: unknown[][] = Array.from({ length: 6 }, () => []);
    const signatures: unknown[][] = Array.from({ length: 3 }, () => []);
    for (const filing of filings) {
      const rowId = rowIds.get(filing.id) as string;
      filing.exhibits.forEach((exhibit, position) => {
        pushRow(exhibits, [rowId, position, clean(exhibit.number), clean(exhibit.description), exhibit.documentSequence, exhibit.json]);
      });
      filing.signatures.forEach((signature, position) => {
        pushRow(signatures, [rowId, position, signature.json]);
      });
    }
    if ((exhibits[0]?.length ?? 0) > 0) {
      await tx.query(
        `INSERT INTO exhibits (filing_row_id, position, number, description, document_sequence, record)
         SELECT * FROM unnest($1::bigint[], $2::int[], $3::text[], $4::text[], $5::int[], $6::text[])`,
        exhibits,
      );
    }
    if ((signatures[0]?.length ?? 0) > 0) {
      await tx.query(
        `INSERT INTO signatures (filing_row_id, position, record) SELECT * FROM unnest($1::bigint[], $2::int[], $3::text[])`,
        signatures,
      );
    }
  }

  /** The facts of the filings written, in slices so no one statement carries an unbounded array. */
  async #insertFacts(tx: Queryable, filings: readonly PreparedFiling[], rowIds: Map<string, string>): Promise<void> {
    let columns: unknown[][] = [[], ...FACT_COLUMNS.map(() => [])];
    let chars = 0;
    const flush = async () => {
      if ((columns[0]?.length ?? 0) === 0) return;
      await tx.query(
        `INSERT INTO xbrl_facts (filing_row_id, ${FACT_COLUMNS.join(', ')})
         SELECT * FROM unnest($1::bigint[], ${FACT_COLUMNS.map((column, index) => `$${index + 2}::${FACT_COLUMN_TYPES[column] ?? 'text'}[]`).join(', ')})`,
        columns,
      );
      columns = [[], ...FACT_COLUMNS.map(() => [])];
      chars = 0;
    };
    for (const filing of filings) {
      const rowId = rowIds.get(filing.id) as string;
      for (const fact of filing.facts ?? []) {
        pushRow(columns, [rowId, ...factValues(fact).map(cleanValue)]);
        // A text fact may be a whole note: statements are bounded by characters as well as rows.
        chars += fact.value?.length ?? 0;
        if ((columns[0]?.length ?? 0) >= FACT_CHUNK_ROWS || chars >= PASSAGE_CHUNK_CHARS) await flush();
      }
    }
    await flush();
  }

  async writeFacts(facts: readonly StoredFact[]): Promise<FactWriteResult> {
    checkStoredFacts(facts);
    // One row per identity (the last given wins): one statement may not update a row twice.
    const byIdentity = new Map<string, unknown[]>();
    for (const fact of facts) byIdentity.set(factIdentity(fact), factValues(fact).map(cleanValue));
    // Identity order, so concurrent writers lock rows in one order.
    const rows = [...byIdentity.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const changed = FACT_COLUMNS.map((column) => `f.${column} IS DISTINCT FROM excluded.${column}`).join(' OR ');
    let written = 0;
    await this.transaction(async (tx) => {
      written = 0;
      for (let start = 0; start < rows.length; start += FACT_CHUNK_ROWS) {
        const columns: unknown[][] = [[], ...FACT_COLUMNS.map(() => [])];
        for (const [identity, values] of rows.slice(start, start + FACT_CHUNK_ROWS)) pushRow(columns, [identity, ...values]);
        const result = await tx.query(
          `INSERT INTO xbrl_facts AS f (identity_key, ${FACT_COLUMNS.join(', ')})
           SELECT * FROM unnest($1::text[], ${FACT_COLUMNS.map((column, index) => `$${index + 2}::${FACT_COLUMN_TYPES[column] ?? 'text'}[]`).join(', ')})
           ON CONFLICT (identity_key) DO UPDATE SET ${FACT_COLUMNS.map((column) => `${column} = excluded.${column}`).join(', ')}
           WHERE ${changed}`,
          columns,
        );
        written += result.rowCount ?? 0;
      }
    });
    return { written, unchanged: facts.length - written };
  }

  async queryFacts(query: FactQuery): Promise<readonly StoredFact[]> {
    const checked = checkFactQuery(query);
    if (!(await this.#hasFacts()))
      throw new Error('This database was made by an older edgarkit and has no XBRL fact table: run `edgarkit migrate` on it once.');
    const { params, param } = parameterList();
    const sql = factSeriesSql(checked, param, ' COLLATE "C"');
    return (await this.#pool.query(sql, params)).rows.map(storedFactView);
  }

  async listFilingFacts(
    filingId: string,
    page: { readonly limit?: number; readonly offset?: number } = {},
  ): Promise<readonly StoredFact[]> {
    if (!(await this.#hasFacts())) return [];
    const { limit, offset } = pageOf(page.limit, page.offset, 200);
    const { rows } = await this.#pool.query(
      `SELECT ${FACT_SELECT} FROM xbrl_facts WHERE filing_row_id = (SELECT row_id FROM filings WHERE id = $1) ORDER BY id LIMIT $2 OFFSET $3`,
      [filingId, limit, offset],
    );
    return rows.map(storedFactView);
  }

  /** Looked up until found: a writer may migrate the database while a reader (the server) has it open. */
  async #hasFacts(): Promise<boolean> {
    this.#factTable ||= (await this.#pool.query("SELECT to_regclass('xbrl_facts') IS NOT NULL AS found")).rows[0]?.found === true;
    return this.#factTable;
  }

  async isStoredCopy(filingId: string, contentHash: string): Promise<boolean> {
    const { rows } = await this.#pool.query(
      `SELECT 1 FROM filings f WHERE f.id = $1 AND (f.content_hash = $2
         OR EXISTS (SELECT 1 FROM filing_copies c WHERE c.filing_row_id = f.row_id AND c.content_hash = $2))`,
      [filingId, contentHash],
    );
    return rows.length > 0;
  }

  async contentHashOf(filingId: string): Promise<string | null> {
    const { rows } = await this.#pool.query('SELECT content_hash FROM filings WHERE id = $1', [filingId]);
    return (rows[0]?.content_hash as string | undefined) ?? null;
  }

  /** Content hashes of many filings at once (the copy command checks what is already there this way). */
  async contentHashesOf(filingIds: readonly string[]): Promise<Map<string, string>> {
    const { rows } = await this.#pool.query('SELECT id, content_hash FROM filings WHERE id = ANY($1::text[])', [filingIds]);
    return new Map(rows.map((row) => [row.id as string, row.content_hash as string]));
  }

  async search(request: SearchRequest): Promise<SearchPage> {
    const search = prepareSearch(request);
    const { params, param } = parameterList();
    const where = filterSql(search.filters, param, await this.#hasTickers());
    if (!search.match) {
      const { rows } = await this.#pool.query(
        `SELECT ${MATCH_COLUMNS_OF_FILING} FROM filings f ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
         ORDER BY f.filed_at DESC NULLS LAST, f.row_id DESC LIMIT ${COUNT_CAP + 1}`,
        params,
      );
      const found = { documents: rows.slice(0, COUNT_CAP).map(matchedOf), more: rows.length > COUNT_CAP, rankCapped: false };
      return assemblePage(search, found, async () => []);
    }
    const match = search.match;
    return this.#withinBudget(new SearchBudget(this.#searchBudgetMs, match), async (query) => {
      const rows = await this.#newestMatches(query, match, where, params);
      const counted = rows.slice(0, COUNT_CAP).map(matchedOf);
      const anyTerm = toTsquery(anyTermOf(match));
      // Sorted by date, the page does not depend on rank: only the documents of its filings are ranked.
      const onPage = filingsOnDatePage(search, counted);
      // A phrase alone was ranked while matching (its passages were read then).
      const ranks = rows.every((row) => row.score !== undefined && row.score !== null)
        ? new Map(rows.slice(0, RANK_CAP).map((row) => [num(row.document_id), -num(row.score)]))
        : await this.#rankDocuments(
            query,
            counted
              .slice(0, RANK_CAP)
              .filter((document) => onPage === null || onPage.has(document.filingKey))
              .map((document) => document.documentId as number),
            anyTerm,
            hasPhrase(match),
          );
      const found = {
        documents: counted.map((document) => ({ ...document, rank: ranks.get(document.documentId as number) ?? null })),
        more: rows.length > COUNT_CAP,
        rankCapped: rows.length > RANK_CAP,
      };
      const tsquery = toTsquery(match);
      return assemblePage(search, found, (documents) =>
        this.#snippets(
          query,
          documents.map((document) => document.documentId as number),
          tsquery,
          anyTerm,
          hasPhrase(match),
        ),
      );
    });
  }

  /**
   * The newest COUNT_CAP + 1 documents (by document id: "most recently stored", as in the SQLite adapter) that match
   * the query and pass the filters, newest first. Read in windows of document ids, newest first, until enough
   * matched: the partitions of `passages` (by document id) that a window does not cover are not read, so a common
   * phrase rechecks the positions of the newest few thousand documents' passages instead of every passage holding
   * its words. The first window is FIRST_WINDOW_DOCUMENTS; each next one is sized from the share of documents
   * that matched so far (to end in one more window), at least as large as the last and at most 8 times it (4
   * times while none matched), so a rare word takes a few windows, not one per partition.
   */
  async #newestMatches(
    query: Queryable['query'],
    match: QueryNode,
    where: readonly string[],
    filterParams: readonly unknown[],
  ): Promise<Row[]> {
    const span = (await query('SELECT min(id) AS low, max(id) AS high FROM documents')).rows[0] as Row;
    if (span.low === null || span.high === null) return [];
    const lowest = num(span.low);
    // Windows begin where partitions begin, so no partition is read by two windows (a bitmap scan of a partition
    // rechecks every candidate in it before it filters on the window). The one partition a migrated database's
    // passages became (FROM MINVALUE) is read in windows of document ids: its document_id index narrows each
    // window before the recheck (a BitmapAnd), though its GIN index is read whole each time.
    const partitions = (
      await query(
        `SELECT c.relname, (regexp_match(pg_get_expr(c.relpartbound, c.oid), 'FROM \\(''(-?[0-9]+)''\\)'))[1]::bigint AS low
         FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'passages'::regclass`,
      )
    ).rows.sort((a, b) => (a.low === null ? -Infinity : num(a.low)) - (b.low === null ? -Infinity : num(b.low)));
    const starts = partitions.filter((row) => row.low !== null).map((row) => num(row.low));
    const partitionStart = (id: number) => starts.findLast((start) => start <= id) ?? id;
    // A phrase most passages hold is matched document by document (see #isCommonPhrase), in one statement with the
    // filters. Other queries in two: the documents of the window that match, then their rows and the filters.
    // Parallel workers are off: a parallel hash join builds its hash of the matches once per worker.
    const newest = partitions.slice(-3).map((row) => row.relname as string);
    const common = isLeaf(match) && (await this.#isCommonPhrase(query, match, newest));
    await query("SELECT set_config('max_parallel_workers_per_gather', '0', true)");
    const wanted = COUNT_CAP + 1;
    const found: Row[] = [];
    let high = num(span.high) + 1;
    let size = FIRST_WINDOW_DOCUMENTS;
    let examined = 0;
    while (high > lowest && found.length < wanted) {
      const low = Math.max(lowest, partitionStart(high - size));
      const rows = common
        ? await this.#commonPhraseWindow(query, match, where, filterParams, low, high, wanted - found.length)
        : where.length > 0
          ? await this.#filteredWindow(query, match, where, filterParams, low, high, wanted - found.length)
          : await this.#matchWindow(query, match, low, high, wanted - found.length);
      found.push(...rows);
      examined += high - low;
      high = low;
      const next = found.length === 0 ? size * 4 : Math.ceil((((wanted - found.length) * examined) / found.length) * 1.25);
      size = Math.min(size * (found.length === 0 ? 4 : 8), Math.max(size, next));
    }
    return found;
  }

  /**
   * The newest `limit` documents of ids low..high-1 that match the query (no filters: see #filteredWindow), with their rank
   * when the query is one word or phrase. First the matching documents, through bitmap scans of the GIN index
   * only: the planner prices `tsv @@ q` as a cheap filter, but each test reads the passage's tsvector out of TOAST,
   * so for a common word it would scan the window's passages and test every one, where a bitmap scan answers a
   * word without reading any tsvector (a phrase rechecks only the passages holding all its words): `board of
   * directors` 0.9 s against 0.15 s in one window of 25,000 filings. Then, with the usual plans, their rows and
   * filings, filtered, newest first.
   */
  async #matchWindow(query: Queryable['query'], match: QueryNode, low: number, high: number, limit: number): Promise<Row[]> {
    const { params, param } = parameterList();
    const window = { low: param(low), high: param(high) };
    // A phrase alone: each document once, with its best passage's rank (from the passages read to match it), not
    // once per passage holding it. A word, and the set operations of AND, OR and NOT, return each document once,
    // unranked: a word's match reads no tsvector, and its documents are ranked afterwards (#rankDocuments).
    const phrase = isLeaf(match) && hasPhrase(match);
    await query("SELECT set_config('enable_seqscan', 'off', true), set_config('enable_indexscan', 'off', true)");
    const matched = (
      await query(
        // DISTINCT: a word's documentSetSql is a row per passage holding it.
        `SELECT ${phrase ? 'document_id, score' : 'DISTINCT document_id'} FROM (${phrase ? rankedLeafSql(match, param, window) : documentSetSql(match, param, window)}) m
         ORDER BY document_id DESC LIMIT ${limit}`,
        params,
      )
    ).rows;
    await query('RESET enable_seqscan; RESET enable_indexscan');
    if (matched.length === 0) return [];
    const { rows } = await query(
      `SELECT d.id AS document_id, d.sequence, d.position, d.type, d.description, ${MATCH_COLUMNS_OF_FILING}, m.score
       FROM unnest($1::bigint[], $2::float8[]) AS m(document_id, score)
       JOIN documents d ON d.id = m.document_id JOIN filings f ON f.row_id = d.filing_row_id
       ORDER BY d.id DESC`,
      [matched.map((row) => row.document_id), matched.map((row) => (phrase ? row.score : null))],
    );
    return rows;
  }

  /**
   * #matchWindow with filters, in one statement whose plan the planner chooses from its estimates of the matches
   * and of the share of filings the filters keep (from the filings first when they keep few); not ranked here.
   */
  async #filteredWindow(
    query: Queryable['query'],
    match: QueryNode,
    where: readonly string[],
    filterParams: readonly unknown[],
    low: number,
    high: number,
    limit: number,
  ): Promise<Row[]> {
    const { params, param } = parameterList(filterParams);
    const window = { low: param(low), high: param(high) };
    const { rows } = await query(
      `SELECT d.id AS document_id, d.sequence, d.position, d.type, d.description, ${MATCH_COLUMNS_OF_FILING}
       FROM documents d JOIN filings f ON f.row_id = d.filing_row_id
       WHERE ${[
         `d.id >= ${window.low}::bigint AND d.id < ${window.high}::bigint`,
         `d.id IN (${documentSetSql(match, param, window)})`,
         ...where,
       ].join(' AND ')}
       ORDER BY d.id DESC LIMIT ${limit}`,
      params,
    );
    return rows;
  }

  /** #matchWindow for a phrase most passages hold, in one statement: see firstPassageSql. */
  async #commonPhraseWindow(
    query: Queryable['query'],
    match: QueryNode,
    where: readonly string[],
    filterParams: readonly unknown[],
    low: number,
    high: number,
    limit: number,
  ): Promise<Row[]> {
    const { params, param } = parameterList(filterParams);
    const window = { low: param(low), high: param(high) };
    const { rows } = await query(firstPassageSql(match as QueryNode & { kind: 'phrase' }, param, window, where, limit), params);
    return rows;
  }

  /**
   * Whether a query is one phrase of words that many passages hold (`"of the"`, `"the company"`), by the planner's
   * statistics of the tsvector column: the product of its words' shares of passages is at least
   * COMMON_PHRASE_SHARE. Such a phrase is in many documents, so it is matched document by document, newest first,
   * reading each document's passages only up to the first that holds it (see firstPassageSql), instead of
   * rechecking the positions of every passage of whole partitions holding its words and ranking every match.
   */
  async #isCommonPhrase(query: Queryable['query'], node: QueryNode, newestPartitions: readonly string[]): Promise<boolean> {
    if (node.kind !== 'phrase' || node.words.length < 2) return false;
    const { rows } = await query(
      `WITH s AS (
         SELECT most_common_elems::text::text[] AS elems, most_common_elem_freqs AS freqs FROM pg_stats
         -- The whole table's (a database-wide ANALYZE makes them), else a newest partition's (autovacuum's): not
         -- every partition's, which pg_stats would decode for 0.15 s at 160 partitions.
         WHERE schemaname = current_schema() AND tablename = ANY($2::text[]) AND attname = 'tsv' AND most_common_elems IS NOT NULL
         ORDER BY tablename = 'passages' DESC, inherited DESC LIMIT 1
       )
       SELECT w.lexeme, (SELECT s.freqs[array_position(s.elems, w.lexeme)] FROM s) AS share
       FROM unnest(tsvector_to_array(to_tsvector('${TS_CONFIG}', $1))) AS w(lexeme)`,
      [searchableText(node.words.join(' ')), ['passages', ...newestPartitions]],
    );
    if (rows.length === 0) return false;
    const share = rows.reduce((product, row) => product * (row.share === null ? 0 : Number(row.share)), 1);
    return share >= COMMON_PHRASE_SHARE;
  }

  /**
   * Runs a search's statements in one read-only transaction whose statement_timeout is what is left of the budget,
   * so no statement runs past it; a statement stopped there (57014) becomes the budget's QueryTooBroadError.
   */
  async #withinBudget<T>(budget: SearchBudget, work: (query: Queryable['query']) => Promise<T>): Promise<T> {
    try {
      return await this.#inTransaction('BEGIN READ ONLY', (client) =>
        work(async (sql, params) => {
          budget.check();
          await client.query(`SET LOCAL statement_timeout = ${budget.remainingMs}`);
          return client.query(sql, params);
        }),
      );
    } catch (error) {
      if ((error as { code?: string }).code === '57014') throw budget.exceeded();
      throw error;
    }
  }

  /**
   * Ranks documents by their best passage for the words the query looks for (ts_rank_cd, cover density), as a
   * rank where lower is better (the SQLite adapter's bm25 order): the best of each document's first
   * RANKED_PASSAGES passages holding any of the words. The passages holding them are found through the GIN index
   * (a word needs no tsvector read to match) and only those first ones are ranked; with a phrase, whose match
   * rechecks positions, these documents' passages are read first (OFFSET 0 keeps them apart), else the planner
   * may recheck every passage of whole partitions holding the phrase's words.
   */
  async #rankDocuments(
    query: Queryable['query'],
    documentIds: readonly number[],
    anyTerm: string,
    phrase: boolean,
  ): Promise<Map<number, number>> {
    if (documentIds.length === 0) return new Map();
    const passages = phrase
      ? '(SELECT document_id, position, tsv FROM passages WHERE document_id = ANY($1::bigint[]) OFFSET 0)'
      : 'passages';
    const { rows } = await query(
      `SELECT m.document_id, max(ts_rank_cd(m.tsv, q.q)) AS score
       FROM (
         SELECT p.document_id, p.tsv, row_number() OVER (PARTITION BY p.document_id ORDER BY p.position) AS n
         FROM ${passages} p WHERE p.document_id = ANY($1::bigint[]) AND p.tsv @@ to_tsquery('${TS_CONFIG}', $2)
       ) m, (SELECT to_tsquery('${TS_CONFIG}', $2) AS q) q
       WHERE m.n <= ${RANKED_PASSAGES} GROUP BY m.document_id`,
      [documentIds, anyTerm],
    );
    return new Map(rows.filter((row) => row.score !== null).map((row) => [num(row.document_id), -num(row.score)]));
  }

  /**
   * Each document's snippet: from its first passage that matches the whole query, else (the words stand in
   * different passages) from its first passage that holds any of them.
   */
  async #snippets(
    run: Queryable['query'],
    documentIds: readonly number[],
    tsquery: string,
    anyTerm: string,
    phrase: boolean,
  ): Promise<string[]> {
    const found = new Map<number, string>();
    // With a phrase, these documents' passages are read first, as in #rankDocuments.
    const passages = phrase
      ? `(SELECT document_id, position, tsv FROM passages WHERE document_id = ANY($1::bigint[]) OFFSET 0)`
      : 'passages';
    for (const query of [tsquery, anyTerm]) {
      const missing = documentIds.filter((id) => !found.has(id));
      if (missing.length === 0) break;
      // Each document's first matching passage is chosen first; ts_headline, the costly part, runs on that one only.
      const { rows } = await run(
        `WITH q AS (SELECT to_tsquery('${TS_CONFIG}', $2) AS q),
         first AS (
           SELECT DISTINCT ON (p.document_id) p.document_id, p.position
           FROM ${passages} p, q WHERE p.document_id = ANY($1::bigint[]) AND p.tsv @@ q.q ORDER BY p.document_id, p.position
         )
         SELECT first.document_id, ts_headline('${TS_CONFIG}', p.text, q.q, $3) AS snippet
         -- By document and position: partitions of passages index document_id, not id.
         FROM first JOIN passages p ON p.document_id = first.document_id AND p.position = first.position, q`,
        [missing, query, HEADLINE_OPTIONS],
      );
      for (const row of rows) found.set(num(row.document_id), mergeMarks((row.snippet as string | null) ?? ''));
    }
    return documentIds.map((id) => found.get(id) ?? '');
  }

  async getFiling(filingId: string): Promise<FilingView | null> {
    const row = (await this.#pool.query('SELECT * FROM filings WHERE id = $1', [filingId])).rows[0];
    if (!row) return null;
    const hasFacts = await this.#hasFacts();
    const [documents, exhibits, facts] = await Promise.all([
      this.#pool.query('SELECT * FROM documents WHERE filing_row_id = $1 ORDER BY position', [row.row_id]),
      this.#pool.query('SELECT number, description, document_sequence FROM exhibits WHERE filing_row_id = $1 ORDER BY position', [
        row.row_id,
      ]),
      hasFacts ? this.#pool.query('SELECT count(*) AS n FROM xbrl_facts WHERE filing_row_id = $1', [row.row_id]) : null,
    ]);
    return filingView(row, documents.rows, exhibits.rows, facts?.rows[0]?.n ?? 0);
  }

  async getOriginal(filingId: string): Promise<Uint8Array | null> {
    const { rows } = await this.#pool.query(
      'SELECT b.compression, b.data FROM filings f JOIN blobs b ON b.sha256 = f.original_blob WHERE f.id = $1',
      [filingId],
    );
    return rows[0] ? blobBytes(rows[0]) : null;
  }

  async getOriginalBlob(filingId: string): Promise<StoredBlob | null> {
    const { rows } = await this.#pool.query(
      'SELECT b.compression, b.byte_length, b.data FROM filings f JOIN blobs b ON b.sha256 = f.original_blob WHERE f.id = $1',
      [filingId],
    );
    return rows[0] ? storedBlob(rows[0]) : null;
  }

  async getBlob(sha256: string): Promise<Uint8Array | null> {
    const row = (await this.#pool.query('SELECT compression, data FROM blobs WHERE sha256 = $1', [sha256])).rows[0];
    return row ? blobBytes(row) : null;
  }

  async getStoredBlob(sha256: string): Promise<StoredBlob | null> {
    const row = (await this.#pool.query('SELECT compression, byte_length, data FROM blobs WHERE sha256 = $1', [sha256])).rows[0];
    return row ? storedBlob(row) : null;
  }

  async listCompanies(request: CompanyListRequest): Promise<readonly CompanyView[]> {
    const { limit, offset } = pageOf(request.limit, request.offset, 50);
    const tickers = await this.#hasTickers();
    const select = companySelect(tickers);
    const byName = `c.name ILIKE $1 OR c.cik IN (SELECT cik FROM former_names WHERE name ILIKE $1)`;
    const { rows } = !request.name
      ? await this.#pool.query(`${select} ORDER BY c.name COLLATE "C" NULLS FIRST LIMIT $1 OFFSET $2`, [limit, offset])
      : tickers
        ? // A ticker names its company first, before the companies whose names merely contain it.
          await this.#pool.query(
            `${select} WHERE ${byName} OR c.cik IN (SELECT cik FROM tickers WHERE ticker = $4)
             ORDER BY c.cik IN (SELECT cik FROM tickers WHERE ticker = $4) DESC, c.name COLLATE "C" NULLS FIRST LIMIT $2 OFFSET $3`,
            [containsPattern(request.name), limit, offset, tickerKey(request.name)],
          )
        : await this.#pool.query(`${select} WHERE ${byName} ORDER BY c.name COLLATE "C" NULLS FIRST LIMIT $2 OFFSET $3`, [
            containsPattern(request.name),
            limit,
            offset,
          ]);
    return rows.map(company);
  }

  async getCompany(cik: string): Promise<CompanyView | null> {
    const row = (await this.#pool.query(`${companySelect(await this.#hasTickers())} WHERE c.cik = $1`, [cikKey(cik)])).rows[0];
    return row ? company(row) : null;
  }

  async findTicker(ticker: string): Promise<TickerEntry | null> {
    if (!(await this.#hasTickers())) return null;
    const row = (await this.#pool.query('SELECT ticker, cik, title FROM tickers WHERE ticker = $1', [tickerKey(ticker)])).rows[0];
    return row ? { ticker: row.ticker as string, cik: row.cik as string, title: row.title as string } : null;
  }

  async replaceTickers(tickers: readonly TickerEntry[]): Promise<number> {
    const rows = tickerRows(tickers);
    await this.transaction(async (tx) => {
      await tx.query('DELETE FROM tickers');
      // In slices, so no one statement carries an unbounded array.
      for (let start = 0; start < rows.length; start += 5000) {
        const slice = rows.slice(start, start + 5000);
        await tx.query(
          'INSERT INTO tickers (ticker, cik, title, position) SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::int[])',
          [slice.map((row) => row[0]), slice.map((row) => row[1]), slice.map((row) => row[2]), slice.map((row) => row[3])],
        );
      }
    });
    return rows.length;
  }

  /** Looked up until found: a writer may migrate the database while a reader (the server) has it open. */
  async #hasTickers(): Promise<boolean> {
    this.#tickerTable ||= (await this.#pool.query("SELECT to_regclass('tickers') IS NOT NULL AS found")).rows[0]?.found === true;
    return this.#tickerTable;
  }

  async listFilings(request: FilingListRequest): Promise<readonly FilingSummaryView[]> {
    const { limit, offset } = pageOf(request.limit, request.offset, 50);
    const where: string[] = [];
    const { params, param } = parameterList();
    if (request.cik)
      where.push(`EXISTS (SELECT 1 FROM filing_parties p WHERE p.filing_row_id = f.row_id AND p.cik = ${param(cikKey(request.cik))})`);
    if (request.form) where.push(`lower(f.form_type) = lower(${param(request.form)})`);
    if (request.from) where.push(`f.filed_at >= ${param(request.from)}`);
    if (request.to) where.push(`f.filed_at <= ${param(request.to)}`);
    const { rows } = await this.#pool.query(
      `SELECT ${SUMMARY_COLUMNS} FROM filings f ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY f.filed_at DESC NULLS LAST, f.row_id DESC LIMIT ${param(limit)} OFFSET ${param(offset)}`,
      params,
    );
    return rows.map(filingSummaryView);
  }

  async stats(): Promise<StoreStats> {
    const { rows } = await this.#pool.query(
      `SELECT (SELECT count(*) FROM filings) AS filings, (SELECT count(*) FROM documents) AS documents,
         (SELECT count(*) FROM companies) AS companies, (SELECT count(*) FROM blobs) AS blobs,
         (SELECT coalesce(sum(octet_length(data)), 0) FROM blobs) AS blob_bytes,
         (SELECT coalesce(sum(byte_length), 0) FROM filings) AS original_bytes,
         ${(await this.#hasFacts()) ? '(SELECT count(*) FROM xbrl_facts)' : '0'} AS facts,
         (SELECT min(filed_at) FROM filings) AS first, (SELECT max(filed_at) FROM filings) AS last`,
    );
    const totals = rows[0] as Row;
    const forms = await this.#pool.query(
      'SELECT form_type, count(*) AS n FROM filings GROUP BY form_type ORDER BY n DESC, form_type COLLATE "C" NULLS FIRST',
    );
    return {
      filings: num(totals.filings),
      documents: num(totals.documents),
      companies: num(totals.companies),
      blobs: num(totals.blobs),
      blobBytes: num(totals.blob_bytes),
      originalBytes: num(totals.original_bytes),
      facts: num(totals.facts),
      formTypes: forms.rows.map((row) => ({ formType: (row.form_type as string | null) ?? '(none)', count: num(row.n) })),
      firstFiledAt: (totals.first as string | null) ?? null,
      lastFiledAt: (totals.last as string | null) ?? null,
    };
  }

  async checkIntegrity(): Promise<readonly string[]> {
    const problems: string[] = [];
    const count = async (sql: string) => num((await this.#pool.query(sql)).rows[0]?.n);
    const version = await count('SELECT max(version) AS n FROM schema_migrations');
    if (version !== POSTGRES_SCHEMA_VERSION) problems.push(`schema version ${version}, expected ${POSTGRES_SCHEMA_VERSION}`);
    const orphanDocuments = await count(
      'SELECT count(*) AS n FROM documents d LEFT JOIN filings f ON f.row_id = d.filing_row_id WHERE f.row_id IS NULL',
    );
    if (orphanDocuments > 0) problems.push(`${orphanDocuments} documents belong to no filing`);
    const orphanPassages = await count(
      'SELECT count(*) AS n FROM passages p LEFT JOIN documents d ON d.id = p.document_id WHERE d.id IS NULL',
    );
    if (orphanPassages > 0) problems.push(`${orphanPassages} indexed passages belong to no document`);
    const missingOriginals = await count(
      'SELECT count(*) AS n FROM filings f LEFT JOIN blobs b ON b.sha256 = f.original_blob WHERE b.sha256 IS NULL',
    );
    if (missingOriginals > 0) problems.push(`${missingOriginals} filings have lost their original bytes`);
    const wrongCounts = await count(
      'SELECT count(*) AS n FROM filings f WHERE f.document_count != (SELECT count(*) FROM documents d WHERE d.filing_row_id = f.row_id)',
    );
    if (wrongCounts > 0) problems.push(`${wrongCounts} filings are half-written (document count differs)`);
    const duplicates = await count('SELECT count(*) AS n FROM (SELECT id FROM filings GROUP BY id HAVING count(*) > 1) AS d');
    if (duplicates > 0) problems.push(`${duplicates} accessions are stored more than once`);
    return problems;
  }

  async close(): Promise<void> {
    await this.#pool.end();
  }
}

/** Companies with their filing count, former names and (from schema version 5) tickers. */
function companySelect(tickers: boolean): string {
  return `SELECT c.*,
    (SELECT count(DISTINCT p.filing_row_id) FROM filing_parties p WHERE p.cik = c.cik) AS filing_count,
    (SELECT coalesce(json_agg(json_build_object('name', fn.name, 'dateChanged', fn.date_changed) ORDER BY fn.date_changed COLLATE "C" DESC), '[]'::json)
       FROM former_names fn WHERE fn.cik = c.cik) AS former_names${
         tickers
           ? `,
    (SELECT coalesce(json_agg(t.ticker ORDER BY t.position), '[]'::json) FROM tickers t WHERE t.cik = c.cik) AS tickers`
           : ''
       }
  FROM companies c`;
}

function company(row: Row): CompanyView {
  return companyView(
    row,
    (row.former_names as { name: string; dateChanged: string | null }[] | null) ?? [],
    row.filing_count,
    (row.tickers as string[] | null | undefined) ?? [],
  );
}

/** Words of a phrase are highlighted one by one by ts_headline; SQLite marks the phrase as one run. */
/** The filing columns a search result shows, as `matchedOf` reads them. */
const MATCH_COLUMNS_OF_FILING =
  'f.row_id AS filing_row_id, f.id AS filing_id, f.accession_number, f.form_type, f.filed_at, f.primary_name, f.primary_cik';

function matchedOf(row: Row): MatchedDocument {
  return {
    documentId: row.document_id === undefined ? null : num(row.document_id),
    rank: null,
    filingKey: num(row.filing_row_id),
    filingId: row.filing_id as string,
    accessionNumber: (row.accession_number as string | null) ?? null,
    formType: (row.form_type as string | null) ?? null,
    filedAt: (row.filed_at as string | null) ?? null,
    companyName: (row.primary_name as string | null) ?? null,
    cik: (row.primary_cik as string | null) ?? null,
    sequence: numOrNull(row.sequence),
    position: num(row.position ?? 0),
    type: (row.type as string | null | undefined) ?? null,
    description: (row.description as string | null | undefined) ?? null,
  };
}

/** The filters as SQL over `f` (filings); a company name matches current and former names of any party, or its ticker. */
function filterSql(filters: QueryFilters, param: (value: unknown) => string, tickers: boolean): string[] {
  const where: string[] = [];
  if (filters.form) where.push(`lower(f.form_type) = lower(${param(filters.form)})`);
  if (filters.from) where.push(`f.filed_at >= ${param(filters.from)}`);
  if (filters.to) where.push(`f.filed_at <= ${param(filters.to)}`);
  if (filters.cik) where.push(`EXISTS (SELECT 1 FROM filing_parties p WHERE p.filing_row_id = f.row_id AND p.cik = ${param(filters.cik)})`);
  if (filters.company) {
    const like = param(containsPattern(filters.company));
    where.push(
      `EXISTS (SELECT 1 FROM filing_parties p WHERE p.filing_row_id = f.row_id AND (p.name ILIKE ${like}
         OR p.cik IN (SELECT cik FROM former_names WHERE name ILIKE ${like})${
           tickers ? ` OR p.cik IN (SELECT cik FROM tickers WHERE ticker = ${param(tickerKey(filters.company))})` : ''
         }))`,
    );
  }
  return where;
}

/**
 * The documents a query matches as a whole, as SQL set operations over the passage index: a word or phrase
 * selects the documents with a passage holding it (a phrase must stand within one passage), AND intersects, OR
 * unites, NOT subtracts. Each leaf is one GIN index scan.
 */
function documentSetSql(node: QueryNode, param: (value: unknown) => string, window: { low: string; high: string }): string {
  switch (node.kind) {
    case 'term':
    case 'phrase':
      // The window on the partition key: only the partitions it covers are scanned. A document's passages all
      // lie in one window, so AND, OR and NOT over a window are those over the whole document.
      return `SELECT document_id FROM passages WHERE tsv @@ to_tsquery('${TS_CONFIG}', ${param(toTsquery(node))})
        AND document_id >= ${window.low}::bigint AND document_id < ${window.high}::bigint`;
    case 'and':
      return node.children.map((child) => `(${documentSetSql(child, param, window)})`).join(' INTERSECT ');
    case 'or':
      return node.children.map((child) => `(${documentSetSql(child, param, window)})`).join(' UNION ');
    case 'not':
      return `(${documentSetSql(node.include, param, window)}) EXCEPT (${documentSetSql(node.exclude, param, window)})`;
  }
}

/**
 * A phrase's documents in a window, newest first, for a phrase most passages hold (PostgresStore.#isCommonPhrase):
 * each document's passages are read in stored order (by its id in the `document_id` index) up to the first that
 * holds the phrase, and the document is ranked by that passage (not by its best one, which would read every passage of every document again).
 */
function firstPassageSql(
  node: QueryNode & { kind: 'term' | 'phrase' },
  param: (value: unknown) => string,
  window: { low: string; high: string },
  where: readonly string[],
  limit: number,
): string {
  const tsquery = `(SELECT to_tsquery('${TS_CONFIG}', ${param(toTsquery(node))}))`;
  return `SELECT d.id AS document_id, d.sequence, d.position, d.type, d.description, ${MATCH_COLUMNS_OF_FILING}, m.score
    FROM documents d JOIN filings f ON f.row_id = d.filing_row_id
    CROSS JOIN LATERAL (
      -- OFFSET 0: the document's passages by its id, never a GIN scan per document.
      SELECT ts_rank_cd(p.tsv, ${tsquery}) AS score
      FROM (SELECT tsv FROM passages WHERE document_id = d.id OFFSET 0) p WHERE p.tsv @@ ${tsquery} LIMIT 1
    ) m
    WHERE ${[`d.id >= ${window.low}::bigint AND d.id < ${window.high}::bigint`, ...where].join(' AND ')}
    ORDER BY d.id DESC LIMIT ${limit}`;
}

function isLeaf(node: QueryNode): node is QueryNode & { kind: 'term' | 'phrase' } {
  return node.kind === 'term' || node.kind === 'phrase';
}

/**
 * A word or phrase's documents in a window with their rank (ts_rank_cd of their best passage, as #rankDocuments
 * computes it: for one word or phrase the "any word" query is the query itself), each document once.
 */
function rankedLeafSql(
  node: QueryNode & { kind: 'term' | 'phrase' },
  param: (value: unknown) => string,
  window: { low: string; high: string },
): string {
  const tsquery = param(toTsquery(node));
  return `SELECT document_id, max(ts_rank_cd(tsv, (SELECT to_tsquery('${TS_CONFIG}', ${tsquery})))) AS score
    FROM passages WHERE tsv @@ to_tsquery('${TS_CONFIG}', ${tsquery})
      AND document_id >= ${window.low}::bigint AND document_id < ${window.high}::bigint
    GROUP BY document_id`;
}

/** Whether the query holds a phrase of two words or more (whose match rechecks positions in the tsvector). */
function hasPhrase(node: QueryNode): boolean {
  switch (node.kind) {
    case 'term':
      return false;
    case 'phrase':
      return node.words.length > 1;
    case 'and':
    case 'or':
      return node.children.some(hasPhrase);
    case 'not':
      return hasPhrase(node.include) || hasPhrase(node.exclude);
  }
}

function mergeMarks(snippet: string): string {
  return snippet.replace(new RegExp(`${SNIPPET_MARK.close}(\\s+)${SNIPPET_MARK.open}`, 'gu'), '$1');
}

/** A statement's parameter list, and `param(value)`, which appends a value and gives its placeholder (`$3`). */
function parameterList(initial: readonly unknown[] = []): { params: unknown[]; param: (value: unknown) => string } {
  const params = [...initial];
  return {
    params,
    param: (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    },
  };
}
