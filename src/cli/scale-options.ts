import { databaseSpec } from './database-options.js';
import { type CliIo, UserError } from './io.js';

export interface ScaleCommandContext {
  /** Aborted on Ctrl-C / SIGTERM: a worker hands its job back, a copy stops after the current batch. */
  readonly signal?: AbortSignal;
}

export const POSTGRES_URL = /^postgres(ql)?:\/\//i;

/** A URL as shown to people: the password replaced. */
export function displayUrl(url: string): string {
  return url.replace(/^(postgres(?:ql)?:\/\/[^:/@]+:)[^@]*@/i, '$1***@');
}

/** The `--db` of a command that needs PostgreSQL; a SQLite file is refused with a message that says so. */
export function postgresSpec(option: string | undefined, io: CliIo, command: string): string {
  const spec = databaseSpec(option, io);
  if (!POSTGRES_URL.test(spec)) {
    throw new UserError(
      `"edgarkit ${command}" needs a PostgreSQL database: --db postgres://user@host:5432/edgarkit (or $EDGARKIT_DB), not ${spec}`,
    );
  }
  return spec;
}

export function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  if (seconds < 90) return `${Math.round(seconds)} s`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min`;
  if (seconds < 172_800) return `${(seconds / 3600).toFixed(1)} h`;
  return `${(seconds / 86_400).toFixed(1)} days`;
}

export const count = (value: number) => value.toLocaleString('en-US');

export function cannotOpen(spec: string, error: unknown): UserError {
  return new UserError(`Cannot open the database ${displayUrl(spec)}: ${error instanceof Error ? error.message : String(error)}`);
}
