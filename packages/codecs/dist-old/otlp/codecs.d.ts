import type { SpanCodec } from '../codec.js';
/** OTLP `ExportTraceServiceRequest` in protobuf: gRPC 4317 and HTTP 4318 `application/x-protobuf`. */
export declare const otlpProto: SpanCodec;
/** OTLP/JSON: HTTP 4318 `application/json`, and what /api/v3 answers. */
export declare const otlpJson: SpanCodec;
//# sourceMappingURL=codecs.d.ts.map