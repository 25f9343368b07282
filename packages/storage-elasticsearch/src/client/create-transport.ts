import type { ElasticsearchConfig } from '../config.js';
import { ElasticTransport } from './elastic-transport.js';
import { OpenSearchTransport } from './opensearch-transport.js';
import type { SearchTransport } from './transport.js';

/** The official client for the configured engine, behind the one interface the core uses. */
export function createSearchTransport(config: ElasticsearchConfig): SearchTransport {
  return config.flavor === 'opensearch' ? new OpenSearchTransport(config) : new ElasticTransport(config);
}
