import { LRUCache } from 'lru-cache';
import type { EncodedDocument, RenderRequest } from '../pipeline/render-stored-document.js';
import { WorkerPool } from '../pipeline/worker-pool.js';
import type { FilingView, SearchPage, SearchRequest, Store, StoreStats } from '../store/store.js';
import { type CompanyActivity, readCompanyActivity } from './company-activity.js';
import { DEFAULT_RENDER_LIMITS, DocumentRenderer, type RenderLimits } from './document-renderer.js';
import { notFound } from './http-error.js';

export interface ReaderOptions {
  /** How long a search page is reused (0: never). New filings show up in search after at most this long. */
  readonly searchCacheMs: number;
  /** How many search pages are kept. */
  readonly searchCacheEntries: number;
  /** How long the database statistics, and a company's counted activity, are reused. */
  readonly statsCacheMs: number;
  /** Worker threads that render documents (0: render on the request thread). */
  readonly renderThreads: number;
  /** The pool to render in (default: one of its own with `renderThreads`). */
  readonly pool?: WorkerPool;
  /** A pool of its own for small documents (see DocumentRenderer); its owner closes it. */
  readonly smallPool?: WorkerPool;
  /** Deadline, cache size and largest document of renders (default DEFAULT_RENDER_LIMITS). */
  readonly renderLimits?: Partial<RenderLimits>;
  /** Where searches run (default: the store's own `search`; `edgarkit serve` runs SQLite's in threads of their own). */
  readonly search?: (request: SearchRequest) => Promise<SearchPage>;
}

/**
 * The store as the server reads it. The store is synchronous underneath (SQLite), so every millisecond it spends
 * holds up every other request: repeated searches are answered from a small cache for a short while, the
 * statistics (a scan of the whole database) and companies' counted activity (up to thousands of filings) are kept
 * for longer, and documents are parsed and rendered in worker threads. Plain reads (a filing, a company, a page of
 * filings) go straight to the store.
 */
export class Reader {
  readonly store: Store;
  readonly #options: ReaderOptions;
  readonly #searches: LRUCache<string, Promise<SearchPage>> | null;
  readonly #activity: LRUCache<string, Promise<CompanyActivity>>;
  readonly #pool: WorkerPool;
  readonly #renderer: DocumentRenderer;
  #stats: { value: Promise<StoreStats>; at: number } | null = null;
  #statsValue: StoreStats | null = null;

  constructor(store: Store, options: ReaderOptions) {
    this.store = store;
    this.#options = options;
    this.#searches =
      options.searchCacheMs > 0 ? new LRUCache({ max: Math.max(1, options.searchCacheEntries), ttl: options.searchCacheMs }) : null;
    this.#activity = new LRUCache({ max: 500, ttl: Math.max(1, options.statsCacheMs) });
    const limits = { ...DEFAULT_RENDER_LIMITS, ...options.renderLimits };
    this.#pool = options.pool ?? new WorkerPool({ threads: options.renderThreads, lowPriority: true, maxHeapMb: limits.threadMemoryMb });
    this.#renderer = new DocumentRenderer(store, this.#pool, limits, options.smallPool);
  }

  search(request: SearchRequest): Promise<SearchPage> {
    const run = (value: SearchRequest) => (this.#options.search ? this.#options.search(value) : this.store.search(value));
    if (this.#searches === null) return run(request);
    const key = JSON.stringify([
      request.text,
      request.form,
      request.cik,
      request.company,
      request.from,
      request.to,
      request.sort,
      request.limit,
      request.offset,
    ]);
    return remember(this.#searches, key, () => run(request));
  }

  /** A company's filings counted per year and form; kept as long as the statistics. */
  companyActivity(cik: string): Promise<CompanyActivity> {
    return remember(this.#activity, cik, () => readCompanyActivity(this.store, cik));
  }

  stats(): Promise<StoreStats> {
    const now = Date.now();
    if (this.#stats === null || now - this.#stats.at > this.#options.statsCacheMs) {
      const value = this.store.stats();
      this.#stats = { value, at: now };
      value.then(
        (stats) => {
          this.#statsValue = stats;
        },
        () => {
          this.#stats = null;
        },
      );
    }
    return this.#stats.value;
  }

  /** The statistics if they have been read already, without reading them (for the form list of a results page). */
  statsIfKnown(): StoreStats | null {
    return this.#statsValue;
  }

  /**
   * Document `which` of a filing, rendered as asked (see DocumentRenderer: deadline, cache, size limit); 404 when
   * the filing is not in the database.
   */
  async renderDocument(filingOrId: FilingView | string, which: string, request: RenderRequest): Promise<EncodedDocument> {
    // A page that has read the filing already passes it: each read of a filing parses its stored JSON again.
    const filing = typeof filingOrId === 'string' ? await this.store.getFiling(filingOrId) : filingOrId;
    if (!filing) throw notFound(`No filing ${filingOrId} in the database`);
    return this.#renderer.render(filing, which, request);
  }

  /** Bytes of rendered documents held in the render cache (estimated). */
  get renderCacheBytes(): number {
    return this.#renderer.cachedBytes;
  }

  get renderThreads(): number {
    return this.#pool.threads;
  }

  close(): Promise<void> {
    return this.#pool.close();
  }
}

/**
 * The value kept under `key` (lru-cache drops it once older than the cache's ttl, and the least recently used
 * beyond its size), else a fresh one from `load`. The promise is kept, so concurrent asks share one load; a load
 * that fails is not kept.
 */
function remember<T extends {}>(cache: LRUCache<string, Promise<T>>, key: string, load: () => Promise<T>): Promise<T> {
  const cached = cache.get(key);
  if (cached) return cached;
  const value = load();
  cache.set(key, value);
  value.catch(() => {
    if (cache.get(key) === value) cache.delete(key);
  });
  return value;
}
