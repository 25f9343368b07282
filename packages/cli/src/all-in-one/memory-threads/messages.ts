import type { RejectedSpan } from '@skein/codecs';
import type { PipelineConfig, RejectReason, SanitizeFix } from '@skein/collector';
import type { Span, Trace, TraceId } from '@skein/model';
import type { Operation, RankedTrace, SpanMetricsDropReason, SpanMetricsRow, TraceQuery } from '@skein/storage';

/** What a shard thread is started with. */
export interface ShardSettings {
  /** Traces this shard keeps before evicting its least recently written. */
  maxTraces: number;
  pipeline: PipelineConfig;
  /** Span metrics counted where the spans are kept; absent when off. */
  spanMetrics?: { bucketMs: number; flushIntervalMs: number; maxSeries: number; maxLatenessMs: number };
}

/** What one request's spans came to in a shard: the counts the collector's metrics need and the refusals to answer. */
export interface ShardIngestResult {
  /** Spans decoded, kept or refused. */
  received: number;
  accepted: number;
  /** Refused by the decoder. */
  decodeRejected: RejectedSpan[];
  /** Refused by the pipeline, with its reason code. */
  pipelineRejected: Array<RejectedSpan & { code: RejectReason }>;
  /** Repairs the pipeline made, by fix. */
  fixes: Partial<Record<SanitizeFix, number>>;
  /** Kept spans the span metrics could not count, by reason, when there were any. */
  spanMetricsDropped?: Partial<Record<SpanMetricsDropReason, number>>;
}

/** A question to a shard thread and the type of its answer. */
export interface ShardCalls {
  /** A request body in a codec's format: decoded, checked and kept there. */
  ingest: { args: { codec: string; payload: Uint8Array }; answer: ShardIngestResult };
  /** Spans already decoded (a large JSON body, a direct write): checked (when `check`) and kept. */
  spans: { args: { spans: Span[]; check: boolean }; answer: ShardIngestResult };
  services: { args: Record<string, never>; answer: string[] };
  operations: { args: { service: string; spanKind?: string }; answer: Operation[] };
  rank: { args: { query: TraceQuery }; answer: RankedTrace[] };
  traces: { args: { traceIds: TraceId[] }; answer: Trace[] };
  traceIdsStartingIn: { args: { startTs: number; endTs: number }; answer: TraceId[] };
  /** Writes the span metrics counted so far (before the thread stops). */
  flushSpanMetrics: { args: Record<string, never>; answer: null };
}

export type ShardCall = keyof ShardCalls;

export type ShardRequest = { [K in ShardCall]: { id: number; call: K } & ShardCalls[K]['args'] }[ShardCall];

/** An error crossing the thread boundary: enough to rebuild a DecodeError. */
export interface ShardFailure {
  name: string;
  message: string;
  decode?: { format: string; detail: string; location: { offset?: number; field?: string } };
}

/** What a shard thread posts: an answer to a request, or span metrics rows to keep. */
export type ShardMessage =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; failure: ShardFailure }
  | { spanMetricsRows: SpanMetricsRow[] };
