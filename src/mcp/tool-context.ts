import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { EdgarClient } from '../fetch/edgar-client.js';
import { FetchError, LookupError, UserAgentError } from '../fetch/fetch-errors.js';
import type { RenderedDocument, RenderRequest } from '../pipeline/render-stored-document.js';
import type { WorkerPool } from '../pipeline/worker-pool.js';
import { RequestValueError } from '../store/request-values.js';
import { SearchRequestError } from '../store/search.js';
import { QuerySyntaxError } from '../store/search-query.js';
import type { FilingSink, Store } from '../store/store.js';
import { errorResult } from './bounded-output.js';

/** What the tools work with: the store, a pool to render documents in, and, when a User-Agent is set, EDGAR. */
export interface McpToolContext {
  readonly store: Store;
  /** Renders document `which` of a submission's bytes (in a worker thread, so a large one holds nothing up). */
  readonly render: (original: Uint8Array, which: string, request: RenderRequest) => Promise<RenderedDocument>;
  /** Where diagnostics go (stderr): never stdout, which carries the protocol. */
  readonly log: (line: string) => void;
  /** Print stack traces of unexpected errors to the log. */
  readonly debug?: boolean;
  /** Fetching from EDGAR: present only when a User-Agent is configured. */
  readonly fetch?: McpFetchContext;
}

export interface McpFetchContext {
  readonly client: EdgarClient;
  /** The database fetched filings go into. */
  readonly sink: FilingSink;
  /** Where downloaded `.txt` files are kept (a re-run skips those already there). */
  readonly downloadDir: string;
  /** The pool ingest prepares filings in. */
  readonly pool?: WorkerPool;
}

/** A refusal the assistant should read as is: a filing or document that is not there, a binary document. */
export class ToolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ToolError';
  }
}

/** Errors whose message is meant for the assistant as it is. */
function isExpected(error: unknown): error is Error {
  return (
    error instanceof ToolError ||
    error instanceof RequestValueError ||
    error instanceof QuerySyntaxError ||
    error instanceof SearchRequestError ||
    error instanceof FetchError ||
    error instanceof LookupError ||
    error instanceof UserAgentError ||
    (error instanceof Error && error.name === 'AbortError')
  );
}

/**
 * A tool's handler with the one place its errors become results: an expected refusal is an error result with its
 * message; anything else is an error result that names the tool and the message, logged to stderr (with the stack
 * under --debug). The server keeps running either way.
 */
export function toolHandler<A, E>(
  name: string,
  context: McpToolContext,
  run: (args: A, extra: E) => Promise<CallToolResult>,
): (args: A, extra: E) => Promise<CallToolResult> {
  return async (args, extra) => {
    try {
      return await run(args, extra);
    } catch (error) {
      if (isExpected(error)) return errorResult(error.message);
      const message = error instanceof Error ? error.message : String(error);
      context.log(`edgarkit mcp: ${name} failed: ${message}`);
      if (context.debug && error instanceof Error && error.stack) context.log(error.stack);
      return errorResult(`${name} failed: ${message}`);
    }
  };
}
