import { Client } from '@opensearch-project/opensearch';
import type { ElasticsearchConfig } from '../config.js';
import { commonClientSettings, JSON_HEADERS, requestHeaders } from './client-options.js';
import { toSearchRequestError } from './client-errors.js';
import type { SearchRequest, SearchResponse, SearchTransport } from './transport.js';

/** OpenSearch 1, 2 and 3 through `@opensearch-project/opensearch`. */
export class OpenSearchTransport implements SearchTransport {
  readonly flavor = 'opensearch' as const;
  private readonly client: Client;

  constructor(config: ElasticsearchConfig) {
    const { nodes, auth, tls, requestTimeout } = commonClientSettings(config);
    this.client = new Client({
      nodes,
      ...(auth ? { auth } : {}),
      ...(tls ? { ssl: tls } : {}),
      ...(requestTimeout !== undefined ? { requestTimeout } : {}),
      headers: { ...JSON_HEADERS },
      disablePrototypePoisoningProtection: true,
      maxRetries: 3,
    });
  }

  async request<T>(request: SearchRequest): Promise<SearchResponse<T>> {
    try {
      const result = await this.client.transport.request(
        {
          method: request.method,
          path: request.path,
          ...(request.querystring ? { querystring: request.querystring } : {}),
          ...(request.body !== undefined ? { body: request.body } : {}),
          ...(request.ndjson !== undefined ? { bulkBody: request.ndjson } : {}),
        },
        {
          headers: requestHeaders(request.ndjson !== undefined),
          ...(request.ignoreStatuses ? { ignore: request.ignoreStatuses } : {}),
        },
      );
      return { statusCode: result.statusCode ?? 0, body: result.body as T };
    } catch (error) {
      throw toSearchRequestError(request.method, request.path, error);
    }
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}
