import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { Command } from 'commander';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeEdgar, startFakeEdgar } from '../../test/fake-edgar/fake-edgar.js';
import { listFiles, TEST_USER_AGENT, temporaryDirectory } from '../../test/fake-edgar/test-client.js';
import { readSubmissions } from '../io/read-submissions.js';
import { configPath, registerFetchCommands, resolveUserAgent } from './fetch-command.js';
import type { CliIo } from './io.js';
import { UserError } from './io.js';

let server: FakeEdgar;
let home: { path: string; remove: () => Promise<void> };

beforeAll(async () => {
  server = await startFakeEdgar();
  home = await temporaryDirectory('home');
});
afterAll(async () => {
  await server.close();
  await home.remove();
});
beforeEach(() => {
  server.clearFaults();
  server.resetRequests();
});

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly error: unknown;
}

/** Runs `edgarkit fetch …` through commander, the way main.ts will, with captured streams. */
async function run(
  args: readonly string[],
  options: { env?: Record<string, string>; tty?: boolean; userAgent?: boolean } = {},
): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text), isTTY: options.tty ?? false },
    stdin: Readable.from([]),
    env: { HOME: home.path, ...options.env },
  };
  let code: number | null = null;
  const program = new Command('edgarkit')
    .exitOverride()
    .configureOutput({ writeOut: (text) => (stdout += text), writeErr: (text) => (stderr += text) });
  registerFetchCommands(program, io, (exit) => {
    code = exit;
  });
  const connection = [
    '--base-url',
    server.url,
    '--data-url',
    server.url,
    ...(options.userAgent === false ? [] : ['--user-agent', TEST_USER_AGENT]),
  ];
  let error: unknown = null;
  try {
    await program.parseAsync(['fetch', ...args, ...connection], { from: 'user' });
  } catch (caught) {
    error = caught;
  }
  return { code, stdout, stderr, error };
}

describe('edgarkit fetch index', () => {
  it('prints the rows of a full index, filtered by form', async () => {
    const result = await run(['index', '--year', '2009', '--quarter', '1', '--form', '6-K']);
    expect(result.error).toBeNull();
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(16);
    expect(lines[0]).toBe('6-K          0001383790 2009-02-13 0001193125-09-029210 3SBio Inc.');
    expect(result.stderr).toMatch(/^16 rows of form 6-K; index fetched\n {2}1 request \(0 answered 304 from cache, 0 retried\)/);
    expect(server.requests.map((request) => request.path)).toEqual(['/Archives/edgar/full-index/2009/QTR1/form.idx']);
  });

  it('prints JSON, reads the master layout and the gzipped variant, and daily indexes', async () => {
    const result = await run(['index', '--year', '2009', '--quarter', '4', '--type', 'master', '--gz', '--json']);
    expect(result.code).toBe(0);
    const rows = JSON.parse(result.stdout) as { formType: string; cik: string }[];
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((row) => row.formType === '6-K' && /^\d{10}$/.test(row.cik))).toBe(true);
    expect(server.requests[0]?.path).toBe('/Archives/edgar/full-index/2009/QTR4/master.gz');
    const daily = await run(['index', '--date', '2009-01-02', '--type', 'company', '--jsonl']);
    expect(JSON.parse(daily.stdout)).toMatchObject({ accessionNumber: '0000912282-09-000008', companyName: '7076991 Canada Inc.' });
  });

  it('refuses bad usage before sending anything', async () => {
    for (const args of [
      ['index', '--year', '2009'],
      ['index', '--year', '2009', '--quarter', '5'],
      ['index', '--date', '2009-01-02', '--year', '2009'],
      ['index', '--year', '2009', '--quarter', '1', '--rate', '20'],
      ['index', '--year', '2009', '--quarter', '1', '--rate', 'fast'],
      ['filings', '--out', 'x'],
      ['filings', '--cik', '1', '--ticker', 'A', '--out', 'x'],
      ['filings', '--cik', '1453015'],
      ['filings', '--cik', '1453015', '--out', 'x', '--from', '2009-1-1'],
      ['feed', '--out', 'x'],
    ]) {
      const result = await run(args);
      expect(result.error, args.join(' ')).toBeInstanceOf(UserError);
    }
    const rate = await run(['index', '--year', '2009', '--quarter', '1', '--rate', '20']);
    expect((rate.error as Error).message).toBe("--rate may be at most 10 (SEC's fair-access limit), found 20");
    expect(server.requests).toHaveLength(0);
  });

  it('reports a give-up clearly with exit code 1', async () => {
    server.inject({ kind: 'status', status: 503 }, { times: 10 });
    const result = await run(['index', '--year', '2009', '--quarter', '1', '--retries', '1']);
    expect(result.error).toBeNull();
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `edgarkit: Gave up on ${server.url}/Archives/edgar/full-index/2009/QTR1/form.idx after 2 tries; last status: 503 Service Unavailable\n`,
    );
    expect(result.stderr).toMatch(/^retry after try 1 of .*form\.idx: 503 Service Unavailable; waiting \d+\.\d s\n/);
  });
});

