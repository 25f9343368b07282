import { BinaryReader } from '../thrift/binary-reader.js';
import { TType } from '../thrift/types.js';
import { parseJsonArray } from './json-input.js';
import { spansFromV1Json } from './json-v1.js';
import { spansFromV2Json } from './json-v2.js';
import { encodeZipkinV2Json } from './json-v2-encode.js';
import { readZipkinSpan, readZipkinSpanList } from './thrift-v1-reader.js';
import { spansFromV2Proto } from './proto-v2.js';
import { decodeZipkinV1 } from './v1-to-model.js';
import { v2ToV1 } from './v2-to-v1.js';
/** Translates v2 spans (JSON or proto) into the model through Jaeger's v1 rules. */
export function decodeZipkinV2(spans, rejected = []) {
    return decodeZipkinV1(spans.map(v2ToV1), rejected);
}
/** `zipkin.v1.json`: `POST /api/v1/spans` with a JSON body. */
export const zipkinV1Json = {
    name: 'zipkin.v1.json',
    decode(payload) {
        const rejected = [];
        const spans = spansFromV1Json(parseJsonArray('zipkin.v1.json', payload), rejected);
        return decodeZipkinV1(spans, rejected);
    },
};
/**
 * `zipkin.v1.thrift`: `list<zipkincore.Span>` in TBinaryProtocol (`POST /api/v1/spans`, Kafka). As Zipkin does, a
 * payload whose first byte is not the STRUCT list-element type is read as a single legacy span.
 */
export function zipkinV1ThriftCodec(limits = {}) {
    const name = 'zipkin.v1.thrift';
    return {
        name,
        decode(payload) {
            const r = new BinaryReader(name, payload, limits);
            const spans = payload[0] === TType.STRUCT ? readZipkinSpanList(r) : [readZipkinSpan(r)];
            return decodeZipkinV1(spans);
        },
    };
}
export const zipkinV1Thrift = zipkinV1ThriftCodec();
/** `zipkin.v2.json`: `POST /api/v2/spans` with a JSON body. Encodes too. */
export const zipkinV2Json = {
    name: 'zipkin.v2.json',
    decode(payload) {
        const rejected = [];
        const spans = spansFromV2Json(parseJsonArray('zipkin.v2.json', payload), rejected);
        return decodeZipkinV2(spans, rejected);
    },
    encode: encodeZipkinV2Json,
};
/** `zipkin.v2.proto`: `zipkin.proto3.ListOfSpans` (`POST /api/v2/spans` with `application/x-protobuf`). */
export const zipkinV2Proto = {
    name: 'zipkin.v2.proto',
    decode(payload) {
        const rejected = [];
        const spans = spansFromV2Proto(payload, rejected);
        return decodeZipkinV2(spans, rejected);
    },
};
//# sourceMappingURL=codecs.js.map