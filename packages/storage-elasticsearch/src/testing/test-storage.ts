import { createSearchTransport } from '../client/create-transport.js';
import { defaultElasticsearchConfig, type ElasticsearchConfig, type SearchEngineFlavor } from '../config.js';
import { createElasticsearchStorage, type ElasticsearchStorage } from '../elasticsearch-storage.js';
import { indexTemplates } from '../mappings.js';
import { deleteTemplates } from '../templates-installer.js';

/** A config for a single-node test cluster: one shard, no replicas, immediate flushes, a unique prefix. */
export function testConfig(flavor: SearchEngineFlavor, url: string, indexPrefix: string, overrides: Partial<ElasticsearchConfig> = {}): ElasticsearchConfig {
  const base = defaultElasticsearchConfig();
  return defaultElasticsearchConfig({
    flavor,
    serverUrls: [url],
    indexPrefix: indexPrefix.toLowerCase(),
    numShards: 1,
    numReplicas: 0,
    bulk: { ...base.bulk, flushIntervalMs: 0, initialBackoffMs: 50, maxRetries: 3 },
    ...overrides,
  });
}

export async function openTestStorage(
  flavor: SearchEngineFlavor,
  url: string,
  indexPrefix: string,
  overrides: Partial<ElasticsearchConfig> = {},
  /** Also open the archive, on the same cluster and prefix (`prefix-jaeger-span-archive`), as most sites run it. */
  withArchive = false,
): Promise<ElasticsearchStorage> {
  const config = testConfig(flavor, url, indexPrefix, overrides);
  return createElasticsearchStorage(config, withArchive ? { archive: config } : {});
}

/** Deletes every index and template of the prefix. */
export async function disposeTestStorage(flavor: SearchEngineFlavor, url: string, indexPrefix: string): Promise<void> {
  const config = testConfig(flavor, url, indexPrefix);
  const transport = createSearchTransport(config);
  try {
    await transport.request({
      method: 'DELETE',
      path: `/${encodeURIComponent(`${config.indexPrefix}-*`)}`,
      querystring: { ignore_unavailable: true, allow_no_indices: true, expand_wildcards: 'all' },
      ignoreStatuses: [404],
    });
    await deleteTemplates(transport, indexTemplates(config).map((t) => t.name));
  } finally {
    await transport.close();
  }
}
