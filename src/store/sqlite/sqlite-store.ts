import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { compareCopies } from '../../model/prepared-filing.js';
import type { FactQuery, StoredFact } from '../../model/stored-fact.js';
import type { Party } from '../../model/submission.js';
import { FACT_COLUMNS, FACT_SELECT, factIdentity, factSeriesSql, factValues, storedFactView } from '../fact-rows.js';
import { PASSAGE_STRIDE, splitPassages } from '../passages.js';
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
  type FoundDocuments,
  MAX_PREFIX_EXPANSION,
  type MatchedDocument,
  prefixesOf,
  prepareSearch,
  QueryTooBroadError,
  RANK_CAP,
  SEARCH_BUDGET_MS,
  SearchBudget,
  termText,
} from '../search.js';
import { type QueryFilters, type QueryNode, toFts5 } from '../search-query.js';
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
import {
  createDocumentTableSql,
  documentTable,
  FTS_TOKENIZE,
  SEARCH_TABLES_EXIST,
  SHARD_OF_DOCUMENT,
  SHARD_REGISTRY_EXISTS,
  SQLITE_MIGRATIONS,
  shardTable,
} from './migrations.js';

/**
 * Passages are indexed in shards of about this many (about 18,000 documents of the corpus mix), newest documents in
 * the newest shard. FTS5's bm25() counts, for each phrase of a query, the rows of its whole table that hold it before
 * it ranks a single row: for a phrase of common words (`"of the"`) that is a position check of nearly every document
 * of the shard, whatever the window keeps. A query that finds RANK_CAP matches in the newest shards never touches
 * (nor counts over) the older ones, so the shard size bounds that count. Shards made with another size (500,000
 * before) keep theirs; the next write starts a new shard when the newest holds this many or more.
 */
export const SHARD_PASSAGES = 100_000;

/** Options of `openSqliteStore`. */
export interface SqliteStoreOptions {
  /** Open without write access (the server does). */
  readonly readonly?: boolean;
  /** Passages per index shard (default SHARD_PASSAGES); small values let tests make many shards. */
  readonly shardPassages?: number;
  /** How long a search may take, in ms, before it is stopped as too broad (default SEARCH_BUDGET_MS). */
  readonly searchBudgetMs?: number;
}

/**
 * Opens (creating when needed) a SQLite database file, or `:memory:`, and brings its schema up to date. Read-only,
 * it never writes (not even the schema), and a file that holds no edgarkit tables yet (an ingest is creating it,
 * or it is an empty file) is a NoSchemaError rather than "no such table" later.
 */
export function openSqliteStore(path: string, options: SqliteStoreOptions = {}): SqliteStore {
  if (options.readonly) return openSqliteForReading(path, options);
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  try {
    db.pragma('journal_mode = WAL');
    // WAL + NORMAL: a committed transaction survives a process crash; only an OS crash can lose the last ones.
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrateSqlite(db);
  } catch (error) {
    db.close();
    throw error;
  }
  db.pragma('busy_timeout = 5000');
  return new SqliteStore(db, options.shardPassages ?? SHARD_PASSAGES, options.searchBudgetMs ?? SEARCH_BUDGET_MS);
}

function openSqliteForReading(path: string, options: SqliteStoreOptions): SqliteStore {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    // The first read: where a WAL database whose folder cannot hold its -shm file fails.
    // The filings table, not schema_migrations: a first ingest creates that before its first migration commits.
    const schema = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'filings'").get();
    if (schema === undefined) throw new NoSchemaError(path);
  } catch (error) {
    db.close();
    if (error instanceof Error && /^SQLITE_(?:READONLY|CANTOPEN)/.test((error as { code?: string }).code ?? '')) {
      throw new SqliteReadOnlyError(path, error);
    }
    throw error;
  }
  return new SqliteStore(db, options.shardPassages ?? SHARD_PASSAGES, options.searchBudgetMs ?? SEARCH_BUDGET_MS);
}

/**
 * A database in WAL mode whose folder is read-only (a read-only mount, or a folder of another user): SQLite
 * must create `-shm` beside it to read it, and cannot. A database edgarkit closed is left in rollback mode,
 * which needs no `-shm`; one still in WAL mode was closed while another process had it open, or not closed.
 * (SQLite's `immutable` URI would read it, but better-sqlite3 opens files without URI support.)
 */
export class SqliteReadOnlyError extends Error {
  readonly code: string;
  constructor(path: string, cause: Error) {
    super(
      `${cause.message}: ${path} is in WAL mode and its folder is read-only, so SQLite cannot create ${path}-shm to read it. ` +
        `Run "edgarkit migrate --db ${path}" once where the folder is writable (a database edgarkit closes can then be read from anywhere), or copy it to a writable folder`,
    );
    this.name = 'SqliteReadOnlyError';
    this.code = (cause as { code?: string }).code ?? 'SQLITE_READONLY';
  }
}

/**
 * A writer leaves the database in rollback-journal mode when it is the last to close it (WAL is turned on again
 * by the next writer), so a copy on a read-only folder or mount can be read: a WAL database cannot be read where
 * its `-shm` file cannot be created. With other connections open it stays in WAL mode, which they need.
 */
function leaveInRollbackMode(db: Database.Database): void {
  try {
    db.pragma('busy_timeout = 0');
    db.pragma('journal_mode = DELETE');
  } catch {
    // Another process has the database open (or the disk is full): it stays in WAL mode, whole.
  }
}

export function migrateSqlite(db: Database.Database): number[] {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
  const applied = new Set((db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map((row) => row.version));
  const ran: number[] = [];
  for (const migration of SQLITE_MIGRATIONS) {
    if (applied.has(migration.version)) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      migration.run?.(db);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
        migration.version,
        migration.name,
        new Date().toISOString(),
      );
    })();
    ran.push(migration.version);
  }
  return ran;
}

/** Deletes a blob (bound three times) that no filing keeps as its original and no document as its attachment. */
const DELETE_UNUSED_BLOB = `DELETE FROM blobs WHERE sha256 = ?
  AND NOT EXISTS (SELECT 1 FROM filings WHERE original_blob = ?)
  AND NOT EXISTS (SELECT 1 FROM documents WHERE attachment_sha256 = ?)`;

