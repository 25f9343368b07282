import type { SpanCodec } from '../codec.js';
/** `jaeger.api_v2.PostSpansRequest`: the body of gRPC `CollectorService/PostSpans` on port 14250. */
export declare const jaegerProtoBatch: SpanCodec;
/** One `jaeger.api_v2.Span` with its process: Jaeger's Kafka `protobuf` message. `encode` takes exactly one span. */
export declare const jaegerProtoSpan: SpanCodec;
/** One span in Jaeger's jsonpb form: Jaeger's Kafka `json` message. `encode` takes exactly one span. */
export declare const jaegerJsonSpan: SpanCodec;
//# sourceMappingURL=codecs.d.ts.map