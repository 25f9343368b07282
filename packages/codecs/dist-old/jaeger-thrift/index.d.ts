export { jaegerThriftBinary, jaegerThriftCompact, jaegerThriftCompactCodec, encodeSubmitBatches, jaegerAgentCompact, jaegerAgentBinary, jaegerThriftBinaryCodec, jaegerAgentCompactCodec, jaegerAgentBinaryCodec, encodeJaegerBatch, encodeEmitBatch, type ThriftProtocolName, } from './codecs.js';
export { readBatch, readTag, readProcess } from './decode-batch.js';
export { writeBatch } from './encode-batch.js';
export { readAgentMessage, writeEmitBatch } from './agent.js';
export { readCollectorCall, writeSubmitBatches, isThriftMessage } from './collector-call.js';
//# sourceMappingURL=index.d.ts.map