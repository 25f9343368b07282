import type { sendUnaryData, ServerUnaryCall } from '@grpc/grpc-js';
import { status as Status } from '@grpc/grpc-js';
import { jaegerProtoBatch, otlpProto } from '@skein/codecs';
import { RateLimitedLog, type Logger } from '@skein/runtime';
import type { SpanIngest } from '../../ingest/span-ingest.js';
import type { CollectorMetrics } from '../../metrics.js';
import type { StrategyStore } from '../../sampling/strategy-store.js';
import type { SamplingStrategyResponse } from '../../sampling/strategy-types.js';
import type { Receiver } from '../receiver.js';
import { GrpcReceiverServer, type GrpcServiceBinding } from './grpc-server.js';
import { ingestUnaryHandler, partialSuccessMessage, type GrpcIngestDeps } from './ingest-handler.js';
import type { DecodeOutcome } from './method-definitions.js';
import { JAEGER_GRPC_TLS_FLAG_PREFIX, OTLP_GRPC_TLS_FLAG_PREFIX, type GrpcReceiverConfig } from './options.js';
import { jaegerCollectorServiceDefinition, otlpTraceServiceDefinition, samplingManagerServiceDefinition } from './service-definitions.js';

export interface GrpcReceiverDeps {
  ingest: SpanIngest;
  metrics: CollectorMetrics;
  logger: Logger;
  /** Metadata key with the tenant (`--multi-tenancy.header`); default `x-tenant`. */
  tenantHeader?: string;
  /** How long `stop()` waits for in-flight calls; default 10 s. */
  shutdownTimeoutMs?: number;
}

export const OTLP_GRPC_RECEIVER = 'otlp-grpc';
export const JAEGER_GRPC_RECEIVER = 'jaeger-grpc';

function ingestDeps(deps: GrpcReceiverDeps): GrpcIngestDeps {
  return {
    ingest: deps.ingest,
    metrics: deps.metrics,
    logger: deps.logger,
    badInputLog: new RateLimitedLog(deps.logger),
    tenantHeader: (deps.tenantHeader ?? 'x-tenant').toLowerCase(),
  };
}

function tlsOf(config: GrpcReceiverConfig) {
  return { enabled: config.tlsEnabled, certPath: config.tlsCert, keyPath: config.tlsKey, clientCaPath: config.tlsClientCa };
}

/** OTLP `opentelemetry.proto.collector.trace.v1.TraceService/Export` (4317), with partial success. */
export function createOtlpGrpcReceiver(deps: GrpcReceiverDeps, config: GrpcReceiverConfig): Receiver {
  const handler = ingestUnaryHandler(ingestDeps(deps), OTLP_GRPC_RECEIVER, otlpProto.name, (result) => ({
    rejectedSpans: result.rejected.length,
    errorMessage: partialSuccessMessage(result),
  }));
  return new GrpcReceiverServer({
    name: OTLP_GRPC_RECEIVER,
    hostPort: config.hostPort,
    maxMessageSize: config.maxMessageSize,
    tls: tlsOf(config),
    tlsFlagPrefix: OTLP_GRPC_TLS_FLAG_PREFIX,
    shutdownTimeoutMs: deps.shutdownTimeoutMs ?? 10_000,
    logger: deps.logger,
    services: [{ serviceName: 'opentelemetry.proto.collector.trace.v1.TraceService', definition: otlpTraceServiceDefinition(deps.ingest), implementation: { Export: handler } }],
  });
}

/** `SamplingManager/GetSamplingStrategy` from a strategy store; an empty service name gets the default strategy. */
export function samplingManagerHandler(store: StrategyStore, logger: Logger) {
  const badInputLog = new RateLimitedLog(logger);
  return (call: ServerUnaryCall<DecodeOutcome<{ serviceName: string }>, SamplingStrategyResponse>, callback: sendUnaryData<SamplingStrategyResponse>): void => {
    const request = call.request;
    if (!request.ok) {
      const details = request.error instanceof Error ? request.error.message : String(request.error);
      badInputLog.warn({ receiver: JAEGER_GRPC_RECEIVER, peer: call.getPeer(), error: details }, 'rejected an undecodable sampling request');
      callback({ code: Status.INVALID_ARGUMENT, details });
      return;
    }
    callback(null, store.getStrategy(request.value.serviceName));
  };
}

/**
 * Jaeger gRPC on 14250: `jaeger.api_v2.CollectorService/PostSpans` and, given a strategy store,
 * `jaeger.api_v2.SamplingManager/GetSamplingStrategy`.
 */
export function createJaegerGrpcReceiver(deps: GrpcReceiverDeps & { strategies?: StrategyStore }, config: GrpcReceiverConfig): Receiver {
  const postSpans = ingestUnaryHandler(ingestDeps(deps), JAEGER_GRPC_RECEIVER, jaegerProtoBatch.name, () => null, true);
  const services: GrpcServiceBinding[] = [{ serviceName: 'jaeger.api_v2.CollectorService', definition: jaegerCollectorServiceDefinition(deps.ingest), implementation: { PostSpans: postSpans } }];
  if (deps.strategies) {
    services.push({
      serviceName: 'jaeger.api_v2.SamplingManager',
      definition: samplingManagerServiceDefinition,
      implementation: { GetSamplingStrategy: samplingManagerHandler(deps.strategies, deps.logger) },
    });
  }
  return new GrpcReceiverServer({
    name: JAEGER_GRPC_RECEIVER,
    hostPort: config.hostPort,
    maxMessageSize: config.maxMessageSize,
    tls: tlsOf(config),
    tlsFlagPrefix: JAEGER_GRPC_TLS_FLAG_PREFIX,
    shutdownTimeoutMs: deps.shutdownTimeoutMs ?? 10_000,
    logger: deps.logger,
    services,
  });
}
