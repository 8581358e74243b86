import type { Command } from 'commander';
import type { StoreStats } from '../store/store.js';
import { dbOption, openForReading } from './database-options.js';
import { type CliIo, EXIT, type ExitCode } from './io.js';

/** `edgarkit stats`: what the database holds. */
export function registerStatsCommand(program: Command, io: CliIo, setExit: (code: ExitCode) => void): void {
  program
    .command('stats')
    .description('What the database holds')
    .addOption(dbOption())
    .option('--json', 'print JSON')
    .action(async (options: { db?: string; json?: boolean }) => {
      setExit(await runStatsCommand(options, io));
    });
}

export async function runStatsCommand(options: { readonly db?: string; readonly json?: boolean }, io: CliIo): Promise<ExitCode> {
  const store = await openForReading(options.db, io);
  try {
    const stats = await store.stats();
    io.stdout.write(options.json ? `${JSON.stringify(stats, null, 2)}\n` : describeStats(stats));
    return EXIT.ok;
  } finally {
    await store.close();
  }
}

function describeStats(stats: StoreStats): string {
  const forms = stats.formTypes.slice(0, 20).map((entry) => `  ${entry.formType.padEnd(12)} ${entry.count}`);
  if (stats.formTypes.length > 20) forms.push(`  … ${stats.formTypes.length - 20} more form types (--json lists them all)`);
  return [
    `${stats.filings} filings, ${stats.documents} documents, ${stats.companies} companies`,
    `filed ${stats.firstFiledAt ?? '-'} to ${stats.lastFiledAt ?? '-'}`,
    `${(stats.originalBytes / 1e6).toFixed(1)} MB of submissions kept as ${(stats.blobBytes / 1e6).toFixed(1)} MB (${stats.blobs} blobs)`,
    `${stats.facts} XBRL facts`,
    ...forms,
    '',
  ].join('\n');
}
