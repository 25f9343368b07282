import type { Client } from '@opensearch-project/opensearch';
import type { ElasticsearchConfig } from '../config.js';
import { commonClientSettings, JSON_HEADERS, requestHeaders } from './client-options.js';
import { toSearchRequestError } from './client-errors.js';
import type { SearchRequest, SearchResponse, SearchTransport } from './transport.js';

/** OpenSearch 1, 2 and 3 through `@opensearch-project/opensearch`. */
export class OpenSearchTransport implements SearchTransport {
  readonly flavor = 'opensearch' as const;
  /** The client library is loaded with the first request: a process that never uses this store does not pay for it. */
  private readonly client: Promise<Client>;

  constructor(config: ElasticsearchConfig) {
    const { nodes, auth, tls, requestTimeout } = commonClientSettings(config);
    const options = {
      nodes,
      ...(auth ? { auth } : {}),
      ...(tls ? { ssl: tls } : {}),
      ...(requestTimeout !== undefined ? { requestTimeout } : {}),
      headers: { ...JSON_HEADERS },
      disablePrototypePoisoningProtection: true,
      maxRetries: 3,
    };
    this.client = import('@opensearch-project/opensearch').then(({ Client }) => new Client(options));
    // Failures surface on the first request; until then the promise must not count as unhandled.
    this.client.catch(() => undefined);
  }

  async request<T>(request: SearchRequest): Promise<SearchResponse<T>> {
    try {
      const result = await (await this.client).transport.request(
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
    await (await this.client).close();
  }
}
