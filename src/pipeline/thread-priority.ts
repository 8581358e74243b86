import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';

/**
 * Lowers the scheduling priority of the calling thread (Linux: a thread is its own task, named by
 * /proc/thread-self), so the thread that answers requests gets the CPU first when renders and searches compete with
 * it. Elsewhere, or where it is not allowed, nothing changes.
 */
export function lowerThreadPriority(niceness = 10): void {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(tid) && tid > 0) setPriority(tid, niceness);
  } catch {
    // Not Linux, or not permitted: the thread keeps its priority.
  }
}
