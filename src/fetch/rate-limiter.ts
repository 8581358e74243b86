import { performance } from 'node:perf_hooks';
import { abortReason } from './fetch-errors.js';

/** SEC's fair-access ceiling: no client of this process may go faster, whatever it is configured to. */
export const MAX_REQUESTS_PER_SECOND = 10;

/**
 * Extra room added to each one-second window. A request "starts" here when it is on the wire, but the server counts
 * it when it has read it; the guard absorbs the difference in delay between two requests (network jitter, a busy
 * server) so the server never sees more than N in a second. It costs a little speed: 10 per 1.1 s, 9.1 a second.
 */
export const WINDOW_GUARD_MS = 100;

/** A granted start. `sent()` moves its time to when the request really left (after connecting), never earlier. */
export interface RateSlot {
  sent(): void;
}

interface Waiter {
  readonly limit: number;
  readonly windowMs: number;
  readonly resolve: (slot: RateSlot) => void;
  readonly reject: (error: Error) => void;
  readonly signal: AbortSignal | undefined;
  readonly onAbort: () => void;
}

/**
 * A sliding-window limiter: it remembers when each recent request started and lets a new one start only when fewer
 * than `limit` started in the last window. Waiters are served first come, first served. Every client in the process
 * shares one instance (`sharedRateLimiter()`), so concurrent clients and retries all count against the same window.
 */
export class RateLimiter {
  /** Start times (performance.now()), ascending. */
  private readonly starts: number[] = [];
  private readonly waiters: Waiter[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  private heldUntil = 0;
  private readonly guardMs: number;
  private readonly now: () => number;

  constructor(options: { guardMs?: number; now?: () => number } = {}) {
    this.guardMs = options.guardMs ?? WINDOW_GUARD_MS;
    this.now = options.now ?? (() => performance.now());
  }

  /**
   * Resolves when a request may start, and counts it as started. `requestsPerSecond` is capped at 10; below 1 it
   * means one request per `1 / requestsPerSecond` seconds. Call `sent()` on the slot once the request is on the
   * wire: a new connection (TCP and TLS handshakes) can delay it, and the window must count from when the server
   * sees it.
   */
  acquire(requestsPerSecond: number, signal?: AbortSignal): Promise<RateSlot> {
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    const rate = Math.min(MAX_REQUESTS_PER_SECOND, requestsPerSecond > 0 ? requestsPerSecond : MAX_REQUESTS_PER_SECOND);
    const limit = rate >= 1 ? Math.floor(rate) : 1;
    const windowMs = rate >= 1 ? 1000 : 1000 / rate;
    return new Promise<RateSlot>((resolve, reject) => {
      const waiter: Waiter = {
        limit,
        windowMs,
        resolve,
        reject,
        signal,
        onAbort: () => {
          const index = this.waiters.indexOf(waiter);
          if (index !== -1) this.waiters.splice(index, 1);
          reject(abortReason(signal as AbortSignal));
          this.pump();
        },
      };
      signal?.addEventListener('abort', waiter.onAbort, { once: true });
      this.waiters.push(waiter);
      this.pump();
    });
  }

  /** Lets no request start before `ms` from now (a server said Retry-After: everyone waits, not just one request). */
  holdFor(ms: number): void {
    this.heldUntil = Math.max(this.heldUntil, this.now() + ms);
    this.pump();
  }

  /** How many requests started in the last `windowMs` (for tests and progress). */
  startedWithin(windowMs: number): number {
    return this.countSince(this.now() - windowMs);
  }

  private pump(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    for (;;) {
      const waiter = this.waiters[0];
      if (!waiter) return;
      const now = this.now();
      const span = waiter.windowMs + this.guardMs;
      this.forgetBefore(now - 60_000);
      let wait = this.heldUntil - now;
      if (wait <= 0) {
        // Starts inside (now - span, now]: the earliest of the last `limit` decides when a slot frees up.
        const inWindow = this.countSince(now - span);
        if (inWindow < waiter.limit) {
          this.waiters.shift();
          waiter.signal?.removeEventListener('abort', waiter.onAbort);
          this.starts.push(now);
          waiter.resolve(this.slot(now));
          continue;
        }
        const blocking = this.starts[this.starts.length - waiter.limit] as number;
        wait = blocking + span - now;
      }
      this.timer = setTimeout(
        () => {
          this.timer = null;
          this.pump();
        },
        Math.max(1, Math.ceil(wait)),
      );
      return;
    }
  }

  private slot(startedAt: number): RateSlot {
    let time = startedAt;
    return {
      sent: () => {
        const now = this.now();
        if (now <= time) return;
        // Move this start to now, keeping the list in order (it is short: a minute of starts at most).
        const index = this.starts.lastIndexOf(time);
        if (index !== -1) this.starts.splice(index, 1);
        let at = this.starts.length;
        while (at > 0 && (this.starts[at - 1] as number) > now) at--;
        this.starts.splice(at, 0, now);
        time = now;
      },
    };
  }

  private countSince(since: number): number {
    let count = 0;
    for (let index = this.starts.length - 1; index >= 0 && (this.starts[index] as number) > since; index--) count++;
    return count;
  }

  private forgetBefore(time: number): void {
    let drop = 0;
    while (drop < this.starts.length && (this.starts[drop] as number) <= time) drop++;
    if (drop > 0) this.starts.splice(0, drop);
  }
}

const SHARED = Symbol.for('edgarkit.fetch.rateLimiter');

/** The one limiter of this process, shared by every client (even when two copies of edgarkit are loaded). */
export function sharedRateLimiter(): RateLimiter {
  const holder = globalThis as typeof globalThis & { [SHARED]?: RateLimiter };
  holder[SHARED] ??= new RateLimiter();
  return holder[SHARED];
}
