/**
 * What a database driver's error means for the person running edgarkit, from its code alone (better-sqlite3's
 * `SQLITE_*` codes, PostgreSQL's SQLSTATE): a full disk, a read-only file, a database that is not one. Null for
 * anything else, which stays an unexpected error. Shells (the CLI, the server) say these in their own words.
 */
export interface StorageFault {
  readonly kind: 'full' | 'io' | 'read-only' | 'cannot-open' | 'not-a-database' | 'busy' | 'no-schema';
  /** One sentence: what happened, and what to do. */
  readonly message: string;
}

/** An error raised by a store itself when a database file exists but holds no edgarkit tables yet. */
export class NoSchemaError extends Error {
  readonly code = 'EDGARKIT_NO_SCHEMA';
  constructor(where: string) {
    super(
      `No database yet at ${where}: the file holds no edgarkit tables (an ingest may be creating them now: wait for it to finish; else run "edgarkit ingest <files>" first)`,
    );
    this.name = 'NoSchemaError';
  }
}

const SQLITE: readonly [RegExp, StorageFault['kind'], string][] = [
  [/^SQLITE_FULL/, 'full', 'the disk is full (or the database reached its size limit)'],
  [/^SQLITE_IOERR/, 'io', 'the disk refused a read or write (a full disk, a file size limit, or a failing device)'],
  [/^SQLITE_READONLY/, 'read-only', 'the database is read-only here'],
  [/^SQLITE_CANTOPEN/, 'cannot-open', 'the file cannot be opened (check the path and its permissions)'],
  [/^SQLITE_(?:NOTADB|CORRUPT)/, 'not-a-database', 'the file is not a SQLite database or is damaged'],
  [/^SQLITE_(?:BUSY|LOCKED)/, 'busy', 'another process holds the database locked; try again when it has finished'],
];

/** SQLSTATE classes and codes of PostgreSQL that are about the server's storage, not about edgarkit. */
const POSTGRES: Readonly<Record<string, readonly [StorageFault['kind'], string]>> = {
  '53100': ['full', "the database server's disk is full"],
  '53200': ['io', 'the database server is out of memory'],
  '58030': ['io', 'the database server could not read or write its files'],
  '25006': ['read-only', 'the database is read-only (a standby, or a read-only transaction)'],
};

/** The storage fault an error stands for, or null when it is not one. */
export function storageFault(error: unknown): StorageFault | null {
  if (error instanceof NoSchemaError) return { kind: 'no-schema', message: error.message };
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  if (typeof code !== 'string') return null;
  const detail = error instanceof Error ? error.message : '';
  for (const [pattern, kind, what] of SQLITE) {
    if (pattern.test(code)) return { kind, message: `${what} (${code}: ${detail})` };
  }
  const postgres = POSTGRES[code];
  if (postgres) return { kind: postgres[0], message: `${postgres[1]} (${code}: ${detail})` };
  return null;
}
