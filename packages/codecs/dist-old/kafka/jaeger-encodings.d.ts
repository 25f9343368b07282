import type { KafkaSpanEncoding } from './encoding.js';
/** Jaeger's `protobuf` encoding: one `jaeger.api_v2.Span` (process embedded) per record, key = trace id hex. */
export declare const kafkaProtobuf: KafkaSpanEncoding;
/** Jaeger's `json` encoding: one span per record in Jaeger's jsonpb form, key = trace id hex. */
export declare const kafkaJson: KafkaSpanEncoding;
//# sourceMappingURL=jaeger-encodings.d.ts.map