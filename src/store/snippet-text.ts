import { SNIPPET_MARK } from './store.js';

/**
 * A snippet as a reader sees it: the store marks matched words with private-use characters (SNIPPET_MARK); the
 * shells show plain text and the matched ranges (the server as `<mark>` or offsets, the MCP server as a list).
 */

export interface PlainSnippet {
  /** The passage without markers. */
  readonly text: string;
  /** Matched words as half-open `[start, end)` ranges of UTF-16 code units into `text`. */
  readonly highlights: readonly { readonly start: number; readonly end: number }[];
}

/** A store snippet (matched words between the SNIPPET_MARK characters) as plain text plus highlight ranges. */
export function plainSnippet(snippet: string): PlainSnippet {
  const highlights: { start: number; end: number }[] = [];
  let text = '';
  let openAt = -1;
  let from = 0;
  for (let i = 0; i < snippet.length; i++) {
    const char = snippet[i];
    if (char !== SNIPPET_MARK.open && char !== SNIPPET_MARK.close) continue;
    text += snippet.slice(from, i);
    from = i + 1;
    if (char === SNIPPET_MARK.open) {
      if (openAt === -1) openAt = text.length;
    } else if (openAt !== -1) {
      if (text.length > openAt) highlights.push({ start: openAt, end: text.length });
      openAt = -1;
    }
  }
  text += snippet.slice(from);
  if (openAt !== -1 && text.length > openAt) highlights.push({ start: openAt, end: text.length });
  return { text, highlights };
}
