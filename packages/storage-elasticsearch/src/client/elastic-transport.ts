import type { Client } from '@elastic/elasticsearch';
import type { ElasticsearchConfig } from '../config.js';
import { commonClientSettings, JSON_HEADERS, requestHeaders } from './client-options.js';
import { toSearchRequestError } from './client-errors.js';
import type { SearchRequest, SearchResponse, SearchTransport } from './transport.js';

/** Elasticsearch 7.17, 8 and 9 through `@elastic/elasticsearch` 8, speaking plain `application/json`. */
export class ElasticTransport implements SearchTransport {
  readonly flavor = 'elasticsearch' as const;
  /** The client library is loaded with the first request: a process that never uses this store does not pay for it. */
  private readonly client: Promise<Client>;

  constructor(config: ElasticsearchConfig) {
    const { nodes, auth, tls, requestTimeout } = commonClientSettings(config);
    const options = {
      nodes,
      ...(auth ? { auth } : {}),
      ...(tls ? { tls: tls } : {}),
      ...(requestTimeout !== undefined ? { requestTimeout } : {}),
      headers: { ...JSON_HEADERS },
      // Span documents may carry user keys such as `__proto__`; JSON.parse makes them plain own properties.
      disablePrototypePoisoningProtection: true,
      maxRetries: 3,
    };
    this.client = import('@elastic/elasticsearch').then(({ Client }) => new Client(options));
    // Failures surface on the first request; until then the promise must not count as unhandled.
    this.client.catch(() => undefined);
  }

  async request<T>(request: SearchRequest): Promise<SearchResponse<T>> {
    try {
      const result = await (await this.client).transport.request<T>(
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
    await (await this.client).close();
  }
}
