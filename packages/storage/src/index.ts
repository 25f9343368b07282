export type { SpanWriter } from './span-writer.js';
export type { SpanReader, ArchiveSpanReader, Operation, GetOperationsParams, GetTraceParams } from './span-reader.js';
export type { TraceQuery, ValidTraceQuery } from './trace-query.js';
export type { TraceSummary, ServiceSpanCount, SummarySpan } from './trace-summary.js';
export { summarizeSpans, summarizeTrace, summarySpanOf, isErrorSpan, sortServices } from './trace-summary.js';
export { validateTraceQuery, DEFAULT_TRACE_LIMIT } from './trace-query.js';
export type { DependencyLink, DependencyReader, DependencyWriter, DependencySpan } from './dependencies.js';
export { dependenciesFromSpans, parentSpanIdOf } from './dependencies.js';
export type {
  SamplingStore,
  Throughput,
  ThroughputBucket,
  ServiceOperationProbabilities,
  ServiceOperationQps,
} from './sampling-store.js';
export type { StorageFactory, StorageCapabilities } from './storage-factory.js';
export { StorageError, InvalidTraceQueryError, StorageClosedError } from './errors.js';
export type { InvalidTraceQueryReason } from './errors.js';
export { spanMatchesQuery, spanHasAllTags, spanKindOf, searchableTags } from './span-matching.js';
// Kept for importers of @skein/storage; the model owns them.
export { tagValueAsString, formatFloatLikeGo } from '@skein/model';
export { MemoryStorage, DEFAULT_MEMORY_MAX_TRACES } from './memory/memory-storage.js';
export type { MemoryStorageOptions } from './memory/memory-storage.js';
export type { SpanMetricsRow, SpanMetricsRange, SpanMetricsReader, SpanMetricsWriter } from './span-metrics/span-metrics-store.js';
export { rowInRange } from './span-metrics/span-metrics-store.js';
export type { TraceLogReader, TraceLogQuery, TraceLogLine, TraceLogResult } from './trace-logs/trace-log-reader.js';
export {
  SpanMetricsAggregator,
  DEFAULT_SPAN_METRICS_BUCKET_MS,
  DEFAULT_SPAN_METRICS_MAX_SERIES,
  DEFAULT_SPAN_METRICS_MAX_LATENESS_MS,
} from './span-metrics/span-metrics-aggregator.js';
export type { SpanMetricsAggregatorOptions, SpanMetricsDropReason } from './span-metrics/span-metrics-aggregator.js';
export { SpanMetricsRecorder, DEFAULT_SPAN_METRICS_FLUSH_INTERVAL_MS } from './span-metrics/span-metrics-recorder.js';
export type { SpanMetricsRecorderOptions } from './span-metrics/span-metrics-recorder.js';
export {
  LATENCY_RELATIVE_ERROR,
  latencyBucketOf,
  latencyBucketValue,
  addLatency,
  LatencyWindow,
  encodeLatencies,
  decodeLatencies,
  forEachLatencyBucket,
} from './span-metrics/latency-histogram.js';
export type { LatencyCounts } from './span-metrics/latency-histogram.js';
export { MemorySpanStore } from './memory/memory-span-store.js';
export { mergeRankedTraces, mergeTraceShares, mergeServices, mergeOperations, topRanked, type RankedTrace } from './memory/shard-merge.js';
