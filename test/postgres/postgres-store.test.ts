import { afterAll, beforeAll } from 'vitest';
import { openPostgresStore } from '../../src/store/postgres/postgres-store.js';
import { describeStoreConformance } from '../store-conformance.js';
import { startTestCluster, type TestCluster } from './cluster.js';

// One private cluster for this file; each suite gets a fresh database in it.
let cluster: TestCluster | undefined;
beforeAll(async () => {
  cluster = await startTestCluster();
}, 120_000);
afterAll(async () => {
  await cluster?.stop();
});

function requireCluster(): TestCluster {
  if (!cluster) throw new Error('the PostgreSQL test cluster did not start (see the error of beforeAll above)');
  return cluster;
}

describeStoreConformance('PostgreSQL', async () => openPostgresStore(await requireCluster().createDatabase('conformance')));
describeStoreConformance('PostgreSQL, one connection', async () =>
  openPostgresStore(await requireCluster().createDatabase('conformance_one'), { poolSize: 1 }),
);
