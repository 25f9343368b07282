import { propagatedAuthorization } from '@skein/runtime';
import type { ElasticsearchConfig } from '../config.js';

/** The TLS and auth settings both clients accept in nearly the same shape. */
export interface CommonClientSettings {
  nodes: string[];
  auth?: { username: string; password: string };
  tls?: { ca?: string; cert?: string; key?: string; rejectUnauthorized: boolean; servername?: string };
  requestTimeout?: number;
}

export function commonClientSettings(config: ElasticsearchConfig): CommonClientSettings {
  const settings: CommonClientSettings = { nodes: config.serverUrls };
  if (config.username !== undefined) settings.auth = { username: config.username, password: config.password ?? '' };
  if (config.tls.enabled) {
    settings.tls = {
      ...(config.tls.ca !== undefined ? { ca: config.tls.ca } : {}),
      ...(config.tls.cert !== undefined ? { cert: config.tls.cert } : {}),
      ...(config.tls.key !== undefined ? { key: config.tls.key } : {}),
      ...(config.tls.serverName !== undefined ? { servername: config.tls.serverName } : {}),
      rejectUnauthorized: !config.tls.skipHostVerify,
    };
  }
  if (config.timeoutMs > 0) settings.requestTimeout = config.timeoutMs;
  return settings;
}

/** Plain JSON media types: Elasticsearch 7 rejects the v8 client's `compatible-with=8` ones, 8 and 9 accept these. */
export const JSON_HEADERS = { accept: 'application/json', 'content-type': 'application/json' } as const;
export const NDJSON_HEADERS = { accept: 'application/json', 'content-type': 'application/x-ndjson' } as const;

/** A request's headers: its content type, plus the served user's `Authorization` when the query propagates it. */
export function requestHeaders(ndjson: boolean): Record<string, string> {
  const authorization = propagatedAuthorization();
  const base = ndjson ? NDJSON_HEADERS : JSON_HEADERS;
  return authorization ? { ...base, authorization } : { ...base };
}
