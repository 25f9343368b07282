import type { DecodedBatch, RejectedSpan, SpanCodec } from '../codec.js';
import { type ThriftLimits } from '../thrift/types.js';
import type { ZipkinV2Span } from './v2-span.js';
/** Translates v2 spans (JSON or proto) into the model through Jaeger's v1 rules. */
export declare function decodeZipkinV2(spans: readonly ZipkinV2Span[], rejected?: RejectedSpan[]): DecodedBatch;
/** `zipkin.v1.json`: `POST /api/v1/spans` with a JSON body. */
export declare const zipkinV1Json: SpanCodec;
/**
 * `zipkin.v1.thrift`: `list<zipkincore.Span>` in TBinaryProtocol (`POST /api/v1/spans`, Kafka). As Zipkin does, a
 * payload whose first byte is not the STRUCT list-element type is read as a single legacy span.
 */
export declare function zipkinV1ThriftCodec(limits?: Partial<ThriftLimits>): SpanCodec;
export declare const zipkinV1Thrift: SpanCodec;
/** `zipkin.v2.json`: `POST /api/v2/spans` with a JSON body. Encodes too. */
export declare const zipkinV2Json: SpanCodec;
/** `zipkin.v2.proto`: `zipkin.proto3.ListOfSpans` (`POST /api/v2/spans` with `application/x-protobuf`). */
export declare const zipkinV2Proto: SpanCodec;
//# sourceMappingURL=codecs.d.ts.map