import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CompanyView } from '../store/store.js';
import { jsonResult } from './bounded-output.js';
import { type McpToolContext, ToolError, toolHandler } from './tool-context.js';
import { cikInput, exactlyOne, pagingInputs, textInput, toolArguments } from './tool-inputs.js';

/** The newest filings shown with a company found by CIK. */
const RECENT_FILINGS = 10;
const MAX_COMPANIES = 50;

const companyArguments = toolArguments({
  cik: cikInput('The company by its CIK (with or without leading zeros).').optional(),
  name: textInput('name', 200, 'Companies whose name, current or former, contains this (case-insensitive).').optional(),
  ...pagingInputs(10, MAX_COMPANIES, 'Companies (by name)'),
}).superRefine((value, context) => exactlyOne(value, 'cik', 'name', context));

export function registerCompanyTool(server: McpServer, context: McpToolContext): void {
  const { store } = context;
  server.registerTool(
    'company',
    {
      title: 'Find a company',
      description:
        'A company in the database, by CIK: its current and former names, SIC code, state of incorporation, fiscal year end, ' +
        `addresses, how many filings are stored and the ${RECENT_FILINGS} newest; or companies by a part of their name (current or former: ` +
        '"stolt" finds Acergy, once Stolt Offshore), a page at a time.',
      inputSchema: companyArguments,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    toolHandler('company', context, async (args) => {
      if (args.cik !== undefined) {
        const company = await store.getCompany(args.cik);
        if (!company) throw new ToolError(`No company with CIK ${args.cik} in the database (find one by name with the name argument)`);
        const recent = await store.listFilings({ cik: company.cik, limit: RECENT_FILINGS });
        return jsonResult({
          ...companyJson(company),
          businessAddress: company.businessAddress,
          mailAddress: company.mailAddress,
          recentFilings: recent.map((row) => ({
            accession: row.filingId,
            formType: row.formType,
            filedAt: row.filedAt,
            periodOfReport: row.periodOfReport,
          })),
          notes:
            company.filingCount > recent.length
              ? [`${recent.length} of ${company.filingCount} filings shown: list them all with list_filings (cik ${company.cik}).`]
              : [],
        });
      }
      const name = args.name ?? '';
      const companies = await store.listCompanies({ name, limit: args.limit, offset: args.offset });
      return jsonResult({
        offset: args.offset,
        limit: args.limit,
        companies: companies.map(companyJson),
        next: companies.length === args.limit ? { offset: args.offset + args.limit } : null,
        notes: companies.length === 0 ? [`No company in the database has a name, current or former, containing "${name}".`] : [],
      });
    }),
  );
}

function companyJson(company: CompanyView) {
  // Tickers where the store keeps SEC's ticker list (`edgarkit fetch tickers`).
  const tickers = (company as { readonly tickers?: readonly string[] }).tickers;
  return {
    cik: company.cik,
    name: company.name,
    ...(tickers !== undefined ? { tickers } : {}),
    formerNames: company.formerNames,
    sic: company.sic,
    sicDescription: company.sicDescription,
    stateOfIncorporation: company.stateOfIncorporation,
    fiscalYearEnd: company.fiscalYearEnd,
    filings: company.filingCount,
  };
}
