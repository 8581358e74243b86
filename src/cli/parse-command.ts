import { readFileSync } from 'node:fs';
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { type Command, Option } from 'commander';
import { locateOffset } from '../core/location.js';
import { readSubmissions } from '../io/read-submissions.js';
import { pathInside, safeFileName } from '../io/safe-path.js';
import type { Submission } from '../model/submission.js';
import { type SubmissionSummary, summarizeSubmission } from '../pipeline/submission-summary.js';
import { type CliIo, EXIT, type ExitCode, UserError } from './io.js';
import { passOverNotAFiling } from './not-a-filing.js';

export interface ParseCommandOptions {
  readonly json?: boolean;
  readonly jsonl?: boolean;
  readonly strict?: boolean;
  readonly extractAttachments?: string;
}

/** `edgarkit parse <file|dir|archive|->`: read submissions and print what they hold. */
export async function runParseCommand(input: string, options: ParseCommandOptions, io: CliIo): Promise<ExitCode> {
  if (options.json && options.jsonl) throw new UserError('Choose one of --json and --jsonl');
  if (input !== '-') {
    await stat(input).catch(() => {
      throw new UserError(`Cannot read ${input}: no such file or directory`);
    });
  }
  let exitCode: ExitCode = EXIT.ok;
  let count = 0;
  let failed = 0;
  let withErrors = 0;
  let heldForJson: SubmissionSummary | null = null;
  for await (const entry of readSubmissions(input, { strict: options.strict ?? false }, io.stdin)) {
    if (!entry.ok && passOverNotAFiling(entry, input, io)) continue;
    count++;
    if (!entry.ok) {
      failed++;
      const strictFailure = entry.error.name === 'EdgarSyntaxError';
      io.stderr.write(`${strictFailure ? '' : `${entry.source}: `}${entry.error.message}\n`);
      exitCode = strictFailure ? maxExit(exitCode, EXIT.problems) : EXIT.usage;
      continue;
    }
    const { submission, source } = entry;
    const locate = await locatorFor(source, input);
    const summary = summarizeSubmission(submission, source, locate);
    if (submission.diagnostics.some((found) => found.severity === 'error')) withErrors++;
    if (options.extractAttachments) await extractAttachments(submission, summary, options.extractAttachments, io);
    // The summary holds no view of the submission's bytes: a tar member's memory can take the next member.
    entry.release?.();
    if (options.jsonl) io.stdout.write(`${JSON.stringify(summary)}\n`);
    else if (options.json) {
      if (heldForJson) {
        throw new UserError(`${input} holds more than one submission; use --jsonl for one JSON object per line`);
      }
      heldForJson = summary;
    } else io.stdout.write(describeSubmission(summary));
  }
  if (options.json && heldForJson) io.stdout.write(`${JSON.stringify(heldForJson, null, 2)}\n`);
  if (count === 0) throw new UserError(`No submissions found in ${input}`);
  if (!options.json && !options.jsonl && count > 1) {
    io.stdout.write(`${count} inputs: ${count - failed} parsed (${withErrors} with errors), ${failed} failed\n`);
  }
  return exitCode;
}

function maxExit(a: ExitCode, b: ExitCode): ExitCode {
  return (a > b ? a : b) as ExitCode;
}

/** Line and column for diagnostics, when the source is a plain file we can read again. */
async function locatorFor(source: string, input: string): Promise<((offset: number) => { line: number; column: number }) | undefined> {
  if (source === '<stdin>' || source.includes('.tar:') || source.includes('.tgz:') || source.includes('.gz:')) return undefined;
  if (input.endsWith('.gz')) return undefined;
  let bytes: Buffer | null = null;
  return (offset) => {
    bytes ??= readFileSyncSafe(source);
    return bytes ? locateOffset(bytes, offset) : { line: 0, column: 0 };
  };
}

function readFileSyncSafe(path: string): Buffer | null {
  try {
    return readFileSync(path);
  } catch {
    return null;
  }
}

