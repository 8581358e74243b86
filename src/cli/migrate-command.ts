import type { Command } from 'commander';
import { migratePostgres, POSTGRES_SCHEMA_VERSION } from '../store/postgres/postgres-store.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import { databaseSpec } from './database-options.js';
import { type CliIo, EXIT, type ExitCode } from './io.js';
import { cannotOpen, displayUrl, POSTGRES_URL } from './scale-options.js';

/** `edgarkit migrate`: Bring a database schema up to date. */
export function registerMigrateCommand(program: Command, io: CliIo, setExit: (code: ExitCode) => void): void {
  program
    .command('migrate')
    .description('Bring a database schema up to date (SQLite file or PostgreSQL URL); safe to run any time')
    .option('--db <file|url>', 'database file or postgres:// URL (default: $EDGARKIT_DB or ~/.local/share/edgarkit/edgarkit.db)')
    .action(async (options: { db?: string }) => {
      const spec = databaseSpec(options.db, io);
      if (POSTGRES_URL.test(spec)) {
        let applied: number[];
        try {
          applied = await migratePostgres(spec);
        } catch (error) {
          throw cannotOpen(spec, error);
        }
        io.stdout.write(
          applied.length > 0
            ? `${displayUrl(spec)}: applied migration${applied.length === 1 ? '' : 's'} ${applied.join(', ')}; schema version ${POSTGRES_SCHEMA_VERSION}\n`
            : `${displayUrl(spec)}: schema up to date (version ${POSTGRES_SCHEMA_VERSION})\n`,
        );
      } else {
        try {
          await openSqliteStore(spec).close();
        } catch (error) {
          throw cannotOpen(spec, error);
        }
        io.stdout.write(`${spec}: schema up to date\n`);
      }
      setExit(EXIT.ok);
    });
}
