export { zipkinV1Json, zipkinV1Thrift, zipkinV1ThriftCodec, zipkinV2Json, zipkinV2Proto, decodeZipkinV2 } from './codecs.js';
export { encodeZipkinV2Json } from './json-v2-encode.js';
export { decodeZipkinV1, UNKNOWN_SERVICE_NAME } from './v1-to-model.js';
//# sourceMappingURL=index.js.map