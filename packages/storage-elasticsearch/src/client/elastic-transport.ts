import { Client } from '@elastic/elasticsearch';
import type { ElasticsearchConfig } from '../config.js';
import { commonClientSettings, JSON_HEADERS, requestHeaders } from './client-options.js';
import { toSearchRequestError } from './client-errors.js';
import type { SearchRequest, SearchResponse, SearchTransport } from './transport.js';

/** Elasticsearch 7.17, 8 and 9 through `@elastic/elasticsearch` 8, speaking plain `application/json`. */
export class ElasticTransport implements SearchTransport {
  readonly flavor = 'elasticsearch' as const;
  private readonly client: Client;

  constructor(config: ElasticsearchConfig) {
    const { nodes, auth, tls, requestTimeout } = commonClientSettings(config);
    this.client = new Client({
      nodes,
      ...(auth ? { auth } : {}),
      ...(tls ? { tls } : {}),
      ...(requestTimeout !== undefined ? { requestTimeout } : {}),
      headers: { ...JSON_HEADERS },
      // Span documents may carry user keys such as `__proto__`; JSON.parse makes them plain own properties.
      disablePrototypePoisoningProtection: true,
      maxRetries: 3,
    });
  }

  async request<T>(request: SearchRequest): Promise<SearchResponse<T>> {
    try {
      const result = await this.client.transport.request<T>(
        {
          method: request.method,
          path: request.path,
          ...(request.querystring ? { querystring: request.querystring } : {}),
          ...(request.body !== undefined ? { body: request.body } : {}),
          ...(request.ndjson !== undefined ? { bulkBody: request.ndjson } : {}),
        },
        {
          meta: true,
          headers: requestHeaders(request.ndjson !== undefined),
          ...(request.ignoreStatuses ? { ignore: request.ignoreStatuses } : {}),
        },
      );
      return { statusCode: result.statusCode ?? 0, body: result.body };
    } catch (error) {
      throw toSearchRequestError(request.method, request.path, error);
    }
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}
