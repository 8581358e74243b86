import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import type { ReadWriteStore } from '../src/store/store.js';

type StoreFactory = () => Promise<ReadWriteStore>;

const KEY = Symbol.for('edgarkit.serverTestStore');

/** The store the server's API tests run against: SQLite in memory, unless another adapter's test file chose one. */
export async function openServerTestStore(): Promise<ReadWriteStore> {
  const factory = (globalThis as Record<symbol, StoreFactory | undefined>)[KEY];
  return factory ? factory() : openSqliteStore(':memory:');
}

/** Makes the server's API tests run against another store (the PostgreSQL test file does this). */
export function useServerTestStore(factory: StoreFactory): void {
  (globalThis as Record<symbol, StoreFactory | undefined>)[KEY] = factory;
}
