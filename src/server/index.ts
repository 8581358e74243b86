/** edgarkit/server: the HTTP API and web UI as one `fetch(Request) → Response` app over a Store. */
export { type AppOptions, createApp } from './create-app.js';
export type { ErrorLog } from './error-responses.js';
