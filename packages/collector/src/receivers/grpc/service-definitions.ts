import type { ServiceDefinition } from '@grpc/grpc-js';
import { encodeOtlpExportResponse, jaegerProtoBatch, otlpProto } from '@skein/codecs';
import type { PreparedBatch, SpanIngest } from '../../ingest/span-ingest.js';
import { decodeSamplingParameters, encodeSamplingStrategyResponse } from '../../sampling/sampling-proto.js';
import type { SamplingStrategyResponse } from '../../sampling/strategy-types.js';
import { decodeHealthCheckRequest, encodeHealthCheckResponse, type HealthStatus } from './health-proto.js';
import { rawUnaryMethod, unaryServerMethod } from './method-definitions.js';

export const OTLP_EXPORT_PATH = '/opentelemetry.proto.collector.trace.v1.TraceService/Export';
export const JAEGER_POST_SPANS_PATH = '/jaeger.api_v2.CollectorService/PostSpans';
export const SAMPLING_GET_STRATEGY_PATH = '/jaeger.api_v2.SamplingManager/GetSamplingStrategy';
export const HEALTH_CHECK_PATH = '/grpc.health.v1.Health/Check';

/** An `ExportTraceServiceResponse` carrying the partial-success numbers (empty when nothing was rejected). */
export interface OtlpExportResponse {
  rejectedSpans: number;
  errorMessage: string;
}

/** Requests are read by the ingest's `prepare`, so the fast path applies to gRPC as to HTTP. */
export const otlpTraceServiceDefinition = (ingest: Pick<SpanIngest, 'prepare'>) =>
  ({
    Export: unaryServerMethod<PreparedBatch, OtlpExportResponse>(
      OTLP_EXPORT_PATH,
      (bytes) => ingest.prepare(otlpProto, bytes),
      (response) => encodeOtlpExportResponse(response.rejectedSpans, response.errorMessage),
    ),
  }) satisfies ServiceDefinition;

const EMPTY = new Uint8Array(0);

export const jaegerCollectorServiceDefinition = (ingest: Pick<SpanIngest, 'prepare'>) =>
  ({
    // `PostSpansResponse` has no fields.
    PostSpans: unaryServerMethod<PreparedBatch, null>(JAEGER_POST_SPANS_PATH, (bytes) => ingest.prepare(jaegerProtoBatch, bytes), () => EMPTY),
  }) satisfies ServiceDefinition;

export const samplingManagerServiceDefinition = {
  GetSamplingStrategy: unaryServerMethod<{ serviceName: string }, SamplingStrategyResponse>(
    SAMPLING_GET_STRATEGY_PATH,
    decodeSamplingParameters,
    encodeSamplingStrategyResponse,
  ),
} satisfies ServiceDefinition;

export const healthServiceDefinition = {
  Check: unaryServerMethod<{ service: string }, HealthStatus>(HEALTH_CHECK_PATH, decodeHealthCheckRequest, encodeHealthCheckResponse),
} satisfies ServiceDefinition;

/** Raw-bytes client definitions of the same methods, for tests, benchmarks and the load generator. */
export const rawClientDefinitions = {
  otlpTraceService: { Export: rawUnaryMethod(OTLP_EXPORT_PATH) },
  jaegerCollectorService: { PostSpans: rawUnaryMethod(JAEGER_POST_SPANS_PATH) },
  samplingManagerService: { GetSamplingStrategy: rawUnaryMethod(SAMPLING_GET_STRATEGY_PATH) },
  healthService: { Check: rawUnaryMethod(HEALTH_CHECK_PATH) },
} satisfies Record<string, ServiceDefinition>;
