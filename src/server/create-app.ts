import { OpenAPIHono } from '@hono/zod-openapi';
import type { BlankEnv } from 'hono/types';
import type { WorkerPool } from '../pipeline/worker-pool.js';
import type { SearchPage, SearchRequest, Store } from '../store/store.js';
import { allowedHosts, LOCAL_HOSTS } from './allowed-hosts.js';
import { registerApiDocs } from './api-docs.js';
import { apiRoutes } from './api-routes.js';
import { registerComposeRoutes } from './compose-routes.js';
import { type RenderLimits, renderThreadsForMachine } from './document-renderer.js';
import { type ErrorLog, errorResponse, notFoundResponse, stderrLog } from './error-responses.js';
import { registerOpenApiDocument } from './openapi.js';
import { pageRoutes } from './page-routes.js';
import { Reader } from './reader.js';
import { securityHeaders } from './security-headers.js';
import { registerStaticAssets } from './static-assets.js';

/** What the app serves: a store; optionally an error log, cache times, and the render threads or a shared worker pool. */
export interface AppOptions {
  /** Read only: the app never writes. */
  readonly store: Store;
  /** Where unexpected errors are reported (default: stderr). The client only ever sees "Internal server error". */
  readonly log?: ErrorLog;
  /** How long a search page is reused, in ms (default 60 s; 0 turns the cache off). */
  readonly searchCacheMs?: number;
  /** How long the database statistics (a scan of the whole database) are reused, in ms (default 5 minutes). */
  readonly statsCacheMs?: number;
  /** Worker threads that parse and render documents (default: the cores, 2 to 4; 0 renders on the request thread). */
  readonly renderThreads?: number;
  /** A worker pool to render in instead of one of the app's own: its owner closes it (`edgarkit serve` does, on stop). */
  readonly pool?: WorkerPool;
  /**
   * A pool for small documents only (under 256 KB, and quick to render), so they never queue behind large ones; then
   * `pool` renders the large ones. Its owner closes it.
   */
  readonly smallPool?: WorkerPool;
  /** A render's deadline, the render cache's size and the largest document rendered (default DEFAULT_RENDER_LIMITS). */
  readonly renderLimits?: Partial<RenderLimits>;
  /**
   * The host names requests may carry in `Host` (any port): others get a 421, so a page that rebinds its own name to
   * this machine cannot read the API. `'*'` allows any. Default LOCAL_HOSTS (localhost, 127.0.0.1, [::1]).
   */
  readonly allowedHosts?: readonly string[];
  /** Where searches run (default: `store.search`); `edgarkit serve` passes a SearchPool's for a SQLite file. */
  readonly search?: (request: SearchRequest) => Promise<SearchPage>;
}

/**
 * The HTTP API (`/api/…`) and the web UI as one `fetch(Request) → Response` app: tests call `app.request('/path')`
 * with no port; `edgarkit serve` hands `app.fetch` to @hono/node-server. Exceptions become responses in
 * error-responses.ts only.
 */
export function createApp(options: AppOptions): OpenAPIHono<BlankEnv> {
  const log = options.log ?? stderrLog;
  const reader = new Reader(options.store, {
    searchCacheMs: options.searchCacheMs ?? 60_000,
    searchCacheEntries: 1000,
    statsCacheMs: options.statsCacheMs ?? 300_000,
    renderThreads: options.renderThreads ?? renderThreadsForMachine(),
    ...(options.pool ? { pool: options.pool } : {}),
    ...(options.smallPool ? { smallPool: options.smallPool } : {}),
    ...(options.renderLimits ? { renderLimits: options.renderLimits } : {}),
    ...(options.search ? { search: options.search } : {}),
  });
  const app = new OpenAPIHono<BlankEnv>();
  app.use('*', securityHeaders());
  app.use('*', allowedHosts(options.allowedHosts ?? LOCAL_HOSTS));
  registerStaticAssets(app);
  registerComposeRoutes(app);
  app.route('/api', apiRoutes(reader));
  registerOpenApiDocument(app);
  registerApiDocs(app);
  app.route('/', pageRoutes(reader));
  app.notFound((c) => notFoundResponse(c));
  app.onError((error, c) => errorResponse(c, error, log));
  return app;
}
