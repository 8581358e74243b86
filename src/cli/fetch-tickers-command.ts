import type { Command } from 'commander';
import { syncTickers } from '../pipeline/sync.js';
import { databaseSpec, dbOption, openForWriting } from './database-options.js';
import { type FetchCommandContext, type FetchConnectionOptions, openSession, withConnectionOptions } from './fetch-session.js';
import { type CliIo, EXIT, type ExitCode } from './io.js';

export interface FetchTickersCommandOptions extends FetchConnectionOptions {
  readonly db?: string;
}

/** Adds `fetch tickers` to the `fetch` command. */
export function registerFetchTickersCommand(
  fetch: Command,
  io: CliIo,
  setExit: (code: number) => void,
  context: FetchCommandContext = {},
): void {
  withConnectionOptions(
    fetch
      .command('tickers')
      .description("Store SEC's ticker list (company_tickers.json) in the database, so companies are found by ticker offline")
      .addOption(dbOption()),
  ).action(async (options: FetchTickersCommandOptions) => {
    setExit(await runFetchTickersCommand(options, io, context));
  });
}

/** `edgarkit fetch tickers`: SEC's ticker list into the database, in place of the one stored. */
export async function runFetchTickersCommand(
  options: FetchTickersCommandOptions,
  io: CliIo,
  context: FetchCommandContext = {},
): Promise<ExitCode> {
  const session = await openSession(options, io);
  try {
    const store = await openForWriting(options.db, io);
    try {
      const { stored } = await session.run(() => syncTickers(store, session.client, context.signal ? { signal: context.signal } : {}));
      session.summary(`${stored} tickers stored in ${databaseSpec(options.db, io)}`);
      io.stdout.write(`${stored} tickers stored\n`);
      return EXIT.ok;
    } finally {
      await store.close();
    }
  } catch (error) {
    return session.fail(error);
  } finally {
    session.close();
  }
}
