import type { Command } from 'commander';
import { registerFetchFactsCommand } from './fetch-facts-command.js';
import { registerFetchFeedCommand } from './fetch-feed-command.js';
import { registerFetchFilingsCommand } from './fetch-filings-command.js';
import { registerFetchIndexCommand } from './fetch-index-command.js';
import type { FetchCommandContext } from './fetch-session.js';
import { registerFetchTickersCommand } from './fetch-tickers-command.js';
import type { CliIo } from './io.js';

export { configPath, type FetchCommandContext, resolveUserAgent } from './fetch-session.js';

/** Adds `fetch index`, `fetch filings`, `fetch feed`, `fetch tickers` and `fetch facts` to a program; each action reports its exit code through `setExit`. */
export function registerFetchCommands(
  program: Command,
  io: CliIo,
  setExit: (code: number) => void,
  context: FetchCommandContext = {},
): Command {
  const fetch = program
    .command('fetch')
    .description('Download from SEC EDGAR politely: at most 10 requests a second, retries with backoff, a User-Agent that names you')
    .addHelpText(
      'after',
      '\nThe User-Agent comes from --user-agent, EDGARKIT_USER_AGENT, or { "userAgent": "…" } in ~/.config/edgarkit/config.json.\n' +
        'Progress goes to stderr; exit codes: 0 done, 1 something could not be fetched, 2 bad usage.\n',
    );

  registerFetchIndexCommand(fetch, io, setExit, context);
  registerFetchFilingsCommand(fetch, io, setExit, context);
  registerFetchFeedCommand(fetch, io, setExit, context);
  registerFetchTickersCommand(fetch, io, setExit, context);
  registerFetchFactsCommand(fetch, io, setExit, context);
  return fetch;
}
