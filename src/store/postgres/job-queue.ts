import type { Queryable } from './postgres-store.js';

/**
 * A job queue in PostgreSQL itself (the `jobs` table, migration 2): one job per input file, archive or folder,
 * claimed with `SELECT … FOR UPDATE SKIP LOCKED` under a lease that its worker renews; a lease that runs out
 * (the worker died or stalled) is taken over by another worker. Times are the database's own clock, so worker
 * machines need not agree on the time.
 */

export type JobState = 'queued' | 'running' | 'done' | 'failed';

/** A job a worker has claimed under a lease. */
export interface ClaimedJob {
  readonly id: number;
  readonly path: string;
  /** 1 for the first run; more after a failure or a lease that ran out. */
  readonly attempt: number;
  /** Proves ownership: renewals and completion only count with it. */
  readonly token: string;
  /** The worker whose lease ran out, when this claim took the job over. */
  readonly takenOverFrom: string | null;
}

/** Jobs added, and those already queued. */
export interface EnqueueResult {
  readonly added: number;
  readonly alreadyQueued: number;
}

/** Adds one job per path; a path already in the queue (in any state) is not added again. */
export async function enqueueJobs(db: Queryable, paths: readonly string[]): Promise<EnqueueResult> {
  let added = 0;
  for (let at = 0; at < paths.length; at += 10_000) {
    const chunk = paths.slice(at, at + 10_000);
    const result = await db.query(
      'INSERT INTO jobs (path) SELECT p FROM unnest($1::text[]) WITH ORDINALITY AS u (p, n) ORDER BY n ON CONFLICT (path) DO NOTHING',
      [chunk],
    );
    added += result.rowCount ?? 0;
  }
  if (added > 0) await db.query('NOTIFY edgarkit_jobs');
  return { added, alreadyQueued: paths.length - added };
}

/** Puts every failed job back in the queue (after fixing what failed them); returns how many. */
export async function retryFailedJobs(db: Queryable): Promise<number> {
  const result = await db.query(
    "UPDATE jobs SET state = 'queued', lease_token = NULL, leased_by = NULL, leased_until = NULL WHERE state = 'failed'",
  );
  if ((result.rowCount ?? 0) > 0) await db.query('NOTIFY edgarkit_jobs');
  return result.rowCount ?? 0;
}

/**
 * Claims the oldest claimable job: queued, or running under a lease that has run out. A job whose lease ran out
 * `maxAttempts` times is failed instead (a poison input that kills its workers must not loop for ever).
 */
export async function claimJob(
  db: Queryable,
  worker: string,
  token: string,
  leaseSeconds: number,
  maxAttempts: number,
): Promise<ClaimedJob | null> {
  await db.query(
    `UPDATE jobs SET state = 'failed', finished_at = now(), lease_token = NULL, leased_until = NULL,
       last_error = concat_ws('; ', last_error, 'lease of ' || coalesce(leased_by, '?') || ' ran out on attempt ' || attempts || ' of ' || $1::int)
     WHERE state = 'running' AND leased_until < now() AND attempts >= $1::int`,
    [maxAttempts],
  );
  const { rows } = await db.query(
    `WITH next AS (
       SELECT id, state AS was, leased_by AS previous FROM jobs
       WHERE state = 'queued' OR (state = 'running' AND leased_until < now())
       ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED
     )
     UPDATE jobs j SET state = 'running', attempts = j.attempts + 1, lease_token = $1, leased_by = $2,
       leased_until = now() + make_interval(secs => $3), started_at = now(),
       last_error = CASE WHEN next.was = 'running' THEN concat_ws('; ', j.last_error, 'lease of ' || coalesce(next.previous, '?') || ' ran out') ELSE j.last_error END
     FROM next WHERE j.id = next.id
     RETURNING j.id, j.path, j.attempts, next.was, next.previous`,
    [token, worker, leaseSeconds],
  );
  const row = rows[0];
  if (!row) return null;
  return {
    id: Number(row.id),
    path: row.path as string,
    attempt: Number(row.attempts),
    token,
    takenOverFrom: row.was === 'running' ? ((row.previous as string | null) ?? '?') : null,
  };
}

