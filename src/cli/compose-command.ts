import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { type Command, Option } from 'commander';
import type { Composed6K, ComposeFormat } from '../compose/compose-6k.js';
import { composeEdgarLinkXml } from '../compose/edgarlink-xml.js';
import type { InputPosition } from '../compose/input-value.js';
import { checkCompose6KValue, formatProblem, placeOf, type ReadRecordResult, readCompose6KInput } from '../compose/read-record.js';
import type { Compose6KRecord } from '../compose/record-6k.js';
import { FORM_6K_SCHEMA } from '../compose/schema-6k.js';
import { composeAndCheck } from '../pipeline/compose-and-check.js';
import { exhibitsFromSource } from '../pipeline/exhibits-from-source.js';
import { formatFinding } from '../validate/finding.js';
import { type CliIo, EXIT, type ExitCode, UserError } from './io.js';

type SetExit = (code: ExitCode) => void;

export interface ComposeCommandOptions {
  readonly schema?: boolean;
  readonly out?: string;
  readonly format: ComposeFormat;
  readonly submission: 'txt' | 'xml';
  readonly live?: boolean;
}

/** `compose`: a 6-K from a YAML/JSON record, or the record's JSON Schema. */
export function registerComposeCommand(program: Command, io: CliIo, setExit: SetExit): void {
  program
    .command('compose')
    .description('Write a 6-K that EDGAR accepts from a record in YAML or JSON: the primary document, exhibits and the submission')
    .argument('[form]', 'the form to compose: 6-k')
    .argument('[input]', 'the record, as .yaml/.yml or .json')
    .option('--schema', "print the record's JSON Schema and exit")
    .option('--out <dir>', 'the folder to write into (created when missing)')
    .addOption(
      new Option('--format <format>', 'the primary document as legacy ASCII or as HTML').choices(['ascii', 'html']).default('ascii'),
    )
    .addOption(
      new Option('--submission <kind>', 'the submission file: txt (as EDGAR disseminates it) or xml (EDGARLink Online)')
        .choices(['txt', 'xml'])
        .default('txt'),
    )
    .option('--live', 'mark the EDGARLink XML as LIVE (default TEST)')
    .addHelpText(
      'after',
      '\nAccess codes are never read from the record: the EDGARLink XML takes the filer CIK and CCC from\n' +
        'EDGARKIT_FILER_CIK and EDGARKIT_FILER_CCC, or carries marked placeholders.\n' +
        'Exit codes: 0 written, 1 problems in the record (nothing written) or errors in what was written, 2 bad usage.\n' +
        'Examples:\n  edgarkit compose --schema > 6k.schema.json\n  edgarkit compose 6-k filing.yaml --out build/ --format html --submission xml\n',
    )
    .action(async (form: string | undefined, input: string | undefined, options: ComposeCommandOptions) => {
      setExit(await runComposeCommand(form, input, options, io));
    });
}

/**
 * `edgarkit compose`: the schema, or a composed 6-K written to a folder.
 * Kept in one function because it is the command's steps in order (schema, arguments, read, check, compose, validate,
 * write), each ending the command with a `UserError` or an exit code; split, it would only scatter one sequence.
 */
