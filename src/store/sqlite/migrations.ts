import { PASSAGE_STRIDE } from '../passages.js';

/** How every full-text table tokenizes: Porter stems over unicode61 words, accents folded. */
export const FTS_TOKENIZE = 'porter unicode61 remove_diacritics 2';

/** The full-text table of the shard whose first document is `firstDocument` (0: the table of migration 1). */
export function shardTable(firstDocument: number): string {
  return firstDocument === 0 ? 'documents_fts' : `passages_fts_${Math.trunc(firstDocument)}`;
}

/**
 * The document-level index of a shard: one row per document (rowid = document id), its whole text, contentless
 * (the text is kept once, in the passage table). Queries match here, so every word of a query may stand anywhere
 * in a document; passages are only read for snippets.
 */
export function documentTable(firstDocument: number): string {
  return firstDocument === 0 ? 'document_match_fts' : `document_match_fts_${Math.trunc(firstDocument)}`;
}

export function createDocumentTableSql(firstDocument: number): string {
  return `CREATE VIRTUAL TABLE ${documentTable(firstDocument)} USING fts5 (text, content = '', contentless_delete = 1, tokenize = '${FTS_TOKENIZE}')`;
}

/** A row when the database has what search reads (schema version 4: the document-level index and filing_hits). */
export const SEARCH_TABLES_EXIST = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'filing_hits'";

/** A row when the database has shards (schema version 2); none in a version 1 database opened read-only. */
export const SHARD_REGISTRY_EXISTS = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'passage_shards'";

/** The shard that holds a document's passages: the newest one that began at or before it. */
export const SHARD_OF_DOCUMENT = 'SELECT first_document FROM passage_shards WHERE first_document <= ? ORDER BY first_document DESC LIMIT 1';

/** Forward-only schema versions; each runs once, in order, inside a transaction. */
export interface SqliteMigration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
  /** Work that depends on what the database holds (run after `sql`, in the same transaction). */
  readonly run?: (db: { exec(sql: string): unknown; prepare(sql: string): { all(...params: unknown[]): unknown[] } }) => void;
}

