/** What went wrong, as a stable code a program can switch on. */
export type EdgarErrorCode =
  /** `createEdgar` was given neither a User-Agent (to read EDGAR) nor a database (to read offline). */
  | 'edgar/no-source'
  /** The request needs EDGAR itself and no User-Agent was given. */
  | 'edgar/needs-user-agent'
  /** The request needs a database (`ingest`, `search`, offline reads) and none was given, or it does not exist. */
  | 'edgar/needs-database'
  /** No company has this CIK, ticker or name. */
  | 'edgar/company-not-found'
  /** A name matches several companies: give a CIK or a ticker. */
  | 'edgar/ambiguous-company'
  | 'edgar/filing-not-found'
  | 'edgar/document-not-found'
  /** The document is a binary or XML and has no rendering in the format asked for. */
  | 'edgar/not-renderable'
  /** A value of the request is malformed (a date, a form type, an accession number, a page). */
  | 'edgar/bad-request';

/**
 * The one error type of the library API: `code` says what, the message says what was asked, what was found and
 * what to do.
 *
 * @example
 * ```ts
 * try {
 *   await edgar.company('NOPE');
 * } catch (error) {
 *   if (error instanceof EdgarError && error.code === 'edgar/company-not-found') console.log(error.message);
 *   else throw error;
 * }
 * ```
 */
export class EdgarError extends Error {
  readonly code: EdgarErrorCode;
  constructor(code: EdgarErrorCode, message: string) {
    super(message);
    this.name = 'EdgarError';
    this.code = code;
  }
}
