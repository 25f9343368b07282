export { zipkinV1Json, zipkinV1Thrift, zipkinV1ThriftCodec, zipkinV2Json, zipkinV2Proto, decodeZipkinV2 } from './codecs.js';
export { encodeZipkinV2Json } from './json-v2-encode.js';
export { decodeZipkinV1, UNKNOWN_SERVICE_NAME } from './v1-to-model.js';
export type { ZipkinV1Span, ZipkinEndpoint, ZipkinAnnotation, ZipkinBinaryAnnotation } from './v1-span.js';
export type { ZipkinV2Span, ZipkinKind } from './v2-span.js';
//# sourceMappingURL=index.d.ts.map