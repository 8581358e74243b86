import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { registerCompanyTool } from './company-tool.js';
import { registerDocumentTool } from './document-tool.js';
import { registerFactsTool } from './facts-tool.js';
import { registerFetchTool } from './fetch-tool.js';
import { registerFilingTools } from './filing-tools.js';
import { registerSearchTool } from './search-tool.js';
import type { McpToolContext } from './tool-context.js';

export type { McpFetchContext, McpToolContext } from './tool-context.js';

/** Values (array items and object members) one call's arguments may hold. */
const MAX_INPUT_ELEMENTS = 200;

/** What an assistant is told about the server when it connects. */
const INSTRUCTIONS =
  'A local database of SEC EDGAR filings. Find filings with search (full text, with the query language and filters) or ' +
  'list_filings (by company, form type and date); read one with get_filing (header, parties, extracted record, documents), ' +
  'get_document (a document as Markdown, a page at a time) and extract_record (the typed form record with where each value was read); ' +
  'find companies with company; follow an XBRL concept over time with facts (us-gaap:Revenues of a company). Every answer is bounded in size and says when there is more (a next offset or page). ' +
  'fetch_filings, when listed, downloads more filings from SEC EDGAR into the database.';

/**
 * The MCP server over a store: the tools search, list_filings, get_filing, get_document, extract_record, company,
 * facts, and fetch_filings when the context can fetch. Every argument is checked by a zod schema built on the store's
 * request checks; a bad one, or a filing that is not there, is an error result that says what was wrong.
 */
export function createMcpServer(context: McpToolContext, version: string): McpServer {
  const server = new McpServer(
    { name: 'edgarkit', title: 'edgarkit: SEC EDGAR filings', version },
    // No tool takes more than a few values: a call with thousands is refused before any schema reads it.
    { instructions: INSTRUCTIONS, maxToolInputElements: MAX_INPUT_ELEMENTS },
  );
  registerSearchTool(server, context);
  registerFilingTools(server, context);
  registerDocumentTool(server, context);
  registerCompanyTool(server, context);
  registerFactsTool(server, context);
  if (context.fetch) registerFetchTool(server, context, context.fetch);
  return server;
}
