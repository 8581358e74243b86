import { openPostgresStore } from '../../src/store/postgres/postgres-store.js';
import { describeFactConformance } from '../fact-conformance.js';
import { describeStoreConformance } from '../store-conformance.js';
import { useTestCluster } from './use-test-cluster.js';

// One private cluster for this file; each suite gets a fresh database in it.
const requireCluster = useTestCluster();

describeStoreConformance('PostgreSQL', async () => openPostgresStore(await requireCluster().createDatabase('conformance')), {
  openWithSearchBudget: async (ms) =>
    openPostgresStore(await requireCluster().createDatabase('conformance_budget'), { searchBudgetMs: ms }),
});
describeStoreConformance('PostgreSQL, one connection', async () =>
  openPostgresStore(await requireCluster().createDatabase('conformance_one'), { poolSize: 1 }),
);
describeFactConformance('PostgreSQL', async () => openPostgresStore(await requireCluster().createDatabase('facts')));
