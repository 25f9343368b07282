import type { Client } from 'cassandra-driver';
import cassandra from 'cassandra-driver';
import type { SpanMetricsRange, SpanMetricsReader, SpanMetricsRow, SpanMetricsWriter } from '@skein/storage';
import { execute } from './execute.js';

const INSERT = `INSERT INTO skein_span_metrics (service_name, day, bucket_start, row_id, bucket_ms, operation_name, span_kind, calls, errors, duration_sum, latencies)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;
const SELECT = `SELECT bucket_start, row_id, bucket_ms, operation_name, span_kind, calls, errors, duration_sum, latencies FROM skein_span_metrics
  WHERE service_name = ? AND day = ? AND bucket_start >= ? AND bucket_start < ?`;
const DAY_MS = 86_400_000;
/** Rows written at once; a flush of one process is a few hundred rows. */
const WRITE_CONCURRENCY = 32;

/** RED metrics rows in `skein_span_metrics`, one partition per service and UTC day; a row id written again replaces its row. */
export class CassandraSpanMetricsStore implements SpanMetricsWriter, SpanMetricsReader {
  constructor(private readonly client: Client) {}

  async writeSpanMetrics(rows: readonly SpanMetricsRow[]): Promise<void> {
    for (let i = 0; i < rows.length; i += WRITE_CONCURRENCY) {
      await Promise.all(
        rows.slice(i, i + WRITE_CONCURRENCY).map((row) =>
          execute(
            this.client,
            INSERT,
            [
              row.service,
              Math.floor(row.bucketStartMs / DAY_MS),
              long(row.bucketStartMs),
              row.id,
              row.bucketMs,
              row.operation,
              row.spanKind,
              long(row.calls),
              long(row.errors),
              long(row.durationSumMicros),
              row.latencies,
            ],
            `writing span metrics of ${row.service}/${row.operation}`,
          ),
        ),
      );
    }
  }

  async readSpanMetrics(range: SpanMetricsRange): Promise<SpanMetricsRow[]> {
    const rows: SpanMetricsRow[] = [];
    if (range.endMs <= range.startMs) return rows;
    for (const service of new Set(range.services)) {
      for (let day = Math.floor(range.startMs / DAY_MS); day <= Math.floor((range.endMs - 1) / DAY_MS); day++) {
        const result = await execute(this.client, SELECT, [service, day, long(range.startMs), long(range.endMs)], `reading span metrics of ${service}`, { fetchSize: 5_000, autoPage: true });
        for (const row of result.rows) {
          const spanKind = String(row['span_kind']);
          if (range.spanKinds !== undefined && !range.spanKinds.includes(spanKind)) continue;
          rows.push({
            id: String(row['row_id']),
            bucketStartMs: (row['bucket_start'] as cassandra.types.Long).toNumber(),
            bucketMs: Number(row['bucket_ms']),
            service,
            operation: String(row['operation_name']),
            spanKind,
            calls: (row['calls'] as cassandra.types.Long).toNumber(),
            errors: (row['errors'] as cassandra.types.Long).toNumber(),
            durationSumMicros: (row['duration_sum'] as cassandra.types.Long).toNumber(),
            latencies: String(row['latencies']),
          });
        }
      }
    }
    return rows;
  }
}

const long = (value: number): cassandra.types.Long => cassandra.types.Long.fromNumber(value);
