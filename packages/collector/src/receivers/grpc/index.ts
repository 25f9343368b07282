export { createOtlpGrpcReceiver, createJaegerGrpcReceiver, samplingManagerHandler, OTLP_GRPC_RECEIVER, JAEGER_GRPC_RECEIVER, type GrpcReceiverDeps } from './receivers.js';
export { otlpGrpcOptions, jaegerGrpcOptions, DEFAULT_GRPC_MAX_MESSAGE_SIZE, type GrpcReceiverConfig } from './options.js';
export { GrpcReceiverServer, type GrpcServerSettings, type GrpcServiceBinding } from './grpc-server.js';
export {
  otlpTraceServiceDefinition,
  jaegerCollectorServiceDefinition,
  samplingManagerServiceDefinition,
  healthServiceDefinition,
  rawClientDefinitions,
  OTLP_EXPORT_PATH,
  JAEGER_POST_SPANS_PATH,
  SAMPLING_GET_STRATEGY_PATH,
  HEALTH_CHECK_PATH,
} from './service-definitions.js';
export { safeDeserializer, unaryServerMethod, rawUnaryMethod, type DecodeOutcome } from './method-definitions.js';
export { decodeHealthCheckResponse, type HealthStatus } from './health-proto.js';
export { serverCredentials, type GrpcTlsOptions } from './tls.js';
