import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { DOCUMENTS_PER_HIT, searchCaveats } from '../store/search.js';
import { plainSnippet } from '../store/snippet-text.js';
import type { SearchHit, SearchPage, SearchRequest } from '../store/store.js';
import { jsonResult } from './bounded-output.js';
import { documentKey } from './documents.js';
import { type McpToolContext, toolHandler } from './tool-context.js';
import {
  booleanInput,
  checkRange,
  choiceInput,
  cikInput,
  dateInput,
  formInput,
  pagingInputs,
  textInput,
  toolArguments,
} from './tool-inputs.js';

/** Hits per page: each carries up to DOCUMENTS_PER_HIT snippets, so a page stays well under the output cap. */
const MAX_HITS = 25;

const searchArguments = toolArguments({
  query: textInput(
    'query',
    1000,
    'The search query. Words are all required (AND is implied) and matched by stem (bond finds bonds); "a phrase"; prefix*; ' +
      'bonds OR notes; bonds NOT notes or -notes; (groups); filters written in the query: form:6-K cik:1123 company:hanaro ' +
      'from:2002-01-01 to:2002-12-31. A query of filters only (or empty, with filter arguments) lists filings, newest first.',
  ),
  form: formInput('form', 'Only filings of this form type (e.g. 6-K, 20-F).').optional(),
  cik: cikInput('Only filings with a party of this CIK.').optional(),
  company: textInput('company', 200, 'Only filings with a party whose name (current or former) contains this.').optional(),
  from: dateInput('from', 'Filed on or after this date (YYYY-MM-DD).').optional(),
  to: dateInput('to', 'Filed on or before this date (YYYY-MM-DD).').optional(),
  sort: choiceInput(
    'sort',
    ['relevance', 'newest', 'oldest'],
    'relevance (the default when there are words) or by filing date (newest, oldest).',
  ).optional(),
  facets: booleanInput('facets', 'Also count the matching filings by form type, year filed and company.').optional(),
  ...pagingInputs(10, MAX_HITS, 'Filings'),
}).superRefine(checkRange);

/** `search`: the query language over the documents' text; one result per filing, with snippets of its matching documents. */
export function registerSearchTool(server: McpServer, context: McpToolContext): void {
  server.registerTool(
    'search',
    {
      title: 'Search filings',
      description:
        'Full-text search over the stored filings: one result per matching filing, best first, with its matching documents ' +
        `(up to ${DOCUMENTS_PER_HIT} each) and a snippet of each, the matched words listed beside it. A filing matches when the query holds ` +
        'over one of its documents. Gives the total number of matching filings. Read a hit with get_filing or get_document ' +
        '(accession and document as given here).',
      inputSchema: searchArguments,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    toolHandler('search', context, async (args) => {
      const request: SearchRequest = {
        text: args.query ?? '',
        ...(args.form !== undefined ? { form: args.form } : {}),
        ...(args.cik !== undefined ? { cik: args.cik } : {}),
        ...(args.company !== undefined ? { company: args.company } : {}),
        ...(args.from !== undefined ? { from: args.from } : {}),
        ...(args.to !== undefined ? { to: args.to } : {}),
        ...(args.sort !== undefined ? { sort: args.sort } : {}),
        limit: args.limit,
        offset: args.offset,
      };
      const page = await context.store.search(request);
      return jsonResult(searchJson(page, args.facets === true));
    }),
  );
}

function searchJson(page: SearchPage, facets: boolean): Record<string, unknown> {
  const shown = page.offset + page.hits.length;
  const more = page.totalExact ? shown < page.total : page.hits.length === page.limit;
  // When the total is not exact, more than `total` filings match: the caveat says so, and why.
  const notes = [...searchCaveats(page)];
  if (!page.totalExact) notes.unshift(`More than ${page.total} filings match.`);
  if (page.hits.length === 0) notes.push(page.offset > 0 ? `No results from offset ${page.offset}.` : 'No filing matches.');
  return {
    total: page.total,
    totalExact: page.totalExact,
    sort: page.sort,
    offset: page.offset,
    limit: page.limit,
    hits: page.hits.map(hitJson),
    next: more ? { offset: page.offset + page.limit } : null,
    ...(facets ? { facets: page.facets } : {}),
    notes,
  };
}

function hitJson(hit: SearchHit) {
  return {
    accession: hit.filingId,
    formType: hit.formType,
    filedAt: hit.filedAt,
    companyName: hit.companyName,
    cik: hit.cik,
    score: Math.round(hit.score * 1000) / 1000,
    documents: hit.documents.map((document) => {
      const snippet = plainSnippet(document.snippet);
      const matched = [...new Set(snippet.highlights.map((range) => snippet.text.slice(range.start, range.end)))];
      return {
        document: documentKey(document),
        type: document.type,
        description: document.description,
        snippet: snippet.text,
        matched,
      };
    }),
    ...(hit.moreDocuments > 0 ? { moreDocuments: hit.moreDocuments } : {}),
  };
}
