import type { SearchTransport } from '../client/transport.js';
import { segment } from '../client/transport.js';

export interface SearchHit<T> {
  _index: string;
  _id: string;
  _source: T;
  sort?: unknown[];
}

export interface SearchResult<T, A = Record<string, unknown>> {
  hits: { hits: Array<SearchHit<T>> };
  aggregations?: A;
}

/**
 * `_search` over a target (comma-joined names, a wildcard or an alias). Missing indices and aliases read as empty:
 * a family with no index yet has simply no documents.
 */
export async function searchIndices<T, A = Record<string, unknown>>(
  transport: SearchTransport,
  target: string,
  body: Record<string, unknown>,
): Promise<SearchResult<T, A>> {
  const path = `/${target.split(',').map(segment).join(',')}/_search`;
  const response = await transport.request<SearchResult<T, A>>({
    method: 'POST',
    path,
    querystring: { ignore_unavailable: true, allow_no_indices: true },
    body: JSON.stringify(body),
    ignoreStatuses: [404],
  });
  if (response.statusCode === 404) return { hits: { hits: [] } };
  return response.body;
}