async function extractAttachments(submission: Submission, summary: SubmissionSummary, root: string, io: CliIo): Promise<void> {
  // Loaded only here: the reading pipeline (HTML, XML, forms) is not needed to summarise submissions.
  const { readAttachments } = await import('../pipeline/read-filing.js');
  const folder = safeFileName(summary.accessionNumber ?? summary.source.split(/[\\/:]/).pop() ?? null, 'submission');
  for (const { document, attachment: decoded } of readAttachments(submission)) {
    const name = safeFileName(document.filename ?? decoded.filename, `document-${document.sequence ?? 'x'}.bin`);
    const target = pathInside(root, folder, name);
    await mkdir(pathInside(root, folder), { recursive: true });
    await writeFile(target, decoded.bytes);
    io.stderr.write(`wrote ${target} (${decoded.bytes.length} bytes)\n`);
  }
}

/** The human summary: what a person wants to see first. */
export function describeSubmission(summary: SubmissionSummary): string {
  const lines: string[] = [];
  const title = [summary.accessionNumber ?? '(no accession number)', summary.formType ?? summary.documents[0]?.type ?? '(no form type)'];
  lines.push(`${summary.source}`);
  lines.push(`  ${title.join('  ')}  [${summary.format}${summary.privacyEnhanced ? ', PEM envelope' : ''}]`);
  const dates = [
    summary.filedAt && `filed ${summary.filedAt}`,
    summary.periodOfReport && `period ${summary.periodOfReport}`,
    summary.acceptanceDateTime && `accepted ${summary.acceptanceDateTime}`,
  ].filter(Boolean);
  if (dates.length > 0) lines.push(`  ${dates.join(', ')}`);
  if (summary.items.length > 0) lines.push(`  items: ${summary.items.join(', ')}`);
  for (const filer of summary.filers) {
    lines.push(`  ${filer.role.padEnd(16)} ${filer.name ?? '(no name)'}${filer.cik ? `  CIK ${filer.cik}` : ''}`);
  }
  lines.push(`  ${summary.documents.length} document${summary.documents.length === 1 ? '' : 's'}:`);
  // The name column as wide as the longest name (within reason), so the sizes stay in one column.
  const nameWidth = Math.min(60, Math.max(28, ...summary.documents.map((document) => (document.filename ?? '-').length)));
  for (const document of summary.documents) {
    const size = document.decodedByteLength !== null ? `${document.decodedByteLength} bytes decoded` : `${document.byteLength} bytes`;
    const extra = [document.wrapper, document.encoding === 'uuencode' ? 'uuencoded' : null].filter(Boolean).join(', ');
    lines.push(
      `    ${String(document.sequence ?? '-').padStart(3)}  ${(document.type ?? '-').padEnd(12)} ${(document.filename ?? '-').padEnd(nameWidth)} ${size}${extra ? ` (${extra})` : ''}${document.description ? `  ${document.description}` : ''}`,
    );
  }
  const shown = summary.diagnostics.filter((found) => found.severity !== 'info');
  for (const found of shown) {
    const place = found.line ? `${summary.source}:${found.line}:${found.column}` : `${summary.source}@${found.offset}`;
    lines.push(`  ${found.severity}: ${place}: ${found.message} [${found.code}]`);
  }
  return `${lines.join('\n')}\n`;
}

/** Adds `edgarkit parse`. */
export function registerParseCommand(program: Command, io: CliIo, setExit: (code: ExitCode) => void): void {
  program
    .command('parse')
    .description('Read submissions (a .txt/.nc file, a folder, a .tar/.tar.gz feed archive, or - for stdin) and summarise them')
    .argument('<input>', 'file, directory, .tar/.tar.gz archive, or - for stdin')
    .option('--json', 'print one submission as JSON')
    .option('--jsonl', 'print one JSON object per submission per line')
    .option('--strict', 'fail on any repaired problem with file:line:col: message (exit 1)')
    .addOption(new Option('--extract-attachments <dir>', 'write decoded uuencoded attachments under <dir>/<accession>/'))
    .addHelpText(
      'after',
      '\nExit codes: 0 parsed, 1 problems found in --strict mode, 2 bad usage or unreadable input.\n' +
        'Examples:\n  edgarkit parse filing.txt\n  edgarkit parse 20021226.nc.tar.gz --jsonl > filings.jsonl\n',
    )
    .action(async (input: string, options: { json?: boolean; jsonl?: boolean; strict?: boolean; extractAttachments?: string }) => {
      setExit(await runParseCommand(input, options, io));
    });
}
