/**
 * Forward-only schema versions; each runs once, in order, inside a transaction, recorded in `schema_migrations`.
 * The same tables as the SQLite adapter, with PostgreSQL types: identity keys, bytea blobs, and the full-text
 * index as a `tsvector` column with a GIN index on passages (SQLite keeps them in an FTS5 table).
 */
export const POSTGRES_MIGRATIONS: readonly { readonly version: number; readonly name: string; readonly sql: string }[] = [
  {
    version: 1,
    name: 'filings, documents, full-text index, blobs',
    sql: `
      -- The english configuration with the original Porter stemmer (Snowball's "porter", the algorithm of SQLite's
      -- porter tokenizer) and no stop-word list (FTS5 drops no words either): the same words find the same passages
      -- on both, and "report of foreign private issuer" is the same phrase.
      CREATE TEXT SEARCH DICTIONARY edgarkit_stem (TEMPLATE = snowball, Language = porter);
      CREATE TEXT SEARCH CONFIGURATION edgarkit (COPY = pg_catalog.english);
      ALTER TEXT SEARCH CONFIGURATION edgarkit
        ALTER MAPPING FOR asciiword, word, numword, asciihword, hword, numhword, hword_asciipart, hword_part, hword_numpart
        WITH edgarkit_stem;

      CREATE TABLE companies (
        cik text PRIMARY KEY,
        name text,
        sic text,
        sic_description text,
        state_of_incorporation text,
        fiscal_year_end text,
        irs_number text,
        business_address text,
        mail_address text,
        seen_filed_at text
      );
      CREATE INDEX companies_name ON companies (name COLLATE "C");
      CREATE TABLE former_names (
        cik text NOT NULL,
        name text NOT NULL,
        date_changed text NOT NULL DEFAULT '',
        PRIMARY KEY (cik, name, date_changed)
      );
      CREATE TABLE filings (
        row_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        id text NOT NULL UNIQUE,
        accession_number text,
        form_type text,
        filed_at text,
        period_of_report text,
        acceptance_datetime text,
        date_of_change text,
        effectiveness_date text,
        public_document_count integer,
        items text NOT NULL,
        group_members text NOT NULL,
        format text NOT NULL,
        header text NOT NULL,
        parties text NOT NULL,
        primary_cik text,
        primary_name text,
        content_hash text NOT NULL,
        byte_length bigint NOT NULL,
        source text NOT NULL,
        diagnostics text NOT NULL,
        form_record text,
        original_blob text NOT NULL,
        document_count integer NOT NULL,
        ingested_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX filings_form ON filings (lower(form_type), filed_at);
      CREATE INDEX filings_filed ON filings (filed_at DESC NULLS LAST, row_id DESC);
      CREATE TABLE filing_parties (
        filing_row_id bigint NOT NULL REFERENCES filings (row_id) ON DELETE CASCADE,
        position integer NOT NULL,
        role text NOT NULL,
        cik text,
        name text,
        PRIMARY KEY (filing_row_id, position)
      );
      CREATE INDEX filing_parties_cik ON filing_parties (cik, filing_row_id);
      CREATE TABLE documents (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        filing_row_id bigint NOT NULL REFERENCES filings (row_id) ON DELETE CASCADE,
        position integer NOT NULL,
        sequence integer,
        type text,
        filename text,
        description text,
        byte_length bigint NOT NULL,
        body_start bigint NOT NULL,
        body_end bigint NOT NULL,
        encoding text NOT NULL,
        wrapper text,
        source_format text NOT NULL,
        attachment_sha256 text,
        attachment_name text,
        UNIQUE (filing_row_id, position)
      );
      -- Passages of about 2,000 characters (see passages.ts): the unit that is matched, ranked and quoted.
      -- tsv is computed from the passage with every run of non-letters/digits made a space (searchableText),
      -- so words split exactly as SQLite's unicode61 tokenizer splits them.
      -- Rows are kept narrow (text and tsv compressed and moved out of line past 128 bytes): a search visits the
      -- heap row of every matching passage, and narrow rows make that several times faster; only the passages
      -- ranked are detoasted.
      CREATE TABLE passages (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        document_id bigint NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        position integer NOT NULL,
        text text NOT NULL,
        tsv tsvector NOT NULL
      ) WITH (toast_tuple_target = 128);
      DO $$ BEGIN
        -- lz4 decompresses several times faster than the default pglz (servers built without lz4 keep pglz).
        ALTER TABLE passages ALTER COLUMN text SET COMPRESSION lz4, ALTER COLUMN tsv SET COMPRESSION lz4;
      EXCEPTION WHEN feature_not_supported OR invalid_parameter_value THEN NULL;
      END $$;
      CREATE INDEX passages_document ON passages (document_id);
      CREATE INDEX passages_tsv ON passages USING gin (tsv);
      CREATE TABLE exhibits (
        filing_row_id bigint NOT NULL REFERENCES filings (row_id) ON DELETE CASCADE,
        position integer NOT NULL,
        number text NOT NULL,
        description text,
        document_sequence integer,
        record text NOT NULL,
        PRIMARY KEY (filing_row_id, position)
      );
      CREATE TABLE signatures (
        filing_row_id bigint NOT NULL REFERENCES filings (row_id) ON DELETE CASCADE,
        position integer NOT NULL,
        record text NOT NULL,
        PRIMARY KEY (filing_row_id, position)
      );
      CREATE TABLE blobs (
        sha256 text PRIMARY KEY,
        compression text NOT NULL,
        byte_length bigint NOT NULL,
        data bytea NOT NULL
      );
      -- Blobs are already compressed (gzip originals) or mostly incompressible (images, PDFs).
      ALTER TABLE blobs ALTER COLUMN data SET STORAGE EXTERNAL;
    `,
  },
  {
    version: 2,
    name: 'job queue for many ingest workers',
    sql: `
      CREATE TABLE jobs (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        path text NOT NULL UNIQUE,
        state text NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'running', 'done', 'failed')),
        attempts integer NOT NULL DEFAULT 0,
        lease_token text,
        leased_by text,
        leased_until timestamptz,
        last_error text,
        filings integer NOT NULL DEFAULT 0,
        inserted integer NOT NULL DEFAULT 0,
        bytes bigint NOT NULL DEFAULT 0,
        enqueued_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        finished_at timestamptz
      );
      CREATE INDEX jobs_claimable ON jobs (id) WHERE state IN ('queued', 'running');
      CREATE INDEX jobs_finished ON jobs (finished_at) WHERE state = 'done';
    `,
  },
  {
    version: 3,
    name: 'trigram index on party names for company filters',
    // `company:ballard` is a substring match (ILIKE '%ballard%'), which no B-tree serves: without this index every
    // party row is read (0.7 s at 250,000 filings). pg_trgm ships with PostgreSQL (contrib) and is a trusted
    // extension (PostgreSQL 13+), so a database owner may create it; where it is missing, filters still work.
    sql: `
      DO $$ BEGIN
        CREATE EXTENSION IF NOT EXISTS pg_trgm;
        CREATE INDEX filing_parties_name_trgm ON filing_parties USING gin (name gin_trgm_ops);
      EXCEPTION WHEN undefined_file OR insufficient_privilege OR feature_not_supported OR undefined_object THEN
        RAISE NOTICE 'pg_trgm is not available: company filters read every party';
      END $$;
    `,
  },
  {
    version: 4,
    name: 'copies of one accession (its .nc and its .txt) kept as one filing',
    sql: `
      ALTER TABLE filings ADD COLUMN documents_digest text;
      CREATE TABLE filing_copies (
        filing_row_id bigint NOT NULL REFERENCES filings (row_id) ON DELETE CASCADE,
        content_hash text NOT NULL,
        PRIMARY KEY (filing_row_id, content_hash)
      );
    `,
  },
  {
    version: 5,
    name: "SEC's ticker list (company_tickers.json)",
    sql: `
      CREATE TABLE tickers (
        ticker text PRIMARY KEY,
        cik text NOT NULL,
        title text NOT NULL,
        position integer NOT NULL
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
      DELETE FROM blobs b WHERE NOT EXISTS (SELECT 1 FROM filings f WHERE f.original_blob = b.sha256)
        AND NOT EXISTS (SELECT 1 FROM documents d WHERE d.attachment_sha256 = b.sha256);
    `,
  },
  {
    version: 7,
    name: 'XBRL facts, queryable by concept, company and period',
    // As in SQLite: facts of stored filings (filing_row_id set, removed with the filing) and of EDGAR's JSON APIs
    // (filing_row_id null, known by identity_key). Text compared byte by byte (COLLATE "C") as SQLite compares it.
    sql: `
      CREATE TABLE xbrl_facts (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        filing_row_id bigint REFERENCES filings (row_id) ON DELETE CASCADE,
        identity_key text UNIQUE,
        cik text NOT NULL,
        accession text,
        concept text COLLATE "C" NOT NULL,
        period_start text COLLATE "C",
        period_end text COLLATE "C",
        dimensions text COLLATE "C" NOT NULL DEFAULT '{}',
        unit text COLLATE "C",
        unit_key text COLLATE "C",
        value text,
        number double precision,
        decimals text,
        form text,
        filed text,
        fiscal_year integer,
        fiscal_period text,
        frame text,
        source text NOT NULL
      );
      CREATE INDEX xbrl_facts_series ON xbrl_facts (concept, cik, period_end);
      CREATE INDEX xbrl_facts_period ON xbrl_facts (concept, period_end);
      CREATE INDEX xbrl_facts_filing ON xbrl_facts (filing_row_id) WHERE filing_row_id IS NOT NULL;
    `,
  },
  {
    version: 8,
    name: 'passages range-partitioned by document, newest partitions searched first',
    // A search reads the newest matching documents first and stops at COUNT_CAP + 1 (see PostgresStore.search);
    // in partitions of document ids, each window's GIN scans and position rechecks read only the partitions it
    // covers, so a common phrase costs what the newest partition holds, not what the whole table holds. The
    // passages already stored become one partition as they are (ATTACH, no copy: its index is not split); new
    // partitions are made by the writers, ahead of the document ids (PostgresStore.#ensurePartitions).
    sql: `
      DO $$
      DECLARE
        top_document bigint := (SELECT max(id) FROM documents);
        top_passage bigint := (SELECT coalesce(max(id), 0) FROM passages);
      BEGIN
        -- Partitions share one sequence for passage ids (an identity column is per table).
        ALTER TABLE passages ALTER COLUMN id DROP IDENTITY;
        ALTER TABLE passages RENAME TO passages_p0;
        ALTER INDEX passages_pkey RENAME TO passages_p0_pkey;
        ALTER INDEX passages_document RENAME TO passages_p0_document;
        ALTER INDEX passages_tsv RENAME TO passages_p0_tsv;
        ALTER TABLE passages_p0 RENAME CONSTRAINT passages_document_id_fkey TO passages_document_fk;
        CREATE SEQUENCE passages_id_seq;
        PERFORM setval('passages_id_seq', top_passage + 1, false);
        CREATE TABLE passages (
          id bigint NOT NULL DEFAULT nextval('passages_id_seq'),
          document_id bigint NOT NULL,
          position integer NOT NULL,
          text text NOT NULL,
          tsv tsvector NOT NULL,
          CONSTRAINT passages_document_fk FOREIGN KEY (document_id) REFERENCES documents (id) ON DELETE CASCADE
        ) PARTITION BY RANGE (document_id);
        ALTER SEQUENCE passages_id_seq OWNED BY passages.id;
        BEGIN
          ALTER TABLE passages ALTER COLUMN text SET COMPRESSION lz4, ALTER COLUMN tsv SET COMPRESSION lz4;
        EXCEPTION WHEN feature_not_supported OR invalid_parameter_value THEN NULL;
        END;
        CREATE INDEX passages_document ON passages (document_id);
        CREATE INDEX passages_tsv ON passages USING gin (tsv);
        IF top_document IS NULL THEN
          DROP TABLE passages_p0;
        ELSE
          EXECUTE format('ALTER TABLE passages ATTACH PARTITION passages_p0 FOR VALUES FROM (MINVALUE) TO (%s)', top_document + 1);
        END IF;
      END $$;
    `,
  },
];
