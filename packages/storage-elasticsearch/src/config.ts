/** The resolved configuration of one Elasticsearch/OpenSearch backend, independent of where the values came from. */
export type SearchEngineFlavor = 'elasticsearch' | 'opensearch';

/** `day`: `jaeger-span-2024-05-01`; `hour`: `jaeger-span-2024-05-01-13`. */
export type IndexRolloverFrequency = 'day' | 'hour';

export interface TlsConfig {
  enabled: boolean;
  /** PEM text (already read from the file the option named). */
  ca?: string;
  cert?: string;
  key?: string;
  skipHostVerify: boolean;
  serverName?: string;
}

export interface BulkConfig {
  /** Flush when the queued request body reaches this many bytes. */
  sizeBytes: number;
  /** At most this many bulk requests in flight at once. */
  workers: number;
  /** Flush when this many actions are queued. */
  actions: number;
  /**
   * Flush this long after the first queued action. 0 flushes at the end of every `writeSpans` call instead
   * (lowest latency, smallest requests).
   */
  flushIntervalMs: number;
  /** Retries of one action that failed with a retryable status (429, 5xx), with jittered exponential backoff. */
  maxRetries: number;
  /** First backoff delay; doubles per attempt up to `maxBackoffMs`. */
  initialBackoffMs: number;
  maxBackoffMs: number;
}

export interface ElasticsearchConfig {
  flavor: SearchEngineFlavor;
  serverUrls: string[];
  username?: string;
  password?: string;
  tls: TlsConfig;
  /** As given by the user (`prod`); index names get `prod-` in front. Empty for none. */
  indexPrefix: string;
  indexDateSeparator: string;
  spanRolloverFrequency: IndexRolloverFrequency;
  serviceRolloverFrequency: IndexRolloverFrequency;
  /** Read through `*-read` and write through `*-write` aliases managed by `es-rollover`. */
  useAliases: boolean;
  createIndexTemplates: boolean;
  numShards: number;
  numReplicas: number;
  /** How far back a trace-id lookup without any location hint searches, in ms (Jaeger's `max-span-age`). */
  maxSpanAgeMs: number;
  /** Store tags also as `tag.<key>` / `process.tag.<key>` fields (dots replaced) for Kibana. */
  tagsAsFieldsAll: boolean;
  tagsAsFieldsInclude: string[];
  tagDotReplacement: string;
  /** Per-request timeout in ms; 0 uses the client's default. */
  timeoutMs: number;
  bulk: BulkConfig;
  /** Upper bound of the in-memory caches of written service/operation and trace-location documents. */
  writeCacheSize: number;
}

export const DEFAULT_BULK_CONFIG: BulkConfig = {
  sizeBytes: 5_000_000,
  workers: 1,
  actions: 1000,
  flushIntervalMs: 200,
  maxRetries: 8,
  initialBackoffMs: 100,
  maxBackoffMs: 10_000,
};

/** Jaeger's defaults, so an unconfigured Skein behaves like an unconfigured Jaeger. */
export function defaultElasticsearchConfig(overrides: Partial<ElasticsearchConfig> = {}): ElasticsearchConfig {
  return {
    flavor: 'elasticsearch',
    serverUrls: ['http://127.0.0.1:9200'],
    tls: { enabled: false, skipHostVerify: false },
    indexPrefix: '',
    indexDateSeparator: '-',
    spanRolloverFrequency: 'day',
    serviceRolloverFrequency: 'day',
    useAliases: false,
    createIndexTemplates: true,
    numShards: 5,
    numReplicas: 1,
    maxSpanAgeMs: 72 * 3_600_000,
    tagsAsFieldsAll: false,
    tagsAsFieldsInclude: [],
    tagDotReplacement: '@',
    timeoutMs: 0,
    bulk: { ...DEFAULT_BULK_CONFIG },
    writeCacheSize: 100_000,
    ...overrides,
  };
}
