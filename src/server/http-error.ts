import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** A link an error answer offers instead of what was asked (the original submission, to download). */
export interface ErrorLink {
  readonly href: string;
  readonly label: string;
}

/**
 * An answer that is not the page asked for, with its status and message, and perhaps a link to what can be had
 * instead: error-responses.ts turns it into JSON (`{ error, link }`) or a page.
 */
export class HttpProblem extends HTTPException {
  readonly link: ErrorLink | undefined;
  constructor(status: ContentfulStatusCode, message: string, link?: ErrorLink) {
    super(status, { message });
    this.link = link;
  }
}

/** A problem with the request that the client can fix: a 400 whose message says what is wrong. */
export function badRequest(message: string): HTTPException {
  return new HTTPException(400, { message });
}

/** A thing that is not there: a 404 whose message names what was asked for. */
export function notFound(message: string): HTTPException {
  return new HTTPException(404, { message });
}
