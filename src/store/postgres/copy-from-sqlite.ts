import Database from 'better-sqlite3';
import type { BlobCompression } from '../../model/prepared-filing.js';
import { storedFactView } from '../fact-rows.js';
import { PASSAGE_STRIDE } from '../passages.js';
import { SHARD_OF_DOCUMENT, SHARD_REGISTRY_EXISTS, shardTable } from '../sqlite/migrations.js';
import type { PreparedBlob, PreparedDocument, PreparedFiling, TickerEntry } from '../store.js';
import { openPostgresStore, type PostgresStore } from './postgres-store.js';

/**
 * Copies a SQLite database into PostgreSQL without parsing anything again: each filing's rows are read back into
 * a PreparedFiling (its passages joined into the document text) and written with the PostgreSQL adapter's
 * ordinary upsert. Resumable: an accession already there with the same content hash is skipped. At the end both
 * sides are compared: row counts, and every accession's content hash.
 *
 * It reads the SQLite schema of migrations 1 to 7 (src/store/sqlite/migrations.ts) directly; the ticker list
 * (version 5) is copied whole at the end, and so are the XBRL facts tied to no filing (version 7: EDGAR's JSON
 * APIs'), which are written as facts (a filing's own facts go with the filing).
 */

export interface CopyOptions {
  /** Filings per transaction (default 200). */
  readonly batchSize?: number;
  readonly onProgress?: (progress: CopyProgress) => void;
  readonly signal?: AbortSignal;
}

export interface CopyProgress {
  readonly total: number;
  readonly copied: number;
  readonly skipped: number;
  readonly seconds: number;
}

export interface CopyCheck {
  /** Row counts on each side, table by table. */
  readonly counts: readonly { readonly table: string; readonly sqlite: number; readonly postgres: number }[];
  /** Accessions with the same content hash on both sides. */
  readonly matching: number;
  /** In SQLite but not in PostgreSQL. */
  readonly missing: readonly string[];
  /** In both, with different content hashes. */
  readonly different: readonly string[];
  /** In PostgreSQL but not in SQLite (written there by something else). */
  readonly extra: number;
  readonly ok: boolean;
}

export interface CopyResult extends CopyProgress {
  readonly interrupted: boolean;
  readonly check: CopyCheck | null;
}

type Row = Record<string, unknown>;

export async function copySqliteToPostgres(from: string, to: string, options: CopyOptions = {}): Promise<CopyResult> {
  const started = Date.now();
  const source = new Database(from, { readonly: true, fileMustExist: true });
  let target: PostgresStore | null = null;
  try {
    const version = (source.prepare('SELECT max(version) AS v FROM schema_migrations').get() as { v: number | null }).v;
    if (version === null || version < 1 || version > 7) {
      throw new Error(`${from} has SQLite schema version ${version}; this copy reads versions 1 to 7`);
    }
    target = await openPostgresStore(to, { poolSize: 2 });
    const batchSize = options.batchSize ?? 200;
    const total = (source.prepare('SELECT count(*) AS n FROM filings').get() as { n: number }).n;
    const page = source.prepare('SELECT rowid, id, content_hash FROM filings WHERE rowid > ? ORDER BY rowid LIMIT ?');
    const reader = new FilingReader(source);
    let copied = 0;
    let skipped = 0;
    let lastRowid = 0;
    let interrupted = false;
    let writing: Promise<unknown> = Promise.resolve();
    for (;;) {
      if (options.signal?.aborted) {
        interrupted = true;
        break;
      }
      const rows = page.all(lastRowid, batchSize) as { rowid: number; id: string; content_hash: string }[];
      if (rows.length === 0) break;
      lastRowid = (rows.at(-1) as { rowid: number }).rowid;
      const there = await target.contentHashesOf(rows.map((row) => row.id));
      const wanted = rows.filter((row) => there.get(row.id) !== row.content_hash);
      skipped += rows.length - wanted.length;
      // Read the next batch while the previous one is being written.
      const filings = wanted.map((row) => reader.read(row.rowid));
      await writing;
      const store = target;
      writing = store.writeFilings(filings).then(() => {
        copied += filings.length;
        options.onProgress?.({ total, copied, skipped, seconds: (Date.now() - started) / 1000 });
      });
    }
    await writing;
    if (!interrupted && version >= 5) {
      const tickers = source.prepare('SELECT ticker, cik, title FROM tickers ORDER BY position').all() as TickerEntry[];
      if (tickers.length > 0) await target.replaceTickers(tickers);
    }
    if (!interrupted && version >= 7) {
      const facts = source.prepare('SELECT * FROM xbrl_facts WHERE filing_rowid IS NULL AND id > ? ORDER BY id LIMIT 5000');
      for (let lastId = 0; ; ) {
        const rows = facts.all(lastId) as Row[];
        if (rows.length === 0) break;
        lastId = (rows.at(-1) as { id: number }).id;
        await target.writeFacts(rows.map(storedFactView));
      }
    }
    const check = interrupted ? null : await compare(source, target, version >= 7);
    return { total, copied, skipped, seconds: (Date.now() - started) / 1000, interrupted, check };
  } finally {
    source.close();
    await target?.close();
  }
}

