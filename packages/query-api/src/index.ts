/**
 * The answers of the query service that Skein's UI reads beyond Jaeger's own JSON. The server builds them and the
 * browser reads them; this package holds only their shapes, so both sides are checked against one definition.
 */

export interface ServiceSummary {
  name: string;
  spanCount: number;
  errorSpanCount: number;
}

/** One search hit in api_v3's `TraceSummary` JSON form: nanosecond times as decimal strings, as proto3 JSON does. */
export interface TraceSummary {
  traceId: string;
  rootServiceName: string;
  rootOperationName: string;
  minStartTimeUnixNano: string;
  maxEndTimeUnixNano: string;
  spanCount: number;
  errorSpanCount: number;
  orphanSpanCount: number;
  services: ServiceSummary[];
}

/** Bits of `TraceSkeleton.flags`. */
export const SPAN_FLAG = { error: 1, warnings: 2, orphan: 4 } as const;

/**
 * The compact form of a trace that the UI draws its timeline from (`GET /api/ui/traces/{id}`): one column per
 * field, names in string tables, span ids in one string, so a 100,000-span trace is a few MB that the browser parses
 * in one go instead of a Jaeger JSON document ten times the size. Tags and logs stay on the server until a span is
 * opened (`/api/ui/traces/{id}/spans/{spanId}`).
 *
 * Spans are ordered by start time (ties by span id), so a client that fills children in list order gets every
 * sibling list sorted without sorting. `parents[i]` is the index of span i's parent, or -1 (root or orphan).
 */
export interface TraceSkeleton {
  format: 'skein-trace-skeleton/1';
  /** As Jaeger prints it: 16 hex digits for a 64-bit id, else 32. */
  traceID: string;
  /** Earliest span start, µs since the epoch; `starts` are offsets from it. */
  startTime: number;
  /** Latest span end − `startTime`, µs. */
  duration: number;
  services: string[];
  operations: string[];
  /** Span ids, 16 hex characters each, concatenated. */
  spanIDs: string;
  parents: number[];
  serviceIndexes: number[];
  operationIndexes: number[];
  starts: number[];
  durations: number[];
  flags: number[];
  /** Log / event marks on the timeline: the span's index and the offset from `startTime`, µs. */
  eventSpans: number[];
  eventOffsets: number[];
}

/**
 * The span filter's language (`GET /api/ui/traces/{id}/filter?where=`, a JSON array of `SpanFilterCondition`): which
 * operators each field takes, and the values of the fields that have a fixed set.
 */
export const SPAN_FILTER_OPERATORS = {
  service: ['=', '!=', '=~', '!~'],
  operation: ['=', '!=', '=~', '!~'],
  duration: ['>', '>=', '<', '<=', '='],
  status: ['=', '!='],
  kind: ['=', '!='],
  tag: ['=', '!=', '=~', '!~', 'exists', '!exists'],
  process: ['=', '!=', '=~', '!~', 'exists', '!exists'],
  log: ['=', '!=', '=~', '!~', 'exists', '!exists'],
} as const satisfies Record<string, readonly string[]>;

export type SpanFilterField = keyof typeof SPAN_FILTER_OPERATORS;
export type SpanFilterOperator = (typeof SPAN_FILTER_OPERATORS)[SpanFilterField][number];

export const SPAN_FILTER_CHOICES = {
  status: ['error', 'ok', 'unset'],
  kind: ['server', 'client', 'producer', 'consumer', 'internal', 'unspecified'],
} as const;

export interface SpanFilterCondition {
  field: SpanFilterField;
  /** The key, for `tag`, `process` and `log`. */
  key?: string;
  op: SpanFilterOperator;
  /** Absent for `exists` / `!exists`; a duration with its unit (`250ms`) for `duration`. */
  value?: string;
}
