import { escapeHtml } from '../render/index.js';
import { stripSnippetMarks } from '../store/search.js';

/** The snippet as safe HTML: the text escaped, matched words in `<mark>`. */
export function snippetHtml(snippet: string): string {
  const { text, highlights } = stripSnippetMarks(snippet);
  let out = '';
  let at = 0;
  for (const range of highlights) {
    out += `${escapeHtml(text.slice(at, range.start))}<mark>${escapeHtml(text.slice(range.start, range.end))}</mark>`;
    at = range.end;
  }
  return out + escapeHtml(text.slice(at));
}
