import { workerData } from 'node:worker_threads';
import { Piscina } from 'piscina';
import type { PreparedFiling } from '../model/prepared-filing.js';
import { type DocumentSkeleton, type PartTask, renderPartTask } from './part-skeleton.js';
import { prepareFiling } from './prepare-filing.js';
import {
  type EncodedDocument,
  encodeRendered,
  type RenderedDocument,
  type RenderRequest,
  renderStoredDocument,
  renderStoredDocumentAndSkeleton,
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
      /** Give back `{ rendered, skeleton }` (encoded): the document's skeleton when a part of a long ASCII document was asked for. */
      readonly withSkeleton?: boolean;
    }
  /** Render one part of a long legacy ASCII document from its stretch's bytes (see part-skeleton.ts): UTF-8 bytes, or null. */
  | { readonly task: 'render-part'; readonly bytes: Uint8Array; readonly part: PartTask }
  /** Render a small made-up submission in the ways a server asks, and return nothing: a thread made ready. */
  | { readonly task: 'warm-up' };

export type WorkerResult<T extends WorkerTask> = T extends { task: 'prepare' }
  ? PreparedFiling
  : T extends { task: 'render-part' }
    ? Uint8Array | null
    : RenderedDocument | EncodedDocument | RenderedWithSkeleton;

/** A rendering (encoded) and the document's skeleton, when a render asked for both. */
export interface RenderedWithSkeleton {
  readonly rendered: EncodedDocument;
  readonly skeleton: DocumentSkeleton | null;
}

/** What a warm-up renders: each document as the document page, the API's text and the original view ask. */
const WARM_UP_REQUESTS: readonly RenderRequest[] = [
  { format: 'html', fragment: true },
  { format: 'text' },
  { format: null, includeText: true },
];

/** Runs one task; what piscina calls in each thread (and the pool calls inline when it has no threads). */
export function runTask(task: WorkerTask): PreparedFiling | RenderedDocument | EncodedDocument | RenderedWithSkeleton | Uint8Array | null {
  if (task.task === 'prepare') return prepareFiling(task.bytes, task.source, task.hash ?? undefined);
  if (task.task === 'render-part') {
    const body = renderPartTask(task.bytes, task.part);
    return body === null ? null : new TextEncoder().encode(body);
  }
  if (task.task === 'warm-up') {
    for (const which of ['1', '2', '3'])
      for (const request of WARM_UP_REQUESTS) encodeRendered(renderStoredDocument(WARM_UP_SUBMISSION, which, request));
    return null;
  }
  if (task.withSkeleton) {
    const { rendered, skeleton } = renderStoredDocumentAndSkeleton(task.bytes, task.which, task.request);
    return { rendered: encodeRendered(rendered), skeleton };
  }
  const rendered = renderStoredDocument(task.bytes, task.which, task.request);
  return task.encode ? encodeRendered(rendered) : rendered;
}

/** The thread's entry: a prepared filing's blobs are moved back to the caller rather than copied. */
export default function worker(task: WorkerTask): unknown {
  const result = runTask(task);
  if (task.task === 'warm-up') return null;
  if (task.task === 'render-part') {
    const body = result as Uint8Array | null;
    return body ? Piscina.move({ [Piscina.transferableSymbol]: [body.buffer], [Piscina.valueSymbol]: body } as never) : null;
  }
  if (task.task === 'render') {
    const rendered = task.withSkeleton ? (result as RenderedWithSkeleton).rendered : (result as EncodedDocument);
    const body = (task.encode || task.withSkeleton) && rendered.kind === 'model' ? rendered.body : null;
    return body ? Piscina.move({ [Piscina.transferableSymbol]: [body.buffer], [Piscina.valueSymbol]: result } as never) : result;
  }
  const filing = result as PreparedFiling;
  const buffers = [...new Set(filing.blobs.map((blob) => blob.data.buffer))].filter((buffer) => buffer instanceof ArrayBuffer);
  return Piscina.move({ [Piscina.transferableSymbol]: buffers, [Piscina.valueSymbol]: filing } as never);
}
