import type { Trace, TraceId } from '@skein/model';
import type { DependencyReader } from '../dependencies.js';
import { StorageClosedError } from '../errors.js';
import type { SamplingStore } from '../sampling-store.js';
import type { ArchiveSpanReader, GetOperationsParams, Operation, SpanReader } from '../span-reader.js';
import type { SpanWriter } from '../span-writer.js';
import type { StorageCapabilities, StorageFactory } from '../storage-factory.js';
import type { TraceQuery } from '../trace-query.js';
import { summarizeTrace } from '../trace-summary.js';
import { MemorySamplingStore } from './memory-sampling-store.js';
import { MemorySpanStore } from './memory-span-store.js';
import { MemorySpanMetricsStore } from './memory-span-metrics-store.js';
import type { SpanMetricsReader, SpanMetricsWriter } from '../span-metrics/span-metrics-store.js';

export interface MemoryStorageOptions {
  /** Traces kept before the least recently written one is evicted (Jaeger's `MEMORY_MAX_TRACES`). Default 100,000. */
  maxTraces?: number;
}

export const DEFAULT_MEMORY_MAX_TRACES = 100_000;

/**
 * Everything in process memory: nothing survives a restart, so a write is "durable" once it returns. For tests and
 * demos; bounded by `maxTraces`.
 */
export class MemoryStorage implements StorageFactory {
  readonly backend = 'memory';
  readonly capabilities: StorageCapabilities = {
    dependencies: 'computed-on-read',
    archive: true,
    ttl: false,
    sampling: true,
    spanMetrics: true,
  };
  private readonly spans: MemorySpanStore;
  private readonly archive: MemorySpanStore;
  private readonly sampling = new MemorySamplingStore();
  private readonly spanMetrics: MemorySpanMetricsStore;
  private closed = false;

  constructor(options: MemoryStorageOptions = {}) {
    this.spans = new MemorySpanStore(options.maxTraces ?? DEFAULT_MEMORY_MAX_TRACES);
    this.archive = new MemorySpanStore(options.maxTraces ?? DEFAULT_MEMORY_MAX_TRACES);
    this.spanMetrics = new MemorySpanMetricsStore(options.maxTraces ?? DEFAULT_MEMORY_MAX_TRACES);
  }

  /** Traces currently held. */
  get traceCount(): number {
    return this.spans.traceCount;
  }

  createSpanWriter(): SpanWriter {
    return {
      writeSpans: async (spans) => {
        this.assertOpen();
        this.spans.write(spans);
      },
    };
  }

  createSpanReader(): SpanReader {
    const reader: SpanReader = {
      getServices: async () => this.open().services(),
      getOperations: async ({ service, spanKind }: GetOperationsParams): Promise<Operation[]> =>
        this.open().operationsOf(service, spanKind),
      getTrace: async (traceId: TraceId): Promise<Trace | null> => this.open().trace(traceId),
      findTraceIds: async (query: TraceQuery) => this.open().findTraceIds(query),
      findTraces: async (query: TraceQuery) => {
        const store = this.open();
        return store.findTraceIds(query).flatMap((id) => store.trace(id) ?? []);
      },
      findTraceSummaries: async (query: TraceQuery) => {
        const store = this.open();
        return store.findTraceIds(query).flatMap((id) => {
          const trace = store.trace(id);
          return trace ? [summarizeTrace(id, trace.spans)] : [];
        });
      },
    };
    return reader;
  }

  createSpanMetricsWriter(): SpanMetricsWriter {
    return {
      writeSpanMetrics: async (rows) => {
        this.assertOpen();
        this.spanMetrics.write(rows);
      },
    };
  }

  createSpanMetricsReader(): SpanMetricsReader {
    return {
      readSpanMetrics: async (range) => {
        this.assertOpen();
        return this.spanMetrics.read(range);
      },
    };
  }

  createDependencyReader(): DependencyReader {
    return { getDependencies: async (endTs, lookback) => this.open().dependencies(endTs, lookback) };
  }

  createArchiveSpanWriter(): SpanWriter {
    return {
      writeSpans: async (spans) => {
        this.assertOpen();
        this.archive.write(spans);
      },
    };
  }

  createArchiveSpanReader(): ArchiveSpanReader {
    return {
      getTrace: async (traceId: TraceId) => {
        this.assertOpen();
        return this.archive.trace(traceId);
      },
    };
  }

  createSamplingStore(): SamplingStore {
    return this.sampling;
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  private open(): MemorySpanStore {
    this.assertOpen();
    return this.spans;
  }

  private assertOpen(): void {
    if (this.closed) throw new StorageClosedError(this.backend);
  }
}
