export { HttpReceiver, type HttpReceiverOptions, type ReceiverTools, type TlsFiles } from './http-receiver.js';
export { registerOtlpHttpRoutes } from './otlp-http.js';
export { registerJaegerHttpRoutes } from './jaeger-http.js';
export { registerZipkinRoutes } from './zipkin-http.js';
export { readBody, BodyError, type BodyLimits } from './body.js';
export { BodyBudget, type BodyLease } from './body-budget.js';
export { DecodeOffload, OFFLOAD_MIN_BYTES } from './decode-offload.js';
