import { afterAll } from 'vitest';
import { openPostgresStore } from '../../src/store/postgres/postgres-store.js';
import { useServerTestStore } from '../server-test-store.js';
import { startTestCluster } from './cluster.js';

// The facts routes and pages (src/server/facts-routes.test.ts), run again with the PostgreSQL store underneath.
const cluster = await startTestCluster();
afterAll(async () => {
  await cluster.stop();
});
useServerTestStore(async () => openPostgresStore(await cluster.createDatabase('server_facts')));
await import('../../src/server/facts-routes.test.js');
