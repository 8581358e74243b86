import { readlinkSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';

/** How many steps of niceness a lowered thread stands below the process (and the least niceness it gets). */
export const LOWERED_BY = 10;

/**
 * Lowers the scheduling priority of the calling thread (Linux: a thread is its own task, named by
 * /proc/thread-self), so the thread that answers requests gets the CPU first when renders and searches compete with
 * it: to niceness LOWERED_BY steps above the thread's own (at most 19), and at least LOWERED_BY, so a process
 * started with a raised priority (`nice -n -5`) does not pass it on to its background work. Elsewhere, or where it
 * is not allowed, nothing changes.
 */
export function lowerThreadPriority(): void {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (!Number.isInteger(tid) || tid <= 0) return;
    setPriority(tid, Math.min(19, Math.max(LOWERED_BY, getPriority(tid) + LOWERED_BY)));
  } catch {
    // Not Linux, or not permitted: the thread keeps its priority.
  }
}
