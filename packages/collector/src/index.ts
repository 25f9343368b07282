export { pipelineConfigOf, startCollector, type CollectorDeps, type CollectorHandle } from './collector.js';
export { collectorOptions, collectorCoreOptions, sectionValues, parseOptionalHostPort, type CollectorConfig, type CollectorCoreConfig } from './options.js';
export { CollectorMetrics } from './metrics.js';
export {
  isOffloaded,
  OverloadedError,
  ShuttingDownError,
  TenantRejectedError,
  type ClosableSpanIngest,
  type IngestContext,
  type IngestResult,
  type OffloadedBatch,
  type PreparedBatch,
  type SpanIngest,
} from './ingest/span-ingest.js';
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
