import { decodeSingleSpan, encodeSingleSpan } from '../jaeger-proto/index.js';
import { decodeJaegerJsonSpan, encodeJaegerJsonSpan } from '../jaeger-proto/json.js';
import { ProtoWriter } from '../protobuf/index.js';
/** Jaeger's `protobuf` encoding: one `jaeger.api_v2.Span` (process embedded) per record, key = trace id hex. */
export const kafkaProtobuf = {
    name: 'protobuf',
    encode(spans) {
        const writer = new ProtoWriter();
        return spans.map((span) => ({ key: span.traceId, value: encodeSingleSpan(span, writer) }));
    },
    decode: (value) => decodeSingleSpan(value, 'kafka.protobuf'),
};
/** Jaeger's `json` encoding: one span per record in Jaeger's jsonpb form, key = trace id hex. */
export const kafkaJson = {
    name: 'json',
    encode: (spans) => spans.map((span) => ({ key: span.traceId, value: encodeJaegerJsonSpan(span) })),
    decode: decodeJaegerJsonSpan,
};
//# sourceMappingURL=jaeger-encodings.js.map