import { createElasticsearchStorage, elasticsearchConfigFromOptions, elasticsearchOptions, type ElasticsearchOptionValues, type SearchEngineFlavor } from '@skein/storage-elasticsearch';
import type { StorageBackend } from './backend.js';

function searchBackend(flavor: SearchEngineFlavor, summary: string): StorageBackend {
  return {
    name: flavor,
    summary,
    options: elasticsearchOptions,
    open: async (values) => createElasticsearchStorage(elasticsearchConfigFromOptions(values as ElasticsearchOptionValues, flavor)),
  };
}

export const elasticsearchBackend = searchBackend('elasticsearch', "Elasticsearch 7.8+, 8, 9 with Jaeger's indices (es.* options)");
export const opensearchBackend = searchBackend('opensearch', "OpenSearch 1-3 with Jaeger's indices (es.* options)");
