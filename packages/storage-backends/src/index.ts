export type { StorageBackend } from './backend.js';
export { STORAGE_BACKENDS, STORAGE_TYPES, openStorage, storageBackend, storageOptions, spanStorageTypeOption } from './registry.js';
export { memoryBackend, memoryOptions } from './memory-backend.js';
export { sqliteBackend, sqliteOptions, SQLITE_FILE_NAME } from './sqlite-backend.js';
export { elasticsearchBackend, opensearchBackend } from './elasticsearch-backend.js';
export { spanMetricsOptions, createSpanMetricsPipeline, spanMetricsCounters } from './span-metrics.js';
export type { SpanMetricsConfig, SpanMetricsPipeline } from './span-metrics.js';
export { traceLogsOptions, openTraceLogReader } from './trace-logs.js';
