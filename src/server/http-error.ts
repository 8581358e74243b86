import { HTTPException } from 'hono/http-exception';

/** A problem with the request that the client can fix: a 400 whose message says what is wrong. */
export function badRequest(message: string): HTTPException {
  return new HTTPException(400, { message });
}

/** A thing that is not there: a 404 whose message names what was asked for. */
export function notFound(message: string): HTTPException {
  return new HTTPException(404, { message });
}