/** Extends the lease; false when it is no longer ours (it ran out and another worker took the job). */
export async function renewLease(db: Queryable, job: ClaimedJob, leaseSeconds: number): Promise<boolean> {
  const result = await db.query(
    "UPDATE jobs SET leased_until = now() + make_interval(secs => $3) WHERE id = $1 AND lease_token = $2 AND state = 'running'",
    [job.id, job.token, leaseSeconds],
  );
  return (result.rowCount ?? 0) === 1;
}

/** Locks the job's row inside a transaction and checks it is still ours (the first step of the final write). */
export async function lockOwnJob(tx: Queryable, job: ClaimedJob): Promise<boolean> {
  const { rows } = await tx.query("SELECT 1 FROM jobs WHERE id = $1 AND lease_token = $2 AND state = 'running' FOR UPDATE", [
    job.id,
    job.token,
  ]);
  return rows.length === 1;
}

export interface JobOutcome {
  readonly state: 'done' | 'failed';
  readonly filings: number;
  readonly inserted: number;
  readonly bytes: number;
  readonly error?: string;
}

/** Marks the job finished; false when it is no longer ours. Meant to run in the transaction of the last write. */
export async function finishJob(tx: Queryable, job: ClaimedJob, outcome: JobOutcome): Promise<boolean> {
  const result = await tx.query(
    `UPDATE jobs SET state = $3, finished_at = now(), leased_until = NULL, filings = $4, inserted = $5, bytes = $6,
       last_error = CASE WHEN $7::text IS NULL THEN last_error ELSE concat_ws('; ', last_error, $7::text) END
     WHERE id = $1 AND lease_token = $2 AND state = 'running'`,
    [job.id, job.token, outcome.state, outcome.filings, outcome.inserted, outcome.bytes, outcome.error ?? null],
  );
  return (result.rowCount ?? 0) === 1;
}

/**
 * Records a failed attempt (an error, not an unreadable input): the job goes back to the queue until it has been
 * tried `maxAttempts` times, then stays failed with its reasons.
 */
export async function failAttempt(db: Queryable, job: ClaimedJob, reason: string, maxAttempts: number): Promise<JobState | null> {
  const { rows } = await db.query(
    `UPDATE jobs SET state = CASE WHEN attempts >= $3::int THEN 'failed' ELSE 'queued' END,
       finished_at = CASE WHEN attempts >= $3::int THEN now() ELSE NULL END,
       lease_token = NULL, leased_until = NULL, last_error = concat_ws('; ', last_error, $4::text)
     WHERE id = $1 AND lease_token = $2 AND state = 'running' RETURNING state`,
    [job.id, job.token, maxAttempts, reason.slice(0, 2000)],
  );
  return (rows[0]?.state as JobState | undefined) ?? null;
}

/** Gives a job back untouched (the worker is stopping): the next worker starts it without waiting for the lease. */
export async function releaseJob(db: Queryable, job: ClaimedJob): Promise<void> {
  await db.query(
    "UPDATE jobs SET state = 'queued', attempts = greatest(attempts - 1, 0), lease_token = NULL, leased_until = NULL WHERE id = $1 AND lease_token = $2 AND state = 'running'",
    [job.id, job.token],
  );
}

/** Jobs by state. */
export interface QueueCounts {
  readonly queued: number;
  readonly running: number;
  readonly done: number;
  readonly failed: number;
  /** Running jobs whose lease has run out (their worker died or stalled; another worker will take them over). */
  readonly expired: number;
  /** Seconds until the next running lease runs out, or null when nothing runs. */
  readonly nextExpiry: number | null;
}

