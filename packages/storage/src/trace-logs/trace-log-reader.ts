/**
 * Application log lines that name a trace (ECS `trace.id`), read from wherever the operator's logs live, so the trace
 * page can show them beside the spans. Not a span store: a query service may have one whatever its span store is.
 */
export interface TraceLogQuery {
  /** 32 lowercase hex digits, as Skein names traces. */
  traceId: string;
  /** The range searched, µs since the epoch (the trace's span, widened by the reader's margin). */
  startMicros: number;
  endMicros: number;
  /** At most this many lines, the earliest first. */
  limit: number;
}

export interface TraceLogLine {
  /** µs since the epoch. */
  timestamp: number;
  /** 16 lowercase hex digits when the line names a span. */
  spanId?: string;
  level?: string;
  message: string;
  /** The line's other fields, flattened to dotted names, values as text (bounded in count and length). */
  fields: Record<string, string>;
  /** Where the line is, so a link can open it (index and document id). */
  index: string;
  id: string;
}

export interface TraceLogResult {
  lines: TraceLogLine[];
  /** Lines that match, of which `lines` are the first `limit`. */
  total: number;
}

export interface TraceLogReader {
  /** What is searched, for messages (`logs-*,filebeat-* on http://es:9200`). */
  readonly description: string;
  findTraceLogs(query: TraceLogQuery): Promise<TraceLogResult>;
  close(): Promise<void>;
}
