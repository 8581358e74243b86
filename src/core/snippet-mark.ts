/**
 * The markers around matched words in a search snippet: private-use characters, removed from filing text before
 * it is indexed, so they can never come from a filing itself.
 *
 * @example
 * ```ts
 * import { SNIPPET_MARK } from 'edgarkit';
 *
 * const bold = snippet.replaceAll(SNIPPET_MARK.open, '**').replaceAll(SNIPPET_MARK.close, '**');
 * ```
 */
export const SNIPPET_MARK = { open: '\u{E000}', close: '\u{E001}' } as const;
