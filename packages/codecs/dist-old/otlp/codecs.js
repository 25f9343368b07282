import { decodeOtlpJson, OTLP_JSON_FORMAT } from './decode-json.js';
import { decodeOtlpProto, OTLP_PROTO_FORMAT } from './decode-proto.js';
import { encodeOtlpJson } from './encode-json.js';
import { encodeOtlpProto } from './encode-proto.js';
import { otlpProtoToKafkaProtobuf } from './to-kafka-protobuf.js';
/** OTLP `ExportTraceServiceRequest` in protobuf: gRPC 4317 and HTTP 4318 `application/x-protobuf`. */
export const otlpProto = {
    name: OTLP_PROTO_FORMAT,
    decode: (payload) => decodeOtlpProto(payload),
    encode: encodeOtlpProto,
    toKafkaProtobuf: otlpProtoToKafkaProtobuf,
};
/** OTLP/JSON: HTTP 4318 `application/json`, and what /api/v3 answers. */
export const otlpJson = {
    name: OTLP_JSON_FORMAT,
    decode: (payload) => decodeOtlpJson(payload),
    encode: encodeOtlpJson,
};
//# sourceMappingURL=codecs.js.map