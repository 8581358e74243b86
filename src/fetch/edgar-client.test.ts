import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeEdgar, startFakeEdgar } from '../../test/fake-edgar/fake-edgar.js';
import { listFiles, temporaryDirectory, testClient } from '../../test/fake-edgar/test-client.js';
import { createEdgarClient, type FetchProgressEvent, readRetryAfter } from './edgar-client.js';
import { FetchError, UserAgentError } from './fetch-errors.js';
import { checkUserAgent } from './user-agent.js';

let server: FakeEdgar;
let tickersUrl: string;

beforeAll(async () => {
  server = await startFakeEdgar();
  tickersUrl = `${server.url}/files/company_tickers.json`;
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  server.clearFaults();
  server.resetRequests();
});

function filingUrl(index = 0): { url: string; bytes: Buffer } {
  const filing = server.filings[index];
  if (!filing) throw new Error('no corpus filing');
  const cik = Number(filing.ciks[0]);
  return {
    url: `${server.url}/Archives/edgar/data/${cik}/${filing.accessionNumber.replaceAll('-', '')}/${filing.accessionNumber}.txt`,
    bytes: filing.bytes,
  };
}

describe('User-Agent', () => {
  it('refuses to create a client without one, says how to set it, and sends nothing', () => {
    for (const userAgent of [undefined, '', '   ', 'curl/8.5', 'jane@example.com', 'Jane Doe (no address)']) {
      expect(() => createEdgarClient({ userAgent, archivesBaseUrl: server.url, dataBaseUrl: server.url })).toThrow(UserAgentError);
    }
    try {
      createEdgarClient({ userAgent: undefined, archivesBaseUrl: server.url });
      expect.unreachable();
    } catch (error) {
      expect((error as Error).message).toMatch(/No User-Agent was given/);
      expect((error as Error).message).toMatch(/--user-agent/);
      expect((error as Error).message).toMatch(/EDGARKIT_USER_AGENT/);
      expect((error as Error).message).toMatch(/~\/\.config\/edgarkit\/config\.json/);
    }
    expect(server.requests).toHaveLength(0);
  });

  it('accepts a name with an e-mail address and sends it on every request', async () => {
    expect(checkUserAgent('  Jane Doe jane.doe@example.com ')).toBe('Jane Doe jane.doe@example.com');
    expect(checkUserAgent('Acme Research <ops@acme.example.org>')).toBe('Acme Research <ops@acme.example.org>');
    const client = testClient(server);
    await client.get(tickersUrl);
    client.close();
    expect(server.requests.map((request) => request.userAgent)).toEqual(['edgarkit tests edgarkit-tests@example.com']);
  });
});

