import { pipelineConfigOf, type CollectorCoreConfig, type CollectorMetrics, type ManagedSpanWriter } from '@skein/collector';
import type { Logger, Registry } from '@skein/runtime';
import { MemoryStorage } from '@skein/storage';
import { spanMetricsCounters, type SpanMetricsConfig } from '@skein/storage-backends';
import { MemoryShards } from './memory-shards.js';
import { ThreadedSpanIngest } from './threaded-ingest.js';
import { ThreadedMemoryStorage } from './threaded-memory-storage.js';

const MiB = 1024 * 1024;

type ThreadedMemoryConfig = Parameters<typeof pipelineConfigOf>[0] &
  Pick<CollectorCoreConfig, 'queueSizeMemory' | 'multiTenancyEnabled' | 'multiTenancyHeader' | 'multiTenancyTenants'> &
  SpanMetricsConfig & { memoryMaxTraces: number; memoryThreads: number };

/** What the all-in-one runs on when `--memory.threads` is above 1: the store for the query side, and the collector's ingest. */
export interface ThreadedMemory {
  storage: ThreadedMemoryStorage;
  writer: ManagedSpanWriter;
  ingest: (context: { metrics: CollectorMetrics; logger: Logger }) => ThreadedSpanIngest;
}

/**
 * Starts the memory store's threads. `--memory.max-traces` is shared out between them; span metrics are counted in
 * the threads and kept, with archive and sampling, on the event loop.
 */
export function openThreadedMemory(config: ThreadedMemoryConfig, deps: { logger: Logger; registry: Registry }): ThreadedMemory {
  const local = new MemoryStorage({ maxTraces: config.memoryMaxTraces });
  const counters = config.spanMetricsEnabled ? spanMetricsCounters(deps.registry) : undefined;
  const spanMetricsWriter = local.createSpanMetricsWriter();
  const shards = new MemoryShards(
    config.memoryThreads,
    {
      maxTraces: Math.ceil(config.memoryMaxTraces / config.memoryThreads),
      pipeline: pipelineConfigOf(config),
      ...(config.spanMetricsEnabled
        ? {
            spanMetrics: {
              bucketMs: config.spanMetricsBucket,
              flushIntervalMs: config.spanMetricsFlushInterval,
              maxSeries: config.spanMetricsMaxSeries,
              maxLatenessMs: config.spanMetricsMaxLateness,
            },
          }
        : {}),
    },
    {
      logger: deps.logger,
      registry: deps.registry,
      // The memory store's write never fails once open; after close the rows have nowhere to go.
      onSpanMetricsRows: (rows) =>
        void spanMetricsWriter.writeSpanMetrics(rows).then(
          () => counters?.rows.inc({ result: 'ok' }, rows.length),
          () => counters?.rows.inc({ result: 'error' }, rows.length),
        ),
    },
  );
  const storage = new ThreadedMemoryStorage(shards, local);
  return {
    storage,
    writer: {
      backend: storage.backend,
      writer: storage.createSpanWriter(),
      checkReady: async () => shards.checkReady(),
      close: async () => undefined,
    },
    ingest: ({ metrics, logger }) =>
      new ThreadedSpanIngest(shards, {
        metrics,
        logger,
        tenancy: { enabled: config.multiTenancyEnabled, header: config.multiTenancyHeader, tenants: config.multiTenancyTenants },
        maxBytesInFlight: config.queueSizeMemory * MiB,
        onSpanMetricsDropped: (dropped) => {
          for (const [reason, count] of Object.entries(dropped ?? {})) counters?.dropped.inc({ reason }, count);
        },
      }),
  };
}
