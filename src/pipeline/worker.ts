import { workerData } from 'node:worker_threads';
import { Piscina } from 'piscina';
import type { PreparedFiling } from '../model/prepared-filing.js';
import { prepareFiling } from './prepare-filing.js';
import {
  type EncodedDocument,
  encodeRendered,
  type RenderedDocument,
  type RenderRequest,
  renderStoredDocument,
} from './render-stored-document.js';
import { lowerThreadPriority } from './thread-priority.js';
import { WARM_UP_SUBMISSION } from './warm-up-submission.js';

/** What a pool thread is started with (see WorkerPoolOptions). */
export interface WorkerThreadData {
  readonly lowPriority?: boolean;
}

const started = workerData as WorkerThreadData | undefined;
// A server's render threads yield the CPU to the thread that answers requests (see WorkerPool's lowPriority).
if (started?.lowPriority) lowerThreadPriority();

/**
 * The work a pool thread does: the CPU-heavy steps of ingest (bytes in, a prepared filing out) and of serving a
 * document (a submission's bytes in, one document rendered out). Plain data both ways.
 */
export type WorkerTask =
  | { readonly task: 'prepare'; readonly bytes: Uint8Array; readonly source: string; readonly hash: string | null }
  | {
      readonly task: 'render';
      readonly bytes: Uint8Array;
      readonly which: string;
      readonly request: RenderRequest;
      /** Give the rendering back as UTF-8 bytes (an EncodedDocument), moved to the caller rather than copied. */
      readonly encode?: boolean;
    }
  /** Render a small made-up submission in the ways a server asks, and return nothing: a thread made ready. */
  | { readonly task: 'warm-up' };

export type WorkerResult<T extends WorkerTask> = T extends { task: 'prepare' } ? PreparedFiling : RenderedDocument | EncodedDocument;

/** What a warm-up renders: each document as the document page, the API's text and the original view ask. */
const WARM_UP_REQUESTS: readonly RenderRequest[] = [
  { format: 'html', fragment: true },
  { format: 'text' },
  { format: null, includeText: true },
];

/** Runs one task; what piscina calls in each thread (and the pool calls inline when it has no threads). */
export function runTask(task: WorkerTask): PreparedFiling | RenderedDocument | EncodedDocument | null {
  if (task.task === 'prepare') return prepareFiling(task.bytes, task.source, task.hash ?? undefined);
  if (task.task === 'warm-up') {
    for (const which of ['1', '2', '3'])
      for (const request of WARM_UP_REQUESTS) encodeRendered(renderStoredDocument(WARM_UP_SUBMISSION, which, request));
    return null;
  }
  const rendered = renderStoredDocument(task.bytes, task.which, task.request);
  return task.encode ? encodeRendered(rendered) : rendered;
}

/** The thread's entry: a prepared filing's blobs are moved back to the caller rather than copied. */
export default function worker(task: WorkerTask): unknown {
  const result = runTask(task);
  if (task.task === 'warm-up') return null;
  if (task.task === 'render') {
    const rendered = result as EncodedDocument;
    const body = task.encode && rendered.kind === 'model' ? rendered.body : null;
    return body ? Piscina.move({ [Piscina.transferableSymbol]: [body.buffer], [Piscina.valueSymbol]: rendered } as never) : rendered;
  }
  const filing = result as PreparedFiling;
  const buffers = [...new Set(filing.blobs.map((blob) => blob.data.buffer))].filter((buffer) => buffer instanceof ArrayBuffer);
  return Piscina.move({ [Piscina.transferableSymbol]: buffers, [Piscina.valueSymbol]: filing } as never);
}
