import type { TranscodedBatch, TranscodePlan } from '../codec.js';
/**
 * OTLP protobuf → Kafka `protobuf` records in one pass over the bytes: strings, ids and values are copied from the
 * request into each record, no span object is built. It follows decode-proto.ts and translate.ts field by field
 * (same tags, same "last one wins", same synthesized tags in the same order) and the collector's pipeline check by
 * check; whatever those would repair, refuse or cut makes it give up on the whole payload (`undefined`), and so do
 * array and kvlist values and malformed input, which the full path handles. A property test holds the two
 * paths to the same bytes.
 */
export declare function otlpProtoToKafkaProtobuf(payload: Uint8Array, plan: TranscodePlan): TranscodedBatch | undefined;
//# sourceMappingURL=to-kafka-protobuf.d.ts.map