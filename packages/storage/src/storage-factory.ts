import type { DependencyReader, DependencyWriter } from './dependencies.js';
import type { SamplingStore } from './sampling-store.js';
import type { ArchiveSpanReader, SpanReader } from './span-reader.js';
import type { SpanWriter } from './span-writer.js';
import type { SpanMetricsReader, SpanMetricsWriter } from './span-metrics/span-metrics-store.js';

/** What a backend can do, so the query service and the conformance suite know which paths apply. */
export interface StorageCapabilities {
  /**
   * `computed-on-read`: `getDependencies` derives links from stored spans (memory, SQLite);
   * `stored`: links are written through `createDependencyWriter` (Elasticsearch, Cassandra with a batch job).
   */
  dependencies: 'computed-on-read' | 'stored';
  /**
   * Whether `createArchiveSpanWriter` / `createArchiveSpanReader` are available: a second place, outside retention,
   * where the query service copies a trace an operator chose to keep (`POST /api/archive/{id}`).
   */
  archive: boolean;
  /** Whether data expires by age on its own (TTL, index cleaner, retention sweep). */
  ttl: boolean;
  /** Whether `createSamplingStore` is available. */
  sampling: boolean;
  /** Whether `createSpanMetricsWriter` / `createSpanMetricsReader` are available (RED metrics per service and operation). */
  spanMetrics: boolean;
}

/**
 * One configured backend. Readers and writers it creates share its connections and stay valid until `close()`;
 * creating them is cheap. Optional creators exist exactly when the matching capability says so.
 */
export interface StorageFactory {
  /** Short backend name for logs and metrics: `memory`, `sqlite`, `elasticsearch`, … */
  readonly backend: string;
  readonly capabilities: StorageCapabilities;
  createSpanWriter(): SpanWriter;
  createSpanReader(): SpanReader;
  createDependencyReader(): DependencyReader;
  createDependencyWriter?(): DependencyWriter;
  createArchiveSpanWriter?(): SpanWriter;
  createArchiveSpanReader?(): ArchiveSpanReader;
  createSamplingStore?(): SamplingStore;
  createSpanMetricsWriter?(): SpanMetricsWriter;
  createSpanMetricsReader?(): SpanMetricsReader;
  /** Flushes what is pending and releases connections, files and timers. Safe to call twice. */
  close(): Promise<void>;
}
