import { type Command, Option } from 'commander';
import { documentOutputInto, openStoredDocument } from '../pipeline/open-document.js';
import type { RenderFormat } from '../render/index.js';
import { checkFilingId } from '../store/request-values.js';
import type { FilingView } from '../store/store.js';
import { checkValues, dbOption, openForReading, positiveInteger } from './database-options.js';
import { type CliIo, EXIT, type ExitCode, UserError, writeInBatches } from './io.js';

export interface ShowCommandOptions {
  readonly db?: string;
  readonly doc?: string;
  readonly format: RenderFormat;
  readonly page?: number;
  readonly json?: boolean;
}

/** `edgarkit show <accession> [--doc SEQ|TYPE]`. */
export function registerShowCommand(program: Command, io: CliIo, setExit: (code: ExitCode) => void): void {
  program
    .command('show')
    .description('Show a stored filing, or one of its documents rendered')
    .argument('<accession>', 'accession number (dashed or not)')
    .addOption(dbOption())
    .option('--doc <seq|type>', 'a document by sequence number or type (e.g. 1, EX-99.1)')
    .addOption(new Option('--format <format>', 'how to render').choices(['text', 'markdown', 'html', 'json']).default('text'))
    .option('--page <n>', 'only this page of the document', positiveInteger('--page'))
    .option('--json', 'print JSON: the filing, or with --doc the document model (the same as --format json)')
    .action(async (accession: string, options: ShowCommandOptions) => {
      setExit(await runShowCommand(accession, options, io));
    });
}

export async function runShowCommand(accession: string, options: ShowCommandOptions, io: CliIo): Promise<ExitCode> {
  const id = checkValues(() => checkFilingId(accession));
  const json = options.json === true || options.format === 'json';
  const store = await openForReading(options.db, io);
  try {
    if (options.doc === undefined) {
      const filing = await store.getFiling(id);
      if (!filing) throw new UserError(`No filing ${accession} in the database`);
      io.stdout.write(json ? `${JSON.stringify(filing, null, 2)}\n` : describeFiling(filing));
      return EXIT.ok;
    }
    const opened = await openStoredDocument(store, id, options.doc);
    if (opened.found === 'no-filing') throw new UserError(`No filing ${accession} in the database`);
    if (opened.found === 'no-document')
      throw new UserError(`Filing ${accession} has no document ${options.doc}; it has: ${opened.available || 'none'}`);
    const output = documentOutputInto(opened.document, json ? 'json' : options.format, options.page);
    if (!output.ok) throw new UserError(output.reason);
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
  for (const party of filing.parties)
    lines.push(`  ${party.role.padEnd(16)} ${party.company?.name ?? '-'}${party.company?.cik ? `  CIK ${party.company.cik}` : ''}`);
  if (filing.formRecord) lines.push(`  record: ${JSON.stringify(filing.formRecord).slice(0, 400)}`);
  lines.push(`  ${filing.documents.length} documents:`);
  for (const document of filing.documents) {
    lines.push(
      `    ${String(document.sequence ?? '-').padStart(3)}  ${(document.type ?? '-').padEnd(12)} ${(document.filename ?? '-').padEnd(28)} ${document.byteLength} bytes  ${document.sourceFormat}`,
    );
  }
  return `${lines.join('\n')}\n`;
}
