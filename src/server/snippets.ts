import { escapeHtml } from '../render/index.js';
import { SNIPPET_MARK } from '../store/store.js';

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

/** The snippet as safe HTML: the text escaped, matched words in `<mark>`. */
export function snippetHtml(snippet: string): string {
  const { text, highlights } = plainSnippet(snippet);
  let out = '';
  let at = 0;
  for (const range of highlights) {
    out += `${escapeHtml(text.slice(at, range.start))}<mark>${escapeHtml(text.slice(range.start, range.end))}</mark>`;
    at = range.end;
  }
  return out + escapeHtml(text.slice(at));
}
