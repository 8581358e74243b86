import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { openServerTestStore } from '../../test/server-test-store.js';
import { corpusPath } from '../../test/shared-files.js';
import { form13FRecordSchema } from '../model/form-13f-record.js';
import { ownershipRecordSchema } from '../model/ownership-record.js';
import { diagnosticSchema } from '../model/record-schema.js';
import { ingestPaths } from '../pipeline/ingest.js';
import type { ReadWriteStore } from '../store/store.js';
import { FilingSchema } from './api-schemas.js';
import { createApp } from './create-app.js';

/** The ownership and 13F records in the API: described by their schemas in the OpenAPI document, and served as they say. */

const FORM_4 = 'submissions/0001127602-25-001055.txt';
const FORM_13F = 'nc/0001951757-25-000093.nc';

let store: ReadWriteStore;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  store = await openServerTestStore();
  const summary = await ingestPaths(store, [corpusPath(FORM_4), corpusPath(FORM_13F)], { workers: 0 });
  expect(summary.failed).toEqual([]);
  app = createApp({ store });
});
afterAll(async () => {
  await store.close();
});

// biome-ignore lint/suspicious/noExplicitAny: the OpenAPI document is read loosely; the assertions check its shape.
type Json = Record<string, any>;

async function getJson(path: string): Promise<Json> {
  const response = await app.request(path);
  expect(response.status, path).toBe(200);
  return (await response.json()) as Json;
}

describe('ownership and 13F records in the API', () => {
  it('the OpenAPI document has their schemas as components, referred to by the filing', async () => {
    const document = await getJson('/api/openapi.json');
    const schemas = document.components.schemas as Json;
    expect(Object.keys(schemas.OwnershipRecord.properties)).toEqual([...Object.keys(ownershipRecordSchema.shape), 'filingDiagnostics']);
    expect(Object.keys(schemas.Form13FRecord.properties)).toEqual([...Object.keys(form13FRecordSchema.shape), 'filingDiagnostics']);
    // A value is `{ value, span }`; a holding's value column is a number or null.
    const holding = JSON.stringify(schemas.Form13FRecord.properties.holdings);
    expect(holding).toContain('"marketValue"');
    const formRecord = JSON.stringify(schemas.Filing.properties.formRecord);
    expect(formRecord).toContain('#/components/schemas/OwnershipRecord');
    expect(formRecord).toContain('#/components/schemas/Form13FRecord');
  });

  it('a Form 4 and a 13F-HR are served as their schemas say', async () => {
    const form4 = FilingSchema.parse(await getJson('/api/filings/0001127602-25-001055')) as Json;
    // The stored record is the extractor's with the header cross-check's diagnostics beside it.
    const stored = ownershipRecordSchema.extend({ filingDiagnostics: z.array(diagnosticSchema) });
    expect(stored.parse(form4.formRecord).issuer.name.value).toBe('AAR CORP');
    const holdings = FilingSchema.parse(await getJson('/api/filings/0001951757-25-000093')) as Json;
    const record = form13FRecordSchema.extend({ filingDiagnostics: z.array(diagnosticSchema) }).parse(holdings.formRecord);
    expect(record.holdings.length).toBe(record.summary.tableEntryTotal.value);
  });
});
