import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeEdgar, startFakeEdgar } from '../../test/fake-edgar/fake-edgar.js';
import { testClient } from '../../test/fake-edgar/test-client.js';
import { RateLimiter, sharedRateLimiter, WINDOW_GUARD_MS } from './rate-limiter.js';

let server: FakeEdgar;

beforeAll(async () => {
  server = await startFakeEdgar();
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  server.clearFaults();
  server.resetRequests();
});

function filingUrls(count: number): string[] {
  return Array.from({ length: count }, (_, index) => {
    const filing = server.filings[index % server.filings.length];
    if (!filing) throw new Error('no corpus filing');
    return `${server.url}/Archives/edgar/data/${Number(filing.ciks[0])}/${filing.accessionNumber.replaceAll('-', '')}/${filing.accessionNumber}.txt`;
  });
}

/** Requests per second the server saw, ignoring the first burst: (n − limit) over the time from first to last. */
function sustainedRate(times: readonly number[], limit: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  return (sorted.length - limit) / (((sorted.at(-1) as number) - (sorted[0] as number)) / 1000);
}

/**
 * Runs `measure` (which checks what does not depend on the server's clock) until a run shows the limiter close to
 * `limit`, at most five times, and returns the best sustained rate.
 *
 * The server stamps each request when this process's event loop reads it. Requests that left a window and its guard
 * apart (1,100 ms) can be stamped closer by as much as the longest stall of the loop, which on a loaded machine has
 * been 150-700 ms. So every run checks that no more than `limit` requests start in any window of 1,100 ms less that
 * stall (and a margin): on a steady loop that is a whole second. Other work can delay requests past their turn, never
 * bring them forward, so the floor on the rate may take another run.
 */
async function bestRate(limit: number, floor: number, measure: () => Promise<void>): Promise<number> {
  let best = 0;
  for (let attempt = 0; attempt < 5 && best <= floor; attempt++) {
    if (attempt > 0) {
      server.resetRequests();
      await new Promise((resolve) => setTimeout(resolve, 1100));
    }
    const loop = monitorEventLoopDelay({ resolution: 5 });
    loop.enable();
    await measure();
    loop.disable();
    const stallMs = loop.max / 1e6;
    const windowMs = Math.min(1000, 1000 + WINDOW_GUARD_MS - stallMs - 20);
    expect(server.maxStartsPerWindow(windowMs), `in any ${Math.round(windowMs)} ms`).toBeLessThanOrEqual(limit);
    // A run without a full burst in a second counts as too slow.
    if (server.maxStartsPerWindow(1000) < limit) continue;
    best = Math.max(
      best,
      sustainedRate(
        server.requests.map((request) => request.time),
        limit,
      ),
    );
  }
  return best;
}

describe('the process-wide rate limiter, measured by the server', () => {
  // Start each measurement with an empty window, so earlier requests of this process do not shape it.
  beforeEach(async () => {
    await new Promise((resolve) => setTimeout(resolve, 1100));
  });

  it('lets no more than 5 requests start in any second: 40 concurrent starts from two clients, retries included', async () => {
    const rate = await bestRate(5, 3.5, async () => {
      // Two clients, one limiter: together they must stay under the limit.
      const first = testClient(server, { maxRequestsPerSecond: 5 });
      const second = testClient(server, { maxRequestsPerSecond: 5 });
      server.inject({ kind: 'status', status: 503 }, { times: 3 });
      const urls = filingUrls(37);
      const started = performance.now();
      const bodies = await Promise.all(urls.map((url, index) => (index % 2 === 0 ? first : second).get(url)));
      const elapsed = performance.now() - started;
      first.close();
      second.close();
      expect(bodies).toHaveLength(37);
      expect(server.requests).toHaveLength(40);
      expect(server.requests.filter((request) => request.status === 503)).toHaveLength(3);
      // 40 starts at 5 per window: the last burst at least 7 windows after the first.
      expect(elapsed).toBeGreaterThan(7000);
    });
    // Close to the limit: full bursts of 5 and a sustained rate near 4.55 a second (5 per 1.1 s with the 100 ms
    // guard). A window opens when a request has left, which a loaded machine delays: 3.9 has been seen on a machine
    // running eight times slower, so the floor is 3.5, well above the 2.5 of a limiter that waited a window too many.
    expect(rate).toBeGreaterThan(3.5);
  });

  it('caps a client asking for more than 10 a second at 10', async () => {
    const rate = await bestRate(10, 7, async () => {
      const client = testClient(server, { maxRequestsPerSecond: 50 });
      expect(client.maxRequestsPerSecond).toBe(10);
      await Promise.all(filingUrls(20).map((url) => client.get(url)));
      client.close();
      expect(server.requests).toHaveLength(20);
    });
    // Near 9.1 a second (10 per 1.1 s); 8.2 has been seen on a loaded machine; a window too many would give 5.
    expect(rate).toBeGreaterThan(7);
  });
});

describe('RateLimiter', () => {
  it('is one instance per process', () => {
    expect(sharedRateLimiter()).toBe(sharedRateLimiter());
  });

  it('serves waiters in order and lets an aborted waiter go without blocking the rest', async () => {
    const limiter = new RateLimiter({ guardMs: 0 });
    const order: string[] = [];
    await limiter.acquire(1);
    const controller = new AbortController();
    const aborted = limiter.acquire(1, controller.signal).then(
      () => order.push('aborted one ran'),
      (error: Error) => order.push(`aborted one: ${error.name}`),
    );
    const next = limiter.acquire(1).then(() => order.push('next'));
    setTimeout(() => controller.abort(), 20);
    await Promise.all([aborted, next]);
    expect(order).toEqual(['aborted one: AbortError', 'next']);
    expect(limiter.startedWithin(2000)).toBe(2);
  });

  it('reads a rate below one a second as one request per 1/rate seconds, and floors fractional rates', async () => {
    const gaps = async (rate: number, count: number): Promise<number[]> => {
      const limiter = new RateLimiter({ guardMs: 0 });
      const times: number[] = [];
      for (let index = 0; index < count; index++) {
        await limiter.acquire(rate);
        times.push(performance.now());
      }
      return times.slice(1).map((time, index) => time - (times[index] as number));
    };
    const [belowOne, fractional] = await Promise.all([gaps(0.9, 2), gaps(2.5, 3)]);
    // 0.9 a second: the second request waits 1/0.9 s.
    expect(belowOne[0]).toBeGreaterThanOrEqual(1110);
    // 2.5 a second is 2 per second: two at once, the third a second later.
    expect(fractional[0]).toBeLessThan(300);
    expect((fractional[0] as number) + (fractional[1] as number)).toBeGreaterThanOrEqual(999);
  });
});
