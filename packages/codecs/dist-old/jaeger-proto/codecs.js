import { decodePostSpansRequest, decodeSingleSpan } from './decode.js';
import { encodePostSpansRequest, encodeSingleSpan } from './encode.js';
import { decodeJaegerJsonSpan, encodeJaegerJsonSpan, JAEGER_JSON_FORMAT } from './json.js';
/** `jaeger.api_v2.PostSpansRequest`: the body of gRPC `CollectorService/PostSpans` on port 14250. */
export const jaegerProtoBatch = {
    name: 'jaeger.proto.batch',
    decode: (payload) => decodePostSpansRequest(payload, 'jaeger.proto.batch'),
    encode: (spans) => encodePostSpansRequest(spans),
};
/** One `jaeger.api_v2.Span` with its process: Jaeger's Kafka `protobuf` message. `encode` takes exactly one span. */
export const jaegerProtoSpan = {
    name: 'jaeger.proto.span',
    decode: (payload) => decodeSingleSpan(payload, 'jaeger.proto.span'),
    encode: (spans) => encodeSingleSpan(exactlyOne(spans, 'jaeger.proto.span')),
};
/** One span in Jaeger's jsonpb form: Jaeger's Kafka `json` message. `encode` takes exactly one span. */
export const jaegerJsonSpan = {
    name: JAEGER_JSON_FORMAT,
    decode: decodeJaegerJsonSpan,
    encode: (spans) => encodeJaegerJsonSpan(exactlyOne(spans, JAEGER_JSON_FORMAT)),
};
function exactlyOne(items, format) {
    if (items.length !== 1)
        throw new RangeError(`${format} encodes exactly one span per message, got ${items.length}`);
    return items[0];
}
//# sourceMappingURL=codecs.js.map