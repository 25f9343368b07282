/** The query service's answers, as Skein's UI reads them. */

export interface ServiceSpanCount {
  name: string;
  spanCount: number;
  errorSpanCount: number;
}

/** api_v3 `TraceSummary` (`GET /api/v3/trace-summaries`); nanosecond times are decimal strings. */
export interface TraceSummary {
  traceId: string;
  rootServiceName: string;
  rootOperationName: string;
  minStartTimeUnixNano: string;
  maxEndTimeUnixNano: string;
  spanCount: number;
  errorSpanCount: number;
  orphanSpanCount: number;
  services: ServiceSpanCount[];
}

/** `GET /api/ui/traces/{id}`: the trace's columns, ordered by start time (see the query package's README). */
export interface TraceSkeleton {
  format: 'skein-trace-skeleton/1';
  traceID: string;
  startTime: number;
  duration: number;
  services: string[];
  operations: string[];
  spanIDs: string;
  parents: number[];
  serviceIndexes: number[];
  operationIndexes: number[];
  starts: number[];
  durations: number[];
  flags: number[];
  eventSpans: number[];
  eventOffsets: number[];
}

export const SPAN_FLAG = { error: 1, warnings: 2, orphan: 4 } as const;

export interface JaegerKeyValue {
  key: string;
  type: string;
  value: unknown;
}

export interface JaegerReference {
  refType: 'CHILD_OF' | 'FOLLOWS_FROM';
  traceID: string;
  spanID: string;
}

export interface JaegerLog {
  timestamp: number;
  fields: JaegerKeyValue[];
}

export interface JaegerProcess {
  serviceName: string;
  tags: JaegerKeyValue[];
}

export interface JaegerSpan {
  traceID: string;
  spanID: string;
  flags?: number;
  operationName: string;
  references: JaegerReference[];
  startTime: number;
  duration: number;
  tags: JaegerKeyValue[];
  logs: JaegerLog[];
  processID: string;
  process?: JaegerProcess;
  warnings: string[] | null;
}

export interface JaegerTrace {
  traceID: string;
  spans: JaegerSpan[];
  processes: Record<string, JaegerProcess>;
  warnings?: string[] | null;
}

/** Jaeger's `/api` envelope. */
export interface Envelope<T> {
  data: T;
  errors: Array<{ code?: number; msg: string; traceID?: string }> | null;
}

/** One span opened in the detail panel. */
export interface SpanDetail {
  span: JaegerSpan;
  process: JaegerProcess;
}

export interface DependencyLink {
  parent: string;
  child: string;
  callCount: number;
}
