import { basename, resolve, sep } from 'node:path';

const UNSAFE = /[^A-Za-z0-9._-]+/g;

/**
 * A file name from a filing made safe to write: directory parts dropped, anything but letters, digits, `.`, `-`
 * and `_` replaced, and never `.`/`..`/empty (then `fallback` is used). Filings are untrusted input.
 */
export function safeFileName(name: string | null, fallback: string): string {
  const base = basename((name ?? '').replaceAll('\\', '/')).replace(UNSAFE, '_').slice(0, 200);
  if (base === '' || /^\.+$/.test(base)) return fallback;
  return base;
}

/** `root/…parts` resolved, or an error when the result would leave `root`. */
export function pathInside(root: string, ...parts: string[]): string {
  const base = resolve(root);
  const target = resolve(base, ...parts);
  if (target !== base && !target.startsWith(base + sep)) {
    throw new Error(`Refused to write outside ${base}: ${parts.join('/')}`);
  }
  return target;
}