/** Jobs by state (queued, running, done, failed). */
export async function queueCounts(db: Queryable): Promise<QueueCounts> {
  const { rows } = await db.query(
    `SELECT count(*) FILTER (WHERE state = 'queued') AS queued, count(*) FILTER (WHERE state = 'running') AS running,
       count(*) FILTER (WHERE state = 'done') AS done, count(*) FILTER (WHERE state = 'failed') AS failed,
       count(*) FILTER (WHERE state = 'running' AND leased_until < now()) AS expired,
       extract(epoch FROM min(leased_until) FILTER (WHERE state = 'running') - now()) AS next_expiry
     FROM jobs`,
  );
  const row = rows[0] ?? {};
  return {
    queued: Number(row.queued ?? 0),
    running: Number(row.running ?? 0),
    done: Number(row.done ?? 0),
    failed: Number(row.failed ?? 0),
    expired: Number(row.expired ?? 0),
    nextExpiry: row.next_expiry === null || row.next_expiry === undefined ? null : Number(row.next_expiry),
  };
}

/** The queue's state for `edgarkit status`: counts, filings and bytes done, rates, estimated time left, workers and recent failures. */
export interface QueueStatus extends QueueCounts {
  readonly filings: number;
  readonly bytes: number;
  /** Over the last ten minutes (or since the first job finished, when sooner). */
  readonly jobsPerSecond: number;
  readonly filingsPerSecond: number;
  readonly megabytesPerSecond: number;
  /** Seconds until queued and running jobs are done at the current rate, or null when there is no rate yet. */
  readonly etaSeconds: number | null;
  readonly workers: readonly { readonly worker: string; readonly running: number; readonly leaseSeconds: number }[];
  readonly failures: readonly { readonly path: string; readonly attempts: number; readonly reason: string | null }[];
}

const RATE_WINDOW_SECONDS = 600;

/** What `edgarkit status` shows: jobs by state, the rate over the last ten minutes, the time left, and the latest failures with their reasons. */
export async function queueStatus(db: Queryable, failuresShown = 20): Promise<QueueStatus> {
  const counts = await queueCounts(db);
  const totals =
    (await db.query("SELECT coalesce(sum(filings), 0) AS filings, coalesce(sum(bytes), 0) AS bytes FROM jobs WHERE state = 'done'"))
      .rows[0] ?? {};
  const recent =
    (
      await db.query(
        `SELECT count(*) AS jobs, coalesce(sum(filings), 0) AS filings, coalesce(sum(bytes), 0) AS bytes,
           extract(epoch FROM now() - least(min(started_at), now() - make_interval(secs => 1))) AS span
         FROM jobs WHERE state = 'done' AND finished_at > now() - make_interval(secs => $1)`,
        [RATE_WINDOW_SECONDS],
      )
    ).rows[0] ?? {};
  const span = Math.min(RATE_WINDOW_SECONDS, Math.max(1, Number(recent.span ?? RATE_WINDOW_SECONDS)));
  const jobsPerSecond = Number(recent.jobs ?? 0) / span;
  const workers = (
    await db.query(
      `SELECT leased_by AS worker, count(*) AS running, extract(epoch FROM min(leased_until) - now()) AS lease
       FROM jobs WHERE state = 'running' GROUP BY leased_by ORDER BY leased_by`,
    )
  ).rows.map((row) => ({ worker: (row.worker as string | null) ?? '?', running: Number(row.running), leaseSeconds: Number(row.lease) }));
  const failures = (
    await db.query("SELECT path, attempts, last_error FROM jobs WHERE state = 'failed' ORDER BY id LIMIT $1", [failuresShown])
  ).rows.map((row) => ({ path: row.path as string, attempts: Number(row.attempts), reason: (row.last_error as string | null) ?? null }));
  const remaining = counts.queued + counts.running;
  return {
    ...counts,
    filings: Number(totals.filings ?? 0),
    bytes: Number(totals.bytes ?? 0),
    jobsPerSecond,
    filingsPerSecond: Number(recent.filings ?? 0) / span,
    megabytesPerSecond: Number(recent.bytes ?? 0) / 1e6 / span,
    etaSeconds: remaining === 0 ? 0 : jobsPerSecond > 0 ? remaining / jobsPerSecond : null,
    workers,
    failures,
  };
}
