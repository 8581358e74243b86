import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedRoot } from '../../test/shared-files.js';
import { ingestPaths } from '../pipeline/ingest.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import type { FilingSummaryView, ReadWriteStore } from '../store/store.js';
import { createApp } from './create-app.js';

/** Every page of every corpus filing answers, with no server error: filing, each document (both views), each party's company. */
let store: ReadWriteStore;
let app: ReturnType<typeof createApp>;
const errors: string[] = [];

beforeAll(async () => {
  store = openSqliteStore(':memory:');
  const folders = ['fpi', 'submissions', 'nc', 'html', 'headers', 'xml'].map((folder) => `${sharedRoot}/corpus/${folder}`);
  await ingestPaths(store, folders, { workers: 0 });
  app = createApp({ store, log: (error, request) => errors.push(`${request.url}: ${String(error)}`) });
}, 240_000);
afterAll(async () => {
  await store.close();
});

describe('corpus sweep through the server', () => {
  it('renders every page of every filing', async () => {
    const filings: FilingSummaryView[] = [];
    for (let offset = 0; ; offset += 200) {
      const page = await store.listFilings({ limit: 200, offset });
      filings.push(...page);
      if (page.length < 200) break;
    }
    expect(filings.length).toBeGreaterThan(90);
    const failures: string[] = [];
    let requests = 0;
    for (const filing of filings) {
      const view = (await (await app.request(`/api/filings/${filing.filingId}`)).json()) as {
        documents: { sequence: number | null; position: number }[];
        parties: { company: { cik: string | null } | null }[];
      };
      const documents = view.documents.map(
        (document) => `/filings/${filing.filingId}/documents/${document.sequence ?? document.position + 1}`,
      );
      const paths = [`/filings/${filing.filingId}`, ...documents, ...documents.map((path) => `${path}?view=original`)];
      for (const party of view.parties) if (party.company?.cik) paths.push(`/companies/${party.company.cik}`);
      for (const path of paths) {
        const response = await app.request(path);
        await response.text();
        requests++;
        if (response.status !== 200) failures.push(`${response.status} ${path}`);
      }
    }
    expect(requests).toBeGreaterThan(1000);
    expect(failures).toEqual([]);
    expect(errors).toEqual([]);
  }, 240_000);
});
