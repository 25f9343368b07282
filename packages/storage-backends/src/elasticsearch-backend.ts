import {
  archiveConfigFromOptions,
  createElasticsearchStorage,
  elasticsearchArchiveOptions,
  elasticsearchConfigFromOptions,
  elasticsearchOptions,
  type ElasticsearchArchiveOptionValues,
  type ElasticsearchOptionValues,
  type SearchEngineFlavor,
} from '@skein/storage-elasticsearch';
import type { StorageBackend } from './backend.js';

function searchBackend(flavor: SearchEngineFlavor, summary: string): StorageBackend {
  return {
    name: flavor,
    summary,
    options: { ...elasticsearchOptions, ...elasticsearchArchiveOptions },
    open: async (values) => {
      const archive = archiveConfigFromOptions(values as ElasticsearchArchiveOptionValues, flavor);
      return createElasticsearchStorage(elasticsearchConfigFromOptions(values as ElasticsearchOptionValues, flavor), {
        ...(archive ? { archive } : {}),
      });
    },
  };
}

export const elasticsearchBackend = searchBackend('elasticsearch', "Elasticsearch 7.8+, 8, 9 with Jaeger's indices (es.* options)");
export const opensearchBackend = searchBackend('opensearch', "OpenSearch 1-3 with Jaeger's indices (es.* options)");
