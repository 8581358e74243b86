import { workerData } from 'node:worker_threads';
import { openSqliteStore, type SqliteStore } from '../store/sqlite/sqlite-store.js';
import type { SearchPage, SearchRequest } from '../store/store.js';
import { lowerThreadPriority } from './thread-priority.js';

/** What a search thread is asked: a search of the SQLite file at `path`. */
export interface SearchTask {
  readonly path: string;
  readonly searchBudgetMs: number;
  readonly request: SearchRequest;
}

/** An error as it crosses threads: its class by name, and the fields the shells read. */
export interface SearchFailure {
  readonly name: string;
  readonly message: string;
  readonly term?: string;
  readonly position?: number;
}

export type SearchAnswer = { readonly ok: true; readonly page: SearchPage } | { readonly ok: false; readonly error: SearchFailure };

/** What a search thread is started with: whether it runs below the process's priority (the costly lane). */
export interface SearchThreadData {
  readonly lowPriority: boolean;
}

// Costly searches yield the CPU to the thread that answers requests (and to plain searches).
if ((workerData as SearchThreadData | undefined)?.lowPriority !== false) lowerThreadPriority();

/** Each thread keeps its own read-only connection per database file. */
const stores = new Map<string, SqliteStore>();

/** The thread's entry (piscina calls it): errors come back as data, so the caller can throw them as their own class. */
export default async function searchWorker(task: SearchTask): Promise<SearchAnswer> {
  let store = stores.get(task.path);
  if (!store) {
    store = openSqliteStore(task.path, { readonly: true, searchBudgetMs: task.searchBudgetMs });
    stores.set(task.path, store);
  }
  try {
    return { ok: true, page: await store.search(task.request) };
  } catch (error) {
    const { name, message, term, position } = error as Error & { term?: string; position?: number };
    return {
      ok: false,
      error: {
        name: name ?? 'Error',
        message: message ?? String(error),
        ...(term !== undefined ? { term } : {}),
        ...(position !== undefined ? { position } : {}),
      },
    };
  }
}
