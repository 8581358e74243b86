import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { checkConcept, checkUnit, VALUE_PATTERNS } from '../store/request-values.js';
import { jsonResult } from './bounded-output.js';
import { type McpToolContext, ToolError, toolHandler } from './tool-context.js';
import { by, checkRange, choiceInput, cikInput, dateInput, integerInput, textInput, toolArguments } from './tool-inputs.js';

/** The most facts one answer lists (a series of one company is a few hundred at most). */
const MAX_FACTS_SHOWN = 1000;

/** A string checked by one of the shared checks, refused in its words. */
function checked(name: string, check: (text: string) => string, description: string, pattern: string) {
  return z
    .string({
      error: (issue: { readonly input?: unknown }) => (issue.input === undefined ? `${name} is required` : `${name} must be a string`),
    })
    .transform(by(check))
    .meta({ description, pattern });
}

const factsArguments = toolArguments({
  concept: checked(
    'concept',
    (text) => checkConcept('concept', text),
    'The XBRL concept as a QName: us-gaap:Revenues, us-gaap:NetIncomeLoss, dei:EntityCommonStockSharesOutstanding.',
    VALUE_PATTERNS.concept.source,
  ),
  cik: cikInput("Only this company's facts (CIK, with or without leading zeros).").optional(),
  ticker: textInput('ticker', 12, "Only the facts of this ticker's company (needs SEC's ticker list in the database).").optional(),
  from: dateInput('from', 'Periods ending on or after this date.').optional(),
  to: dateInput('to', 'Periods ending on or before this date.').optional(),
  unit: checked(
    'unit',
    (text) => checkUnit('unit', text),
    'Only this unit: USD (or iso4217:USD), shares, USD/shares.',
    VALUE_PATTERNS.unit.source,
  ).optional(),
  dimensions: choiceInput(
    'dimensions',
    ['none', 'any'],
    'none (default): facts of the whole company; any: segments and other members too.',
  ).optional(),
  limit: integerInput('limit', 1, MAX_FACTS_SHOWN, `Facts to list, oldest period first (default 200, at most ${MAX_FACTS_SHOWN}).`).default(
    200,
  ),
})
  .superRefine(checkRange)
  .superRefine((value, context) => {
    if (value.cik !== undefined && value.ticker !== undefined)
      context.addIssue({ code: 'custom', message: 'give one of cik and ticker, not both' });
  });

export function registerFactsTool(server: McpServer, context: McpToolContext): void {
  const { store } = context;
  server.registerTool(
    'facts',
    {
      title: 'XBRL facts over time',
      description:
        "One XBRL concept over time, from the database: the facts stored from filings' inline XBRL and instance documents and from EDGAR's " +
        "XBRL JSON APIs, ordered by period end, each once (a filing's own value before the APIs' copy of it), with its period, value (exact " +
        "decimal), unit, form, date filed, accession number and source. Give a company by cik or ticker; without one, every company's.",
      inputSchema: factsArguments,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    toolHandler('facts', context, async (args) => {
      let cik = args.cik;
      if (args.ticker !== undefined) {
        const listed = await store.findTicker(args.ticker);
        if (!listed) throw new ToolError(`No ticker "${args.ticker}" in the database's ticker list (give the company's cik instead)`);
        cik = listed.cik;
      }
      const facts = await store.queryFacts({
        concept: args.concept,
        ...(cik !== undefined ? { cik } : {}),
        ...(args.from !== undefined ? { from: args.from } : {}),
        ...(args.to !== undefined ? { to: args.to } : {}),
        ...(args.unit !== undefined ? { unit: args.unit } : {}),
        ...(args.dimensions !== undefined ? { dimensions: args.dimensions } : {}),
        limit: args.limit,
      });
      const notes: string[] = [];
      if (facts.length === 0)
        notes.push(`No ${args.concept} facts in the database${cik !== undefined ? ` for CIK ${cik}` : ''} with these filters.`);
      if (facts.length === args.limit)
        notes.push(`The first ${facts.length} facts by period: narrow with from, to, cik or unit, or raise limit.`);
      return jsonResult({
        concept: args.concept,
        cik: cik ?? null,
        facts: facts.map((fact) => ({
          cik: fact.cik,
          periodStart: fact.periodStart,
          periodEnd: fact.periodEnd,
          value: fact.value,
          unit: fact.unit,
          decimals: fact.decimals,
          ...(Object.keys(fact.dimensions).length > 0 ? { dimensions: fact.dimensions } : {}),
          form: fact.form,
          filed: fact.filed,
          accession: fact.accession,
          source: fact.source,
          ...(fact.fiscalYear !== null ? { fiscalYear: fact.fiscalYear, fiscalPeriod: fact.fiscalPeriod } : {}),
          ...(fact.frame !== null ? { frame: fact.frame } : {}),
        })),
        notes,
      });
    }),
  );
}
