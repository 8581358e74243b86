import { join } from 'node:path';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { fetchFilingsToDirectory } from '../fetch/fetch-filings-to-directory.js';
import { type IngestFailure, ingestPaths } from '../pipeline/ingest.js';
import { jsonResult } from './bounded-output.js';
import { type McpFetchContext, type McpToolContext, toolHandler } from './tool-context.js';
import { checkRange, cikInput, dateInput, exactlyOne, formInput, integerInput, toolArguments } from './tool-inputs.js';

/** The most filings one call fetches (newest first): each is a request to EDGAR at the polite rate. */
const MAX_FETCH = 100;

const tickerInput = z
  .string({ error: (issue) => (issue.input === undefined ? 'ticker is required' : 'ticker must be a string such as TM') })
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9.-]{0,9}$/, {
    error: (issue) => `ticker must be a stock symbol such as TM or BRK-B, not "${String(issue.input)}"`,
  })
  .meta({ description: "The company by its ticker, looked up in SEC's company_tickers.json." });

const fetchArguments = toolArguments({
  cik: cikInput('The company by its CIK.').optional(),
  ticker: tickerInput.optional(),
  form: z
    .union([formInput('form', 'A form type'), z.array(formInput('form', 'A form type')).min(1).max(10)], {
      error: () => 'form must be a form type such as 6-K, or a list of up to 10 of them',
    })
    .meta({ description: 'Only this form type, or these (e.g. "6-K" or ["6-K", "20-F"]); all forms when left out.' })
    .optional(),
  from: dateInput('from', 'Filed on or after this date (YYYY-MM-DD).').optional(),
  to: dateInput('to', 'Filed on or before this date (YYYY-MM-DD).').optional(),
  limit: integerInput(
    'limit',
    1,
    MAX_FETCH,
    `Fetch at most this many of the matching filings, newest first (default 10, at most ${MAX_FETCH}).`,
  ).default(10),
})
  .superRefine(checkRange)
  .superRefine((value, context) => exactlyOne(value, 'cik', 'ticker', context));

/**
 * `fetch_filings`: a company's filings from SEC EDGAR into the database, through the polite client (at most 10
 * requests a second, retries with backoff, the configured User-Agent). Registered only when a User-Agent is set.
 */
export function registerFetchTool(server: McpServer, context: McpToolContext, fetch: McpFetchContext): void {
  server.registerTool(
    'fetch_filings',
    {
      title: 'Fetch filings from SEC EDGAR',
      description:
        "Downloads a company's filings from SEC EDGAR (by CIK or ticker; filtered by form type and filing date; the newest " +
        `first, at most limit of them, up to ${MAX_FETCH}) and stores them in the database, where search, get_filing and get_document ` +
        'then find them. Filings already downloaded are not fetched again. Slow for many filings: EDGAR is asked at most 10 times a second.',
      inputSchema: fetchArguments,
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
    },
    toolHandler('fetch_filings', context, async (args, extra) => {
      const forms = args.form === undefined ? [] : Array.isArray(args.form) ? args.form : [args.form];
      const progressToken = extra._meta?.progressToken;
      const result = await fetchFilingsToDirectory(fetch.client, {
        ...(args.cik !== undefined ? { cik: args.cik } : {}),
        ...(args.ticker !== undefined ? { ticker: args.ticker } : {}),
        forms,
        ...(args.from !== undefined ? { from: args.from } : {}),
        ...(args.to !== undefined ? { to: args.to } : {}),
        limit: args.limit,
        outDir: join(fetch.downloadDir, 'filings'),
        signal: extra.signal,
        onFiling: (event) => {
          if (progressToken === undefined) return;
          extra
            .sendNotification({
              method: 'notifications/progress',
              params: { progressToken, progress: event.done, total: event.total, message: `${event.type} ${event.filing.accessionNumber}` },
            })
            .catch(() => {});
        },
      });
      const failures: IngestFailure[] = [];
      const summary = await ingestPaths(fetch.sink, result.paths, {
        ...(fetch.pool ? { pool: fetch.pool } : {}),
        signal: extra.signal,
        onFailure: (failure) => failures.push(failure),
      });
      const notes: string[] = [];
      if (result.matched > result.selected.length)
        notes.push(
          `${result.matched} filings match; the newest ${result.selected.length} were fetched (raise limit, up to ${MAX_FETCH}, or narrow with form, from and to for others).`,
        );
      if (result.matched === 0) notes.push('No filing of this company matches the filters on EDGAR.');
      return jsonResult({
        cik: result.cik,
        name: result.name,
        matched: result.matched,
        selected: result.selected.length,
        downloaded: result.fetched.length,
        alreadyDownloaded: result.skipped.length,
        ingested: summary.ingested,
        replaced: summary.replaced,
        alreadyStored: summary.duplicates,
        failed: [
          ...result.failed.map((failure) => ({ accession: failure.filing.accessionNumber, reason: failure.error.message })),
          ...failures.map((failure) => ({ source: failure.source, reason: failure.reason })),
        ],
        filings: result.selected.map((filing) => ({
          accession: filing.accessionNumber,
          formType: filing.form,
          filedAt: filing.filingDate,
        })),
        notes,
      });
    }),
  );
}
