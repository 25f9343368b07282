/**
 * @services opensearch, elasticsearch
 */
import { runConformanceSuite } from '@skein/storage/testing';
import { serviceAddress, uniqueName } from '../../../test/jest/service-address.js';
import type { SearchEngineFlavor } from './config.js';
import { disposeTestStorage, openTestStorage } from './testing/test-storage.js';

const engines: Array<[SearchEngineFlavor, string]> = [
  ['opensearch', 'OPENSEARCH_URL'],
  ['elasticsearch', 'ELASTICSEARCH_URL'],
];

for (const [flavor, env] of engines) {
  runConformanceSuite(
    flavor,
    async () => {
      const storage = await openTestStorage(flavor, serviceAddress(env as 'OPENSEARCH_URL'), uniqueName('skeinconf'));
      return {
        storage,
        afterWrite: () => storage.refresh(),
        dispose: () => disposeTestStorage(flavor, serviceAddress(env as 'OPENSEARCH_URL'), storage.config.indexPrefix),
      };
    },
    { slowTestTimeoutMs: 120_000 },
  );
}
