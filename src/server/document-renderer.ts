import { availableParallelism } from 'node:os';
import { LRUCache } from 'lru-cache';
import { readBlobRange, readStoredDocument } from '../pipeline/original-bytes.js';
import { assemblePart, type DocumentSkeleton, partTask, skeletonPart, skeletonServes } from '../pipeline/part-skeleton.js';
import { DEFAULT_PART_CHARS, type EncodedDocument, encodeRendered, type RenderRequest } from '../pipeline/render-stored-document.js';
import { isOutOfMemory, type WorkerPool } from '../pipeline/worker-pool.js';
import type { DocumentView, FilingView, Store } from '../store/store.js';
import { HttpProblem } from './http-error.js';
import { byteSize } from './layout.js';
import { originalPath } from './paths.js';

export interface RenderLimits {
  /** How long one render may run (ms); past it the render's thread is ended and the answer is a 503. */
  readonly deadlineMs: number;
  /** Bytes of rendered documents kept for the next request that asks the same (renderings are counted as bytes). */
  readonly cacheBytes: number;
  /** Documents larger than this (bytes, as stored in the submission) are not rendered: a 413 with a download link. */
  readonly maxDocumentBytes: number;
  /**
   * The heap (MB) one render thread may use: a render that needs more ends its thread and is answered with a 503
   * and the download link. The render threads' memory is bounded by threads × this.
   */
  readonly threadMemoryMb: number;
}

export const DEFAULT_RENDER_LIMITS: RenderLimits = {
  deadlineMs: 10_000,
  cacheBytes: 64 * 1024 * 1024,
  maxDocumentBytes: 32 * 1024 * 1024,
  threadMemoryMb: 512,
};

/** Render threads for this machine: at least two, so a large document never holds the only one; at most four. */
export function renderThreadsForMachine(): number {
  return Math.max(2, Math.min(4, availableParallelism()));
}

/** Documents of this size or more are large: at most all threads but one render them at once. */
const LARGE_DOCUMENT_BYTES = 256 * 1024;
/** A render that took this long marks its document as large from then on, whatever its size (deep nesting). */
const SLOW_RENDER_MS = 500;
/** How long a document that overran its deadline is refused at once, rather than tried again. */
const OVERRAN_MEMORY_MS = 10 * 60_000;

/**
 * The server's document renders: parsed and rendered in the worker pool, each within a deadline (its thread is ended
 * past it, and a new one takes its place), read from the stored original without decompressing the rest of the
 * submission, and kept in a cache bounded by bytes. One slow document never delays another: concurrent requests for
 * the same rendering share one render, large documents (by size, or by a render that took long) may take all threads
 * but one (small ones always have a
 * thread), and a document that overran is answered with a 503 at once for a while instead of taking a thread again.
 */
export class DocumentRenderer {
  readonly #store: Store;
  readonly #pool: WorkerPool;
  /** Where small documents render when the server gives them a lane of their own (else `#pool`). */
  readonly #smallLane: { readonly pool: WorkerPool; readonly slots: RenderSlots } | null;
  readonly #limits: RenderLimits;
  readonly #cache: LRUCache<string, EncodedDocument>;
  readonly #rendering = new Map<string, Promise<EncodedDocument>>();
  /** Documents whose last render overran its deadline or its memory, and which it was. */
  readonly #overran: LRUCache<string, 'deadline' | 'memory'>;
  readonly #slow = new LRUCache<string, true>({ max: 10_000 });
  readonly #slots: RenderSlots;
  /**
   * Skeletons of long legacy ASCII documents (see part-skeleton.ts), by document and part size: a part asked for
   * after the first is rendered from its own bytes, in any thread, without the whole document's model. Bounded by
   * bytes (a quarter of the rendering cache's).
   */
  readonly #skeletons: LRUCache<string, DocumentSkeleton>;
  /** The skeletons a whole render now running will give (resolved with undefined when it gives none). */
  readonly #skeletonsComing = new Map<string, Promise<DocumentSkeleton | undefined>>();
  /** Documents whose whole render gave no skeleton (HTML, an unclosed table…): their parts never wait for one. */
  readonly #withoutSkeleton = new LRUCache<string, true>({ max: 10_000 });

