import type { MiddlewareHandler } from 'hono';

/**
 * Nothing but our own stylesheet, script and images may load; no inline script or style; no framing; no
 * referrer leaves; no content sniffing. Routes that serve a whole rendered document set their own, stricter policy.
 */
export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

const HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=()',
};

/**
 * Sets the security headers on every response, error responses included. They are set before the handler runs,
 * so every response the context makes carries them (a route may still set its own `Content-Security-Policy` or
 * `Cache-Control`), and so they survive the conversions a response goes through (HEAD, the Node adapter).
 */
export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    c.header('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    c.header('Cache-Control', 'no-cache');
    for (const [name, value] of Object.entries(HEADERS)) c.header(name, value);
    await next();
  };
}
