import { createHash } from 'node:crypto';
import type { Hono } from 'hono';
import { CLIENT_SCRIPT } from './client-script.js';
import { STYLESHEET } from './styles.js';

interface Asset {
  readonly path: string;
  readonly contentType: string;
  readonly body: string;
}

function asset(name: string, extension: string, contentType: string, body: string): Asset {
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 10);
  return { path: `/static/${name}.${hash}.${extension}`, contentType, body };
}

/** The stylesheet and the script, under content-hashed names so browsers may cache them for good. */
export const ASSETS = {
  stylesheet: asset('app', 'css', 'text/css; charset=utf-8', STYLESHEET),
  script: asset('app', 'js', 'text/javascript; charset=utf-8', CLIENT_SCRIPT),
} as const;

export function registerStaticAssets(app: Hono): void {
  for (const { path, contentType, body } of Object.values(ASSETS)) {
    app.get(path, (c) => c.body(body, 200, { 'Content-Type': contentType, 'Cache-Control': 'public, max-age=31536000, immutable' }));
  }
  app.get('/favicon.ico', (c) => c.body(null, 204, { 'Cache-Control': 'public, max-age=86400' }));
}
