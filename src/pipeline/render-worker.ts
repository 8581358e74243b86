import { parentPort } from 'node:worker_threads';
import { type RenderedDocument, type RenderRequest, renderStoredDocument } from './render-stored-document.js';

/** A worker thread of the render pool: a submission's bytes in, one of its documents rendered out. */
export interface RenderJob {
  readonly id: number;
  readonly bytes: Uint8Array;
  readonly which: string;
  readonly request: RenderRequest;
}

export type RenderReply =
  | { readonly id: number; readonly ok: true; readonly result: RenderedDocument }
  | { readonly id: number; readonly ok: false; readonly message: string };

parentPort?.on('message', (job: RenderJob) => {
  renderStoredDocument(job.bytes, job.which, job.request).then(
    (result) => parentPort?.postMessage({ id: job.id, ok: true, result } satisfies RenderReply),
    (error: unknown) =>
      parentPort?.postMessage({
        id: job.id,
        ok: false,
        message: error instanceof Error ? error.message : String(error),
      } satisfies RenderReply),
  );
});
