import type { DocumentModel } from '../model/document.js';
import { selectPages } from './select-pages.js';

/** Options of `renderJson`: one page, and whether to include the source text. */
export interface RenderJsonOptions {
  /** Render only this 1-based page (the other pages are left out); a missing page throws a `RangeError`. */
  readonly page?: number;
  /** Keep `source`, the whole text every span points into (left out by default: it is large). */
  readonly includeSource?: boolean;
}

/**
 * The model as pretty JSON (2-space indent, ending with a newline), fields in the model's order.
 * `source` is left out unless `includeSource`; with `page`, `pages` holds that page only, while
 * `diagnostics` stays the whole document's.
 */
export function renderJson(model: DocumentModel, options: RenderJsonOptions = {}): string {
  const pages = selectPages(model, options.page);
  const shown: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(model)) {
    if (key === 'source' && options.includeSource !== true) continue;
    shown[key] = key === 'pages' ? pages : value;
  }
  return `${JSON.stringify(shown, null, 2)}\n`;
}
