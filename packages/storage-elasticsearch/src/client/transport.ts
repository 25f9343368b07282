import type { SearchEngineFlavor } from '../config.js';

export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'DELETE';

export interface SearchRequest {
  method: HttpMethod;
  /** Path with every user-controlled segment already URI-encoded. */
  path: string;
  querystring?: Record<string, string | number | boolean>;
  /** A JSON body, serialized by the caller so both clients send identical bytes. */
  body?: string;
  /** An NDJSON `_bulk` body. */
  ndjson?: string;
  /** Statuses answered as a normal response instead of an error (e.g. 404 for "does it exist"). */
  ignoreStatuses?: number[];
}

export interface SearchResponse<T> {
  statusCode: number;
  body: T;
}

/**
 * The one thing the mapping and query core needs from a client: send a request, get the parsed JSON back.
 * Implemented over `@elastic/elasticsearch` and `@opensearch-project/opensearch`, which bring connection pooling,
 * node retries on connection faults, TLS and authentication.
 * @throws SearchRequestError for error statuses not in `ignoreStatuses`, and when no response arrives.
 */
export interface SearchTransport {
  readonly flavor: SearchEngineFlavor;
  request<T = unknown>(request: SearchRequest): Promise<SearchResponse<T>>;
  close(): Promise<void>;
}

/** Encodes one path segment (an index name, a document id, an alias). */
export function segment(value: string): string {
  return encodeURIComponent(value);
}
