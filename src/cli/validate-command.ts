import { stat } from 'node:fs/promises';
import type { Command } from 'commander';
import { readRawSubmissions } from '../io/read-submissions.js';
import { formatFinding } from '../validate/finding.js';
import { RULES } from '../validate/rules.js';
import { type ValidationReport, validateSubmission } from '../validate/validate-submission.js';
import { type CliIo, EXIT, type ExitCode, UserError } from './io.js';
import { passOverNotAFiling } from './not-a-filing.js';

/** `validate`: any filing against EDGAR's rules. */
export function registerValidateCommand(program: Command, io: CliIo, setExit: (code: ExitCode) => void): void {
  program
    .command('validate')
    .description("Check filings against EDGAR's document rules: characters, line lengths, HTML, file names, types, sequence, uuencoding")
    .argument('<input>', 'a submission .txt/.nc, a bare .txt/.htm document, a folder, a .tar/.tar.gz archive, or - for stdin')
    .option('--json', 'print the findings as JSON')
    .addHelpText(
      'after',
      `\nRules:\n${Object.entries(RULES)
        .map(([code, rule]) => `  ${code.padEnd(26)} ${rule.severity.padEnd(7)} ${rule.summary}`)
        .join('\n')}\n\nExit codes: 0 no errors (warnings allowed), 1 errors found, 2 bad usage or unreadable input.\n`,
    )
    .action(async (input: string, options: { json?: boolean }) => {
      setExit(await runValidateCommand(input, options, io));
    });
}

/** `edgarkit validate`: every submission of a file, folder or archive against EDGAR's rules. */
export async function runValidateCommand(input: string, options: { json?: boolean }, io: CliIo): Promise<ExitCode> {
  if (input !== '-') await stat(input).catch(() => Promise.reject(new UserError(`Cannot read ${input}: no such file or directory`)));
  const reports: ValidationReport[] = [];
  let unreadable = 0;
  for await (const entry of readRawSubmissions(input, {}, io.stdin)) {
    if (!entry.ok) {
      if (passOverNotAFiling(entry, input, io)) continue;
      unreadable++;
      io.stderr.write(`${entry.source}: ${entry.error.message}\n`);
      continue;
    }
    const report = validateSubmission(entry.bytes, { source: entry.source });
    reports.push(report);
    if (!options.json) {
      for (const finding of report.findings) io.stdout.write(`${formatFinding(entry.source, finding)}\n`);
      io.stdout.write(
        `${entry.source}: ${report.errors} error${report.errors === 1 ? '' : 's'}, ${report.warnings} warning${report.warnings === 1 ? '' : 's'}\n`,
      );
    }
  }
  if (reports.length === 0 && unreadable === 0) throw new UserError(`No submissions found in ${input}`);
  const errors = reports.reduce((sum, report) => sum + report.errors, 0);
  const warnings = reports.reduce((sum, report) => sum + report.warnings, 0);
  const byRule = new Map<string, number>();
  for (const report of reports)
    for (const finding of report.findings) byRule.set(finding.code, (byRule.get(finding.code) ?? 0) + 1 + (finding.more ?? 0));
  if (options.json) {
    io.stdout.write(
      `${JSON.stringify({ files: reports, totals: { files: reports.length, unreadable, errors, warnings, byRule: Object.fromEntries([...byRule].sort()) } }, null, 2)}\n`,
    );
  } else if (reports.length > 1) {
    io.stdout.write(`${reports.length} files: ${errors} errors, ${warnings} warnings${unreadable ? `, ${unreadable} unreadable` : ''}\n`);
    for (const [code, count] of [...byRule].sort()) io.stdout.write(`  ${code.padEnd(26)} ${String(count).padStart(6)}\n`);
  }
  if (unreadable > 0 && reports.length === 0) return EXIT.usage;
  return errors > 0 ? EXIT.problems : EXIT.ok;
}
