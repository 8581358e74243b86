import { existsSync } from 'node:fs';
import { defaultDatabasePath, openStore } from '../store/open-store.js';
import type { ReadWriteStore, Store } from '../store/store.js';
import { type CliIo, UserError } from './io.js';

/** The database a command uses: `--db`, else `$EDGARKIT_DB`, else the default file. */
export function databaseSpec(option: string | undefined, io: CliIo): string {
  return option ?? defaultDatabasePath(io.env);
}

/** Opens the database for reading; a missing file is a user mistake worth a clear message, not an empty result. */
export async function openForReading(option: string | undefined, io: CliIo): Promise<Store> {
  const spec = databaseSpec(option, io);
  if (spec !== ':memory:' && !/^postgres/i.test(spec) && !existsSync(spec)) {
    throw new UserError(`No database at ${spec}: run "edgarkit ingest <files>" first, or name one with --db`);
  }
  try {
    return await openStore(spec, { readonly: true });
  } catch (error) {
    throw new UserError(`Cannot open the database ${spec}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

export async function openForWriting(option: string | undefined, io: CliIo): Promise<ReadWriteStore> {
  const spec = databaseSpec(option, io);
  try {
    return await openStore(spec);
  } catch (error) {
    throw new UserError(`Cannot open the database ${spec}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

export function positiveInteger(name: string) {
  return (value: string): number => {
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed < 0) throw new UserError(`${name} must be a whole number, not "${value}"`);
    return parsed;
  };
}

export function isoDate(name: string) {
  return (value: string): string => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new UserError(`${name} must be a date as YYYY-MM-DD, not "${value}"`);
    return value;
  };
}
