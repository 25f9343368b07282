import type { Trace, TraceId } from '@skein/model';
import type { TraceQuery } from './trace-query.js';
import type { TraceSummary } from './trace-summary.js';

/** One operation of a service as Jaeger lists it: the span kind is the `span.kind` tag, `''` when absent. */
export interface Operation {
  name: string;
  spanKind: string;
}

export interface GetOperationsParams {
  service: string;
  /** Only operations seen with this span kind (`server`, `client`, … or `''`). Omitted: every kind. */
  spanKind?: string;
}

/**
 * Optional time hint for `getTrace`, in microseconds, as the query service knows it from a search result. A backend
 * may use it to narrow where it looks (daily indices, time buckets) and may then miss spans starting outside
 * `[startTime, endTime]`; spans inside it (bounds included) are always returned.
 */
export interface GetTraceParams {
  startTime?: number;
  endTime?: number;
}

/**
 * Reads spans back. Every method reflects all writes whose promise has resolved (after the backend's `afterWrite`
 * refresh, for eventually consistent stores).
 */
export interface SpanReader {
  /** Every service that has written a span, each once, sorted. */
  getServices(): Promise<string[]>;

  /** The distinct (operation name, span kind) pairs of a service, sorted by name then kind; `[]` for an unknown one. */
  getOperations(params: GetOperationsParams): Promise<Operation[]>;

  /**
   * The whole trace (every stored span, in no particular order), or `null` when no span of it is stored. Spans that
   * share a span id but differ in content are all returned.
   */
  getTrace(traceId: TraceId, params?: GetTraceParams): Promise<Trace | null>;

  /**
   * The ids of the traces matching `query` (see `TraceQuery`), most recent first: ranked by the latest start time of
   * a span that matches, ties broken by trace id. At most `query.limit` ids.
   * @throws InvalidTraceQueryError when `validateTraceQuery` rejects the query.
   */
  findTraceIds(query: TraceQuery): Promise<TraceId[]>;

  /** `findTraceIds`, then each whole trace (all its spans, not only the matching ones), in the same order. */
  findTraces(query: TraceQuery): Promise<Trace[]>;

  /**
   * `findTraceIds`, then each trace's summary (`summarizeSpans` of its stored spans), in the same order. A store
   * aggregates or keeps what it can instead of reading the traces whole.
   */
  findTraceSummaries(query: TraceQuery): Promise<TraceSummary[]>;
}

/** Archive storage is read by trace id only, as in Jaeger; `getTrace` follows `SpanReader.getTrace`. */
export type ArchiveSpanReader = Pick<SpanReader, 'getTrace'>;