describe('faults', () => {
  it('honours 429 with Retry-After: the retry starts no sooner than the server asked', async () => {
    server.inject({ kind: 'status', status: 429, retryAfter: 1 }, { path: '/files/company_tickers.json' });
    const events: FetchProgressEvent[] = [];
    const client = testClient(server, { onProgress: (event) => events.push(event) });
    const fetched = await client.get(tickersUrl);
    client.close();
    expect(JSON.parse(fetched.body.toString('utf8'))['0'].ticker).toBe('ACGY');
    const [limited, retried] = server.requests;
    expect([limited?.status, retried?.status]).toEqual([429, 200]);
    expect((retried?.time ?? 0) - (limited?.time ?? 0)).toBeGreaterThanOrEqual(1000);
    expect(events.find((event) => event.type === 'retry')).toMatchObject({ status: 429, reason: '429 Too Many Requests' });
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2025-01-10T12:00:00Z');
    expect(readRetryAfter('120', now)).toBe(120_000);
    expect(readRetryAfter('Fri, 10 Jan 2025 12:00:05 GMT', now)).toBe(5000);
    expect(readRetryAfter('Fri, 10 Jan 2025 11:00:00 GMT', now)).toBe(0);
    expect(readRetryAfter('soon', now)).toBeNull();
    expect(readRetryAfter(null, now)).toBeNull();
  });

  it('survives a burst of 503s', async () => {
    const { url, bytes } = filingUrl();
    server.inject({ kind: 'status', status: 503 }, { times: 3 });
    const client = testClient(server);
    const fetched = await client.get(url);
    expect(fetched.body.equals(bytes)).toBe(true);
    expect(server.requests.map((request) => request.status)).toEqual([503, 503, 503, 200]);
    expect(client.stats()).toMatchObject({ requests: 4, retries: 3, completed: 1, failures: 0 });
    client.close();
  });

  it('retries a connection dropped mid-body, a truncated body and a wrong Content-Length', async () => {
    const { url, bytes } = filingUrl(3);
    server.inject({ kind: 'drop' });
    server.inject({ kind: 'truncate' });
    server.inject({ kind: 'wrong-length', extraBytes: 500 });
    const reasons: string[] = [];
    const client = testClient(server, { onProgress: (event) => event.type === 'retry' && reasons.push(event.reason) });
    const fetched = await client.get(url);
    client.close();
    expect(fetched.body.equals(bytes)).toBe(true);
    expect(server.requests.map((request) => request.fault)).toEqual(['drop', 'truncate', 'wrong-length', null]);
    expect(reasons).toHaveLength(3);
    const half = bytes.length >> 1;
    expect(reasons[0]).toMatch(new RegExp(`truncated body: received ${half} of ${bytes.length} bytes`));
    expect(reasons[1]).toMatch(new RegExp(`truncated body: received ${half} of ${bytes.length} bytes`));
    expect(reasons[2]).toMatch(new RegExp(`truncated body: received ${bytes.length} of ${bytes.length + 500} bytes`));
  });

  it('times out a slow response and tries again', async () => {
    server.inject({ kind: 'slow', delayMs: 800 });
    const reasons: string[] = [];
    const client = testClient(server, { timeoutMs: 150, onProgress: (event) => event.type === 'retry' && reasons.push(event.reason) });
    await client.get(tickersUrl);
    client.close();
    expect(reasons).toEqual(['timed out: no data for 150 ms']);
    expect(server.requests).toHaveLength(2);
  });

  it('gives up after maxRetries with an error naming the URL, the last status and the number of tries', async () => {
    server.inject({ kind: 'status', status: 503 }, { times: 10 });
    const client = testClient(server, { maxRetries: 2 });
    const failure = await client.get(tickersUrl).catch((error: unknown) => error);
    client.close();
    expect(failure).toBeInstanceOf(FetchError);
    expect((failure as FetchError).message).toBe(`Gave up on ${tickersUrl} after 3 tries; last status: 503 Service Unavailable`);
    expect(failure).toMatchObject({ code: 'fetch/gave-up', url: tickersUrl, status: 503, tries: 3 });
    expect(server.requests).toHaveLength(3);
  });

  it('names the last network error when no status came back', async () => {
    server.inject({ kind: 'drop' }, { times: 10 });
    const client = testClient(server, { maxRetries: 1 });
    const failure = (await client.get(tickersUrl).catch((error: unknown) => error)) as FetchError;
    client.close();
    expect(failure.message).toMatch(
      new RegExp(
        `^Gave up on ${tickersUrl.replaceAll('.', '\\.')} after 2 tries; last status: 200 OK \\(truncated body: received \\d+ of \\d+ bytes`,
      ),
    );
  });

  it('does not retry a 404, and says so', async () => {
    const client = testClient(server);
    const failure = await client.get(`${server.url}/Archives/edgar/data/1/nothing.txt`).catch((error: unknown) => error);
    client.close();
    expect(failure).toMatchObject({ code: 'fetch/status', status: 404, tries: 1 });
    expect((failure as Error).message).toBe(`GET ${server.url}/Archives/edgar/data/1/nothing.txt failed: 404 Not Found`);
    expect(server.requests).toHaveLength(1);
  });

  it('does not wait out a Retry-After longer than allowed', async () => {
    server.inject({ kind: 'status', status: 429, retryAfter: 600 });
    const client = testClient(server, { maxRetryAfterMs: 2000 });
    const failure = await client.get(tickersUrl).catch((error: unknown) => error);
    client.close();
    expect((failure as Error).message).toMatch(
      /last status: 429 Too Many Requests, and the server asked to wait 600 s \(more than the 2 s allowed\)/,
    );
  });
});

