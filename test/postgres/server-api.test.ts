import { afterAll } from 'vitest';
import { openPostgresStore } from '../../src/store/postgres/postgres-store.js';
import { useServerTestStore } from '../server-test-store.js';
import { startTestCluster } from './cluster.js';

// The server's API tests (src/server/api-routes.test.ts), run again with the PostgreSQL store underneath.
const cluster = await startTestCluster();
afterAll(async () => {
  await cluster.stop();
});
useServerTestStore(async () => openPostgresStore(await cluster.createDatabase('server_api')));
await import('../../src/server/api-routes.test.js');
