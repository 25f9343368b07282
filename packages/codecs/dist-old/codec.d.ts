import type { Span, Tag } from '@skein/model';
import type { KafkaSpanMessage } from './kafka/encoding.js';
/** A span the decoder understood as bytes but could not accept (e.g. an all-zero id). The rest of the batch stands. */
export interface RejectedSpan {
    /** Human-readable reason naming the field and the limit or rule, e.g. "spanId: all zeros". */
    reason: string;
    traceId?: string;
    spanId?: string;
}
/** The outcome of decoding one payload: the spans kept, and the ones refused with why. */
export interface DecodedBatch {
    spans: Span[];
    rejected: RejectedSpan[];
}
/**
 * One wire format. `decode` throws a {@link DecodeError} when the payload as a whole cannot be read (malformed,
 * truncated, wrong type); per-span problems go to `rejected` instead. `encode` exists where Skein also writes
 * the format (agent, load generator, Kafka, tests).
 */
export interface SpanCodec {
    /** Stable name used in config and metrics, e.g. `jaeger.thrift.compact`, `otlp.proto`, `zipkin.v2.json`. */
    readonly name: string;
    decode(payload: Uint8Array): DecodedBatch;
    encode?(spans: readonly Span[]): Uint8Array;
    /**
     * The collector's fast path, where the format allows it: the payload straight into Kafka `protobuf` records in
     * one pass over the bytes, with no span objects. Answers only when every span would pass the collector's
     * pipeline untouched under `plan` (nothing to repair, refuse or cut); then the records are byte for byte what
     * decode → pipeline → `kafkaProtobuf.encode` gives. Undefined otherwise, malformed payloads included: the caller
     * takes the full path, which repairs, refuses and reports.
     */
    toKafkaProtobuf?(payload: Uint8Array, plan: TranscodePlan): TranscodedBatch | undefined;
}
/** What the collector's pipeline would check and add, for {@link SpanCodec.toKafkaProtobuf}. */
export interface TranscodePlan {
    nowMicros: number;
    /** Start times before this (µs) are refused. */
    minStartMicros: number;
    /** Start times later than now plus this (µs) are refused. */
    maxFutureMicros: number;
    maxDurationMicros: number;
    /** Most tags per span, process and log before tags are dropped. */
    maxTags: number;
    /** Longest string or binary tag value before it is cut. */
    maxTagValueLength: number;
    /** Largest span (as `estimateSpanBytes` counts) before it is refused. */
    maxSpanBytes: number;
    /** Added to each process that lacks the key (`--collector.tags`). */
    processTags: readonly Tag[];
}
/** Spans already in Kafka records, in payload order; see {@link SpanCodec.toKafkaProtobuf}. */
export interface TranscodedBatch {
    /** One Jaeger `protobuf` record per span, keyed by trace id hex. */
    records: KafkaSpanMessage[];
    /** The spans' size as `estimateSpanBytes` counts it (an upper bound: string lengths are taken in bytes). */
    bytes: number;
}
//# sourceMappingURL=codec.d.ts.map