/** Shown documents with at most this many other matching documents between them are quoted by one range read. */
const SNIPPET_RANGE_GAP = 4;
/** A run of at least this many close documents is quoted by a range read (two statements), fewer one by one. */
const SNIPPET_RANGE_MIN = 3;

/** The index of the first value not below `value` in ascending `values`. */
function lowerBound(values: readonly number[], value: number): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((values[middle] as number) < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The filing columns a search result shows, as `matchedOf` reads them. */
const MATCH_COLUMNS_OF_FILING =
  'f.rowid AS filing_rowid, f.id AS filing_id, f.accession_number, f.form_type, f.filed_at, f.primary_name, f.primary_cik';
/** The narrow copy of those columns that search reads as `f` (see migration 4). */
const HITS = 'filing_hits f';

function matchedOf(row: Row): MatchedDocument {
  return {
    documentId: (row.document_id as number | undefined) ?? null,
    rank: null,
    filingKey: row.filing_rowid as number,
    filingId: row.filing_id as string,
    accessionNumber: (row.accession_number as string | null) ?? null,
    formType: (row.form_type as string | null) ?? null,
    filedAt: (row.filed_at as string | null) ?? null,
    companyName: (row.primary_name as string | null) ?? null,
    cik: (row.primary_cik as string | null) ?? null,
    sequence: (row.sequence as number | null | undefined) ?? null,
    position: (row.position as number | undefined) ?? 0,
    type: (row.type as string | null | undefined) ?? null,
    description: (row.description as string | null | undefined) ?? null,
  };
}

/** The filters as SQL over `f` (filings); a company name matches current and former names of any party, or its ticker. */
function filterSql(filters: QueryFilters, tickers: boolean): { where: string[]; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  if (filters.form) {
    where.push('f.form_type = ? COLLATE NOCASE');
    params.push(filters.form);
  }
  if (filters.from) {
    where.push('f.filed_at >= ?');
    params.push(filters.from);
  }
  if (filters.to) {
    where.push('f.filed_at <= ?');
    params.push(filters.to);
  }
  if (filters.cik) {
    where.push('EXISTS (SELECT 1 FROM filing_parties p WHERE p.filing_rowid = f.rowid AND p.cik = ?)');
    params.push(filters.cik);
  }
  if (filters.company) {
    const like = containsPattern(filters.company);
    where.push(
      `EXISTS (SELECT 1 FROM filing_parties p WHERE p.filing_rowid = f.rowid AND (p.name LIKE ? ESCAPE '\\' COLLATE NOCASE
         OR p.cik IN (SELECT cik FROM former_names WHERE name LIKE ? ESCAPE '\\' COLLATE NOCASE)${
           tickers ? ' OR p.cik IN (SELECT cik FROM tickers WHERE ticker = ?)' : ''
         }))`,
    );
    params.push(like, like);
    if (tickers) params.push(tickerKey(filters.company));
  }
  return { where, params };
}

/** The SQLite adapter: a Store, FilingSink and TickerSink over one database file (see `openSqliteStore`). */
export class SqliteStore implements Store, FilingSink, TickerSink, FactSink {
  readonly #db: Database.Database;
  readonly #statements = new Map<string, Database.Statement>();

  /** False while a database of schema version 1 opened read-only (not migrated) has one index table, no shards. */
  #sharded = false;

  /** False while a database older than schema version 3, opened read-only, has no document-level index. */
  #documentIndex = false;

  readonly #shardPassages: number;

  /** False while a database older than schema version 5, opened read-only, has no ticker list. */
  #tickerTable = false;

  /** False while a database older than schema version 7, opened read-only, has no fact table. */
  #factTable = false;

  readonly #searchBudgetMs: number;

  /** Shards whose word list (an fts5vocab table in the connection's temp schema) has been made. */
  readonly #vocabularies = new Set<number>();

  /** Shards the current write closed (a newer one began): merged once it commits (see `#mergeClosedShards`). */
  #closedShards: number[] = [];

  constructor(db: Database.Database, shardPassages = SHARD_PASSAGES, searchBudgetMs = SEARCH_BUDGET_MS) {
    this.#db = db;
    this.#shardPassages = shardPassages;
    this.#searchBudgetMs = searchBudgetMs;
  }

  #statement(sql: string): Database.Statement {
    let statement = this.#statements.get(sql);
    if (!statement) {
      statement = this.#db.prepare(sql);
      this.#statements.set(sql, statement);
    }
    return statement;
  }

  async writeFilings(filings: readonly PreparedFiling[]): Promise<WriteResult> {
    let inserted = 0;
    let replaced = 0;
    let unchanged = 0;
    const write = this.#db.transaction(() => {
      for (const filing of filings) {
        const existing = this.#statement('SELECT rowid, content_hash, documents_digest FROM filings WHERE id = ?').get(filing.id) as
          | { rowid: number; content_hash: string; documents_digest: string | null }
          | undefined;
        if (existing && existing.content_hash === filing.contentHash) {
          unchanged++;
          continue;
        }
        const copy = existing ? compareCopies(existing.documents_digest ?? '', filing.documentsDigest) : 'different';
        const remember = (rowid: number, hash: string) =>
          this.#statement('INSERT OR IGNORE INTO filing_copies (filing_rowid, content_hash) VALUES (?, ?)').run(rowid, hash);
        if (existing && (copy === 'same' || copy === 'stored-is-fuller')) {
          // Another container of the stored filing (its .nc beside its .txt): remembered, not stored twice.
          remember(existing.rowid, filing.contentHash);
          unchanged++;
          continue;
        }
        // A replacement's row ids start above every id in use, its filing's old ones included: SQLite would give
        // the replaced newest filing's ids again, and a search that found the old documents before this write
        // would then read the new ones under their ids (see `#completeDocuments`).
        const above = existing ? this.#nextIds() : undefined;
        const released = existing ? this.#deleteFiling(existing.rowid) : [];
        if (existing) replaced++;
        else inserted++;
        const rowid = this.#insertFiling(filing, above);
        // The old copy's blobs that nothing uses any more (its original, attachments of no other document).
        for (const sha256 of released) this.#statement(DELETE_UNUSED_BLOB).run(sha256, sha256, sha256);
        // A fuller copy replaces the stored one, which stays known as a copy of it.
        if (existing && copy === 'incoming-is-fuller') remember(rowid, existing.content_hash);
      }
    });
    this.#closedShards = [];
    write.immediate();
    this.#mergeClosedShards();
    return { inserted, replaced, unchanged };
  }

  /**
   * Merges each index of a shard that just closed into one segment. FTS5 keeps a table as a dozen or more segments
   * while it grows, and every statement seeks every query word in every segment: at 100,000 filings a snippet
   * statement took 0.5-0.6 ms on 13-15 segments and 0.03 ms on one, and the benchmark queries took a fifth (p50) to
   * a quarter (p95) less CPU with every shard merged. A closed shard only loses rows later, so it is merged once
   * (1-2 CPU-seconds for 100,000 passages), in its own transaction after the write that closed it. Another
   * writer holding the database then leaves the shard as written: slower to search, the same answers.
   */
  #mergeClosedShards(): void {
    const closed = this.#closedShards;
    this.#closedShards = [];
    for (const shard of closed) {
      try {
        this.#db
          .transaction(() => {
            for (const table of [shardTable(shard), documentTable(shard)])
              this.#db.exec(`INSERT INTO ${table} (${table}) VALUES ('optimize')`);
          })
          .immediate();
      } catch (error) {
        if ((error as { code?: string }).code !== 'SQLITE_BUSY') throw error;
      }
    }
  }

  /** Deletes a filing and all it holds; returns the blobs it used, which may now be used by nothing. */
  #deleteFiling(rowid: number): string[] {
    const blobs = (
      this.#statement(
        'SELECT original_blob AS sha256 FROM filings WHERE rowid = ? UNION SELECT attachment_sha256 FROM documents WHERE filing_rowid = ? AND attachment_sha256 IS NOT NULL',
      ).all(rowid, rowid) as { sha256: string }[]
    ).map((row) => row.sha256);
    for (const { id } of this.#statement('SELECT id FROM documents WHERE filing_rowid = ?').all(rowid) as { id: number }[]) {
      const shard = this.#shardOf(id);
      const removed = this.#statement(`DELETE FROM ${shardTable(shard)} WHERE rowid >= ? AND rowid < ?`).run(
        id * PASSAGE_STRIDE,
        (id + 1) * PASSAGE_STRIDE,
      ).changes;
      if (removed > 0) this.#statement('UPDATE passage_shards SET passages = passages - ? WHERE first_document = ?').run(removed, shard);
      this.#statement(`DELETE FROM ${documentTable(shard)} WHERE rowid = ?`).run(BigInt(id));
    }
    // Child rows go with the filing (ON DELETE CASCADE).
    this.#statement('DELETE FROM filings WHERE rowid = ?').run(rowid);
    return blobs;
  }

  /** The row ids SQLite would give the next filing and the next document. */
  #nextIds(): { filing: number; document: number } {
    const row = this.#statement(
      'SELECT (SELECT coalesce(max(rowid), 0) FROM filings) + 1 AS filing, (SELECT coalesce(max(id), 0) FROM documents) + 1 AS document',
    ).get() as { filing: number; document: number };
    return row;
  }

  /** Inserts a filing and all it holds, at the given row ids or SQLite's next ones; returns its row id. */
  #insertFiling(filing: PreparedFiling, at?: { filing: number; document: number }): number {
    for (const blob of filing.blobs) {
      this.#statement('INSERT OR IGNORE INTO blobs (sha256, compression, byte_length, data) VALUES (?, ?, ?, ?)').run(
        blob.sha256,
        blob.compression,
        blob.byteLength,
        Buffer.from(blob.data.buffer, blob.data.byteOffset, blob.data.byteLength),
      );
    }
    const values = filingValues(filing);
    const info = this.#statement(
      `INSERT INTO filings (rowid, ${FILING_COLUMNS.join(', ')}, ingested_at) VALUES (?, ${FILING_COLUMNS.map(() => '?').join(', ')}, ?)`,
    ).run(at?.filing ?? null, ...values, new Date().toISOString());
    const rowid = Number(info.lastInsertRowid);
    // The search copy from the values just written, not read back: reading the row's last columns would go
    // through its header JSON again.
    const value = (column: (typeof FILING_COLUMNS)[number]) => values[FILING_COLUMNS.indexOf(column)];
    this.#statement(
      'INSERT INTO filing_hits (rowid, id, accession_number, form_type, filed_at, primary_cik, primary_name) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ).run(
      rowid,
      value('id'),
      value('accession_number'),
      value('form_type'),
      value('filed_at'),
      value('primary_cik'),
      value('primary_name'),
    );
    filing.parties.forEach((party, position) => {
      this.#statement('INSERT INTO filing_parties (filing_rowid, position, role, cik, name) VALUES (?, ?, ?, ?, ?)').run(
        rowid,
        position,
        party.role,
        party.company?.cik ?? null,
        party.company?.name ?? null,
      );
      this.#upsertCompany(party, filing.filedAt);
    });
    // The first document at the given id (the next ones follow it: SQLite gives the largest id plus one).
    let documentAt = at?.document ?? null;
    for (const document of filing.documents) {
      const documentInfo = this.#statement(
        `INSERT INTO documents (id, filing_rowid, ${DOCUMENT_COLUMNS.join(', ')}) VALUES (?, ?, ${DOCUMENT_COLUMNS.map(() => '?').join(', ')})`,
      ).run(documentAt, rowid, ...documentValues(document));
      documentAt = null;
      if (document.text !== '') {
        const documentId = Number(documentInfo.lastInsertRowid);
        const passages = splitPassages(document.text);
        const shard = this.#shardForNew(documentId, passages.length);
        const insert = this.#statement(`INSERT INTO ${shardTable(shard)} (rowid, text) VALUES (?, ?)`);
        passages.forEach((passage, index) => {
          insert.run(documentId * PASSAGE_STRIDE + index, passage);
        });
        this.#statement(`INSERT INTO ${documentTable(shard)} (rowid, text) VALUES (?, ?)`).run(documentId, document.text);
      }
    }
    filing.exhibits.forEach((exhibit, position) => {
      this.#statement(
        'INSERT INTO exhibits (filing_rowid, position, number, description, document_sequence, record) VALUES (?, ?, ?, ?, ?, ?)',
      ).run(rowid, position, exhibit.number, exhibit.description, exhibit.documentSequence, exhibit.json);
    });
    filing.signatures.forEach((signature, position) => {
      this.#statement('INSERT INTO signatures (filing_rowid, position, record) VALUES (?, ?, ?)').run(rowid, position, signature.json);
    });
    if (filing.facts && filing.facts.length > 0) {
      const insert = this.#statement(
        `INSERT INTO xbrl_facts (filing_rowid, ${FACT_COLUMNS.join(', ')}) VALUES (?, ${FACT_COLUMNS.map(() => '?').join(', ')})`,
      );
      for (const fact of filing.facts) insert.run(rowid, ...factValues(fact));
    }
    return rowid;
  }

  async writeFacts(facts: readonly StoredFact[]): Promise<FactWriteResult> {
    checkStoredFacts(facts);
    const changed = FACT_COLUMNS.map((column) => `${column} IS NOT excluded.${column}`).join(' OR ');
    const upsert = this.#statement(
      `INSERT INTO xbrl_facts (identity_key, ${FACT_COLUMNS.join(', ')}) VALUES (?, ${FACT_COLUMNS.map(() => '?').join(', ')})
       ON CONFLICT (identity_key) DO UPDATE SET ${FACT_COLUMNS.map((column) => `${column} = excluded.${column}`).join(', ')}
       WHERE ${changed}`,
    );
    let written = 0;
    this.#db
      .transaction(() => {
        for (const fact of facts) written += upsert.run(factIdentity(fact), ...factValues(fact)).changes;
      })
      .immediate();
    return { written, unchanged: facts.length - written };
  }

  async queryFacts(query: FactQuery): Promise<readonly StoredFact[]> {
    const checked = checkFactQuery(query);
    this.#requireFacts();
    const params: unknown[] = [];
    const sql = factSeriesSql(
      checked,
      (value) => {
        params.push(value);
        return '?';
      },
      '',
    );
    return (this.#statement(sql).all(...params) as Row[]).map(storedFactView);
  }

  async listFilingFacts(
    filingId: string,
    page: { readonly limit?: number; readonly offset?: number } = {},
  ): Promise<readonly StoredFact[]> {
    if (!this.#hasFacts()) return [];
    const { limit, offset } = pageOf(page.limit, page.offset, 200);
    const rows = this.#statement(
      `SELECT ${FACT_SELECT} FROM xbrl_facts WHERE filing_rowid = (SELECT rowid FROM filings WHERE id = ?) ORDER BY id LIMIT ? OFFSET ?`,
    ).all(filingId, limit, offset) as Row[];
    return rows.map(storedFactView);
  }

  /** Looked up until found: a writer may migrate the database while a reader (the server) has it open. */
  #hasFacts(): boolean {
    this.#factTable ||= this.#statement("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'xbrl_facts'").get() !== undefined;
    return this.#factTable;
  }

  #requireFacts(): void {
    if (!this.#hasFacts())
      throw new Error('This database was made by an older edgarkit and has no XBRL fact table: run `edgarkit migrate` on it once.');
  }

  /** Looked up until found: a writer may migrate the database while a reader (the server) has it open. */
  #isSharded(): boolean {
    this.#sharded ||= this.#statement(SHARD_REGISTRY_EXISTS).get() !== undefined;
    return this.#sharded;
  }

  /** The shard that holds a document's passages: the newest one that began at or before it. */
  #shardOf(documentId: number): number {
    if (!this.#isSharded()) return 0;
    const row = this.#statement(SHARD_OF_DOCUMENT).get(documentId) as { first_document: number } | undefined;
    return row?.first_document ?? 0;
  }

  /** `#shardOf` for many documents of one search: the shard list read once rather than a statement per document. */
  #shardLookup(): (documentId: number) => number {
    const shards = this.#shards(); // newest first
    return (documentId) => shards.find((shard) => shard <= documentId) ?? 0;
  }

  /** The shard for a new document's passages, counted there; a new shard begins once the newest is full. */
  #shardForNew(documentId: number, passages: number): number {
    const newest = this.#statement('SELECT first_document, passages FROM passage_shards ORDER BY first_document DESC LIMIT 1').get() as
      | { first_document: number; passages: number }
      | undefined;
    let shard = newest?.first_document ?? 0;
    if (!newest || (documentId > newest.first_document && newest.passages >= this.#shardPassages)) {
      shard = newest ? documentId : 0;
      if (shard !== 0) {
        this.#db.exec(`CREATE VIRTUAL TABLE ${shardTable(shard)} USING fts5 (text, tokenize = '${FTS_TOKENIZE}')`);
        this.#db.exec(createDocumentTableSql(shard));
        if (newest) this.#closedShards.push(newest.first_document);
      }
      this.#statement('INSERT INTO passage_shards (first_document, passages) VALUES (?, 0)').run(shard);
    } else if (documentId < newest.first_document) {
      shard = this.#shardOf(documentId);
    }
    this.#statement('UPDATE passage_shards SET passages = passages + ? WHERE first_document = ?').run(passages, shard);
    return shard;
  }

  /** Every shard's first document, newest shard first. */
  #shards(): number[] {
    if (!this.#isSharded()) return [0];
    return (
      this.#statement('SELECT first_document FROM passage_shards ORDER BY first_document DESC').all() as { first_document: number }[]
    ).map((row) => row.first_document);
  }

  #upsertCompany(party: Party, filedAt: string | null): void {
    const cik = party.company?.cik;
    if (!cik) return;
    this.#statement(
      `INSERT INTO companies (${COMPANY_COLUMNS.join(', ')}) VALUES (${COMPANY_COLUMNS.map(() => '?').join(', ')}) ${companyUpsert('companies')}`,
    ).run(...companyValues(cik, party, filedAt));
    for (const former of party.formerCompanies) {
      this.#statement('INSERT OR IGNORE INTO former_names (cik, name, date_changed) VALUES (?, ?, ?)').run(
        cik,
        former.name,
        former.dateChanged ?? '',
      );
    }
  }

  async isStoredCopy(filingId: string, contentHash: string): Promise<boolean> {
    return (
      this.#statement(
        `SELECT 1 FROM filings f WHERE f.id = ? AND (f.content_hash = ?
           OR EXISTS (SELECT 1 FROM filing_copies c WHERE c.filing_rowid = f.rowid AND c.content_hash = ?))`,
      ).get(filingId, contentHash, contentHash) !== undefined
    );
  }

  async contentHashOf(filingId: string): Promise<string | null> {
    const row = this.#statement('SELECT content_hash FROM filings WHERE id = ?').get(filingId) as { content_hash: string } | undefined;
    return row?.content_hash ?? null;
  }

  async search(request: SearchRequest): Promise<SearchPage> {
    const search = prepareSearch(request);
    const { where, params } = filterSql(search.filters, this.#hasTickers());
    if (!this.#hasDocumentIndex()) {
      throw new Error('This database was made by an older edgarkit and has no document-level index: run `edgarkit migrate` on it once.');
    }
    if (!search.match) return assemblePage(search, this.#filingsOnly(where, params), async () => []);
    // SQLite runs on the calling thread: the budget is checked between statements, and no statement may grow
    // with the index unchecked (each prefix's words are counted first).
    const budget = new SearchBudget(this.#searchBudgetMs, search.match);
    this.#checkExpansions(search.match);
    const match = toFts5(search.match);
    // Sorted by date, the window is found unranked and only the shown filings' documents are ranked.
    const byRelevance = search.sort === 'relevance';
    const found = this.#matchDocuments(match, where, params, budget, byRelevance);
    const anyTerm = toFts5(anyTermOf(search.match));
    const ids = (documents: readonly MatchedDocument[]) => documents.map((document) => document.documentId as number);
    return assemblePage(
      search,
      found,
      async (documents) =>
        prefixesOf(search.match as QueryNode).length > 0
          ? this.#snippetsInRange(ids(documents), match, anyTerm, budget)
          : this.#snippets(ids(documents), ids(found.documents), match, anyTerm, budget),
      byRelevance ? undefined : async (documents) => this.#rankDocuments(ids(documents), match, budget),
    );
  }

  /**
   * Snippets of the shown documents. Each statement on a passage shard costs a seek of every query word in every
   * segment of the shard, whatever it reads after; so shown documents that lie close together (the documents of one
   * filing, the newest filings of a sort by date) are quoted by one range read (`#snippetsInRange`), the others one
   * statement each. Close: at most SNIPPET_RANGE_GAP other matching documents of the window between them.
   */
  #snippets(documentIds: readonly number[], window: readonly number[], match: string, anyTerm: string, budget: SearchBudget): string[] {
    const shardOf = this.#shardLookup();
    const matching = [...window].sort((a, b) => a - b);
    const between = (low: number, high: number) => lowerBound(matching, high) - lowerBound(matching, low + 1);
    const runs: number[][] = [];
    let shardOfRun: number | null = null;
    for (const id of [...new Set(documentIds)].sort((a, b) => a - b)) {
      const shard = shardOf(id);
      const run = runs[runs.length - 1];
      const last = run?.[run.length - 1];
      if (run && last !== undefined && shard === shardOfRun && between(last, id) <= SNIPPET_RANGE_GAP) run.push(id);
      else runs.push([id]);
      shardOfRun = shard;
    }
    const found = new Map<number, string>();
    for (const run of runs) {
      if (run.length >= SNIPPET_RANGE_MIN) {
        const snippets = this.#snippetsInRange(run, match, anyTerm, budget);
        run.forEach((id, index) => {
          found.set(id, snippets[index] ?? '');
        });
      } else {
        for (const id of run) {
          found.set(id, this.#snippet(id, shardOf(id), match, anyTerm));
          budget.check();
        }
      }
    }
    return documentIds.map((id) => found.get(id) ?? '');
  }

  /**
   * The rank of some matching documents, a shard at a time over the row range they span (FTS5 would run bm25's
   * whole-shard term counts again for each value of an IN list; over a range it runs them once per shard).
   * The same values as the ranked window gives: bm25 reads its counts from the whole shard, not from the rows read.
   */
  #rankDocuments(documentIds: readonly number[], match: string, budget: SearchBudget): Map<number, number> {
    const ranks = new Map<number, number>();
    const byShard = new Map<number, number[]>();
    const shardOf = this.#shardLookup();
    for (const id of documentIds) {
      const shard = shardOf(id);
      byShard.set(shard, [...(byShard.get(shard) ?? []), id]);
    }
    for (const [shard, ids] of byShard) {
      const table = documentTable(shard);
      const rows = this.#statement(
        `SELECT rowid AS id, rank FROM ${table} WHERE ${table} MATCH ? AND rowid >= ? AND rowid <= ? AND +rowid IN (SELECT value FROM json_each(?))`,
      ).all(match, BigInt(Math.min(...ids)), BigInt(Math.max(...ids)), JSON.stringify(ids)) as { id: number; rank: number }[];
      for (const row of rows) ranks.set(row.id, row.rank);
      budget.check();
    }
    return ranks;
  }

  /**
   * Refuses a prefix that stands for more than MAX_PREFIX_EXPANSION words in any shard: FTS5 merges every such
   * word's entries before it returns a row, so that is what a prefix costs. Counted in the shard's fts5vocab
   * table (made once per connection in its temp schema, which a read-only connection may write).
   */
  #checkExpansions(match: QueryNode): void {
    const prefixes = prefixesOf(match);
    if (prefixes.length === 0) return;
    for (const shard of this.#shards()) {
      const vocabulary = this.#vocabulary(shard);
      const count = this.#statement(`SELECT count(*) AS n FROM (SELECT term FROM ${vocabulary} WHERE term >= ? AND term < ? LIMIT ?)`);
      for (const prefix of prefixes) {
        const { n } = count.get(prefix.text, `${prefix.text}\u{10FFFF}`, MAX_PREFIX_EXPANSION + 1) as { n: number };
        if (n > MAX_PREFIX_EXPANSION)
          throw new QueryTooBroadError(
            termText(prefix),
            `"${termText(prefix)}" stands for more than ${MAX_PREFIX_EXPANSION.toLocaleString('en-US')} different words in the index; write more of the word before "*"`,
          );
      }
    }
  }

  #vocabulary(shard: number): string {
    const name = `temp.edgarkit_words_${shard}`;
    if (!this.#vocabularies.has(shard)) {
      this.#db.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS ${name} USING fts5vocab(main, '${documentTable(shard)}', 'row')`);
      this.#vocabularies.add(shard);
    }
    return name;
  }

  /** A search with filters only: the newest filings that pass them, at most COUNT_CAP counted. */
  #filingsOnly(where: readonly string[], params: readonly unknown[]): FoundDocuments {
    const rows = this.#statement(
      `SELECT ${MATCH_COLUMNS_OF_FILING} FROM ${HITS} ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY f.filed_at DESC, f.rowid DESC LIMIT ?`,
    ).all(...params, COUNT_CAP + 1) as Row[];
    return { documents: rows.slice(0, COUNT_CAP).map(matchedOf), more: rows.length > COUNT_CAP, rankCapped: false };
  }

  /**
   * Documents whose whole text matches, newest first: read from the document-level index shard by shard (newest
   * shard first, each in row order, which stops early), the first RANK_CAP with their rank (when `rank`), then
   * without it up to COUNT_CAP. FTS5's bm25 counts each term over its whole shard, so shards keep ranking bounded
   * too.
   */
  #matchDocuments(
    match: string,
    where: readonly string[],
    params: readonly unknown[],
    budget: SearchBudget,
    rank: boolean,
  ): FoundDocuments {
    // One pass per shard finds, ranks and reads what grouping and facets need of each document (raw rows: objects
    // with named keys for thousands of rows cost more than the reads); the rest only for the documents shown.
    const documents: MatchedDocument[] = [];
    let lowest: number | null = null;
    for (const ranked of rank ? [true, false] : [false]) {
      for (const shard of this.#shards()) {
        const wanted = (ranked ? RANK_CAP : COUNT_CAP + 1) - documents.length;
        if (wanted <= 0) break;
        const table = documentTable(shard);
        const conditions = [`${table} MATCH ?`, ...where];
        const boundParams: unknown[] = [match, ...params];
        if (lowest !== null) {
          conditions.push(`${table}.rowid < ?`);
          boundParams.push(BigInt(lowest));
        }
        const rows = this.#statement(
          `SELECT ${table}.rowid, ${ranked ? `${table}.rank` : 'NULL'}, d.filing_rowid, d.position, f.form_type, f.filed_at, f.primary_cik
           FROM ${table} JOIN documents d ON d.id = ${table}.rowid JOIN ${HITS} ON f.rowid = d.filing_rowid
           WHERE ${conditions.join(' AND ')} ORDER BY ${table}.rowid DESC LIMIT ?`,
        )
          .raw(true)
          .all(...boundParams, wanted) as [number, number | null, number, number, string | null, string | null, string | null][];
        budget.check();
        for (const [id, rankValue, filingKey, position, formType, filedAt, cik] of rows) {
          documents.push({
            documentId: id,
            rank: rankValue,
            filingKey,
            filingId: '',
            accessionNumber: null,
            formType,
            filedAt,
            companyName: null,
            cik,
            sequence: null,
            position,
            type: null,
            description: null,
          });
        }
        if (rows.length > 0) lowest = rows[rows.length - 1]?.[0] ?? lowest;
      }
      // Fewer than RANK_CAP matched: every match is ranked and counted already.
      if (ranked && documents.length < RANK_CAP) break;
    }
    return {
      documents: documents.slice(0, COUNT_CAP).sort((a, b) => (b.documentId as number) - (a.documentId as number)),
      more: documents.length > COUNT_CAP,
      rankCapped: documents.length > RANK_CAP,
      complete: async (shown) => this.#completeDocuments(shown),
    };
  }

  /**
   * The filing and document columns a page shows, for the few documents it shows (see FoundDocuments.complete).
   * Another connection may have replaced a filing since its documents were found (each statement reads the
   * database as it is then): its documents are gone, null here. A replacement never takes an id its filing had
   * (see `writeFilings`), so a document found under another filing is gone too.
   */
  #completeDocuments(documents: readonly MatchedDocument[]): (MatchedDocument | null)[] {
    const rows = this.#statement(
      `SELECT d.id AS document_id, d.filing_rowid, d.sequence, d.type, d.description, f.id AS filing_id, f.accession_number, f.primary_name
       FROM documents d JOIN ${HITS} ON f.rowid = d.filing_rowid WHERE d.id IN (SELECT value FROM json_each(?))`,
    ).all(JSON.stringify(documents.map((document) => document.documentId))) as Row[];
    const byId = new Map(rows.map((row) => [row.document_id as number, row]));
    return documents.map((document) => {
      const row = byId.get(document.documentId as number);
      if (!row || row.filing_rowid !== document.filingKey) return null;
      return {
        ...document,
        filingId: row.filing_id as string,
        accessionNumber: (row.accession_number as string | null) ?? null,
        companyName: (row.primary_name as string | null) ?? null,
        sequence: (row.sequence as number | null) ?? null,
        type: (row.type as string | null) ?? null,
        description: (row.description as string | null) ?? null,
      };
    });
  }

  /**
   * The snippet of a matching document: from its first passage that matches the whole query, else (the words
   * stand in different passages) from its first passage holding any of them. The rowid bounds are bound as
   * integers: FTS5 ignores a rowid constraint given as a REAL, which better-sqlite3 makes of a JS number.
   */
  #snippet(documentId: number, shard: number, match: string, anyTerm: string): string {
    const table = shardTable(shard);
    const statement = this.#statement(
      // No bm25() here: for one row it would recount every term over the whole shard.
      `SELECT snippet(${table}, 0, '${SNIPPET_MARK.open}', '${SNIPPET_MARK.close}', '…', 24) AS snippet
       FROM ${table} WHERE ${table} MATCH ? AND rowid >= ? AND rowid < ? ORDER BY rowid LIMIT 1`,
    );
    const from = BigInt(documentId) * BigInt(PASSAGE_STRIDE);
    const to = from + BigInt(PASSAGE_STRIDE);
    for (const query of anyTerm === match ? [match] : [match, anyTerm]) {
      const row = statement.get(query, from, to) as { snippet: string } | undefined;
      if (row) return row.snippet;
    }
    return '';
  }

  /**
   * Snippets for a query with prefixes, a shard at a time: one statement lists the matching passages of the range
   * the documents span and picks each document's first, a second quotes those. A statement per document (as
   * `#snippet` does) would merge every word of each prefix again for each document, which is what made broad
   * prefix queries take seconds.
   */
  #snippetsInRange(documentIds: readonly number[], match: string, anyTerm: string, budget: SearchBudget): string[] {
    const found = new Map<number, string>();
    const byShard = new Map<number, number[]>();
    const shardOf = this.#shardLookup();
    for (const id of documentIds) {
      const shard = shardOf(id);
      byShard.set(shard, [...(byShard.get(shard) ?? []), id]);
    }
    for (const [shard, ids] of byShard) {
      const table = shardTable(shard);
      for (const query of anyTerm === match ? [match] : [match, anyTerm]) {
        const missing = new Set(ids.filter((id) => !found.has(id)));
        if (missing.size === 0) break;
        const from = BigInt(Math.min(...missing)) * BigInt(PASSAGE_STRIDE);
        const to = (BigInt(Math.max(...missing)) + 1n) * BigInt(PASSAGE_STRIDE);
        const first = new Map<number, bigint>();
        const passages = this.#statement(
          `SELECT rowid FROM ${table} WHERE ${table} MATCH ? AND rowid >= ? AND rowid < ? ORDER BY rowid`,
        ).safeIntegers(true);
        for (const row of passages.iterate(query, from, to) as Iterable<{ rowid: bigint }>) {
          const id = Number(row.rowid / BigInt(PASSAGE_STRIDE));
          if (missing.has(id) && !first.has(id)) first.set(id, row.rowid);
          if (first.size === missing.size) break;
        }
        budget.check();
        if (first.size === 0) continue;
        const quoted = this.#statement(
          `SELECT rowid / ${PASSAGE_STRIDE} AS id, snippet(${table}, 0, '${SNIPPET_MARK.open}', '${SNIPPET_MARK.close}', '…', 24) AS snippet
           FROM ${table} WHERE ${table} MATCH ? AND rowid >= ? AND rowid < ? AND +rowid IN (SELECT value FROM json_each(?))`,
        ).all(query, from, to, `[${[...first.values()].join(',')}]`) as { id: number; snippet: string }[];
        for (const row of quoted) found.set(row.id, row.snippet);
        budget.check();
      }
    }
    return documentIds.map((id) => found.get(id) ?? '');
  }

  /** Looked up until found: a writer may migrate the database while a reader (the server) has it open. */
  #hasDocumentIndex(): boolean {
    this.#documentIndex ||= this.#statement(SEARCH_TABLES_EXIST).get() !== undefined;
    return this.#documentIndex;
  }

  async getFiling(filingId: string): Promise<FilingView | null> {
    const row = this.#statement('SELECT rowid, * FROM filings WHERE id = ?').get(filingId) as Row | undefined;
    if (!row) return null;
    const documents = this.#statement('SELECT * FROM documents WHERE filing_rowid = ? ORDER BY position').all(row.rowid) as Row[];
    const exhibits = this.#statement(
      'SELECT number, description, document_sequence FROM exhibits WHERE filing_rowid = ? ORDER BY position',
    ).all(row.rowid) as Row[];
    const facts = this.#hasFacts()
      ? (this.#statement('SELECT count(*) AS n FROM xbrl_facts WHERE filing_rowid = ?').get(row.rowid) as Row).n
      : 0;
    return filingView(row, documents, exhibits, facts);
  }

  async getOriginal(filingId: string): Promise<Uint8Array | null> {
    const row = this.#statement('SELECT original_blob FROM filings WHERE id = ?').get(filingId) as { original_blob: string } | undefined;
    return row ? this.getBlob(row.original_blob) : null;
  }

  async getOriginalBlob(filingId: string): Promise<StoredBlob | null> {
    const row = this.#statement(
      'SELECT b.compression, b.byte_length, b.data FROM filings f JOIN blobs b ON b.sha256 = f.original_blob WHERE f.id = ?',
    ).get(filingId) as Row | undefined;
    return row ? storedBlob(row) : null;
  }

  async getBlob(sha256: string): Promise<Uint8Array | null> {
    const row = this.#statement('SELECT compression, data FROM blobs WHERE sha256 = ?').get(sha256) as Row | undefined;
    return row ? blobBytes(row) : null;
  }

  async getStoredBlob(sha256: string): Promise<StoredBlob | null> {
    const row = this.#statement('SELECT compression, byte_length, data FROM blobs WHERE sha256 = ?').get(sha256) as Row | undefined;
    return row ? storedBlob(row) : null;
  }

  async listCompanies(request: CompanyListRequest): Promise<readonly CompanyView[]> {
    const { limit, offset } = pageOf(request.limit, request.offset, 50);
    const byName = `name LIKE ? ESCAPE '\\' COLLATE NOCASE OR cik IN (SELECT cik FROM former_names WHERE name LIKE ? ESCAPE '\\' COLLATE NOCASE)`;
    const rows = (
      !request.name
        ? this.#statement('SELECT * FROM companies ORDER BY name LIMIT ? OFFSET ?').all(limit, offset)
        : this.#hasTickers()
          ? // A ticker names its company first, before the companies whose names merely contain it.
            this.#statement(
              `SELECT * FROM companies WHERE ${byName} OR cik IN (SELECT cik FROM tickers WHERE ticker = ?)
               ORDER BY cik IN (SELECT cik FROM tickers WHERE ticker = ?) DESC, name LIMIT ? OFFSET ?`,
            ).all(...Array(2).fill(containsPattern(request.name)), ...Array(2).fill(tickerKey(request.name)), limit, offset)
          : this.#statement(`SELECT * FROM companies WHERE ${byName} ORDER BY name LIMIT ? OFFSET ?`).all(
              ...Array(2).fill(containsPattern(request.name)),
              limit,
              offset,
            )
    ) as Row[];
    return rows.map((row) => this.#company(row));
  }

  async findTicker(ticker: string): Promise<TickerEntry | null> {
    if (!this.#hasTickers()) return null;
    const row = this.#statement('SELECT ticker, cik, title FROM tickers WHERE ticker = ?').get(tickerKey(ticker)) as
      | TickerEntry
      | undefined;
    return row ?? null;
  }

  async replaceTickers(tickers: readonly TickerEntry[]): Promise<number> {
    const rows = tickerRows(tickers);
    this.#db
      .transaction(() => {
        this.#statement('DELETE FROM tickers').run();
        const insert = this.#statement('INSERT INTO tickers (ticker, cik, title, position) VALUES (?, ?, ?, ?)');
        for (const row of rows) insert.run(...row);
      })
      .immediate();
    return rows.length;
  }

  async getCompany(cik: string): Promise<CompanyView | null> {
    const row = this.#statement('SELECT * FROM companies WHERE cik = ?').get(cikKey(cik)) as Row | undefined;
    return row ? this.#company(row) : null;
  }

  #company(row: Row): CompanyView {
    const formerNames = (
      this.#statement('SELECT name, date_changed FROM former_names WHERE cik = ? ORDER BY date_changed DESC').all(row.cik) as Row[]
    ).map((former) => ({ name: former.name as string, dateChanged: former.date_changed as string }));
    const count = this.#statement('SELECT count(DISTINCT filing_rowid) AS n FROM filing_parties WHERE cik = ?').get(row.cik) as Row;
    return companyView(row, formerNames, count.n, this.#tickersOf(row.cik as string));
  }

  /** A company's tickers, main one first; none in a database older than schema version 5 opened read-only. */
  #tickersOf(cik: string): string[] {
    if (!this.#hasTickers()) return [];
    return (this.#statement('SELECT ticker FROM tickers WHERE cik = ? ORDER BY position').all(cik) as { ticker: string }[]).map(
      (row) => row.ticker,
    );
  }

  /** Looked up until found: a writer may migrate the database while a reader (the server) has it open. */
  #hasTickers(): boolean {
    this.#tickerTable ||= this.#statement("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'tickers'").get() !== undefined;
    return this.#tickerTable;
  }

  async listFilings(request: FilingListRequest): Promise<readonly FilingSummaryView[]> {
    const { limit, offset } = pageOf(request.limit, request.offset, 50);
    const where: string[] = [];
    const params: unknown[] = [];
    if (request.cik) {
      where.push('EXISTS (SELECT 1 FROM filing_parties p WHERE p.filing_rowid = f.rowid AND p.cik = ?)');
      params.push(cikKey(request.cik));
    }
    if (request.form) {
      where.push('f.form_type = ? COLLATE NOCASE');
      params.push(request.form);
    }
    if (request.from) {
      where.push('f.filed_at >= ?');
      params.push(request.from);
    }
    if (request.to) {
      where.push('f.filed_at <= ?');
      params.push(request.to);
    }
    const rows = this.#statement(
      `SELECT ${SUMMARY_COLUMNS} FROM filings f ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY f.filed_at DESC, f.rowid DESC LIMIT ? OFFSET ?`,
    ).all(...params, limit, offset) as Row[];
    return rows.map(filingSummaryView);
  }

  async stats(): Promise<StoreStats> {
    const count = (sql: string) => (this.#statement(sql).get() as { n: number | null }).n ?? 0;
    const range = this.#statement('SELECT min(filed_at) AS first, max(filed_at) AS last FROM filings').get() as {
      first: string | null;
      last: string | null;
    };
    return {
      filings: count('SELECT count(*) AS n FROM filings'),
      documents: count('SELECT count(*) AS n FROM documents'),
      companies: count('SELECT count(*) AS n FROM companies'),
      blobs: count('SELECT count(*) AS n FROM blobs'),
      blobBytes: count('SELECT sum(length(data)) AS n FROM blobs'),
      originalBytes: count('SELECT sum(byte_length) AS n FROM filings'),
      facts: this.#hasFacts() ? count('SELECT count(*) AS n FROM xbrl_facts') : 0,
      formTypes: (
        this.#statement('SELECT form_type, count(*) AS n FROM filings GROUP BY form_type ORDER BY n DESC, form_type').all() as Row[]
      ).map((row) => ({
        formType: (row.form_type as string | null) ?? '(none)',
        count: row.n as number,
      })),
      firstFiledAt: range.first,
      lastFiledAt: range.last,
    };
  }

  async checkIntegrity(): Promise<readonly string[]> {
    const problems: string[] = [];
    const integrity = this.#db.pragma('integrity_check') as { integrity_check: string }[];
    for (const row of integrity) if (row.integrity_check !== 'ok') problems.push(row.integrity_check);
    const orphanDocuments = (
      this.#db
        .prepare('SELECT count(*) AS n FROM documents d LEFT JOIN filings f ON f.rowid = d.filing_rowid WHERE f.rowid IS NULL')
        .get() as { n: number }
    ).n;
    if (orphanDocuments > 0) problems.push(`${orphanDocuments} documents belong to no filing`);
    const missingOriginals = (
      this.#db
        .prepare('SELECT count(*) AS n FROM filings f LEFT JOIN blobs b ON b.sha256 = f.original_blob WHERE b.sha256 IS NULL')
        .get() as { n: number }
    ).n;
    if (missingOriginals > 0) problems.push(`${missingOriginals} filings have lost their original bytes`);
    const wrongCounts = (
      this.#db
        .prepare(
          'SELECT count(*) AS n FROM filings f WHERE f.document_count != (SELECT count(*) FROM documents d WHERE d.filing_rowid = f.rowid)',
        )
        .get() as { n: number }
    ).n;
    if (wrongCounts > 0) problems.push(`${wrongCounts} filings are half-written (document count differs)`);
    if (this.#hasDocumentIndex()) {
      const hits = this.#db
        .prepare(
          `SELECT (SELECT count(*) FROM filings) AS filings, (SELECT count(*) FROM filing_hits) AS hits,
             (SELECT count(*) FROM filings f JOIN filing_hits h ON h.rowid = f.rowid
               WHERE h.id IS NOT f.id OR h.form_type IS NOT f.form_type OR h.filed_at IS NOT f.filed_at OR h.primary_cik IS NOT f.primary_cik) AS differing`,
        )
        .get() as { filings: number; hits: number; differing: number };
      if (hits.filings !== hits.hits || hits.differing > 0)
        problems.push(`the search copy of filings (filing_hits) disagrees with filings`);
    }
    return problems;
  }

  async close(): Promise<void> {
    this.#statements.clear();
    if (!this.#db.readonly && !this.#db.memory) leaveInRollbackMode(this.#db);
    this.#db.close();
  }
}
