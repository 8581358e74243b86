import { UserAgentError } from './fetch-errors.js';

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/;

/**
 * Checks a User-Agent against SEC's fair-access policy: it must name the requester (a word besides the address)
 * and give a contact e-mail address. Returns it trimmed; throws `UserAgentError` otherwise.
 */
export function checkUserAgent(userAgent: string | undefined): string {
  const trimmed = userAgent?.trim() ?? '';
  const email = EMAIL.exec(trimmed);
  if (!email) throw new UserAgentError(userAgent);
  const rest = `${trimmed.slice(0, email.index)} ${trimmed.slice(email.index + email[0].length)}`;
  if (!/[A-Za-z]{2,}/.test(rest)) throw new UserAgentError(userAgent);
  if (/[\r\n]/.test(trimmed)) throw new UserAgentError(userAgent);
  return trimmed;
}
