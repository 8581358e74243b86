import { existsSync } from 'node:fs';
import { Option } from 'commander';
import { defaultDatabasePath, openStore } from '../store/open-store.js';
import { checkCik, checkDate, checkForm, checkLimit, checkOffset, RequestValueError } from '../store/request-values.js';
import { NoSchemaError } from '../store/storage-error.js';
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
    // The file exists but no ingest has made its tables yet (or one is making them right now).
    if (error instanceof NoSchemaError) throw new UserError(error.message);
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

/** The `--db` option every database command takes. */
export function dbOption(): Option {
  return new Option('--db <file>', 'database file or postgres:// URL (default: $EDGARKIT_DB or ~/.local/share/edgarkit/edgarkit.db)');
}

/** Runs one of the store's request checks (the API's parameters use the same); what it refuses is a usage error. */
export function checkValues<T>(check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (error instanceof RequestValueError) throw new UserError(error.message);
    throw error;
  }
}

/** An option value checked by one of the store's request checks. */
export function checkedOption<T>(check: (text: string) => T): (text: string) => T {
  return (text) => checkValues(() => check(text));
}

/** The options a list or search takes, checked as the API checks `from`, `to`, `cik`, `form`, `limit`, `offset`. */
export const dateOption = (name: string) => checkedOption((text) => checkDate(name, text));
export const cikOption = (name: string) => checkedOption((text) => checkCik(name, text));
export const formOption = (name: string) => checkedOption((text) => checkForm(name, text));
export const limitOption = (name: string) => checkedOption((text) => checkLimit(name, text));
export const offsetOption = (name: string) => checkedOption((text) => checkOffset(name, text));
