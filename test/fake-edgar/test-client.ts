import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEdgarClient, type EdgarClient, type EdgarClientOptions } from '../../src/fetch/edgar-client.js';
import type { FakeEdgar } from './fake-edgar.js';

export const TEST_USER_AGENT = 'edgarkit tests edgarkit-tests@example.com';

/** A client pointed at the fake server, with short backoffs so fault tests stay fast. */
export function testClient(server: FakeEdgar, options: Partial<EdgarClientOptions> = {}): EdgarClient {
  return createEdgarClient({
    userAgent: TEST_USER_AGENT,
    archivesBaseUrl: server.url,
    dataBaseUrl: server.url,
    retryBaseDelayMs: 10,
    retryMaxDelayMs: 100,
    timeoutMs: 5000,
    ...options,
  });
}

export async function temporaryDirectory(prefix: string): Promise<{ path: string; remove: () => Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), `edgarkit-${prefix}-`));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}

/** Every file under a folder, relative, sorted. */
export async function listFiles(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath ?? entry.path, entry.name).slice(directory.length + 1))
    .sort();
}
