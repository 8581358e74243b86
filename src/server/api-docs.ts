import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Hono } from 'hono';
import { notFound } from './http-error.js';
import { CONTENT_SECURITY_POLICY } from './security-headers.js';

/**
 * `/api/docs`: an interactive reference of the API (Swagger UI), served from the swagger-ui-dist package's own
 * files: no request leaves the site. Its script is a file too (no inline script), so the site's policy holds; the
 * one difference is `img-src data:`, for the icons Swagger UI's stylesheet carries inline as data: URLs.
 */
export const DOCS_POLICY = CONTENT_SECURITY_POLICY.replace("img-src 'self'", "img-src 'self' data:");

const DIST = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
const VERSION = (JSON.parse(readFileSync(join(DIST, 'package.json'), 'utf8')) as { version: string }).version;
const BASE = `/api/docs/${VERSION}`;

const INITIALIZER = `window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({
    url: '/api/openapi.json',
    dom_id: '#swagger-ui',
    presets: [SwaggerUIBundle.presets.apis],
    layout: 'BaseLayout',
    validatorUrl: null,
    deepLinking: true,
    tryItOutEnabled: true,
  });
});
`;

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>edgarkit API</title>
<link rel="stylesheet" href="${BASE}/swagger-ui.css">
</head>
<body>
<div id="swagger-ui"></div>
<script src="${BASE}/swagger-ui-bundle.js"></script>
<script src="${BASE}/initializer.js"></script>
</body>
</html>
`;

const FILES: Readonly<Record<string, { readonly type: string; readonly body: () => string }>> = {
  'swagger-ui.css': { type: 'text/css; charset=utf-8', body: () => readFileSync(join(DIST, 'swagger-ui.css'), 'utf8') },
  'swagger-ui-bundle.js': {
    type: 'text/javascript; charset=utf-8',
    // The source map comment would make a browser's tools ask for a file we do not serve.
    body: () => readFileSync(join(DIST, 'swagger-ui-bundle.js'), 'utf8').replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '\n'),
  },
  'initializer.js': { type: 'text/javascript; charset=utf-8', body: () => INITIALIZER },
};

export function registerApiDocs(app: Hono): void {
  const loaded = new Map<string, string>();
  // The API's root says where its description and reference are, for a person or a program that starts there.
  for (const path of ['/api', '/api/']) {
    app.get(path, (c) => c.json({ name: 'edgarkit', openapi: '/api/openapi.json', docs: '/api/docs' }));
  }
  app.get('/api/docs', (c) => {
    c.header('Content-Security-Policy', DOCS_POLICY);
    return c.html(PAGE);
  });
  app.get(`${BASE}/:file`, (c) => {
    const name = c.req.param('file');
    const file = Object.hasOwn(FILES, name) ? FILES[name] : undefined;
    if (!file) throw notFound(`Nothing at ${c.req.path}`);
    let body = loaded.get(name);
    if (body === undefined) {
      body = file.body();
      loaded.set(name, body);
    }
    return c.body(body, 200, { 'Content-Type': file.type, 'Cache-Control': 'public, max-age=31536000, immutable' });
  });
}
