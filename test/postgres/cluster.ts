import { spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/**
 * A private PostgreSQL cluster for tests and benchmarks: `initdb` in a temporary folder, a free port on
 * 127.0.0.1 and a unix socket in the same folder, `pg_ctl start -w`; `stop()` shuts it down and removes the folder.
 *
 * PostgreSQL refuses to run as root. When the tests run as root (as in CI), the cluster runs as the `postgres`
 * user that Debian's package creates (else `nobody`), through `runuser`; the folder is handed to that user.
 * Missing binaries are an error with a clear message, never a silent skip: CI installs `postgresql` with apt.
 */
export interface TestCluster {
  readonly port: number;
  readonly directory: string;
  /** A connection URL for `database` over loopback TCP. */
  url(database?: string): string;
  /** Creates a fresh, empty database and returns its URL. */
  createDatabase(prefix?: string): Promise<string>;
  stop(): Promise<void>;
}

export interface TestClusterOptions {
  /** Keep fsync and synchronous commit on (benchmarks); tests turn them off for speed. */
  readonly durable?: boolean;
  /** Extra `-c name=value` settings. */
  readonly settings?: Readonly<Record<string, string>>;
}

const SUPERUSER = 'edgarkit';

/** The folder holding initdb/pg_ctl: $EDGARKIT_PG_BIN, else the newest /usr/lib/postgresql/N/bin, else $PATH. */
export function postgresBinaries(): string {
  const candidates: string[] = [];
  if (process.env.EDGARKIT_PG_BIN) candidates.push(process.env.EDGARKIT_PG_BIN);
  if (existsSync('/usr/lib/postgresql')) {
    const versions = readdirSync('/usr/lib/postgresql')
      .filter((name) => /^\d+$/.test(name))
      .sort((a, b) => Number(b) - Number(a));
    for (const version of versions) candidates.push(join('/usr/lib/postgresql', version, 'bin'));
  }
  for (const dir of (process.env.PATH ?? '').split(':')) if (dir) candidates.push(dir);
  for (const dir of candidates) {
    if (existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl'))) return dir;
  }
  throw new Error(
    'PostgreSQL server binaries (initdb, pg_ctl) were not found in $EDGARKIT_PG_BIN, /usr/lib/postgresql/*/bin or $PATH. ' +
      'The PostgreSQL tests need them: install the server (Debian/Ubuntu: apt-get install -y postgresql) or set EDGARKIT_PG_BIN.',
  );
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** The user the server runs as: ourselves, or (as root) `postgres`, else `nobody`. */
function serverUser(): { name: string; uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  for (const name of ['postgres', 'nobody']) {
    const uid = spawnSync('id', ['-u', name], { encoding: 'utf8' });
    const gid = spawnSync('id', ['-g', name], { encoding: 'utf8' });
    if (uid.status === 0 && gid.status === 0) return { name, uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  }
  throw new Error('Tests run as root, and PostgreSQL refuses to: no "postgres" or "nobody" user was found to run it as (useradd postgres)');
}

function run(bin: string, args: readonly string[], user: { name: string } | null, cwd: string): void {
  const [command, commandArgs] = user ? ['runuser', ['-u', user.name, '--', bin, ...args]] : [bin, [...args]];
  const result = spawnSync(command as string, commandArgs as string[], { cwd, encoding: 'utf8', timeout: 120_000 });
  if (result.status !== 0) {
    throw new Error(
      `${[bin, ...args].join(' ')} failed (${result.error?.message ?? `exit ${result.status}`}):\n${result.stdout}${result.stderr}`,
    );
  }
}

export async function startTestCluster(options: TestClusterOptions = {}): Promise<TestCluster> {
  const bin = postgresBinaries();
  const user = serverUser();
  const directory = mkdtempSync(join(tmpdir(), 'edgarkit-pg-'));
  const data = join(directory, 'data');
  if (user) chownSync(directory, user.uid, user.gid);
  const initdb = (locale: string[]) =>
    run(join(bin, 'initdb'), ['-D', data, '-U', SUPERUSER, '--auth=trust', '-E', 'UTF8', ...locale, '--no-sync'], user, directory);
  try {
    initdb(['--locale=C.UTF-8']);
  } catch {
    rmSync(data, { recursive: true, force: true });
    initdb(['--no-locale']);
  }
  const settings: Record<string, string> = {
    listen_addresses: '127.0.0.1',
    unix_socket_directories: directory,
    max_connections: '60',
    shared_buffers: '64MB',
    ...(options.durable ? {} : { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' }),
    ...options.settings,
  };
  let port = 0;
  for (let attempt = 1; ; attempt++) {
    port = await freePort();
    const serverOptions = [`-p ${port}`, ...Object.entries(settings).map(([name, value]) => `-c ${name}=${value}`)].join(' ');
    try {
      run(
        join(bin, 'pg_ctl'),
        ['start', '-w', '-t', '60', '-D', data, '-l', join(directory, 'server.log'), '-o', serverOptions],
        user,
        directory,
      );
      break;
    } catch (error) {
      // Another process may have taken the port between the check and the start: try another one.
      if (attempt >= 3) {
        const log = existsSync(join(directory, 'server.log')) ? readFileSync(join(directory, 'server.log'), 'utf8') : '';
        rmSync(directory, { recursive: true, force: true });
        throw new Error(`${error instanceof Error ? error.message : String(error)}\n${log}`);
      }
    }
  }
  let stopped = false;
  const stopNow = (mode: 'fast' | 'immediate') => {
    if (stopped) return;
    stopped = true;
    try {
      run(join(bin, 'pg_ctl'), ['stop', '-w', '-D', data, '-m', mode], user, directory);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  };
  // A process that ends without stop() (a crash, Ctrl-C, a timeout) still takes its server down.
  const onExit = () => stopNow('immediate');
  const onSignal = (signal: NodeJS.Signals) => {
    stopNow('immediate');
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
    process.kill(process.pid, signal);
  };
  process.once('exit', onExit);
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  let databases = 0;
  const url = (database = 'postgres') => `postgres://${SUPERUSER}@127.0.0.1:${port}/${database}`;
  return {
    port,
    directory,
    url,
    async createDatabase(prefix = 'test') {
      const name = `${prefix.replace(/[^a-z0-9_]/gi, '_').toLowerCase()}_${process.pid}_${++databases}`;
      const client = new pg.Client({ connectionString: url() });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE "${name}"`);
      } finally {
        await client.end();
      }
      return url(name);
    },
    async stop() {
      process.removeListener('exit', onExit);
      process.removeListener('SIGINT', onSignal);
      process.removeListener('SIGTERM', onSignal);
      stopNow('fast');
    },
  };
}

/** Runs `psql`-like SQL against a URL once (for test assertions). */
export async function queryOnce<T extends Record<string, unknown>>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}
