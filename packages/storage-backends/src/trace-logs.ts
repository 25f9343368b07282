import type { TraceLogReader } from '@skein/storage';
import {
  elasticsearchConfigFromOptions,
  ElasticsearchTraceLogReader,
  traceLogConfigFromOptions,
  traceLogOptions,
  type ElasticsearchOptionValues,
  type TraceLogOptionValues,
} from '@skein/storage-elasticsearch';

/** `--query.logs.*`: where the query service finds the log lines of a trace. */
export const traceLogsOptions = traceLogOptions;

/**
 * The reader of trace log lines for a query service on `spanStorageType`, or undefined when logs are off: the span
 * store's cluster serves when it is Elasticsearch/OpenSearch and `--query.logs.server-urls` names no other.
 * `values` holds the command's loaded options (the `--query.logs.*` ones, and the `--es.*` ones of such a store).
 */
export function openTraceLogReader(spanStorageType: string, values: Readonly<Record<string, unknown>>): TraceLogReader | undefined {
  const spanCluster =
    spanStorageType === 'elasticsearch' || spanStorageType === 'opensearch'
      ? elasticsearchConfigFromOptions(values as unknown as ElasticsearchOptionValues, spanStorageType)
      : undefined;
  const config = traceLogConfigFromOptions(values as unknown as TraceLogOptionValues, spanCluster);
  return config ? new ElasticsearchTraceLogReader(config) : undefined;
}
