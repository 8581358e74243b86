import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openPostgresStore } from '../../src/store/postgres/postgres-store.js';
import { writeFilingSet } from '../filing-set.js';
import { makeTempDir } from '../store-conformance.js';
import { queryOnce } from './cluster.js';
import { useTestCluster } from './use-test-cluster.js';
import { type CliRun, runScaleCli, spawnScaleCli } from './scale-cli.js';

/**
 * Four worker processes (the compiled CLI) ingest 2,000 filings from 40 job folders into one PostgreSQL database
 * over loopback. One is killed with SIGKILL mid-way; another is frozen with SIGSTOP until its lease runs out and
 * another worker has taken its job over, then thawed. At the end every filing is there exactly once and every
 * job is done.
 */
const FILINGS = 2000;
const PER_JOB = 50;
const LEASE_SECONDS = 4;

const requireCluster = useTestCluster();

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface JobRow extends Record<string, unknown> {
  id: string;
  state: string;
  leased_by: string | null;
  attempts: number;
  last_error: string | null;
}

describe('many ingest workers, one killed and one stalled', () => {
  it(`ingest ${FILINGS} filings exactly once`, { timeout: 900_000 }, async () => {
    const url = await requireCluster().createDatabase('chaos');
    const dir = makeTempDir('edgarkit-chaos-');
    const accessions = writeFilingSet(join(dir, 'filings'), FILINGS, PER_JOB);

    const migrate = await runScaleCli(['migrate', '--db', url]);
    expect(migrate.code, migrate.stderr).toBe(0);
    const enqueue = await runScaleCli(['enqueue', join(dir, 'filings'), '--folders', '--db', url]);
    expect(enqueue.code, enqueue.stderr).toBe(0);
    expect(enqueue.stdout).toBe(`${FILINGS / PER_JOB} jobs added, 0 already in the queue\n`);

    const names = ['chaos-0', 'chaos-1', 'chaos-2', 'chaos-3'];
    const workers = names.map((name) =>
      spawnScaleCli([
        'worker',
        '--db',
        url,
        '--name',
        name,
        '--lease',
        String(LEASE_SECONDS),
        '--threads',
        '1',
        '--batch',
        '25',
        '--max-attempts',
        '10',
      ]),
    );
    const [killed, stalled] = workers as [(typeof workers)[number], (typeof workers)[number]];
    const jobs = () => queryOnce<JobRow>(url, 'SELECT id, state, leased_by, attempts, last_error FROM jobs ORDER BY id');
    let killedJob: string | undefined;
    let stalledJob: string | undefined;
    try {
      // Kill chaos-0 while it holds a job, after a few jobs are done.
      // Generous: on a machine shared with other work the four workers may take minutes to start.
      const deadline = Date.now() + 400_000;
      while (killedJob === undefined && Date.now() < deadline) {
        const rows = await jobs();
        const holding = rows.find((row) => row.state === 'running' && row.leased_by === 'chaos-0');
        if (rows.filter((row) => row.state === 'done').length >= 3 && holding) {
          killed.kill('SIGKILL');
          killedJob = holding.id;
        } else await sleep(100);
      }
      expect(killedJob, 'chaos-0 never held a job after 3 were done').toBeDefined();
      // Freeze chaos-1 while it holds a job; thaw it once another worker has taken that job over.
      while (stalledJob === undefined && Date.now() < deadline) {
        const holding = (await jobs()).find((row) => row.state === 'running' && row.leased_by === 'chaos-1');
        if (holding) {
          stalled.kill('SIGSTOP');
          stalledJob = holding.id;
        } else await sleep(100);
      }
      expect(stalledJob, 'chaos-1 never held a job').toBeDefined();
      const frozenUntil = Date.now() + 60_000;
      while (Date.now() < frozenUntil) {
        const row = (await jobs()).find((job) => job.id === stalledJob);
        if (row && (row.state === 'done' || row.leased_by !== 'chaos-1')) break;
        await sleep(200);
      }
      stalled.kill('SIGCONT');

      const runs = await Promise.all(workers.map((worker) => worker.output));
      const [killedRun, ...living] = runs as [CliRun, ...CliRun[]];
      expect(killedRun.signal).toBe('SIGKILL');
      for (const run of living) expect(run.code, run.stderr).toBe(0);
      // The thawed worker found its job gone to another worker, and went on with others.
      expect(living[0]?.stderr).toContain(`job ${stalledJob}: the lease ran out and another worker took the job over`);

      const finalJobs = await jobs();
      expect(finalJobs.filter((job) => job.state !== 'done')).toEqual([]);
      expect(finalJobs).toHaveLength(FILINGS / PER_JOB);
      const reasons = (id: string | undefined) => finalJobs.find((job) => job.id === id)?.last_error ?? '';
      expect(reasons(killedJob)).toContain('lease of chaos-0 ran out');
      expect(reasons(stalledJob)).toContain('lease of chaos-1 ran out');

      const counts = await queryOnce<{ filings: string; distinct_ids: string; job_filings: string }>(
        url,
        "SELECT (SELECT count(*) FROM filings) AS filings, (SELECT count(DISTINCT id) FROM filings) AS distinct_ids, (SELECT sum(filings) FROM jobs WHERE state = 'done') AS job_filings",
      );
      expect(counts[0]).toEqual({ filings: String(FILINGS), distinct_ids: String(FILINGS), job_filings: String(FILINGS) });
      const ids = await queryOnce<{ id: string }>(url, 'SELECT id FROM filings');
      expect(new Set(ids.map((row) => row.id))).toEqual(new Set(accessions));
      const store = await openPostgresStore(url, { readonly: true });
      try {
        expect(await store.checkIntegrity()).toEqual([]);
      } finally {
        await store.close();
      }
      const status = await runScaleCli(['status', '--db', url]);
      expect(status.stdout).toContain(`jobs: 0 queued, 0 running, ${FILINGS / PER_JOB} done, 0 failed`);
    } finally {
      for (const worker of workers) {
        if (worker.exitCode === null && worker.signalCode === null) {
          worker.kill('SIGCONT');
          worker.kill('SIGKILL');
        }
      }
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
