import { homedir } from 'node:os';
import { join } from 'node:path';
import { openPostgresStore } from './postgres/postgres-store.js';
import { openSqliteStore } from './sqlite/sqlite-store.js';
import type { ReadWriteStore } from './store.js';

/** Where the database lives when none is named: `$EDGARKIT_DB`, else `$XDG_DATA_HOME/edgarkit/edgarkit.db`. */
export function defaultDatabasePath(env: Readonly<Record<string, string | undefined>> = process.env): string {
  if (env.EDGARKIT_DB) return env.EDGARKIT_DB;
  const dataHome = env.XDG_DATA_HOME || join(env.HOME || homedir(), '.local', 'share');
  return join(dataHome, 'edgarkit', 'edgarkit.db');
}

/** Options of `openStore`: open for reading only (no migration runs). */
export interface OpenStoreOptions {
  readonly readonly?: boolean;
}

/** True when a `--db` value names a PostgreSQL database rather than a SQLite file. */
export function isPostgresUrl(spec: string): boolean {
  return /^postgres(ql)?:\/\//i.test(spec);
}

/** Opens the store a `--db` value names: `postgres://…` for PostgreSQL, else a SQLite file path (or `:memory:`). */
export async function openStore(spec: string, options: OpenStoreOptions = {}): Promise<ReadWriteStore> {
  if (isPostgresUrl(spec)) return openPostgresStore(spec, { readonly: options.readonly ?? false });
  return openSqliteStore(spec, { readonly: options.readonly ?? false });
}
