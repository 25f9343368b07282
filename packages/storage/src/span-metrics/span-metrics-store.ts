/**
 * One writer's counts for one series (service, operation, span kind) in one time bucket. Rows are cumulative for
 * that writer and bucket: a later flush of the same bucket replaces the row with the same `id`. Readers sum the rows
 * of every writer.
 */
export interface SpanMetricsRow {
  /** Replace key: the writer, the bucket and the series. At most 64 characters, safe as a document id. */
  id: string;
  /** Start of the bucket, ms since the Unix epoch. */
  bucketStartMs: number;
  bucketMs: number;
  service: string;
  operation: string;
  /** Jaeger's span kind name: `server`, `client`, `producer`, `consumer`, `internal`, or `unspecified`. */
  spanKind: string;
  calls: number;
  errors: number;
  /** Sum of the durations, µs. */
  durationSumMicros: number;
  /** `encodeLatencies` of the durations. */
  latencies: string;
}

/** What to read: rows of these services (and span kinds, when given) whose bucket starts in [startMs, endMs). */
export interface SpanMetricsRange {
  services: readonly string[];
  spanKinds?: readonly string[] | undefined;
  startMs: number;
  endMs: number;
}

export interface SpanMetricsWriter {
  /** Inserts or replaces rows by `id`. */
  writeSpanMetrics(rows: readonly SpanMetricsRow[]): Promise<void>;
}

export interface SpanMetricsReader {
  readSpanMetrics(range: SpanMetricsRange): Promise<SpanMetricsRow[]>;
}

/** Whether a row falls in a range; for stores that filter in memory. */
export function rowInRange(row: SpanMetricsRow, range: SpanMetricsRange): boolean {
  return (
    row.bucketStartMs >= range.startMs &&
    row.bucketStartMs < range.endMs &&
    range.services.includes(row.service) &&
    (range.spanKinds === undefined || range.spanKinds.includes(row.spanKind))
  );
}