describe('User-Agent for the CLI', () => {
  it('without one: a clear error that says how to set it, and zero requests', async () => {
    const result = await run(['index', '--year', '2009', '--quarter', '1'], { userAgent: false });
    expect(result.error).toBeInstanceOf(UserError);
    expect((result.error as Error).message).toMatch(
      /No User-Agent was given.*--user-agent, the EDGARKIT_USER_AGENT environment variable, or .*config\.json/s,
    );
    expect(server.requests).toHaveLength(0);
  });

  it('takes it from EDGARKIT_USER_AGENT, else from the config file', async () => {
    await run(['index', '--year', '2009', '--quarter', '1'], {
      userAgent: false,
      env: { EDGARKIT_USER_AGENT: 'Env Person env@example.com' },
    });
    const path = configPath({ HOME: home.path });
    expect(path).toBe(join(home.path, '.config', 'edgarkit', 'config.json'));
    await mkdir(join(home.path, '.config', 'edgarkit'), { recursive: true });
    await writeFile(path, JSON.stringify({ userAgent: 'Config Person config@example.com' }));
    await run(['index', '--year', '2009', '--quarter', '1'], { userAgent: false });
    expect(server.requests.map((request) => request.userAgent)).toEqual(['Env Person env@example.com', 'Config Person config@example.com']);
    expect(await resolveUserAgent('Flag Person flag@example.com', { HOME: home.path, EDGARKIT_USER_AGENT: 'x' })).toBe(
      'Flag Person flag@example.com',
    );
    await writeFile(path, '{ not json');
    await expect(resolveUserAgent(undefined, { HOME: home.path })).rejects.toThrow(/^Cannot read .*config\.json: /);
    await writeFile(path, '{}');
  });
});

