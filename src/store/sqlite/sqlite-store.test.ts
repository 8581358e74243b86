import { join } from 'node:path';
import { describeStoreConformance, makeTempDir } from '../../../test/store-conformance.js';
import { openSqliteStore } from './sqlite-store.js';

describeStoreConformance('SQLite file', async () => openSqliteStore(join(makeTempDir('edgarkit-sqlite-'), 'test.db')));
describeStoreConformance('SQLite in memory', async () => openSqliteStore(':memory:'));
