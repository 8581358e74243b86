import { homedir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from './sqlite/sqlite-store.js';
import type { Store } from './store.js';

/** Where the database lives when none is named: `$EDGARKIT_DB`, else `$XDG_DATA_HOME/edgarkit/edgarkit.db`. */
export function defaultDatabasePath(env: Readonly<Record<string, string | undefined>> = process.env): string {
  if (env.EDGARKIT_DB) return env.EDGARKIT_DB;
  const dataHome = env.XDG_DATA_HOME || join(env.HOME || homedir(), '.local', 'share');
  return join(dataHome, 'edgarkit', 'edgarkit.db');
}

export interface OpenStoreOptions {
  readonly readonly?: boolean;
}

/** Opens the store a `--db` value names: a SQLite file path (or `:memory:`); PostgreSQL URLs are refused clearly. */
export async function openStore(spec: string, options: OpenStoreOptions = {}): Promise<Store> {
  if (/^postgres(ql)?:\/\//i.test(spec)) {
    throw new Error('PostgreSQL databases are not supported yet: use a SQLite file path for --db');
  }
  return openSqliteStore(spec, { readonly: options.readonly ?? false });
}
