import type { RejectedSpan } from '@skein/codecs';
import type { PipelineConfig, RejectReason, SanitizeFix } from '@skein/collector';
import type { Span, Trace, TraceId } from '@skein/model';
import type { PlannedBatch } from '@skein/storage-sqlite';
import type { Operation, RankedTrace, SpanMetricsDropReason, SpanMetricsRow, TraceQuery } from '@skein/storage';

/**
 * Where an ingest thread puts the spans it checked: in its own share of the memory store (`maxTraces` before it
 * evicts its least recently written trace), or, for SQLite, back to the event loop as a planned batch for the store's
 * writer thread.
 */
export type ThreadStore = { kind: 'memory'; maxTraces: number } | { kind: 'sqlite' };

/** What an ingest thread is started with. */
export interface ThreadSettings {
  store: ThreadStore;
  pipeline: PipelineConfig;
  /** Span metrics counted where the spans are kept; absent when off. */
  spanMetrics?: { bucketMs: number; flushIntervalMs: number; maxSeries: number; maxLatenessMs: number };
}

/** What one request's spans came to in an ingest thread: the counts the collector's metrics need and the refusals to answer. */
export interface ThreadIngestResult {
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
  /**
   * For SQLite: the accepted spans planned for the writer thread. The thread counts them into span metrics once told
   * they are stored (`settle` with this `pending` number).
   */
  planned?: { batch: PlannedBatch; pending: number };
}

/** A question to an ingest thread and the type of its answer (searches: memory store only). */
export interface ThreadCalls {
  /** A request body in a codec's format: decoded, checked and kept there. */
  ingest: { args: { codec: string; payload: Uint8Array }; answer: ThreadIngestResult };
  /** Spans already decoded (a large JSON body, a direct write): checked (when `check`) and kept. */
  spans: { args: { spans: Span[]; check: boolean }; answer: ThreadIngestResult };
  services: { args: Record<string, never>; answer: string[] };
  operations: { args: { service: string; spanKind?: string }; answer: Operation[] };
  rank: { args: { query: TraceQuery }; answer: RankedTrace[] };
  traces: { args: { traceIds: TraceId[] }; answer: Trace[] };
  traceIdsStartingIn: { args: { startTs: number; endTs: number }; answer: TraceId[] };
  /** For SQLite: whether a planned batch was stored, so that its spans are counted into span metrics or forgotten. */
  settle: { args: { pending: number; stored: boolean }; answer: null };
  /** Writes the span metrics counted so far (before the thread stops). */
  flushSpanMetrics: { args: Record<string, never>; answer: null };
}

export type ThreadCall = keyof ThreadCalls;

export type ThreadRequest = { [K in ThreadCall]: { id: number; call: K } & ThreadCalls[K]['args'] }[ThreadCall];

/** An error crossing the thread boundary: enough to rebuild a DecodeError. */
export interface ThreadFailure {
  name: string;
  message: string;
  decode?: { format: string; detail: string; location: { offset?: number; field?: string } };
}

/** What an ingest thread posts: an answer to a request, or span metrics rows to keep. */
export type ThreadMessage =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; failure: ThreadFailure }
  | { spanMetricsRows: SpanMetricsRow[] };
