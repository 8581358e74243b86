import { stat } from 'node:fs/promises';
import type { Command } from 'commander';
import type { FilingRecords } from '../forms/extract-filing.js';
import type { Field } from '../forms/field.js';
import type { Form6KRecord } from '../forms/form-6k.js';
import { FORM_6K_COVER_FIELDS, form6KValues } from '../model/form-6k-record.js';
import { readSubmission } from '../pipeline/read-filing.js';
import { csvCell } from '../render/csv.js';
import {
  describeTableRecord,
  HOLDINGS_CSV_COLUMNS,
  holdingsCsvRows,
  OWNERSHIP_CSV_COLUMNS,
  ownershipCsvRows,
  tableCsvKind,
} from './extract-rows.js';
import { type CliIo, EXIT, type ExitCode, UserError } from './io.js';
import { readableSubmissions } from './not-a-filing.js';

export interface ExtractCommandOptions {
  readonly form?: string;
  readonly json?: boolean;
  readonly jsonl?: boolean;
  readonly csv?: boolean;
  /** The 6-K record's values without spans, in exactly the shape `compose 6-k` reads (with `source`). */
  readonly record?: boolean;
}

interface ExtractOutput {
  readonly source: string;
  readonly accessionNumber: string | null;
  readonly formType: string | null;
  readonly record: FilingRecords['record'];
  readonly diagnostics: FilingRecords['diagnostics'];
}

/** The 6-K's cover fields in the order of their one definition (model/form-6k-record.ts), then the 20-F's and the lists. */
const CSV_COLUMNS = ['source', 'accessionNumber', 'formType', ...FORM_6K_COVER_FIELDS, 'fiscalYearEnd', 'exhibits', 'signers'] as const;

/** `edgarkit extract <file|dir|archive>`: the typed form records (6-K family, 20-F/40-F; exhibits and signatures for all). */
export async function runExtractCommand(input: string, options: ExtractCommandOptions, io: CliIo): Promise<ExitCode> {
  if ([options.json, options.jsonl, options.csv, options.record].filter(Boolean).length > 1)
    throw new UserError('Choose one of --json, --jsonl, --csv and --record');
  if (input !== '-') await stat(input).catch(() => Promise.reject(new UserError(`Cannot read ${input}: no such file or directory`)));
  let held: ExtractOutput | null = null;
  let count = 0;
  // `--form 4 --csv` and `--form 13F-HR --csv`: one row per transaction or holding rather than per submission.
  const tableCsv = options.csv ? tableCsvKind(options.form) : null;
  if (options.csv)
    io.stdout.write(
      `${(tableCsv === 'ownership' ? OWNERSHIP_CSV_COLUMNS : tableCsv === 'holdings' ? HOLDINGS_CSV_COLUMNS : CSV_COLUMNS).join(',')}\n`,
    );
  const unreadable = { count: 0 };
  for await (const entry of readableSubmissions(input, io, unreadable)) {
    const { records } = readSubmission(entry.submission);
    if (options.form && (records.formType ?? '').toUpperCase() !== options.form.toUpperCase()) continue;
    count++;
    const output: ExtractOutput = {
      source: entry.source,
      accessionNumber: entry.submission.header?.accessionNumber ?? null,
      formType: records.formType,
      record: records.record,
      diagnostics: records.diagnostics,
    };
    if (options.record) {
      if (held) throw new UserError(`${input} holds more than one submission; --record prints one record (use --jsonl for many)`);
      held = output;
    } else if (options.jsonl) io.stdout.write(`${JSON.stringify(output)}\n`);
    else if (tableCsv === 'ownership') io.stdout.write(ownershipCsvRows(output));
    else if (tableCsv === 'holdings') io.stdout.write(holdingsCsvRows(output));
    else if (options.csv) io.stdout.write(`${csvRow(output)}\n`);
    else if (options.json) {
      if (held) throw new UserError(`${input} holds more than one submission; use --jsonl or --csv`);
      held = output;
    } else io.stdout.write(describe(output));
  }
  const exitCode: ExitCode = unreadable.count > 0 ? EXIT.usage : EXIT.ok;
  if (held && options.record) io.stdout.write(`${JSON.stringify(recordValues(held), null, 2)}\n`);
  else if (held) io.stdout.write(`${JSON.stringify(held, null, 2)}\n`);
  if (count === 0 && exitCode === EXIT.ok)
    io.stderr.write(options.form ? `No ${options.form} filings in ${input}\n` : `No submissions in ${input}\n`);
  return exitCode;
}

/** `--record`: the values `compose 6-k` reads, the submission they came from first (for the attached exhibits). */
function recordValues(output: ExtractOutput): Record<string, unknown> {
  const record = output.record;
  if (record === null || (record.form !== '6-K' && record.form !== '6-K/A'))
    throw new UserError(
      `${output.source} is ${output.formType ? `of form ${output.formType}` : 'of an unknown form'}: --record prints 6-K records (use --json for the others)`,
    );
  return { source: output.source, ...form6KValues(record as Form6KRecord) };
}

function value(record: Record<string, unknown>, key: string): unknown {
  const found = record[key] as Field<unknown> | undefined;
  return found && typeof found === 'object' && 'value' in found ? found.value : undefined;
}