  /**
   * `smallPool`, when given, renders the documents that are not large (its threads may run at the request thread's
   * priority: a small render is short); `pool` then renders the large ones.
   */
  constructor(store: Store, pool: WorkerPool, limits: RenderLimits, smallPool?: WorkerPool) {
    this.#store = store;
    this.#pool = pool;
    this.#smallLane = smallPool ? { pool: smallPool, slots: new RenderSlots(smallPool.threads) } : null;
    this.#limits = limits;
    this.#cache = new LRUCache<string, EncodedDocument>({
      maxSize: Math.max(1, limits.cacheBytes),
      sizeCalculation: renderedSize,
    });
    this.#overran = new LRUCache<string, 'deadline' | 'memory'>({ max: 1000, ttl: OVERRAN_MEMORY_MS });
    this.#skeletons = new LRUCache<string, DocumentSkeleton>({
      maxSize: Math.max(1, Math.floor(limits.cacheBytes / 4)),
      sizeCalculation: (skeleton) => skeleton.size,
    });
    this.#slots = new RenderSlots(pool.threads);
  }

  /** Bytes of renderings held in the cache now (estimated), for tests and the load benchmark. */
  get cachedBytes(): number {
    return this.#cache.calculatedSize;
  }

  async render(filing: FilingView, which: string, request: RenderRequest): Promise<EncodedDocument> {
    const stored = storedDocumentFor(filing.documents, which);
    if (!stored) return { kind: 'missing' };
    const name = `Document ${stored.sequence ?? stored.position + 1}${stored.type ? ` (${stored.type})` : ''} of ${filing.accessionNumber ?? filing.filingId}`;
    const download = { href: originalPath(filing.filingId), label: `Download the original submission (${byteSize(filing.byteLength)})` };
    if (stored.byteLength > this.#limits.maxDocumentBytes)
      throw new HttpProblem(
        413,
        `${name} is ${byteSize(stored.byteLength)}, larger than this server renders (${byteSize(this.#limits.maxDocumentBytes)}; edgarkit serve --max-render-mb sets it): download the original submission to read it`,
        download,
      );
    // Every field of the request that changes the answer (a table's CSV and a rendering are different answers).
    const key = [
      filing.contentHash,
      stored.position,
      request.format,
      request.page,
      request.fragment,
      request.includeText,
      request.everyPage,
      request.table,
      request.part,
      request.partAt,
      request.partChars,
    ].join('\u0000');
    const cached = this.#cache.get(key);
    if (cached) return cached;
    const running = this.#rendering.get(key);
    if (running) return running;
    const documentKey = `${filing.contentHash}\u0000${stored.position}`;
    const skeletonKey = `${documentKey}\u0000${request.partChars ?? DEFAULT_PART_CHARS}`;
    const job = { filingId: filing.filingId, stored, request, name, download, documentKey, skeletonKey };
    this.#refuseOverrun(job);
    const rendered = this.#renderAny(job);
    this.#rendering.set(key, rendered);
    try {
      const value = await rendered;
      this.#cache.set(key, value);
      return value;
    } finally {
      this.#rendering.delete(key);
    }
  }

  /** A document that overran its deadline or a thread's memory lately is refused at once (a 503 with the download link). */
  #refuseOverrun(job: RenderJob): void {
    const overrun = this.#overran.get(job.documentKey);
    if (overrun) {
      throw overrun === 'memory' ? tooLarge(job.name, job.download, true) : overran(job.name, this.#limits.deadlineMs, job.download, true);
    }
  }

  /**
   * A part from the document's skeleton when there is one; while the first whole render of the document is on its
   * way, a request for another of its parts waits for that render's skeleton rather than building the whole model a
   * second time (under load, every part asked for before the first render ended used to build it).
   */
  async #renderAny(job: RenderJob): Promise<EncodedDocument> {
    let skeleton = skeletonServes(job.request) ? this.#skeletons.get(job.skeletonKey) : undefined;
    if (skeletonServes(job.request) && skeleton === undefined && !this.#withoutSkeleton.has(job.skeletonKey)) {
      const coming = this.#skeletonsComing.get(job.skeletonKey);
      if (coming) {
        skeleton = await coming;
        this.#refuseOverrun(job);
      }
    }
    return skeleton && skeleton.document.bodyStart === job.stored.bodyStart ? this.#renderPart(job, skeleton) : this.#renderNew(job);
  }

  /** Renders from the whole document (and keeps its skeleton, when the request gives one). */
  async #renderNew(job: RenderJob): Promise<EncodedDocument> {
    if (!skeletonServes(job.request) || this.#skeletonsComing.has(job.skeletonKey) || this.#withoutSkeleton.has(job.skeletonKey)) {
      return this.#renderWhole(job);
    }
    // The first whole render of this document for parts: others wait for its skeleton (#renderAny).
    let done = (_skeleton: DocumentSkeleton | undefined) => {};
    this.#skeletonsComing.set(job.skeletonKey, new Promise((resolve) => (done = resolve)));
    try {
      const rendered = await this.#renderWhole(job);
      if (!this.#skeletons.has(job.skeletonKey)) this.#withoutSkeleton.set(job.skeletonKey, true);
      return rendered;
    } finally {
      this.#skeletonsComing.delete(job.skeletonKey);
      done(this.#skeletons.get(job.skeletonKey));
    }
  }

  async #renderWhole(job: RenderJob): Promise<EncodedDocument> {
    const { stored, request, documentKey } = job;
    const large = stored.byteLength >= LARGE_DOCUMENT_BYTES || this.#slow.has(documentKey);
    const lane = !large && this.#smallLane ? this.#smallLane : { pool: this.#pool, slots: this.#slots };
    // A small document is read before it waits for a thread, so a thread never idles while a read decompresses
    // (what a waiting request holds is small); a large one only once admitted, so waiting requests hold nothing.
    const early = large ? null : await this.#read(job.filingId, stored);
    return this.#inLane(job, lane, large, async (deadline) => {
      const { bytes, offset, which } = early ?? (await this.#read(job.filingId, stored));
      const started = performance.now();
      let rendered: EncodedDocument;
      if (skeletonServes(request)) {
        const both = await lane.pool.renderEncodedWithSkeleton(bytes, which, request, deadline);
        rendered = both.rendered;
        const { skeleton } = both;
        if (skeleton) {
          // Its document's body as the store has it: where the skeleton's byte ranges count from.
          const document = { ...skeleton.document, bodyStart: skeleton.document.bodyStart + offset };
          this.#skeletons.set(job.skeletonKey, { ...skeleton, document });
        }
      } else rendered = await lane.pool.renderEncoded(bytes, which, request, deadline);
      if (performance.now() - started > SLOW_RENDER_MS) this.#slow.set(documentKey, true);
      return rendered.kind === 'missing'
        ? rendered
        : { ...rendered, document: { ...rendered.document, bodyStart: rendered.document.bodyStart + offset } };
    });
  }

  /**
   * Renders one part of a long legacy ASCII document from its skeleton: only the part's bytes are read and handed to a
   * thread. A part that does not exist needs no thread; a part the skeleton does not read alone, or whose bytes do
   * not read as the skeleton says, is rendered from the whole document.
   */
  async #renderPart(job: RenderJob, skeleton: DocumentSkeleton): Promise<EncodedDocument> {
    const { part, range } = skeletonPart(skeleton, job.request);
    if (range === undefined) return encodeRendered(assemblePart(skeleton, part, null));
    const task = partTask(skeleton, part, job.request);
    if (task === null) return this.#renderNew(job);
    const start = skeleton.document.bodyStart + task.recipe.bytes.start;
    const end = skeleton.document.bodyStart + task.recipe.bytes.end;
    const large = end - start >= LARGE_DOCUMENT_BYTES;
    const lane = !large && this.#smallLane ? this.#smallLane : { pool: this.#pool, slots: this.#slots };
    const body = await this.#inLane(job, lane, large, async (deadline) =>
      lane.pool.renderPart(await this.#readRange(job.filingId, start, end), task, deadline),
    );
    if (body === null) return this.#renderNew(job);
    const { body: _none, pageBodies: _pages, ...answer } = assemblePart(skeleton, part, null);
    return { ...answer, body };
  }

  /**
   * Runs `work` once admitted to `lane`, within the deadline: past it, or past a thread's memory, the document is
   * refused for a while (a 503 with the download link).
   */
  async #inLane<T>(
    job: RenderJob,
    lane: { readonly pool: WorkerPool; readonly slots: RenderSlots },
    large: boolean,
    work: (deadline: AbortSignal) => Promise<T>,
  ): Promise<T> {
    const { name, download, documentKey } = job;
    const release = await lane.slots.acquire(large, this.#limits.deadlineMs, () => busy(name, this.#limits.deadlineMs, download));
    try {
      const deadline = AbortSignal.timeout(this.#limits.deadlineMs);
      try {
        return await work(deadline);
      } catch (error) {
        if (isOutOfMemory(error)) {
          this.#overran.set(documentKey, 'memory');
          throw tooLarge(name, download, false);
        }
        if (!deadline.aborted) throw error;
        this.#overran.set(documentKey, 'deadline');
        throw overran(name, this.#limits.deadlineMs, download, false);
      }
    } finally {
      release();
    }
  }

  /** Bytes `[start, end)` of a stored original, reading no more of it than the store must. */
  async #readRange(filingId: string, start: number, end: number): Promise<Uint8Array> {
    const blob = this.#store.getOriginalBlob ? await this.#store.getOriginalBlob(filingId) : null;
    if (blob) return readBlobRange(blob, start, end);
    return ((await this.#store.getOriginal(filingId)) ?? new Uint8Array()).subarray(start, end);
  }

  /** The document's own bytes when the store can read part of an original, else the whole submission. */
  async #read(filingId: string, stored: DocumentView): Promise<{ bytes: Uint8Array; offset: number; which: string }> {
    // As findDocument finds it: by sequence, else by position (a document without a sequence).
    const which = String(stored.sequence ?? stored.position + 1);
    const blob = this.#store.getOriginalBlob ? await this.#store.getOriginalBlob(filingId) : null;
    if (blob) {
      const part = await readStoredDocument(blob, stored);
      return { bytes: part.bytes, offset: part.offset, which: part.first ? String(stored.sequence ?? 1) : which };
    }
    return { bytes: (await this.#store.getOriginal(filingId)) ?? new Uint8Array(), offset: 0, which };
  }
}

/** One document request on its way to a thread. */
interface RenderJob {
  readonly filingId: string;
  readonly stored: DocumentView;
  readonly request: RenderRequest;
  readonly name: string;
  readonly download: { href: string; label: string };
  /** The document (its filing's content and position): what overruns and slow renders are remembered by. */
  readonly documentKey: string;
  /** The document and part size: what its skeleton is kept by. */
  readonly skeletonKey: string;
}

/** The stored document a reader's `which` names, as `findDocument` finds it in the submission. */
export function storedDocumentFor(documents: readonly DocumentView[], which: string): DocumentView | null {
  const wanted = which.trim().toUpperCase();
  const byPosition = /^\d+$/.test(wanted) ? documents[Number(wanted) - 1] : undefined;
  return (
    documents.find((document) => String(document.sequence ?? '') === wanted) ??
    documents.find((document) => (document.type ?? '').toUpperCase() === wanted) ??
    (byPosition && byPosition.sequence === null ? byPosition : undefined) ??
    (documents.length === 1 && (wanted === '1' || wanted === '') ? (documents[0] ?? null) : null)
  );
}

/**
 * The bytes a rendering holds: its rendering's bytes, its text as V8 stores it (a byte a character when every
 * character is Latin-1, else two), and its lists of pages, tables and sections (measured by their JSON).
 */
export function renderedSize(rendered: EncodedDocument): number {
  if (rendered.kind === 'xml') return stringBytes(rendered.text) + 1024;
  if (rendered.kind !== 'model') return 1024;
  const { body, text, pages, tables, sections } = rendered;
  return (body?.byteLength ?? 0) + (text === null ? 0 : stringBytes(text)) + 2 * JSON.stringify([pages, tables, sections]).length + 1024;
}

function stringBytes(text: string): number {
  return /[\u0100-\uffff]/.test(text) ? 2 * text.length : text.length;
}

function tooLarge(name: string, link: { href: string; label: string }, before: boolean): HttpProblem {
  return new HttpProblem(
    503,
    `${name} ${before ? 'needed' : 'needs'} more memory to render than a render thread may use (edgarkit serve --render-memory-mb sets it), so it is not rendered for now: download the original submission to read it`,
    link,
  );
}

function overran(name: string, deadlineMs: number, link: { href: string; label: string }, before: boolean): HttpProblem {
  const seconds = Number((deadlineMs / 1000).toFixed(1));
  return new HttpProblem(
    503,
    before
      ? `${name} took longer than ${seconds} s to render when it was last tried, so it is not rendered again for now: download the original submission to read it`
      : `${name} did not render within ${seconds} s and its render was stopped: download the original submission to read it`,
    link,
  );
}

function busy(name: string, deadlineMs: number, link: { href: string; label: string }): HttpProblem {
  const seconds = Number((deadlineMs / 1000).toFixed(1));
  return new HttpProblem(503, `${name} waited ${seconds} s for a render thread while other documents rendered: try again shortly`, link);
}

/**
 * Admission to the pool's threads, first come first served, except that large documents may hold at most all
 * threads but one. Only what is admitted is handed to the pool, so a render's deadline counts from when it runs.
 */
class RenderSlots {
  readonly #threads: number;
  #running = 0;
  #runningLarge = 0;
  readonly #waiting: { large: boolean; admit: () => void }[] = [];

  constructor(threads: number) {
    this.#threads = threads;
  }

  /** Resolves with the release function once admitted; rejects with `timedOut()` after `waitMs` in the queue. */
  acquire(large: boolean, waitMs: number, timedOut: () => Error): Promise<() => void> {
    if (this.#threads === 0) return Promise.resolve(() => {});
    return new Promise((resolve, reject) => {
      const entry = {
        large,
        admit: () => {
          clearTimeout(timer);
          this.#running++;
          if (large) this.#runningLarge++;
          let released = false;
          resolve(() => {
            if (released) return;
            released = true;
            this.#running--;
            if (large) this.#runningLarge--;
            this.#pump();
          });
        },
      };
      const timer = setTimeout(() => {
        const at = this.#waiting.indexOf(entry);
        if (at >= 0) this.#waiting.splice(at, 1);
        reject(timedOut());
      }, waitMs);
      timer.unref();
      this.#waiting.push(entry);
      this.#pump();
    });
  }

  #pump(): void {
    for (let index = 0; index < this.#waiting.length && this.#running < this.#threads; ) {
      const entry = this.#waiting[index] as { large: boolean; admit: () => void };
      if (entry.large && this.#runningLarge >= Math.max(1, this.#threads - 1)) {
        index++;
        continue;
      }
      this.#waiting.splice(index, 1);
      entry.admit();
    }
  }
}