/** Reads one stored filing back from SQLite as the PreparedFiling that would have produced it. */
class FilingReader {
  readonly #filing: Database.Statement;
  readonly #documents: Database.Statement;
  readonly #db: Database.Database;
  /** Passage reads by index table; the shard of a document (0 before schema version 2, which has one table). */
  readonly #passages = new Map<string, Database.Statement>();
  readonly #shardOf: ((documentId: number) => number) | null;
  readonly #exhibits: Database.Statement;
  readonly #signatures: Database.Statement;
  readonly #blob: Database.Statement;
  /** A filing's XBRL facts (schema version 7); null before it. */
  readonly #facts: Database.Statement | null;

  constructor(db: Database.Database) {
    this.#filing = db.prepare('SELECT * FROM filings WHERE rowid = ?');
    this.#documents = db.prepare('SELECT * FROM documents WHERE filing_rowid = ? ORDER BY position');
    this.#db = db;
    const sharded = db.prepare(SHARD_REGISTRY_EXISTS).get() !== undefined;
    const shard = sharded ? db.prepare(SHARD_OF_DOCUMENT).pluck() : null;
    this.#shardOf = shard ? (documentId) => (shard.get(documentId) as number | undefined) ?? 0 : null;
    this.#exhibits = db.prepare('SELECT * FROM exhibits WHERE filing_rowid = ? ORDER BY position');
    this.#signatures = db.prepare('SELECT record FROM signatures WHERE filing_rowid = ? ORDER BY position');
    this.#blob = db.prepare('SELECT sha256, compression, byte_length, data FROM blobs WHERE sha256 = ?');
    const facts = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'xbrl_facts'").get() !== undefined;
    this.#facts = facts ? db.prepare('SELECT * FROM xbrl_facts WHERE filing_rowid = ? ORDER BY id') : null;
  }

  #passagesOf(documentId: number): { text: string }[] {
    const table = shardTable(this.#shardOf?.(documentId) ?? 0);
    let statement = this.#passages.get(table);
    if (!statement) {
      statement = this.#db.prepare(`SELECT text FROM ${table} WHERE rowid >= ? AND rowid < ? ORDER BY rowid`);
      this.#passages.set(table, statement);
    }
    return statement.all(documentId * PASSAGE_STRIDE, (documentId + 1) * PASSAGE_STRIDE) as { text: string }[];
  }

