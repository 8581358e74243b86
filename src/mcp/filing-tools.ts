import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { FilingView, SearchHit } from '../store/store.js';
import { jsonResult } from './bounded-output.js';
import { documentJson } from './documents.js';
import { type McpToolContext, ToolError, toolHandler } from './tool-context.js';
import {
  accessionInput,
  booleanInput,
  checkRange,
  cikInput,
  dateInput,
  formInput,
  pagingInputs,
  textInput,
  toolArguments,
} from './tool-inputs.js';

/** Rows of list_filings per page. */
const MAX_FILINGS = 100;
/** What get_filing lists of a filing before it says how many more there are. */
const SHOWN_PARTIES = 25;
const SHOWN_DOCUMENTS = 100;
const SHOWN_DIAGNOSTICS = 20;

const listArguments = toolArguments({
  cik: cikInput("Only this company's filings (its CIK, with or without leading zeros).").optional(),
  company: textInput(
    'company',
    200,
    'Only filings with a party whose name, current or former, contains this (case-insensitive).',
  ).optional(),
  form: formInput('form', 'Only this form type (e.g. 6-K).').optional(),
  from: dateInput('from', 'Filed on or after this date (YYYY-MM-DD).').optional(),
  to: dateInput('to', 'Filed on or before this date (YYYY-MM-DD).').optional(),
  ...pagingInputs(20, MAX_FILINGS, 'Filings'),
})
  .superRefine(checkRange)
  .superRefine((value, context) => {
    if (value.cik !== undefined && value.company !== undefined)
      context.addIssue({ code: 'custom', message: 'give cik or company, not both' });
  });

const filingArguments = toolArguments({
  accession: accessionInput,
  header_tree: booleanInput(
    'header_tree',
    'Also give the SGML header as written, one "KEY: value" line per entry, indented by nesting.',
  ).optional(),
});

const recordArguments = toolArguments({
  accession: accessionInput,
  spans: booleanInput(
    'spans',
    'Give each value with its span: the document, page and character range of the text it was read from (default false: values only).',
  ).optional(),
});

