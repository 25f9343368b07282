/** The query service's answers, as Skein's UI reads them. */

export { SPAN_FLAG, type ServiceSummary, type TraceSkeleton, type TraceSummary } from '@skein/query-api';

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

/** One application log line of a trace, from `/api/ui/traces/{id}/logs`. */
export interface TraceLogLine {
  /** µs since the epoch. */
  timestamp: number;
  spanID?: string;
  level?: string;
  message: string;
  fields: Record<string, string>;
  index: string;
  id: string;
}

export interface TraceLogs {
  lines: TraceLogLine[];
  /** Lines that match; more than `lines.length` when the query service's `--query.logs.max-lines` cut them. */
  total: number;
  /** What was searched, e.g. `logs-*,filebeat-* on http://es:9200`. */
  searched: string;
}
