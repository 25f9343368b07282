export { jaegerProtoBatch, jaegerProtoSpan, jaegerJsonSpan } from './codecs.js';
export { decodePostSpansRequest, decodeSingleSpan } from './decode.js';
export { encodePostSpansRequest, encodeSpansResponseChunk, encodeSingleSpan, writeSpanBody, writeProcess, writeKeyValue } from './encode.js';
export { spanToJaegerJson, spanFromJaegerJson, encodeJaegerJsonSpan, decodeJaegerJsonSpan } from './json.js';
export * as JaegerProtoFields from './fields.js';