export function registerFilingTools(server: McpServer, context: McpToolContext): void {
  const { store } = context;

  server.registerTool(
    'list_filings',
    {
      title: 'List filings',
      description:
        'Stored filings, newest first, filtered by company (cik, or a part of its name, current or former), form type and filing date, ' +
        'a page at a time. Each row gives the accession to read it with get_filing.',
      inputSchema: listArguments,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    toolHandler('list_filings', context, async (args) => {
      const filters = {
        ...(args.form !== undefined ? { form: args.form } : {}),
        ...(args.from !== undefined ? { from: args.from } : {}),
        ...(args.to !== undefined ? { to: args.to } : {}),
      };
      if (args.company !== undefined) {
        // A name is matched as the search filters match it (current and former names of every party).
        const page = await store.search({
          text: '',
          company: args.company,
          ...filters,
          sort: 'newest',
          limit: args.limit,
          offset: args.offset,
        });
        const more = page.totalExact ? page.offset + page.hits.length < page.total : page.hits.length === page.limit;
        return jsonResult({
          total: page.total,
          totalExact: page.totalExact,
          offset: page.offset,
          limit: page.limit,
          filings: page.hits.map(hitRow),
          next: more ? { offset: page.offset + page.limit } : null,
          notes: page.hits.length === 0 ? [`No stored filing has a party whose name contains "${args.company}".`] : [],
        });
      }
      const rows = await store.listFilings({
        ...(args.cik !== undefined ? { cik: args.cik } : {}),
        ...filters,
        limit: args.limit,
        offset: args.offset,
      });
      const notes: string[] = [];
      if (rows.length === 0 && args.cik !== undefined && (await store.getCompany(args.cik)) === null)
        notes.push(`No company with CIK ${args.cik} is in the database.`);
      else if (rows.length === 0) notes.push(args.offset > 0 ? `No filings from offset ${args.offset}.` : 'No filing matches.');
      return jsonResult({
        offset: args.offset,
        limit: args.limit,
        filings: rows.map((row) => ({
          accession: row.filingId,
          formType: row.formType,
          filedAt: row.filedAt,
          periodOfReport: row.periodOfReport,
          companyName: row.companyName,
          cik: row.cik,
          documents: row.documentCount,
        })),
        next: rows.length === args.limit ? { offset: args.offset + args.limit } : null,
        notes,
      });
    }),
  );

  server.registerTool(
    'get_filing',
    {
      title: 'Get a filing',
      description:
        'A stored filing: its header facts (accession number, form type, dates, items), its parties (companies with CIK, SIC, ' +
        'state of incorporation, addresses, former names, filing values), the form record extracted from it (values; ' +
        'extract_record gives them with where each was read), its exhibits and its documents (read one with get_document).',
      inputSchema: filingArguments,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    toolHandler('get_filing', context, async (args) => {
      const filing = await requireFiling(context, args.accession);
      return jsonResult(filingJson(filing, args.header_tree === true));
    }),
  );

  server.registerTool(
    'extract_record',
    {
      title: 'Extract the form record',
      description:
        "The typed record extracted from a stored filing's documents: for a 6-K the report month, registrant, address, " +
        'commission file number, annual-report form (20-F or 40-F), the Rule 12g3-2(b) and Regulation S-T 101(b) answers, exhibits ' +
        'and signatures; for a 20-F/40-F its cover; for other forms the exhibit index and signatures. A value the filing does not ' +
        'give is null, and its diagnostic says why.',
      inputSchema: recordArguments,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    toolHandler('extract_record', context, async (args) => {
      const filing = await requireFiling(context, args.accession);
      const record = filing.formRecord;
      return jsonResult({
        accession: filing.filingId,
        formType: filing.formType,
        record: record === null ? null : args.spans === true ? record : recordValues(record),
        notes:
          record === null
            ? [
                `No form record was extracted from ${filing.filingId}: its first document is not one that can be read as text (see get_filing).`,
              ]
            : [],
      });
    }),
  );
}

export async function requireFiling(context: McpToolContext, filingId: string): Promise<FilingView> {
  const filing = await context.store.getFiling(filingId);
  if (!filing) throw new ToolError(`No filing ${filingId} in the database (find filings with search or list_filings)`);
  return filing;
}

function hitRow(hit: SearchHit) {
  return {
    accession: hit.filingId,
    formType: hit.formType,
    filedAt: hit.filedAt,
    companyName: hit.companyName,
    cik: hit.cik,
  };
}

function filingJson(filing: FilingView, headerTree: boolean): Record<string, unknown> {
  const notes: string[] = [];
  const more = (what: string, shown: number, all: number) => {
    if (all > shown) notes.push(`${what}: the first ${shown} of ${all} are listed`);
  };
  more('parties', SHOWN_PARTIES, filing.parties.length);
  more('documents', SHOWN_DOCUMENTS, filing.documents.length);
  const diagnostics = Array.isArray(filing.diagnostics) ? (filing.diagnostics as unknown[]) : [];
  more('diagnostics', SHOWN_DIAGNOSTICS, diagnostics.length);
  return {
    accession: filing.filingId,
    accessionNumber: filing.accessionNumber,
    formType: filing.formType,
    filedAt: filing.filedAt,
    periodOfReport: filing.periodOfReport,
    acceptanceDateTime: filing.acceptanceDateTime,
    dateOfChange: filing.dateOfChange,
    items: filing.items,
    groupMembers: filing.groupMembers,
    companyName: filing.companyName,
    cik: filing.cik,
    format: filing.format,
    bytes: filing.byteLength,
    parties: filing.parties.slice(0, SHOWN_PARTIES),
    record: filing.formRecord === null ? null : recordValues(filing.formRecord),
    exhibits: filing.exhibits,
    documentCount: filing.documents.length,
    documents: filing.documents.slice(0, SHOWN_DOCUMENTS).map(documentJson),
    diagnostics: diagnostics.slice(0, SHOWN_DIAGNOSTICS).map(diagnosticJson),
    ...(headerTree ? { header: headerLines(filing.header) } : {}),
    notes,
  };
}

function diagnosticJson(diagnostic: unknown) {
  const { code, severity, message } = (diagnostic ?? {}) as Record<string, unknown>;
  return { code, severity, message };
}

/**
 * A record's values without their spans: each `{ value, span }` field becomes its value, and the spans of lists
 * (an exhibit's, a signature's) are left out.
 */
export function recordValues(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(recordValues);
  if (value === null || typeof value !== 'object') return value;
  const object = value as Record<string, unknown>;
  const keys = Object.keys(object);
  if (keys.length === 2 && 'value' in object && 'span' in object) return recordValues(object.value);
  return Object.fromEntries(keys.filter((key) => key !== 'span').map((key) => [key, recordValues(object[key])]));
}

interface HeaderNode {
  readonly key: string;
  readonly value: string;
  readonly children?: readonly HeaderNode[];
}

/** The header tree as written: `KEY: value`, two spaces of indent per level. */
function headerLines(header: unknown): string[] {
  const lines: string[] = [];
  const visit = (nodes: readonly HeaderNode[], depth: number) => {
    for (const node of nodes) {
      lines.push(`${'  '.repeat(depth)}${node.key}:${node.value ? ` ${node.value}` : ''}`);
      if (node.children) visit(node.children, depth + 1);
    }
  };
  if (Array.isArray(header)) visit(header as HeaderNode[], 0);
  return lines;
}
