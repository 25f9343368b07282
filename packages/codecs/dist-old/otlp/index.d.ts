export { otlpProto, otlpJson } from './codecs.js';
export { decodeOtlpProto, OTLP_PROTO_FORMAT } from './decode-proto.js';
export { decodeOtlpJson, decodeOtlpJsonValue, OTLP_JSON_FORMAT } from './decode-json.js';
export { encodeOtlpProto, encodeOtlpExportResponse } from './encode-proto.js';
export { encodeOtlpJson, spansToOtlpJsonValue } from './encode-json.js';
export { spansToOtlp, spanToOtlp, type OtlpOutResource, type OtlpOutScope, type OtlpOutSpan } from './from-model.js';
export { translateSpan, resourceToProcess, NO_SERVICE_NAME, TagKey as OtlpTagKey, type OtlpTranslateOptions } from './translate.js';
export { anyValueToJson, anyValueToTag, type AnyValue } from './any-value.js';
//# sourceMappingURL=index.d.ts.map