export async function runComposeCommand(
  form: string | undefined,
  input: string | undefined,
  options: ComposeCommandOptions,
  io: CliIo,
): Promise<ExitCode> {
  if (options.schema) {
    if (form !== undefined && form.toLowerCase() !== '6-k') throw new UserError(`There is no schema for "${form}"; compose writes 6-k`);
    io.stdout.write(`${JSON.stringify(FORM_6K_SCHEMA, null, 2)}\n`);
    return EXIT.ok;
  }
  if (form === undefined) throw new UserError('Say what to compose: edgarkit compose 6-k <input.yaml|json> --out DIR (or --schema)');
  if (form.toLowerCase() !== '6-k') throw new UserError(`Cannot compose "${form}": compose writes 6-k`);
  if (input === undefined) throw new UserError('Give the record to compose: edgarkit compose 6-k <input.yaml|json> --out DIR');
  if (options.out === undefined) throw new UserError('Say where to write: --out DIR');
  const text = await readFile(input, 'utf8').catch(() => {
    throw new UserError(`Cannot read ${input}: no such file`);
  });

  // A record extracted from a submission names it in `source`: its attached exhibits come from there.
  const parsed = readCompose6KInput(text, { source: input });
  const fromSource = parsed.ok ? await exhibitsFromSource(parsed.document, (path) => readSourceSubmission(path, input)) : null;
  const positions = parsed.ok ? parsed.document.positions : new Map<string, InputPosition>();
  const read: ReadRecordResult = !parsed.ok
    ? parsed
    : fromSource && fromSource.problems.length > 0
      ? { ok: false, problems: fromSource.problems.map((problem) => ({ ...problem, ...placeOf(positions, problem.path) })) }
      : checkCompose6KValue(fromSource?.value ?? parsed.document.value, positions);
  for (const warning of fromSource?.warnings ?? [])
    io.stderr.write(`${formatProblem(input, { ...warning, ...placeOf(positions, warning.path) })} (warning)\n`);
  if (!read.ok) {
    for (const problem of read.problems) io.stderr.write(`${formatProblem(input, problem)}\n`);
    io.stderr.write(`${read.problems.length} problem${read.problems.length === 1 ? '' : 's'} in ${input}; nothing was written\n`);
    return EXIT.problems;
  }
  for (const warning of read.warnings) io.stderr.write(`${formatProblem(input, warning)} (warning)\n`);
  const record = read.record;
  const placed = (path: string, message: string) => {
    const place = placeOf(read.positions, path);
    return `${input}:${place.line}:${place.column}: ${message}`;
  };

  const sources = await readExhibitFiles(record, input, placed, fromSource?.sources ?? new Map());
  if (sources.unreadable.length > 0) {
    for (const line of sources.unreadable) io.stderr.write(`${line}\n`);
    io.stderr.write(`${plural(sources.unreadable.length, 'file')} could not be read; nothing was written\n`);
    return EXIT.problems;
  }

  const cik = io.env.EDGARKIT_FILER_CIK ?? null;
  const ccc = io.env.EDGARKIT_FILER_CCC ?? null;
  const submissionPath = join(options.out, options.submission === 'xml' ? 'submission.xml' : 'submission.txt');
  // The proof comes with the composition: what was written passes EDGAR's rules, and reads back as the record.
  const checked = composeAndCheck(record, { format: options.format, sources: sources.files, filerCik: cik, source: submissionPath });
  const { composed } = checked;
  for (const problem of composed.problems)
    io.stderr.write(`${placed(problem.path, problem.message)}${problem.severity === 'warning' ? ' (warning)' : ''}\n`);
  if (!checked.ok || !checked.report) {
    io.stderr.write(`The record cannot be composed as ${options.format === 'ascii' ? 'ASCII' : 'HTML'}; nothing was written\n`);
    return EXIT.problems;
  }

  const written = await writeComposed(composed, options, submissionPath, { cik, ccc });
  io.stdout.write(`Wrote ${written.length} files:\n${written.map((line) => `  ${line}`).join('\n')}\n`);
  if (options.submission === 'xml') {
    if (!cik || !ccc)
      io.stdout.write('The XML carries placeholders for the access codes: set EDGARKIT_FILER_CIK and EDGARKIT_FILER_CCC to fill them.\n');
    else io.stdout.write(`The XML holds the filer's CCC: keep ${submissionPath} private.\n`);
    io.stdout.write('Parts of the EDGARLink XML layout are unconfirmed (the comment at its top says which): submit it as TEST first.\n');
  }

  const { report, differences } = checked;
  for (const finding of report.findings) io.stderr.write(`${formatFinding(submissionPath, finding)}\n`);
  for (const difference of differences)
    io.stderr.write(
      `${placed(difference.path, `${difference.path} reads back as ${JSON.stringify(difference.readBack)}, not ${JSON.stringify(difference.composed)}`)} (warning)\n`,
    );
  io.stdout.write(
    `Validation: ${report.errors} error${report.errors === 1 ? '' : 's'}, ${report.warnings} warning${report.warnings === 1 ? '' : 's'}; ` +
      `read back: ${differences.length === 0 ? 'the same record' : `${differences.length} field${differences.length === 1 ? '' : 's'} differ`}\n`,
  );
  return report.errors > 0 ? EXIT.problems : EXIT.ok;
}

