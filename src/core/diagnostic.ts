/** How bad a finding is: `error` means data was lost or guessed, `warning` means it was repaired. */
export type Severity = 'error' | 'warning' | 'info';

/**
 * A problem found while reading, reported as data so parsing can go on (lenient mode).
 * `offset` is a byte offset into the source the parser was given (or a character offset into a
 * document's text for document-level parsers; the producer says which).
 */
export interface Diagnostic {
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  readonly offset: number;
}

export function diagnostic(
  code: string,
  severity: Severity,
  message: string,
  offset: number,
): Diagnostic {
  return { code, severity, message, offset };
}
