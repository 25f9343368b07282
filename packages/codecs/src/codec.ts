import type { Span } from '@skein/model';

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
}
