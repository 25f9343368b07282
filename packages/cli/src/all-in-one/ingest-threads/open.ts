import { pipelineConfigOf, type CollectorCoreConfig, type CollectorMetrics, type ManagedSpanWriter } from '@skein/collector';
import type { Logger, Registry } from '@skein/runtime';
import { MemoryStorage, type SpanMetricsWriter, type StorageFactory } from '@skein/storage';
import { spanMetricsCounters, type SpanMetricsConfig } from '@skein/storage-backends';
import { SqliteStorage } from '@skein/storage-sqlite';
import { IngestThreads } from './ingest-threads.js';
import type { ThreadSettings, ThreadStore } from './messages.js';
import { ThreadedSpanIngest } from './threaded-ingest.js';
import { ThreadedMemoryStorage } from './threaded-memory-storage.js';

const MiB = 1024 * 1024;

type IngestThreadsConfig = Parameters<typeof pipelineConfigOf>[0] &
  Pick<CollectorCoreConfig, 'queueSizeMemory' | 'multiTenancyEnabled' | 'multiTenancyHeader' | 'multiTenancyTenants'> &
  SpanMetricsConfig & { memoryMaxTraces: number; ingestThreads: number; spanStorageType: string };

/** The all-in-one on ingest threads: the store the query side reads, and what the collector writes with. */
export interface ThreadedStore {
  storage: StorageFactory;
  threads: IngestThreads;
  /** For the collector's readiness: every thread up and the store answering. */
  writer: ManagedSpanWriter;
  ingest: (context: { metrics: CollectorMetrics; logger: Logger }) => ThreadedSpanIngest;
}

/**
 * Starts the ingest threads (`--all-in-one.ingest-threads`) over the memory store, split between them (each keeps
 * `--memory.max-traces` ÷ N traces), or over SQLite (`openSqlite` opens it; the threads plan batches for its writer
 * thread). Span metrics are counted in the threads and kept by the store (the memory store's archive, sampling and
 * span metrics stay on the event loop).
 */
export async function openThreadedStore(config: IngestThreadsConfig, deps: { logger: Logger; registry: Registry; openSqlite: () => Promise<StorageFactory> }): Promise<ThreadedStore> {
  const sqlite = config.spanStorageType === 'sqlite' ? await deps.openSqlite() : undefined;
  if (sqlite !== undefined && !(sqlite instanceof SqliteStorage)) throw new Error(`--all-in-one.ingest-threads: the sqlite store opened as ${sqlite.backend}`);
  const local = sqlite ? undefined : new MemoryStorage({ maxTraces: config.memoryMaxTraces });
  const store: ThreadStore = sqlite ? { kind: 'sqlite' } : { kind: 'memory', maxTraces: Math.ceil(config.memoryMaxTraces / config.ingestThreads) };
  const spanMetricsWriter: SpanMetricsWriter = (sqlite ?? local!).createSpanMetricsWriter();
  const counters = config.spanMetricsEnabled ? spanMetricsCounters(deps.registry) : undefined;
  const settings: ThreadSettings = {
    store,
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
  };
  const threads = new IngestThreads(config.ingestThreads, settings, {
    logger: deps.logger,
    registry: deps.registry,
    onSpanMetricsRows: (rows) =>
      void spanMetricsWriter.writeSpanMetrics(rows).then(
        () => counters?.rows.inc({ result: 'ok' }, rows.length),
        (error: unknown) => {
          counters?.rows.inc({ result: 'error' }, rows.length);
          deps.logger.warn({ err: error, rows: rows.length }, 'writing span metrics rows from an ingest thread failed; they are written again only when their bucket changes');
        },
      ),
  });
  const storage = sqlite ?? new ThreadedMemoryStorage(threads, local!);
  const reader = storage.createSpanReader();
  return {
    storage,
    threads,
    writer: {
      backend: storage.backend,
      writer: storage.createSpanWriter(),
      checkReady: async () => {
        threads.checkReady();
        await reader.getServices();
      },
      close: async () => undefined,
    },
    ingest: ({ metrics, logger }) =>
      new ThreadedSpanIngest(threads, {
        metrics,
        logger,
        tenancy: { enabled: config.multiTenancyEnabled, header: config.multiTenancyHeader, tenants: config.multiTenancyTenants },
        maxBytesInFlight: config.queueSizeMemory * MiB,
        onSpanMetricsDropped: (dropped) => {
          for (const [reason, count] of Object.entries(dropped ?? {})) counters?.dropped.inc({ reason }, count);
        },
        ...(sqlite ? { writePlanned: (batch) => sqlite.writePlannedSpans(batch) } : {}),
      }),
  };
}
