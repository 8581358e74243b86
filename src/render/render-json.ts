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
  const out: string[] = [];
  renderJsonInto(model, options, (part) => {
    out.push(part);
  });
  return out.join('');
}

/**
 * The JSON `renderJson` returns, given to `emit` in order (their join is that JSON), a page at a time: the same text
 * `JSON.stringify(…, null, 2)` writes, with each page stringified on its own and indented to its depth. A missing page
 * throws before any piece.
 */
export function renderJsonInto(model: DocumentModel, options: RenderJsonOptions, emit: (part: string) => void): void {
  const pages = selectPages(model, options.page);
  const entries = Object.entries(model).filter(
    ([key, value]) => value !== undefined && (key !== 'source' || options.includeSource === true),
  );
  if (entries.length === 0) {
    emit('{}\n');
    return;
  }
  emit('{');
  for (const [index, [key, value]] of entries.entries()) {
    emit(index === 0 ? '\n  ' : ',\n  ');
    emit(`${JSON.stringify(key)}: `);
    if (key !== 'pages') emit(indented(value, '\n  '));
    else if (pages.length === 0) emit('[]');
    else {
      emit('[');
      for (const [at, page] of pages.entries()) {
        emit(at === 0 ? '\n    ' : ',\n    ');
        emit(indented(page, '\n    '));
      }
      emit('\n  ]');
    }
  }
  emit('\n}\n');
}

/**
 * `JSON.stringify(value, null, 2)` as it stands at a depth (`newline` is a line break and that depth's indent): the
 * value stringified inside as many one-entry arrays as its depth, and cut out, so JSON.stringify indents it itself.
 */
function indented(value: unknown, newline: string): string {
  const depth = (newline.length - 1) / 2;
  let wrapped: unknown = value;
  for (let level = 0; level < depth; level++) wrapped = [wrapped];
  const text = JSON.stringify(wrapped, null, 2) ?? 'null';
  // Level L (1 the outermost) adds `[`, a line break and its indent (2L) before; a line break, the indent of the
  // level outside it (2L − 2) and `]` after.
  let before = 0;
  for (let level = 1; level <= depth; level++) before += 2 + 2 * level;
  return text.slice(before, text.length - (before - 2 * depth));
}
