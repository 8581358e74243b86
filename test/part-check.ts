import { parseSubmission } from '../src/parse/sgml/parse-submission.js';
import { partModel, partTask, renderPartWithSkeleton } from '../src/pipeline/part-skeleton.js';
import { readDocument } from '../src/pipeline/read-filing.js';
import { type RenderRequest, renderStoredDocument, renderStoredDocumentAndSkeleton } from '../src/pipeline/render-stored-document.js';
import { RENDER_FORMATS, renderDocument, selectPageRange } from '../src/render/index.js';

/**
 * The check of parts read alone (src/pipeline/part-skeleton.ts), shared by its corpus test and the sweep of other
 * filings (bench/part-skeleton-sweep.ts).
 */

/** The requests a part is asked in: the document page's, and each format whole. */
const REQUESTS: readonly Omit<RenderRequest, 'part' | 'partChars'>[] = [
  { format: 'html', fragment: true },
  ...RENDER_FORMATS.map((format) => ({ format })),
];

/**
 * Checks every part of `bytes`' legacy ASCII documents read alone from the skeleton against the same part selected
 * from the whole model: the pages (every span) and each rendering byte for byte; `full` parts are checked against
 * `renderStoredDocument` itself, answer for answer. Returns counts and failures.
 */
export function checkParts(
  name: string,
  bytes: Uint8Array,
  partSizes: readonly number[],
  full: (part: number, count: number) => boolean,
): { documents: number; skeletons: number; parts: number; alone: number; pieces: number; failures: string[]; fallbacks: string[] } {
  const counts = { documents: 0, skeletons: 0, parts: 0, alone: 0, pieces: 0, failures: [] as string[], fallbacks: [] as string[] };
  parseSubmission(bytes).documents.forEach((document, position) => {
    const read = readDocument(document);
    if (read.kind !== 'model' || read.format !== 'text' || read.model.pages.length === 0) return;
    counts.documents++;
    const which = String(document.sequence ?? position + 1);
    for (const partChars of partSizes) {
      const where = `${name} document ${which} at ${partChars}`;
      const { rendered, skeleton } = renderStoredDocumentAndSkeleton(bytes, which, { format: 'html', fragment: true, part: 1, partChars });
      if (rendered.kind !== 'model') {
        counts.failures.push(`${where}: not a model`);
        continue;
      }
      if (skeleton === null) {
        if (rendered.parts.length > 1) counts.fallbacks.push(`${where}: no skeleton (${rendered.parts.length} parts)`);
        continue;
      }
      counts.skeletons++;
      const count = rendered.parts.length;
      for (let part = 1; part <= count + 1; part++) {
        const range = rendered.parts[part - 1];
        if (range) counts.parts++;
        const task = partTask(skeleton, part, { format: 'json', part, partChars });
        if (range && task === null) {
          counts.fallbacks.push(`${where} part ${part}: read from the whole model`);
          continue;
        }
        if (range && task) {
          const start = skeleton.document.bodyStart;
          const alone = partModel(bytes.subarray(start + task.recipe.bytes.start, start + task.recipe.bytes.end), task);
          const selected = selectPageRange(read.model, range);
          if (alone === null) {
            counts.failures.push(`${where} part ${part}: its stretch did not read as the part`);
            continue;
          }
          counts.alone++;
          if (range.piece) counts.pieces++;
          if (JSON.stringify(alone.pages) !== JSON.stringify(selected.pages))
            counts.failures.push(`${where} part ${part}: pages differ from the whole model's`);
          const anchors = rendered.sections
            .filter((section) => section.start >= range.start)
            .map((section) => ({ id: section.anchor, start: section.start }));
          for (const request of REQUESTS) {
            const format = request.format ?? 'html';
            const fast = renderPartWithSkeleton(bytes, skeleton, { ...request, part, partChars });
            const whole = renderDocument(selected, format, { ...(request.fragment ? { fragment: true } : {}), anchors });
            if (fast?.kind !== 'model' || fast.body !== whole)
              counts.failures.push(`${where} part ${part} ${format}${request.fragment ? ' fragment' : ''}: rendering differs`);
          }
        }
        if (!range || full(part, count)) {
          for (const request of REQUESTS) {
            const asked = { ...request, part, partChars };
            const fast = renderPartWithSkeleton(bytes, skeleton, asked);
            const reference = renderStoredDocument(bytes, which, asked);
            if (JSON.stringify(fast) !== JSON.stringify(reference))
              counts.failures.push(`${where} part ${part} ${request.format}: the answer differs from renderStoredDocument's`);
          }
          // The part holding an offset, as a section's link asks.
          const at = range ? Math.floor((range.start + range.end) / 2) : 0;
          const byOffset = { format: 'html' as const, fragment: true, partAt: at, partChars };
          if (
            range &&
            JSON.stringify(renderPartWithSkeleton(bytes, skeleton, byOffset)) !==
              JSON.stringify(renderStoredDocument(bytes, which, byOffset))
          )
            counts.failures.push(`${where} at ${at}: the answer differs from renderStoredDocument's`);
        }
      }
    }
  });
  return counts;
}
