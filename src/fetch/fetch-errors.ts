/** Thrown before any request when no usable User-Agent was given; nothing has been sent. */
export class UserAgentError extends Error {
  readonly code = 'fetch/user-agent';
  constructor(found: string | undefined) {
    const what =
      found === undefined || found.trim() === ''
        ? 'No User-Agent was given'
        : `The User-Agent "${found}" does not name a requester and a contact e-mail address`;
    super(
      `${what}. SEC EDGAR's fair-access policy asks every automated client to say who it is, e.g. "Jane Doe jane.doe@example.com". ` +
        'Set it with --user-agent, the EDGARKIT_USER_AGENT environment variable, or { "userAgent": "…" } in ~/.config/edgarkit/config.json. ' +
        'No request was sent.',
    );
    this.name = 'UserAgentError';
  }
}

/** A request that failed for good: a status that is not worth retrying, too many tries, or a body past its bound. */
export class FetchError extends Error {
  readonly code: 'fetch/gave-up' | 'fetch/status' | 'fetch/too-large';
  readonly url: string;
  /** The last HTTP status received, or null when the last try ended without one (reset, timeout, truncated). */
  readonly status: number | null;
  readonly tries: number;
  constructor(
    code: 'fetch/gave-up' | 'fetch/status' | 'fetch/too-large',
    message: string,
    url: string,
    status: number | null,
    tries: number,
  ) {
    super(message);
    this.name = 'FetchError';
    this.code = code;
    this.url = url;
    this.status = status;
    this.tries = tries;
  }
}

/** The reason an AbortSignal carries, as an Error. */
export function abortReason(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  if (reason instanceof Error) return reason;
  const error = new Error(reason === undefined ? 'The operation was aborted' : String(reason));
  error.name = 'AbortError';
  return error;
}

export function isAbortError(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}

/** Something asked for is not listed (a ticker missing from company_tickers.json). */
export class LookupError extends Error {
  readonly code = 'fetch/not-listed';
  constructor(message: string) {
    super(message);
    this.name = 'LookupError';
  }
}
