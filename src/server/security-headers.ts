import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';

/**
 * Nothing but our own stylesheet, script and images may load; no inline script or style; no framing; no
 * referrer leaves; no content sniffing. Routes that serve a whole rendered document set their own, stricter policy.
 */
const POLICY = {
  defaultSrc: ["'none'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'"],
  connectSrc: ["'self'"],
  formAction: ["'self'"],
  baseUri: ["'none'"],
  frameAncestors: ["'none'"],
};

/** The policy as the header writes it, for the routes that extend it (the compose page, the API reference). */
export const CONTENT_SECURITY_POLICY = Object.entries(POLICY)
  .map(([name, sources]) => `${name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)} ${sources.join(' ')}`)
  .join('; ');

const secure = secureHeaders({
  contentSecurityPolicy: POLICY,
  xFrameOptions: 'DENY',
  // The server speaks plain HTTP on a loopback address by default: HSTS would pin the host name to HTTPS.
  strictTransportSecurity: false,
  permissionsPolicy: { camera: [], microphone: [], geolocation: [], payment: [] },
  // A route that set its own policy (a rendered document, an attachment, the compose page) keeps it.
  overwrite: false,
});

/**
 * Hono's secure-headers on every response, error responses included, plus `Cache-Control: no-cache` unless the
 * route says otherwise (set before the handler runs, so a route's own value replaces it).
 */
export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    c.header('Cache-Control', 'no-cache');
    await secure(c, next);
  };
}
