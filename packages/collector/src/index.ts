export { startCollector, type CollectorDeps, type CollectorHandle } from './collector.js';
export { collectorOptions, collectorCoreOptions, sectionValues, parseOptionalHostPort, type CollectorConfig, type CollectorCoreConfig } from './options.js';
export { CollectorMetrics } from './metrics.js';
export { OverloadedError, ShuttingDownError, TenantRejectedError, type SpanIngest, type IngestContext, type IngestResult } from './ingest/span-ingest.js';
export { WriterUnavailableError, WriterRejectedError } from './ingest/errors.js';
export { QueuedSpanIngest, type QueueSettings, type QueuedSpanIngestOptions } from './ingest/queued-ingest.js';
export type { Receiver } from './receivers/receiver.js';
export * from './pipeline/index.js';
export * from './writers/index.js';
export {
  createSamplingHttpServer,
  decodeSamplingStrategyResponse,
  encodeSamplingParameters,
  FileStrategyStore,
  samplingOptions,
  type SamplingStrategyResponse,
  type StrategySource,
  type StrategyStore,
  type SamplingHttpServerOptions,
} from './sampling/index.js';
export {
  createUdpBinaryReceiver,
  createUdpCompactReceiver,
  createUdpZipkinCompactReceiver,
  udpProcessorOptions,
  type UdpReceiver,
  type UdpReceiverConfig,
} from './receivers/udp/index.js';
export { JAEGER_POST_SPANS_PATH, SAMPLING_GET_STRATEGY_PATH } from './receivers/grpc/service-definitions.js';