  read(rowid: number): PreparedFiling {
    const row = this.#filing.get(rowid) as Row;
    const blobs: PreparedBlob[] = [];
    const addBlob = (sha256: string | null) => {
      if (!sha256 || blobs.some((blob) => blob.sha256 === sha256)) return;
      const blob = this.#blob.get(sha256) as
        | { sha256: string; compression: BlobCompression; byte_length: number; data: Buffer }
        | undefined;
      if (blob) blobs.push({ sha256: blob.sha256, compression: blob.compression, byteLength: blob.byte_length, data: blob.data });
    };
    addBlob(row.original_blob as string);
    const documents = (this.#documents.all(rowid) as Row[]).map((document): PreparedDocument => {
      const id = document.id as number;
      const passages = this.#passagesOf(id);
      addBlob((document.attachment_sha256 as string | null) ?? null);
      return {
        position: document.position as number,
        sequence: (document.sequence as number | null) ?? null,
        type: (document.type as string | null) ?? null,
        filename: (document.filename as string | null) ?? null,
        description: (document.description as string | null) ?? null,
        byteLength: document.byte_length as number,
        bodyStart: document.body_start as number,
        bodyEnd: document.body_end as number,
        encoding: document.encoding as 'text' | 'uuencode',
        wrapper: (document.wrapper as string | null) ?? null,
        sourceFormat: document.source_format as PreparedDocument['sourceFormat'],
        text: passages.map((passage) => passage.text).join(''),
        attachmentSha256: (document.attachment_sha256 as string | null) ?? null,
        attachmentName: (document.attachment_name as string | null) ?? null,
      };
    });
    return {
      id: row.id as string,
      accessionNumber: (row.accession_number as string | null) ?? null,
      formType: (row.form_type as string | null) ?? null,
      filedAt: (row.filed_at as string | null) ?? null,
      periodOfReport: (row.period_of_report as string | null) ?? null,
      acceptanceDateTime: (row.acceptance_datetime as string | null) ?? null,
      dateOfChange: (row.date_of_change as string | null) ?? null,
      effectivenessDate: (row.effectiveness_date as string | null) ?? null,
      publicDocumentCount: (row.public_document_count as number | null) ?? null,
      items: JSON.parse(row.items as string) as string[],
      groupMembers: JSON.parse(row.group_members as string) as string[],
      format: row.format as string,
      headerJson: row.header as string,
      parties: JSON.parse(row.parties as string) as PreparedFiling['parties'],
      contentHash: row.content_hash as string,
      // Unknown ('') for filings stored before schema version 4.
      documentsDigest: (row.documents_digest as string | null | undefined) ?? '',
      byteLength: row.byte_length as number,
      source: row.source as string,
      diagnosticsJson: row.diagnostics as string,
      formRecordJson: (row.form_record as string | null) ?? null,
      documents,
      exhibits: (this.#exhibits.all(rowid) as Row[]).map((exhibit) => ({
        number: exhibit.number as string,
        description: (exhibit.description as string | null) ?? null,
        documentSequence: (exhibit.document_sequence as number | null) ?? null,
        json: exhibit.record as string,
      })),
      signatures: (this.#signatures.all(rowid) as { record: string }[]).map((signature) => ({ json: signature.record })),
      blobs,
      originalBlob: row.original_blob as string,
      facts: this.#facts ? (this.#facts.all(rowid) as Row[]).map(storedFactView) : [],
    };
  }
}

/** The same count on both sides (the SQL is valid in both). */
const COMPARED_COUNTS: readonly { readonly table: string; readonly sql: string }[] = [
  ...['filings', 'filing_parties', 'documents', 'exhibits', 'signatures', 'companies', 'former_names'].map((table) => ({
    table,
    sql: `SELECT count(*) AS n FROM ${table}`,
  })),
  // Blobs that a filing refers to: a SQLite file may keep blobs of replaced copies, which are not copied.
  {
    table: 'blobs',
    sql: 'SELECT count(*) AS n FROM blobs WHERE sha256 IN (SELECT original_blob FROM filings UNION SELECT attachment_sha256 FROM documents)',
  },
];

/** Row counts table by table, then every accession's content hash, batch by batch. */
async function compare(source: Database.Database, target: PostgresStore, facts: boolean): Promise<CopyCheck> {
  const counts: { table: string; sqlite: number; postgres: number }[] = [];
  for (const { table, sql } of facts
    ? [...COMPARED_COUNTS, { table: 'xbrl_facts', sql: 'SELECT count(*) AS n FROM xbrl_facts' }]
    : COMPARED_COUNTS) {
    const sqlite = (source.prepare(sql).get() as { n: number }).n;
    const postgres = Number((await target.pool.query(sql)).rows[0]?.n ?? 0);
    counts.push({ table, sqlite, postgres });
  }
  const page = source.prepare('SELECT rowid, id, content_hash FROM filings WHERE rowid > ? ORDER BY rowid LIMIT 5000');
  let lastRowid = 0;
  let matching = 0;
  const missing: string[] = [];
  const different: string[] = [];
  for (;;) {
    const rows = page.all(lastRowid) as { rowid: number; id: string; content_hash: string }[];
    if (rows.length === 0) break;
    lastRowid = (rows.at(-1) as { rowid: number }).rowid;
    const there = await target.contentHashesOf(rows.map((row) => row.id));
    for (const row of rows) {
      const hash = there.get(row.id);
      if (hash === row.content_hash) matching++;
      else if (hash === undefined) missing.push(row.id);
      else different.push(row.id);
    }
  }
  const postgresFilings = counts[0]?.postgres ?? 0;
  const extra = postgresFilings - matching - different.length;
  const ok = missing.length === 0 && different.length === 0 && extra === 0 && counts.every((count) => count.sqlite === count.postgres);
  return { counts, matching, missing, different, extra, ok };
}