export const SQLITE_MIGRATIONS: readonly SqliteMigration[] = [
  {
    version: 1,
    name: 'filings, documents, full-text index, blobs',
    sql: `
      CREATE TABLE companies (
        cik TEXT PRIMARY KEY,
        name TEXT,
        sic TEXT,
        sic_description TEXT,
        state_of_incorporation TEXT,
        fiscal_year_end TEXT,
        irs_number TEXT,
        business_address TEXT,
        mail_address TEXT,
        seen_filed_at TEXT
      );
      CREATE INDEX companies_name ON companies (name COLLATE NOCASE);
      CREATE TABLE former_names (
        cik TEXT NOT NULL,
        name TEXT NOT NULL,
        date_changed TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (cik, name, date_changed)
      );
      CREATE TABLE filings (
        rowid INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        accession_number TEXT,
        form_type TEXT,
        filed_at TEXT,
        period_of_report TEXT,
        acceptance_datetime TEXT,
        date_of_change TEXT,
        effectiveness_date TEXT,
        public_document_count INTEGER,
        items TEXT NOT NULL,
        group_members TEXT NOT NULL,
        format TEXT NOT NULL,
        header TEXT NOT NULL,
        parties TEXT NOT NULL,
        primary_cik TEXT,
        primary_name TEXT,
        content_hash TEXT NOT NULL,
        byte_length INTEGER NOT NULL,
        source TEXT NOT NULL,
        diagnostics TEXT NOT NULL,
        form_record TEXT,
        original_blob TEXT NOT NULL,
        document_count INTEGER NOT NULL,
        ingested_at TEXT NOT NULL
      );
      CREATE INDEX filings_form ON filings (form_type COLLATE NOCASE, filed_at);
      CREATE INDEX filings_filed ON filings (filed_at);
      CREATE TABLE filing_parties (
        filing_rowid INTEGER NOT NULL REFERENCES filings (rowid) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        role TEXT NOT NULL,
        cik TEXT,
        name TEXT,
        PRIMARY KEY (filing_rowid, position)
      );
      CREATE INDEX filing_parties_cik ON filing_parties (cik, filing_rowid);
      CREATE INDEX filing_parties_name ON filing_parties (name COLLATE NOCASE);
      CREATE TABLE documents (
        id INTEGER PRIMARY KEY,
        filing_rowid INTEGER NOT NULL REFERENCES filings (rowid) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        sequence INTEGER,
        type TEXT,
        filename TEXT,
        description TEXT,
        byte_length INTEGER NOT NULL,
        body_start INTEGER NOT NULL,
        body_end INTEGER NOT NULL,
        encoding TEXT NOT NULL,
        wrapper TEXT,
        source_format TEXT NOT NULL,
        attachment_sha256 TEXT,
        attachment_name TEXT,
        UNIQUE (filing_rowid, position)
      );
      CREATE VIRTUAL TABLE documents_fts USING fts5 (text, tokenize = '${FTS_TOKENIZE}');
      CREATE TABLE exhibits (
        filing_rowid INTEGER NOT NULL REFERENCES filings (rowid) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        number TEXT NOT NULL,
        description TEXT,
        document_sequence INTEGER,
        record TEXT NOT NULL,
        PRIMARY KEY (filing_rowid, position)
      );
      CREATE TABLE signatures (
        filing_rowid INTEGER NOT NULL REFERENCES filings (rowid) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        record TEXT NOT NULL,
        PRIMARY KEY (filing_rowid, position)
      );
      CREATE TABLE blobs (
        sha256 TEXT PRIMARY KEY,
        compression TEXT NOT NULL,
        byte_length INTEGER NOT NULL,
        data BLOB NOT NULL
      );
    `,
  },
  {
    version: 2,
    name: 'passages indexed in shards',
    // documents_fts becomes the first shard, holding every document stored so far; sqlite-store.ts starts a new
    // shard (a table of the same definition) each time the newest one holds SHARD_PASSAGES passages.
    sql: `
      CREATE TABLE passage_shards (first_document INTEGER PRIMARY KEY, passages INTEGER NOT NULL);
      INSERT INTO passage_shards (first_document, passages) SELECT 0, count(*) FROM documents_fts;
    `,
  },
  {
    version: 3,
    name: 'document-level full-text index beside the passages',
    sql: '',
    // Each shard gets its document table, filled from its passages joined back together in order (a document's
    // passages are consecutive slices of its text, so the join is the text that was indexed).
    run(db) {
      for (const { first_document: shard } of db.prepare('SELECT first_document FROM passage_shards ORDER BY first_document').all() as {
        first_document: number;
      }[]) {
        db.exec(createDocumentTableSql(shard));
        db.exec(
          `INSERT INTO ${documentTable(shard)} (rowid, text)
           SELECT rowid / ${PASSAGE_STRIDE}, group_concat(text, '' ORDER BY rowid) FROM ${shardTable(shard)}
           GROUP BY rowid / ${PASSAGE_STRIDE}`,
        );
      }
    },
  },
  {
    version: 4,
    name: 'copies of one accession (its .nc and its .txt) kept as one filing',
    sql: `
      ALTER TABLE filings ADD COLUMN documents_digest TEXT;
      CREATE TABLE filing_copies (
        filing_rowid INTEGER NOT NULL REFERENCES filings (rowid) ON DELETE CASCADE,
        content_hash TEXT NOT NULL,
        PRIMARY KEY (filing_rowid, content_hash)
      );
      -- What a search result shows of a filing and filters on, in narrow rows: a search groups and counts up to
      -- thousands of matching documents by filing, and reading those columns from filings would read each row's
      -- large header and parties JSON first (SQLite reads a row's columns in order, overflow pages included).
      CREATE TABLE filing_hits (
        rowid INTEGER PRIMARY KEY REFERENCES filings (rowid) ON DELETE CASCADE,
        id TEXT NOT NULL,
        accession_number TEXT,
        form_type TEXT,
        filed_at TEXT,
        primary_cik TEXT,
        primary_name TEXT
      );
      INSERT INTO filing_hits (rowid, id, accession_number, form_type, filed_at, primary_cik, primary_name)
        SELECT rowid, id, accession_number, form_type, filed_at, primary_cik, primary_name FROM filings;
      CREATE INDEX filing_hits_filed ON filing_hits (filed_at, rowid);
      CREATE INDEX filing_hits_form ON filing_hits (form_type COLLATE NOCASE, filed_at);
    `,
  },
  {
    version: 5,
    name: "SEC's ticker list (company_tickers.json)",
    // The whole list as SEC gives it (a ticker may name a company with no filing stored); `position` keeps SEC's
    // order, which puts a company's main ticker first. Tickers are stored upper case.
    sql: `
      CREATE TABLE tickers (
        ticker TEXT PRIMARY KEY,
        cik TEXT NOT NULL,
        title TEXT NOT NULL,
        position INTEGER NOT NULL
      );
      CREATE INDEX tickers_cik ON tickers (cik, position);
    `,
  },
  {
    version: 6,
    name: 'blobs no filing uses any more are removed',
    // A replaced filing's original (and an attachment no other document has) was left behind; the indexes let a
    // replacement find whether anything still uses a blob, and the blobs orphaned before this are removed once.
    sql: `
      CREATE INDEX IF NOT EXISTS filings_original_blob ON filings (original_blob);
      CREATE INDEX IF NOT EXISTS documents_attachment ON documents (attachment_sha256) WHERE attachment_sha256 IS NOT NULL;
      DELETE FROM blobs WHERE NOT EXISTS (SELECT 1 FROM filings WHERE original_blob = blobs.sha256)
        AND NOT EXISTS (SELECT 1 FROM documents WHERE attachment_sha256 = blobs.sha256);
    `,
  },
  {
    version: 7,
    name: 'XBRL facts, queryable by concept, company and period',
    // One row per fact: those a stored filing reports (filing_rowid set, removed with the filing) and those of
    // EDGAR's JSON APIs (filing_rowid null, known by identity_key so writing them again changes nothing).
    // dimensions is JSON with sorted keys ('{}' for none); unit_key is the unit's local names (USD/shares), the
    // form both sources share.
    sql: `
      CREATE TABLE xbrl_facts (
        id INTEGER PRIMARY KEY,
        filing_rowid INTEGER REFERENCES filings (rowid) ON DELETE CASCADE,
        identity_key TEXT UNIQUE,
        cik TEXT NOT NULL,
        accession TEXT,
        concept TEXT NOT NULL,
        period_start TEXT,
        period_end TEXT,
        dimensions TEXT NOT NULL DEFAULT '{}',
        unit TEXT,
        unit_key TEXT,
        value TEXT,
        number REAL,
        decimals TEXT,
        form TEXT,
        filed TEXT,
        fiscal_year INTEGER,
        fiscal_period TEXT,
        frame TEXT,
        source TEXT NOT NULL
      );
      CREATE INDEX xbrl_facts_series ON xbrl_facts (concept, cik, period_end);
      CREATE INDEX xbrl_facts_period ON xbrl_facts (concept, period_end);
      CREATE INDEX xbrl_facts_filing ON xbrl_facts (filing_rowid) WHERE filing_rowid IS NOT NULL;
    `,
  },
];
