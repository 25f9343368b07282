import { kafkaConsumerOptions } from '@skein/kafka';
import { option, parseBoolean, parseDurationMs, parseEnum, parseInteger, processesOption, type OptionValues } from '@skein/runtime';
import { spanMetricsOptions, spanStorageTypeOption, STORAGE_TYPES, storageOptions } from '@skein/storage-backends';

/** Jaeger's ingester admin port. */
export const INGESTER_ADMIN_PORT = 14270;

/** The ingester's own options (beyond `kafka.consumer.*`, `es.*` and the common ones). */
export const ingesterCoreOptions = {
  batchMaxBytes: option({
    flag: 'ingester.batch-max-bytes',
    description: 'bytes of records per partition handed to storage at most at once (with kafka.consumer.batch-max-messages and batch-max-wait)',
    parse: parseInteger(1024, 256 * 1024 * 1024),
    defaultValue: 4 * 1024 * 1024,
    valueName: '<bytes>',
  }),
  maxBufferedMessages: option({
    flag: 'ingester.max-buffered-messages',
    description: 'records fetched but not yet written, over all partitions; fetching pauses above it',
    parse: parseInteger(100, 10_000_000),
    defaultValue: 20_000,
    valueName: '<records>',
  }),
  retryInitial: option({
    flag: 'ingester.retry.initial-backoff',
    description: 'first wait before a failed storage write is retried (doubles up to retry.max-backoff, with jitter)',
    parse: parseDurationMs,
    defaultValue: 200,
    valueName: '<duration>',
  }),
  retryMax: option({
    flag: 'ingester.retry.max-backoff',
    description: 'longest wait between retries of a failed storage write (retries never stop; the partition waits)',
    parse: parseDurationMs,
    defaultValue: 30_000,
    valueName: '<duration>',
  }),
  lagInterval: option({
    flag: 'ingester.lag-interval',
    description: 'how often consumer lag per partition is measured for skein_ingester_lag',
    parse: parseDurationMs,
    defaultValue: 10_000,
    valueName: '<duration>',
  }),
  processes: processesOption('ingester.processes', 'ingester'),
  shutdownTimeout: option({
    flag: 'ingester.shutdown-timeout',
    description: 'on SIGTERM: time to write and commit what was fetched and leave the group; the rest is redelivered later',
    parse: parseDurationMs,
    defaultValue: 20_000,
    valueName: '<duration>',
  }),
  dependenciesEnabled: option({
    flag: 'ingester.dependencies.enabled',
    description: 'compute service dependencies from the span stream and write them to storage (Elasticsearch/OpenSearch)',
    parse: parseBoolean,
    defaultValue: true,
    valueName: '<bool>',
  }),
  dependenciesBucket: option({
    flag: 'ingester.dependencies.bucket',
    description: 'time bucket of dependency call counts (one document per bucket and ingester)',
    parse: parseDurationMs,
    defaultValue: 10 * 60_000,
    valueName: '<duration>',
  }),
  dependenciesFlushInterval: option({
    flag: 'ingester.dependencies.flush-interval',
    description: 'how often changed dependency buckets are written',
    parse: parseDurationMs,
    defaultValue: 30_000,
    valueName: '<duration>',
  }),
  dependenciesWindowSpans: option({
    flag: 'ingester.dependencies.window-spans',
    description: 'recent spans remembered per partition to find a parent that arrives after its child',
    parse: parseInteger(100, 10_000_000),
    defaultValue: 100_000,
    valueName: '<spans>',
  }),
};

/** Everything `skein ingester` accepts beyond the common options (admin port, log level). */
export const ingesterOptions = {
  spanStorageType: spanStorageTypeOption(STORAGE_TYPES, 'elasticsearch'),
  ...ingesterCoreOptions,
  ...spanMetricsOptions,
  ...prefixKeys('kafka', kafkaConsumerOptions),
  ...prefixKeys('storage', storageOptions()),
};

export type IngesterConfig = OptionValues<typeof ingesterOptions>;

type Prefixed<P extends string, O> = { [K in keyof O as `${P}${Capitalize<K & string>}`]: O[K] };

function prefixKeys<P extends string, O extends Record<string, unknown>>(prefix: P, options: O): Prefixed<P, O> {
  return Object.fromEntries(Object.entries(options).map(([key, value]) => [`${prefix}${key[0]!.toUpperCase()}${key.slice(1)}`, value])) as Prefixed<P, O>;
}

/** The `kafka.consumer.*` values back under the names `@skein/kafka` uses. */
export function kafkaValuesOf(config: IngesterConfig): OptionValues<typeof kafkaConsumerOptions> {
  return unprefix('kafka', kafkaConsumerOptions, config) as OptionValues<typeof kafkaConsumerOptions>;
}

/** The storage backends' values (`es.*`, `data-dir`, …) back under the names the registry uses. */
export function storageValuesOf(config: IngesterConfig): Record<string, unknown> {
  return unprefix('storage', storageOptions(), config);
}

function unprefix(prefix: string, options: Record<string, unknown>, config: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.keys(options).map((key) => [key, config[`${prefix}${key[0]!.toUpperCase()}${key.slice(1)}`]]));
}