describe('downloads and the cache', () => {
  it('downloads into a file via .partial and never leaves a partial file under the final name', async () => {
    const folder = await temporaryDirectory('download');
    try {
      const { url, bytes } = filingUrl(5);
      const target = join(folder.path, 'filing.txt');
      server.inject({ kind: 'truncate' }, { times: 5 });
      const client = testClient(server, { maxRetries: 1 });
      await expect(client.download(url, target)).rejects.toThrow(/Gave up on .* after 2 tries/);
      expect(await listFiles(folder.path)).toEqual([]);
      server.clearFaults();
      const result = await client.download(url, target);
      client.close();
      expect(result).toMatchObject({ status: 200, fromCache: false, bytes: bytes.length, path: target });
      expect((await readFile(target)).equals(bytes)).toBe(true);
      expect(await listFiles(folder.path)).toEqual(['filing.txt']);
    } finally {
      await folder.remove();
    }
  });

  it('serves a second run from the cache with 304s and downloads no body again', async () => {
    const folder = await temporaryDirectory('cache');
    try {
      const cacheDir = join(folder.path, 'cache');
      const urls = [tickersUrl, filingUrl(0).url, filingUrl(1).url, `${server.url}/submissions/CIK0000898685.json`];
      const first = testClient(server, { cacheDir });
      const firstBodies = [];
      for (const url of urls) firstBodies.push(await first.get(url));
      first.close();
      expect(firstBodies.map((fetched) => [fetched.status, fetched.fromCache])).toEqual(urls.map(() => [200, false]));
      expect(server.requests.every((request) => request.ifNoneMatch === null)).toBe(true);

      server.resetRequests();
      const second = testClient(server, { cacheDir });
      for (const [index, url] of urls.entries()) {
        const fetched = await second.get(url);
        expect(fetched).toMatchObject({ status: 304, fromCache: true });
        expect(fetched.body.equals(firstBodies[index]?.body as Buffer)).toBe(true);
      }
      // Downloads through the cache copy the cached body: still one conditional request, no body.
      const target = join(folder.path, 'out', 'filing.txt');
      const downloaded = await second.download(filingUrl(0).url, target);
      expect(downloaded).toMatchObject({ status: 304, fromCache: true, bytes: filingUrl(0).bytes.length });
      expect((await readFile(target)).equals(filingUrl(0).bytes)).toBe(true);
      expect(second.stats()).toMatchObject({ requests: 5, notModified: 5, bytes: 0 });
      second.close();
      expect(server.requests.map((request) => request.status)).toEqual([304, 304, 304, 304, 304]);
      expect(server.requests.every((request) => request.ifNoneMatch !== null && request.ifModifiedSince !== null)).toBe(true);
      expect((await listFiles(cacheDir)).filter((name) => name.endsWith('.partial'))).toEqual([]);
    } finally {
      await folder.remove();
    }
  });

  it('keeps a failed download out of the cache', async () => {
    const folder = await temporaryDirectory('cache-fail');
    try {
      const cacheDir = join(folder.path, 'cache');
      server.inject({ kind: 'drop' }, { times: 5 });
      const client = testClient(server, { cacheDir, maxRetries: 0 });
      await expect(client.get(filingUrl(2).url)).rejects.toThrow(FetchError);
      expect(await listFiles(cacheDir)).toEqual([]);
      server.clearFaults();
      // The next run fetches it whole (no conditional request: nothing was cached).
      server.resetRequests();
      const fetched = await client.get(filingUrl(2).url);
      client.close();
      expect(fetched.body.equals(filingUrl(2).bytes)).toBe(true);
      expect(server.requests[0]?.ifNoneMatch).toBeNull();
    } finally {
      await folder.remove();
    }
  });

  it('aborts a request in flight when its signal fires, removing the partial file', async () => {
    const folder = await temporaryDirectory('abort');
    try {
      const { url } = filingUrl(4);
      server.inject({ kind: 'slow-body', chunkBytes: 2000, delayMs: 30 });
      const controller = new AbortController();
      const client = testClient(server, {
        onProgress: (event) => {
          if (event.type === 'bytes' && event.received > 3000) controller.abort();
        },
      });
      const target = join(folder.path, 'filing.txt');
      await expect(client.download(url, target, { signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
      client.close();
      expect(await listFiles(folder.path)).toEqual([]);
    } finally {
      await folder.remove();
    }
  });
});

describe('local failures', () => {
  it('reports a file that cannot be written without retrying the server', async () => {
    const folder = await temporaryDirectory('local');
    try {
      const client = testClient(server);
      // A folder sits where the .partial file must go: the response arrives, the file cannot be opened.
      await mkdir(join(folder.path, 'filing.txt.partial'));
      const failure = await client.download(filingUrl(0).url, join(folder.path, 'filing.txt')).catch((error: unknown) => error);
      client.close();
      expect(failure).not.toBeInstanceOf(FetchError);
      expect((failure as NodeJS.ErrnoException).code).toBe('EISDIR');
      expect(server.requests).toHaveLength(1);
    } finally {
      await folder.remove();
    }
  });
});
