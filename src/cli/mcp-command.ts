import type { Readable } from 'node:stream';
import { Writable } from 'node:stream';
import { format } from 'node:util';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { Command } from 'commander';
import { createMcpServer } from '../mcp/create-mcp-server.js';
import { WorkerPool } from '../pipeline/worker-pool.js';
import type { ReadWriteStore, Store } from '../store/store.js';
import { databaseSpec, dbOption, openForReading, openForWriting } from './database-options.js';
import {
  defaultDownloadDir,
  type FetchCommandContext,
  type FetchConnectionOptions,
  openSession,
  resolveUserAgent,
  type Session,
  withConnectionOptions,
} from './fetch-session.js';
import { type CliIo, EXIT, type ExitCode } from './io.js';

export interface McpCommandOptions extends FetchConnectionOptions {
  readonly db?: string;
}

/** `edgarkit mcp [--db FILE|URL]`: the database to AI assistants over the Model Context Protocol, on stdio. */
export function registerMcpCommand(
  program: Command,
  io: CliIo,
  setExit: (code: ExitCode) => void,
  context: FetchCommandContext = {},
): void {
  withConnectionOptions(
    program
      .command('mcp')
      .description(
        'Serve a database to AI assistants over the Model Context Protocol (stdio): search, filings, documents, records, companies',
      )
      .addOption(dbOption()),
  )
    .addHelpText(
      'after',
      '\nStdout carries the protocol only; messages go to stderr. fetch_filings is offered only when a User-Agent is set\n' +
        '(--user-agent, EDGARKIT_USER_AGENT or ~/.config/edgarkit/config.json); the database is then opened for writing.\n',
    )
    .action(async (options: McpCommandOptions, command: Command) => {
      const debug = command.optsWithGlobals().debug === true;
      setExit(await runMcpCommand(options, io, { ...context, version: program.version() ?? '0.0.0', debug }));
    });
}

export interface McpRunContext extends FetchCommandContext {
  readonly version?: string;
  readonly debug?: boolean;
}

/**
 * Serves until stdin ends (the assistant closed the connection) or the signal aborts (Ctrl-C, SIGTERM); returns 0.
 * A missing database is a usage error before anything is served.
 */
export async function runMcpCommand(options: McpCommandOptions, io: CliIo, context: McpRunContext = {}): Promise<ExitCode> {
  const userAgent = await resolveUserAgent(options.userAgent, io.env);
  const log = (line: string) => {
    io.stderr.write(`${line}\n`);
  };
  // The client checks the User-Agent and the options before the database is touched; it sends nothing yet.
  const session: Session | null = userAgent === undefined ? null : await openSession(options, io);
  let writable: ReadWriteStore | null = null;
  let store: Store;
  try {
    // With a User-Agent the assistant may fetch filings into the database, so it is opened for writing.
    writable = session ? await openForWriting(options.db, io) : null;
    store = writable ?? (await openForReading(options.db, io));
  } catch (error) {
    session?.close();
    throw error;
  }
  const pool = new WorkerPool({ threads: 1 });
  const restoreConsole = consoleToStderr(io);
  try {
    const downloadDir = defaultDownloadDir(io.env);
    const server = createMcpServer(
      {
        store,
        render: (original, which, request) => pool.render(original, which, request),
        log,
        ...(context.debug ? { debug: true } : {}),
        ...(session && writable ? { fetch: { client: session.client, sink: writable, downloadDir, pool } } : {}),
      },
      context.version ?? '0.0.0',
    );
    const closed = new Promise<void>((resolve) => {
      server.server.onclose = () => resolve();
    });
    const transport = new StdioServerTransport(io.stdin as Readable, protocolOutput(io.stdout));
    await server.connect(transport);
    log(
      `edgarkit mcp: serving ${databaseSpec(options.db, io)} on stdio; ` +
        (session
          ? `fetch_filings on (User-Agent "${session.client.userAgent}")`
          : 'fetch_filings off (no User-Agent: set --user-agent or EDGARKIT_USER_AGENT)'),
    );
    const stop = () => {
      void server.close();
    };
    // The stdio transport does not end on its own when the assistant closes stdin.
    io.stdin.once('end', stop);
    io.stdin.once('close', stop);
    context.signal?.addEventListener('abort', stop, { once: true });
    if (context.signal?.aborted || io.stdin.readableEnded) stop();
    await closed;
    io.stdin.off('end', stop);
    io.stdin.off('close', stop);
    context.signal?.removeEventListener('abort', stop);
    return EXIT.ok;
  } finally {
    restoreConsole();
    session?.close();
    await pool.close();
    await store.close();
  }
}

/** The stream protocol messages are written to: stdout itself, or (in tests) a writable over the captured one. */
function protocolOutput(stdout: CliIo['stdout']): Writable {
  if (stdout instanceof Writable) return stdout;
  return new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      stdout.write(chunk.toString());
      done();
    },
  });
}

/**
 * Stdout carries the protocol alone: anything a library would print with console.log while serving goes to
 * stderr instead. Returns the function that puts the console back.
 */
function consoleToStderr(io: CliIo): () => void {
  const saved = { log: console.log, info: console.info, debug: console.debug };
  const toStderr = (...args: unknown[]) => {
    io.stderr.write(`${format(...args)}\n`);
  };
  console.log = toStderr;
  console.info = toStderr;
  console.debug = toStderr;
  return () => {
    console.log = saved.log;
    console.info = saved.info;
    console.debug = saved.debug;
  };
}
