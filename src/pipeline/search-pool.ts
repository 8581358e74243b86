import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import { isCostlyQuery, prepareSearch, QueryTooBroadError, SEARCH_BUDGET_MS, SearchRequestError } from '../store/search.js';
import { QuerySyntaxError } from '../store/search-query.js';
import type { SearchPage, SearchRequest } from '../store/store.js';
import type { SearchAnswer, SearchFailure, SearchTask, SearchThreadData } from './search-worker.js';

export interface SearchPoolOptions {
  /** The SQLite database file; each thread opens it read-only. */
  readonly path: string;
  /**
   * Threads (default 2): one runs costly queries (see `isCostlyQuery`: broad prefixes, up to their time budget) at a
   * lower scheduling priority than the process, the rest run the others at the process's own, so a plain query
   * never waits behind a costly one, nor behind renders and costly queries for the CPU (it is short: no broad prefix,
   * and within its time budget). One thread runs both, lowered.
   */
  readonly threads?: number;
  /** Each search's time budget, in ms (default SEARCH_BUDGET_MS). */
  readonly searchBudgetMs?: number;
}

/**
 * SQLite searches in threads of their own: better-sqlite3 is synchronous, so a search on the server's thread holds
 * every other request until it ends, even within its time budget. Each thread has its own read-only connection;
 * a query too broad or malformed comes back as the same error class the store throws.
 */
export class SearchPool {
  readonly #plain: Piscina<SearchTask, SearchAnswer>;
  /** Where costly queries run (the plain lane's pool when there is one thread). */
  readonly #costly: Piscina<SearchTask, SearchAnswer>;
  readonly #path: string;
  readonly #budgetMs: number;

  /** Null when there is no compiled search thread to run (TypeScript sources with no build beside them). */
  static open(options: SearchPoolOptions): SearchPool | null {
    const script = compiledSearchWorker();
    return script ? new SearchPool(options, script) : null;
  }

  private constructor(options: SearchPoolOptions, script: URL) {
    this.#path = options.path;
    this.#budgetMs = options.searchBudgetMs ?? SEARCH_BUDGET_MS;
    const threads = Math.max(1, options.threads ?? 2);
    // The threads start at once and stay: a thread's start takes up to seconds on a busy machine.
    const lane = (maxThreads: number, lowPriority: boolean) =>
      new Piscina<SearchTask, SearchAnswer>({
        filename: script.href,
        minThreads: maxThreads,
        maxThreads,
        idleTimeout: 60_000,
        workerData: { lowPriority } satisfies SearchThreadData,
      });
    this.#plain = lane(Math.max(1, threads - 1), threads === 1);
    this.#costly = threads > 1 ? lane(1, true) : this.#plain;
  }

  async search(request: SearchRequest): Promise<SearchPage> {
    // Read and cost-checked here first: a malformed or too broad query is refused at once, not after the
    // searches queued before it.
    const prepared = prepareSearch(request);
    const lane = isCostlyQuery(prepared.match) ? this.#costly : this.#plain;
    const answer = await lane.run({ path: this.#path, searchBudgetMs: this.#budgetMs, request });
    if (answer.ok) return answer.page;
    throw rebuild(answer.error);
  }

  /**
   * Has every thread open its connection and answer a small search, so that the first searches after a start do
   * not wait for threads still loading. Resolves when all have (a failure shows itself at the first real search).
   */
  async warmUp(): Promise<void> {
    const request: SearchRequest = { text: 'report', limit: 1 };
    const lanes = [...new Set([this.#plain, this.#costly])];
    await Promise.all(
      lanes.flatMap((lane) =>
        Array.from({ length: lane.maxThreads }, () => lane.run({ path: this.#path, searchBudgetMs: this.#budgetMs, request })),
      ),
    ).catch(() => {});
  }

  async close(): Promise<void> {
    await Promise.all([...new Set([this.#plain, this.#costly])].map((lane) => lane.destroy()));
  }
}

/** The error a thread reported, as its own class again (the shells tell a 400 from a 500 by class). */
function rebuild(failure: SearchFailure): Error {
  let error: Error;
  if (failure.name === 'QueryTooBroadError') {
    error = new QueryTooBroadError(failure.term ?? '', '');
  } else if (failure.name === 'QuerySyntaxError') {
    error = new QuerySyntaxError('', failure.position ?? 0);
  } else if (failure.name === 'SearchRequestError') {
    error = new SearchRequestError('');
  } else error = new Error('');
  error.message = failure.message;
  return error;
}

function compiledSearchWorker(): URL | null {
  const here = new URL('./search-worker.js', import.meta.url);
  if (existsSync(fileURLToPath(here))) return here;
  const compiled = new URL(here.href.replace('/src/pipeline/', '/dist/pipeline/'));
  return existsSync(fileURLToPath(compiled)) ? compiled : null;
}
