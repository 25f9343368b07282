export { startCollector, type CollectorDeps, type CollectorHandle } from './collector.js';
export { collectorOptions, collectorCoreOptions, sectionValues, parseOptionalHostPort, type CollectorConfig, type CollectorCoreConfig } from './options.js';
export { CollectorMetrics } from './metrics.js';
export { OverloadedError, ShuttingDownError, TenantRejectedError, type SpanIngest, type IngestContext, type IngestResult } from './ingest/span-ingest.js';
export { WriterUnavailableError, WriterRejectedError } from './ingest/errors.js';
export { QueuedSpanIngest, type QueueSettings, type QueuedSpanIngestOptions } from './ingest/queued-ingest.js';
export type { Receiver } from './receivers/receiver.js';
export * from './pipeline/index.js';
export * from './writers/index.js';
