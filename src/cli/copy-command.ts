import type { Command } from 'commander';
import { copySqliteToPostgres } from '../store/postgres/copy-from-sqlite.js';
import { positiveInteger } from './database-options.js';
import { type CliIo, EXIT, type ExitCode, UserError } from './io.js';
import { count, displayUrl, POSTGRES_URL, type ScaleCommandContext } from './scale-options.js';

/** `edgarkit copy`: Copy a SQLite database into PostgreSQL. */
export function registerCopyCommand(
  program: Command,
  io: CliIo,
  setExit: (code: ExitCode) => void,
  context: ScaleCommandContext = {},
): void {
  program
    .command('copy')
    .description('Copy a SQLite database into PostgreSQL (resumable), then compare row counts and content hashes')
    .requiredOption('--from <file>', 'the SQLite database file')
    .requiredOption('--to <url>', 'the PostgreSQL database (postgres://user@host:5432/edgarkit)')
    .option('--batch <n>', 'filings per transaction', positiveInteger('--batch'), 200)
    .addHelpText(
      'after',
      '\nAn interrupted copy resumes where it stopped: accessions already there with the same content hash are skipped.\n',
    )
    .action(async (options: { from: string; to: string; batch: number }) => {
      if (!POSTGRES_URL.test(options.to)) throw new UserError(`--to needs a postgres:// URL, not ${options.to}`);
      const tty = io.stderr.isTTY === true;
      let result: Awaited<ReturnType<typeof copySqliteToPostgres>>;
      try {
        result = await copySqliteToPostgres(options.from, options.to, {
          batchSize: Math.max(1, options.batch),
          ...(context.signal ? { signal: context.signal } : {}),
          onProgress: (progress) => {
            const done = progress.copied + progress.skipped;
            const rate = progress.seconds > 0 ? progress.copied / progress.seconds : 0;
            io.stderr.write(
              `${tty ? '\r\u001b[2K' : ''}copy: ${count(done)} of ${count(progress.total)} filings (${count(progress.skipped)} already there), ${rate.toFixed(0)} filings/s${tty ? '' : '\n'}`,
            );
          },
        });
      } catch (error) {
        if (error instanceof UserError) throw error;
        throw new UserError(
          `Cannot copy ${options.from} to ${displayUrl(options.to)}: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
      if (tty) io.stderr.write('\n');
      io.stdout.write(
        `${count(result.copied)} filings copied, ${count(result.skipped)} already there, of ${count(result.total)} in ${result.seconds.toFixed(1)} s\n`,
      );
      if (result.interrupted || !result.check) {
        io.stderr.write('edgarkit: interrupted; everything copied so far is saved. Run the same command again to finish.\n');
        setExit(EXIT.problems);
        return;
      }
      const check = result.check;
      io.stdout.write('table            sqlite      postgres\n');
      for (const row of check.counts) {
        io.stdout.write(
          `${row.table.padEnd(14)} ${count(row.sqlite).padStart(10)}  ${count(row.postgres).padStart(12)}${row.sqlite === row.postgres ? '' : '  differs'}\n`,
        );
      }
      io.stdout.write(
        `content hashes: ${count(check.matching)} match, ${count(check.missing.length)} missing, ${count(check.different.length)} different, ${count(check.extra)} only in PostgreSQL\n`,
      );
      for (const id of check.missing.slice(0, 10)) io.stdout.write(`  missing: ${id}\n`);
      for (const id of check.different.slice(0, 10)) io.stdout.write(`  different: ${id}\n`);
      io.stdout.write(check.ok ? 'The copy is complete and identical.\n' : 'The copy differs from the source (see above).\n');
      setExit(check.ok ? EXIT.ok : EXIT.problems);
    });
}
