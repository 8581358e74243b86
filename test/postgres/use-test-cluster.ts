import { afterAll, beforeAll } from 'vitest';
import { startTestCluster, type TestCluster } from './cluster.js';

/**
 * One private cluster for the calling test file: started before its tests, stopped after them. Returns the way to
 * reach it, which throws a clear message when the cluster did not start (beforeAll's own error says why).
 */
export function useTestCluster(): () => TestCluster {
  let cluster: TestCluster | undefined;
  beforeAll(async () => {
    cluster = await startTestCluster();
  }, 120_000);
  afterAll(async () => {
    await cluster?.stop();
  });
  return () => {
    if (!cluster) throw new Error('the PostgreSQL test cluster did not start (see the error of beforeAll above)');
    return cluster;
  };
}