describe('edgarkit fetch filings', () => {
  it('downloads into DIR, prints plain progress lines and a summary, and a re-run skips everything', async () => {
    const out = await temporaryDirectory('cli-filings');
    try {
      const first = await run(['filings', '--cik', '1453015', '--out', out.path]);
      expect(first.error).toBeNull();
      expect(first.code).toBe(0);
      expect(first.stderr).not.toContain('\r');
      expect(first.stderr.match(/^\[\d\/6\] fetched .*\.txt \(\d+ bytes\)$/gm)).toHaveLength(6);
      expect(first.stderr).toContain(
        'Ballard Power Systems Inc. (CIK 0001453015): 6 filings selected; fetched 6, skipped 0 (already complete), failed 0\n',
      );
      const names = await listFiles(out.path);
      expect(names).toEqual(
        server
          .filingsOf('1453015')
          .map((filing) => `${filing.accessionNumber}.txt`)
          .sort(),
      );
      for (const filing of server.filingsOf('1453015')) {
        expect((await readFile(join(out.path, `${filing.accessionNumber}.txt`))).equals(filing.bytes)).toBe(true);
      }

      server.resetRequests();
      const second = await run(['filings', '--ticker', 'BLDP', '--out', out.path]);
      expect(second.code).toBe(0);
      expect(second.stderr).toContain('fetched 0, skipped 6 (already complete), failed 0');
      expect(server.requests.map((request) => request.path)).toEqual([
        '/files/company_tickers.json',
        '/submissions/CIK0001453015.json',
        '/submissions/CIK0001453015-submissions-001.json',
      ]);
    } finally {
      await out.remove();
    }
  });

  it('with --cache, a second run is answered with 304s', async () => {
    const out = await temporaryDirectory('cli-cache');
    try {
      const cache = join(out.path, 'cache');
      await run(['filings', '--cik', '1453015', '--form', '6-K', '--from', '2010-01-01', '--out', join(out.path, 'a'), '--cache', cache]);
      server.resetRequests();
      const second = await run([
        'filings',
        '--cik',
        '1453015',
        '--form',
        '6-K',
        '--from',
        '2010-01-01',
        '--out',
        join(out.path, 'b'),
        '--cache',
        cache,
      ]);
      expect(second.code).toBe(0);
      expect(second.stderr).toContain('4 filings selected; fetched 4, skipped 0 (already complete), failed 0');
      expect(second.stderr).toMatch(/6 requests \(6 answered 304 from cache, 0 retried\), 0 B in/);
      expect(server.requests.every((request) => request.status === 304)).toBe(true);
      expect(await listFiles(join(out.path, 'b'))).toEqual(await listFiles(join(out.path, 'a')));
    } finally {
      await out.remove();
    }
  });

  it('draws one updating line on a terminal', async () => {
    const out = await temporaryDirectory('cli-tty');
    try {
      server.inject({ kind: 'slow-body', chunkBytes: 8192, delayMs: 120 }, { path: /\.txt$/ });
      const result = await run(['filings', '--cik', '1453015', '--out', out.path, '--to', '2009-12-31'], { tty: true });
      expect(result.code).toBe(0);
      // Each redraw is carriage return + "erase line" (ESC [2K), written here as <redraw>.
      const stderr = result.stderr.replaceAll('\r\x1b[2K', '<redraw>');
      expect(stderr).toContain('<redraw>');
      expect(stderr).not.toMatch(/^\[\d\/\d\] fetched/m);
      // The line shows the file, its bytes so far of the total, and the rate; it is cleared before the summary.
      expect(stderr).toMatch(/<redraw>\d{10}-\d{2}-\d{6}\.txt \d+\.\d kB of \d+\.\d kB {2}\d+ req, \d+\.\d req\/s/);
      expect(stderr).toMatch(
        /<redraw>Ballard Power Systems Inc\. \(CIK 0001453015\): 2 filings selected; fetched 2, skipped 0 \(already complete\), failed 0\n/,
      );
    } finally {
      await out.remove();
    }
  });
});

describe('edgarkit fetch feed', () => {
  it('downloads the day archive, which reads back as submissions; a re-run skips it', async () => {
    const out = await temporaryDirectory('cli-feed');
    try {
      const result = await run(['feed', '--date', '2002-12-26', '--out', out.path]);
      expect(result.code).toBe(0);
      const path = join(out.path, '20021226.nc.tar.gz');
      expect(result.stderr).toContain(`fetched ${path} (${server.feed.bytes.length} bytes)\nfetched 1, cached 0, failed 0\n`);
      expect((await readFile(path)).equals(server.feed.bytes)).toBe(true);
      let count = 0;
      for await (const entry of readSubmissions(path)) if (entry.ok) count++;
      expect(count).toBe(10);
      server.resetRequests();
      const again = await run(['feed', '--date', '2002-12-26', '--out', out.path]);
      expect(again.stderr).toContain('fetched 0, skipped 1');
      expect(server.requests).toHaveLength(0);
      const missing = await run(['feed', '--date', '2002-12-27', '--out', out.path]);
      expect(missing.code).toBe(1);
      expect(missing.stderr).toContain(
        `edgarkit: GET ${server.url}/Archives/edgar/Feed/2002/QTR4/20021227.nc.tar.gz failed: 404 Not Found`,
      );
      expect(await listFiles(out.path)).toEqual(['20021226.nc.tar.gz']);
    } finally {
      await out.remove();
    }
  });
});
