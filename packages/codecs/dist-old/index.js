export { DecodeError } from './errors.js';
export { codecs, codecByName } from './registry.js';
export { jaegerThriftBinary, jaegerThriftCompact, jaegerThriftCompactCodec, encodeSubmitBatches, jaegerAgentCompact, jaegerAgentBinary, jaegerThriftBinaryCodec, jaegerAgentCompactCodec, jaegerAgentBinaryCodec, encodeJaegerBatch, encodeEmitBatch, } from './jaeger-thrift/index.js';
export { zipkinV1Json, zipkinV1Thrift, zipkinV1ThriftCodec, zipkinV2Json, zipkinV2Proto, encodeZipkinV2Json } from './zipkin/index.js';
export * from './protobuf/index.js';
export * from './jaeger-proto/index.js';
export * from './otlp/index.js';
export * from './kafka/index.js';
//# sourceMappingURL=index.js.map