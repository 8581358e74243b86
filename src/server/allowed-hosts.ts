import type { MiddlewareHandler } from 'hono';
import { HttpProblem } from './http-error.js';

/** The names a server on this machine answers to by default: loopback, however it is written. */
export const LOCAL_HOSTS: readonly string[] = ['localhost', '127.0.0.1', '[::1]'];

/**
 * A host name as a `Host` header or a URL carries it, for comparison: lower case, without a port, an IPv6 address
 * in brackets, no trailing dot (`LOCALHOST.:8080` is `localhost`).
 */
export function normalizeHost(host: string): string {
  let name = host.trim().toLowerCase();
  if (name.startsWith('[')) name = name.slice(0, name.indexOf(']') + 1);
  else if (name.includes(':') && name.indexOf(':') === name.lastIndexOf(':')) name = name.slice(0, name.indexOf(':'));
  else if (name.includes(':')) name = `[${name}]`;
  return name.endsWith('.') ? name.slice(0, -1) : name;
}

/**
 * Answers only requests whose `Host` names this server: a page on another site that resolves its own name to
 * 127.0.0.1 (DNS rebinding) gets a 421 instead of the local API. `'*'` in the list allows any name (behind a proxy
 * that checks it). The port is not compared: a rebinding page cannot choose a name without one.
 */
export function allowedHosts(hosts: readonly string[]): MiddlewareHandler {
  const allowed = new Set(hosts.map(normalizeHost));
  const any = allowed.has('*');
  const listed = [...allowed].join(', ');
  return async (c, next) => {
    if (any) return next();
    const host = normalizeHost(c.req.header('host') ?? new URL(c.req.url).host);
    if (!allowed.has(host))
      throw new HttpProblem(
        421,
        `This server does not answer for the host "${host}": it answers for ${listed} (start it with --allow-host ${host || 'NAME'} to allow that name)`,
      );
    return next();
  };
}
