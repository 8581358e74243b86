import { parentPort } from 'node:worker_threads';
import { extractRecordsForStore } from './extract-records.js';
import { prepareFiling } from './prepare-filing.js';

/** A worker thread: bytes in, a prepared filing out. Parsing, rendering and extracting happen here, off the writer. */
export interface PrepareRequest {
  readonly id: number;
  readonly source: string;
  readonly hash: string;
  readonly bytes: Uint8Array;
}

export type PrepareResponse =
  | { readonly id: number; readonly ok: true; readonly filing: ReturnType<typeof prepareFiling> }
  | { readonly id: number; readonly ok: false; readonly message: string };

parentPort?.on('message', (request: PrepareRequest) => {
  try {
    const filing = prepareFiling(request.bytes, request.source, extractRecordsForStore, request.hash);
    const transfer = filing.blobs
      .map((blob) => blob.data.buffer)
      .filter((buffer, index, all) => all.indexOf(buffer) === index) as ArrayBuffer[];
    parentPort?.postMessage({ id: request.id, ok: true, filing } satisfies PrepareResponse, transfer);
  } catch (error) {
    parentPort?.postMessage({
      id: request.id,
      ok: false,
      message: error instanceof Error ? error.message : String(error),
    } satisfies PrepareResponse);
  }
});
