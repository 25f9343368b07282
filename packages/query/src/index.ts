export {
  startQueryService,
  registerQueryRoutes,
  normalizeBasePath,
  QUERY_FASTIFY_OPTIONS,
  type QueryServerOptions,
  type QueryRouteDeps,
  type RunningQueryService,
} from './server.js';
export { QueryService, archiveStorageOf, spanMetricsReaderOf, type ArchiveStorage, type QueryServiceOptions, type ReadOptions } from './query-service.js';
export { queryOptions, querySecurityFrom, type QuerySecurity } from './options.js';
export { loadQueryAuth, type QueryAuth } from './auth.js';
export { locateUiBuild } from './ui-location.js';
export { loadUiConfig, type UiConfig } from './ui-config.js';
export { queryMetrics, type QueryMetrics } from './http/request-metrics.js';
export { type TraceAdjuster, composeAdjusters } from './adjusters/adjuster.js';
export { standardAdjusters, standardAdjuster, type StandardAdjusterOptions } from './adjusters/standard.js';
export { zipkinSpanIdUniquifier } from './adjusters/zipkin-span-id-uniquifier.js';
export { sortTagsAndLogs } from './adjusters/sort-tags-and-logs.js';
export { dedupeBySpanHash } from './adjusters/dedupe-by-span-hash.js';
export { clockSkewAdjuster } from './adjusters/clock-skew.js';
export { ipTagsToStrings } from './adjusters/ip-tags.js';
export { otelLibraryTagsToProcess } from './adjusters/otel-library-tags.js';
export { dropInvalidReferences } from './adjusters/invalid-references.js';
export { parentReferenceFirst } from './adjusters/parent-reference.js';
export { truncateTrace } from './adjusters/truncate-trace.js';
export { formatGoDuration } from './adjusters/go-duration.js';
export { startQueryGrpcServer, type QueryGrpcServerOptions, type RunningQueryGrpcServer } from './grpc/query-grpc-server.js';
export { PROTO_DIR as QUERY_PROTO_DIR, QUERY_PROTO_FILES } from './grpc/proto-definitions.js';