/** The exhibits' files, relative to the input file; each one that cannot be read is a message with its place. */
async function readExhibitFiles(
  record: Compose6KRecord,
  input: string,
  placed: (path: string, message: string) => string,
  given: ReadonlyMap<string, Uint8Array>,
): Promise<{ files: Map<string, Uint8Array>; unreadable: string[] }> {
  const base = dirname(resolve(input));
  // Files already taken from the source submission are not looked for on disk.
  const files = new Map<string, Uint8Array>(given);
  const unreadable: string[] = [];
  const want = async (path: string, field: string) => {
    if (files.has(path)) return;
    try {
      files.set(path, await readFile(isAbsolute(path) ? path : join(base, path)));
    } catch {
      unreadable.push(placed(field, `${field}: cannot read "${path}" (looked in ${base})`));
    }
  };
  for (const [index, exhibit] of record.exhibits.entries()) {
    if (exhibit.file) await want(exhibit.file, `exhibits[${index}].file`);
    if (exhibit.pdf) await want(exhibit.pdf, `exhibits[${index}].pdf`);
    for (const [j, graphic] of (exhibit.graphics ?? []).entries()) await want(graphic, `exhibits[${index}].graphics[${j}]`);
  }
  return { files, unreadable };
}

/** Writes the documents and the submission (`.txt`, or EDGARLink XML) into `--out`; returns a line for each file. */
async function writeComposed(
  composed: Composed6K,
  options: ComposeCommandOptions,
  submissionPath: string,
  codes: { readonly cik: string | null; readonly ccc: string | null },
): Promise<string[]> {
  const out = options.out as string;
  await mkdir(out, { recursive: true });
  const written: string[] = [];
  for (const document of composed.documents) {
    const path = join(out, document.filename);
    await writeFile(path, document.bytes);
    written.push(`${path}  ${document.type}, document ${document.sequence}, ${document.bytes.length.toLocaleString('en-US')} bytes`);
  }
  if (options.submission === 'xml') {
    const xml = composeEdgarLinkXml(composed, { cik: codes.cik, ccc: codes.ccc, liveTestFlag: options.live ? 'LIVE' : 'TEST' });
    await writeFile(submissionPath, xml);
    written.push(
      `${submissionPath}  EDGARLink Online XML (${options.live ? 'LIVE' : 'TEST'}), ${plural(composed.documents.length, 'document')}`,
    );
  } else {
    await writeFile(submissionPath, composed.submissionTxt);
    written.push(
      `${submissionPath}  complete submission (SGML header + ${plural(composed.documents.length, 'document')}), as EDGAR disseminates it`,
    );
  }
  return written;
}

/** The submission a record names in `source`: as given (from the working folder), else beside the record. */
async function readSourceSubmission(
  path: string,
  input: string,
): Promise<{ readonly bytes: Uint8Array } | { readonly bytes: null; readonly looked: string }> {
  const candidates = isAbsolute(path) ? [path] : [resolve(path), resolve(dirname(input), path)];
  for (const candidate of candidates) {
    const bytes = await readFile(candidate).catch(() => null);
    if (bytes) return { bytes };
  }
  return { bytes: null, looked: [...new Set(candidates.map((candidate) => dirname(candidate)))].join(' and ') };
}

function plural(count: number, word: string): string {
  return `${count.toLocaleString('en-US')} ${word}${count === 1 ? '' : 's'}`;
}