function csvRow(output: ExtractOutput): string {
  const record = (output.record ?? {}) as unknown as Record<string, unknown>;
  const exhibits = (record.exhibits as { number: string; description: string }[] | undefined) ?? [];
  const signatures = (record.signatures as { name: Field<string | null> }[] | undefined) ?? [];
  const cells: Partial<Record<(typeof CSV_COLUMNS)[number], unknown>> = {
    source: output.source,
    accessionNumber: output.accessionNumber,
    formType: output.formType,
    ...Object.fromEntries(FORM_6K_COVER_FIELDS.map((field) => [field, value(record, field)])),
    fiscalYearEnd: value(record, 'fiscalYearEnd'),
    exhibits: exhibits.map((exhibit) => `${exhibit.number}: ${exhibit.description}`).join(' | '),
    signers: signatures.map((signature) => signature.name.value ?? '').join(' | '),
  };
  return CSV_COLUMNS.map((column) => csvCell(cells[column])).join(',');
}

function describe(output: ExtractOutput): string {
  const lines = [`${output.source}`, `  ${output.accessionNumber ?? '(no accession number)'}  ${output.formType ?? '(form unknown)'}`];
  const record = output.record as unknown as Record<string, unknown> | null;
  if (record) {
    lines.push(...describeTableRecord(output.record));
    for (const [key, entry] of Object.entries(record)) {
      if ('reportingOwners' in record || 'holdings' in record) break;
      if (entry && typeof entry === 'object' && 'value' in (entry as object) && 'span' in (entry as object)) {
        const fieldValue = (entry as Field<unknown>).value;
        lines.push(`  ${key.padEnd(26)} ${fieldValue === null ? '-' : String(fieldValue)}`);
      }
    }
    for (const item of (record.items as
      | { number: string | null; title: string | null; headerText: string | null; inHeader: boolean; inBody: boolean }[]
      | undefined) ?? [])
      lines.push(
        `  item ${(item.number ?? '?').padEnd(5)} ${item.title ?? item.headerText ?? ''}${item.inHeader ? '' : '  [not in header]'}${item.inBody ? '' : '  [no heading in the document]'}`,
      );
    const release = record.earningsRelease as { type: string | null; documentSequence: number | null } | null | undefined;
    if (release) lines.push(`  earnings release          ${release.type ?? ''} (document ${release.documentSequence ?? '?'})`);
    for (const section of (record.sections as
      | { key: string; title: string; subsections: { key: string; title: string }[] }[]
      | undefined) ?? [])
      lines.push(
        `  section ${section.key.padEnd(6)} ${section.title}${section.subsections.length > 0 ? ` (${section.subsections.map((sub) => sub.key).join(', ')})` : ''}`,
      );
    for (const exhibit of (record.exhibits as
      | { number: string; description: string; date: string | null; attached: boolean; filedWith?: { name: string }[] }[]
      | undefined) ?? []) {
      const filed =
        exhibit.filedWith && exhibit.filedWith.length > 0
          ? `; filed with ${exhibit.filedWith.map((regulator) => regulator.name).join(', ')}`
          : '';
      lines.push(
        `  exhibit ${exhibit.number.padEnd(8)} ${exhibit.description}${exhibit.date ? ` (${exhibit.date})` : ''}${filed}${exhibit.attached ? '  [attached]' : ''}`,
      );
    }
    for (const signature of (record.signatures as
      | {
          registrant: Field<string | null>;
          signature: Field<string | null>;
          name: Field<string | null>;
          title: Field<string | null>;
          date: Field<string | null>;
        }[]
      | undefined) ?? []) {
      lines.push(
        `  signed ${[signature.registrant.value, signature.signature.value, signature.name.value, signature.title.value, signature.date.value].filter(Boolean).join('; ')}`,
      );
    }
    for (const found of (record.diagnostics as { code: string; message: string }[] | undefined) ?? [])
      lines.push(`  note: ${found.message} [${found.code}]`);
  }
  for (const found of output.diagnostics) lines.push(`  note: ${found.message} [${found.code}]`);
  return `${lines.join('\n')}\n`;
}

/** Adds `edgarkit extract`. */
export function registerExtractCommand(program: Command, io: CliIo, setExit: (code: ExitCode) => void): void {
  program
    .command('extract')
    .description(
      'Read the typed form record of each submission: 6-K/6-K/A cover, exhibits and signatures; 20-F/40-F cover and sections; 8-K items; 10-K/10-Q sections; Forms 3/4/5 (owners, transactions, holdings); 13F-HR (cover, summary, holdings); exhibits and signatures of any form',
    )
    .argument('<input>', 'file, directory, .tar/.tar.gz archive, or - for stdin')
    .option('--form <type>', 'only submissions of this form type (e.g. 6-K)')
    .option('--json', 'one submission as JSON, every field with its source span')
    .option('--jsonl', 'one JSON object per submission per line')
    .option(
      '--csv',
      'one CSV row per submission (values only); with --form 4 (3, 5) one per transaction or holding, with --form 13F-HR one per holding',
    )
    .option('--record', "a 6-K record's values without spans, exactly as compose 6-k reads them")
    .action(async (input: string, options: ExtractCommandOptions) => {
      setExit(await runExtractCommand(input, options, io));
    });
}
