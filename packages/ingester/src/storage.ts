import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { MemoryStorage, type StorageFactory } from '@skein/storage';
import { createElasticsearchStorage, elasticsearchConfigFromOptions } from '@skein/storage-elasticsearch';
import { openSqliteStorage } from '@skein/storage-sqlite';
import { elasticsearchValuesOf, type IngesterConfig } from './options.js';

/** Opens the backend named by `span-storage.type` with the `es.*` / `data-dir` options. */
export async function openIngesterStorage(config: IngesterConfig): Promise<StorageFactory> {
  switch (config.spanStorageType) {
    case 'elasticsearch':
    case 'opensearch':
      return createElasticsearchStorage(elasticsearchConfigFromOptions(elasticsearchValuesOf(config), config.spanStorageType));
    case 'sqlite': {
      const dir = resolve(config.dataDir);
      mkdirSync(dir, { recursive: true });
      return openSqliteStorage({ path: join(dir, 'skein.sqlite') });
    }
    case 'memory':
      return new MemoryStorage();
  }
}
