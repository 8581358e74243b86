import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { SearchRequestError } from '../store/search.js';
import { QuerySyntaxError } from '../store/search-query.js';
import { html } from './html.js';
import { type ErrorLink, HttpProblem } from './http-error.js';
import { layout } from './layout.js';
import { searchForm } from './search-page.js';

/** Where unexpected errors are reported (never to the client). */
export type ErrorLog = (error: unknown, request: Request) => void;

const TITLES: Partial<Record<ContentfulStatusCode, string>> = {
  400: 'Bad request',
  404: 'Not found',
  413: 'Too large to show',
  421: 'Wrong host',
  500: 'Server error',
  503: 'Not available now',
};

/**
 * The one place exceptions become responses: 400 for a bad request, a malformed search query or one too broad to
 * answer, 404 for unknown things, the status of an HttpProblem (413 a document too large to render, 421 a Host this
 * server does not answer for, 503 a render past its deadline), 500 (with no detail) for anything unexpected, which
 * is logged. JSON under `/api/`, a page elsewhere.
 */
export function errorResponse(c: Context, error: unknown, log: ErrorLog): Response {
  let status: ContentfulStatusCode;
  let message: string;
  let link: ErrorLink | undefined;
  if (error instanceof QuerySyntaxError || error instanceof SearchRequestError) {
    status = 400;
    message = error.message;
  } else if (error instanceof HttpProblem) {
    status = error.status as ContentfulStatusCode;
    message = error.message;
    link = error.link;
  } else if (error instanceof HTTPException && error.status < 500) {
    // Ours (http-error.ts, request-params.ts) are 400 or 404; Hono's own (a body it cannot read) are client errors too.
    status = error.status === 404 ? 404 : 400;
    message = error.message || 'Bad request';
  } else {
    log(error, c.req.raw);
    status = 500;
    message = 'Internal server error: the problem was logged on the server';
  }
  return respond(c, status, message, link);
}

export function notFoundResponse(c: Context): Response {
  return respond(c, 404, `Nothing at ${new URL(c.req.url).pathname}`);
}

function respond(c: Context, status: ContentfulStatusCode, message: string, link?: ErrorLink): Response {
  const path = new URL(c.req.url).pathname;
  if (path === '/api' || path.startsWith('/api/')) return c.json(link ? { error: message, link: link.href } : { error: message }, status);
  const title = TITLES[status] ?? 'Error';
  // A search that cannot be read comes back with its words still in the box, to be fixed.
  if (new URL(c.req.url).pathname === '/' && status === 400) {
    return c.html(
      layout({ title: 'Search', body: html`${searchForm(c.req.query())}<p class="empty warnings" role="alert">${message}</p>` }),
      status,
    );
  }
  return c.html(
    layout({
      title,
      body: html`<h1>${title}</h1><p class="empty">${message}</p>${link ? html`<p><a class="button" href="${link.href}" download>${link.label}</a></p>` : ''}<p><a href="/">Back to search</a></p>`,
    }),
    status,
  );
}

/** The default log: one line on stderr, with the stack. */
export const stderrLog: ErrorLog = (error, request) => {
  const url = new URL(request.url);
  process.stderr.write(
    `edgarkit serve: ${request.method} ${url.pathname}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
};
