import { type Command, Option } from 'commander';
import { describeLocationCode } from '../core/edgar-location-codes.js';
import { describeSic } from '../core/sic-codes.js';
import { decodeFiling, filingEdgarUrl } from '../pipeline/edgar-facts.js';
import { documentOutputInto, openStoredDocument } from '../pipeline/open-document.js';
import { formRecordLines } from '../render/form-record-text.js';
import type { RenderFormat } from '../render/index.js';
import { checkFilingId } from '../store/request-values.js';
import type { FilingView } from '../store/store.js';
import { checkValues, dbOption, openForReading, positiveInteger } from './database-options.js';
import { type CliIo, EXIT, type ExitCode, UserError, writeInBatches } from './io.js';
import { checkTableOptions, tableOutput } from './table-output.js';

export interface ShowCommandOptions {
  readonly db?: string;
  readonly doc?: string;
  readonly format: RenderFormat | 'csv';
  readonly page?: number;
  readonly json?: boolean;
  /** With `--doc` and `--format csv`: which table (1-based, over the whole document). */
  readonly table?: number;
  /** With `--doc`: list the document's tables. */
  readonly tables?: boolean;
}

/** `edgarkit show <accession> [--doc SEQ|TYPE]`. */
export function registerShowCommand(program: Command, io: CliIo, setExit: (code: ExitCode) => void): void {
  program
    .command('show')
    .description('Show a stored filing, or one of its documents rendered')
    .argument('<accession>', 'accession number (dashed or not)')
    .addOption(dbOption())
    .option('--doc <seq|type>', 'a document by sequence number or type (e.g. 1, EX-99.1)')
    .addOption(new Option('--format <format>', 'how to render').choices(['text', 'markdown', 'html', 'json', 'csv']).default('text'))
    .option('--page <n>', 'only this page of the document', positiveInteger('--page'))
    .option('--table <n>', 'with --doc and --format csv: this table of the document (1-based; see --tables)', positiveInteger('--table'))
    .option('--tables', "with --doc: list the document's tables (as JSON with --json or --format json)")
    .option('--json', 'print JSON: the filing, or with --doc the document model (the same as --format json)')
    .action(async (accession: string, options: ShowCommandOptions) => {
      setExit(await runShowCommand(accession, options, io));
    });
}

export async function runShowCommand(accession: string, options: ShowCommandOptions, io: CliIo): Promise<ExitCode> {
  const id = checkValues(() => checkFilingId(accession));
  checkTableOptions(options);
  if ((options.format === 'csv' || options.tables) && options.doc === undefined)
    throw new UserError('Tables belong to a document: name it with --doc SEQ|TYPE');
  const json = options.json === true || options.format === 'json';
  const store = await openForReading(options.db, io);
  try {
    if (options.doc === undefined) {
      const filing = await store.getFiling(id);
      if (!filing) throw new UserError(`No filing ${accession} in the database`);
      io.stdout.write(json ? `${JSON.stringify(decodeFiling(filing), null, 2)}\n` : describeFiling(filing));
      return EXIT.ok;
    }
    const opened = await openStoredDocument(store, id, options.doc);
    if (opened.found === 'no-filing') throw new UserError(`No filing ${accession} in the database`);
    if (opened.found === 'no-document')
      throw new UserError(`Filing ${accession} has no document ${options.doc}; it has: ${opened.available || 'none'}`);
    if (options.format === 'csv' || options.tables) {
      const request = { ...(options.table !== undefined ? { table: options.table } : {}), list: options.tables === true, json };
      io.stdout.write(tableOutput(opened.document, request, `${accession}: document ${options.doc}`));
      return EXIT.ok;
    }
    const output = documentOutputInto(opened.document, json ? 'json' : options.format, options.page);
    if (!output.ok) throw new UserError(`Filing ${accession}: ${output.reason}`);
    writeInBatches(io.stdout, output.writeTo);
    return EXIT.ok;
  } finally {
    await store.close();
  }
}

function describeFiling(filing: FilingView): string {
  const lines = [
    `${filing.accessionNumber ?? filing.filingId}  ${filing.formType ?? '-'}`,
    `  filed ${filing.filedAt ?? '-'}${filing.periodOfReport ? `, period ${filing.periodOfReport}` : ''}${filing.acceptanceDateTime ? `, accepted ${filing.acceptanceDateTime}` : ''}`,
  ];
  const edgar = filingEdgarUrl(filing);
  if (edgar) lines.push(`  on EDGAR: ${edgar}`);
  for (const party of filing.parties) {
    const company = party.company;
    const sic = describeSic(company?.sic, company?.sicDescription);
    const incorporated = describeLocationCode(company?.stateOfIncorporation);
    const located = describeLocationCode(party.businessAddress?.state);
    lines.push(
      `  ${party.role.padEnd(16)} ${company?.name ?? '-'}${company?.cik ? `  CIK ${company.cik}` : ''}${sic ? `  SIC ${sic}` : ''}` +
        `${incorporated ? `  incorporated in ${incorporated}` : ''}${located ? `  business address in ${located}` : ''}`,
    );
  }
  const record = formRecordLines(filing.formRecord);
  if (record.length > 0) {
    const form = (filing.formRecord as { form?: unknown }).form;
    lines.push(
      `  ${typeof form === 'string' && form !== 'other' ? `${form} record` : 'Record'} (show --json for every field with its span):`,
    );
    for (const line of record) lines.push(`    ${line}`);
  }
  lines.push(`  ${filing.documents.length} documents:`);
  for (const document of filing.documents) {
    lines.push(
      `    ${String(document.sequence ?? '-').padStart(3)}  ${(document.type ?? '-').padEnd(12)} ${(document.filename ?? '-').padEnd(28)} ${document.byteLength} bytes  ${document.sourceFormat}`,
    );
  }
  return `${lines.join('\n')}\n`;
}
