import type { DecodedBatch, RejectedSpan, SpanCodec, TranscodedBatch } from '@skein/codecs';

/** Where a batch came from: for metrics labels, logs and tenancy. */
export interface IngestContext {
  /** Receiver name used as a metric label: `otlp-grpc`, `otlp-http`, `jaeger-http`, `jaeger-grpc`, `zipkin`, `udp-compact`, `udp-binary`. */
  receiver: string;
  /** Codec name of the payload (`SpanCodec.name`). */
  format: string;
  /** Tenant from the `x-tenant` header (or gRPC metadata) when tenancy is enabled. */
  tenant?: string;
}

export interface IngestResult {
  /** Spans the writer has taken: durable in the writer's sense once this resolves. */
  accepted: number;
  /** Spans refused by the decoder or the pipeline, with the reason; the rest of the batch was accepted. */
  rejected: RejectedSpan[];
}

/**
 * The one door from receivers into the collector. `submit` runs the pipeline (validate, sanitize, enrich, limit),
 * puts the spans in the bounded queue and resolves only when the span writer has taken them. It never resolves
 * for spans that were dropped. It counts the batch's spans as received and its refused spans as rejected (by
 * receiver and format), so receivers count only what never reaches it (undecodable payloads, drops).
 *
 * @throws OverloadedError when the queue cannot take the batch (HTTP 429/503 + Retry-After, gRPC RESOURCE_EXHAUSTED,
 *   UDP: counted as dropped).
 * @throws ShuttingDownError once shutdown has begun (HTTP 503, gRPC UNAVAILABLE).
 * @throws TenantRejectedError when tenancy is on and the tenant is missing or not allowed (HTTP 401/403,
 *   gRPC PERMISSION_DENIED/UNAUTHENTICATED).
 */
export interface SpanIngest {
  /**
   * Reads one request body in `codec`'s format for {@link submit}: decoded into spans, or, where the codec and the
   * span writer allow it, transcoded straight into the writer's records. Throws the codec's DecodeError.
   */
  prepare(codec: SpanCodec, payload: Uint8Array): PreparedBatch;
  submit(batch: PreparedBatch, context: IngestContext): Promise<IngestResult>;
}

/**
 * A request body an ingest decodes elsewhere (the all-in-one's ingest threads): `submit` decodes it and throws
 * the codec's DecodeError from there.
 */
export interface OffloadedBatch {
  readonly codec: SpanCodec;
  readonly payload: Uint8Array;
}

/** A request's spans as {@link SpanIngest.prepare} gives them. */
export type PreparedBatch = DecodedBatch | TranscodedBatch | OffloadedBatch;

export function isTranscoded(batch: PreparedBatch): batch is TranscodedBatch {
  return 'records' in batch;
}

export function isOffloaded(batch: PreparedBatch): batch is OffloadedBatch {
  return 'payload' in batch;
}

/** An ingest the collector closes on stop: the queue it drains or the threads it waits for. */
export interface ClosableSpanIngest extends SpanIngest {
  /** Stops taking spans and lets what was taken finish until `deadlineMs`; then answers the rest "shutting down". */
  close(deadlineMs: number): Promise<void>;
}

/**
 * Spans a prepared batch carries (refused ones not counted). An offloaded body is decoded here to count them: only
 * for the metrics of spans dropped, which is rare.
 */
export function preparedSpanCount(batch: PreparedBatch): number {
  if (isTranscoded(batch)) return batch.records.length;
  if (!isOffloaded(batch)) return batch.spans.length;
  try {
    return batch.codec.decode(batch.payload).spans.length;
  } catch {
    return 0;
  }
}

export class OverloadedError extends Error {
  override readonly name = 'OverloadedError';
  constructor(
    readonly detail: string,
    /** What the receiver tells the client to wait before retrying. */
    readonly retryAfterSeconds: number,
  ) {
    super(`collector overloaded: ${detail}; retry after ${retryAfterSeconds}s`);
  }
}

export class ShuttingDownError extends Error {
  override readonly name = 'ShuttingDownError';
  constructor() {
    super('collector is shutting down and takes no new spans');
  }
}

export class TenantRejectedError extends Error {
  override readonly name = 'TenantRejectedError';
  constructor(
    readonly reason: 'missing' | 'not-allowed',
    readonly tenant?: string,
  ) {
    super(reason === 'missing' ? 'missing tenant header x-tenant' : `tenant "${tenant}" is not allowed`);
  }
}
