import type Database from 'better-sqlite3';
import type { SpanMetricsRange, SpanMetricsReader, SpanMetricsRow, SpanMetricsWriter } from '@skein/storage';
import type { WriterClient } from './writer-client.js';

const COLUMNS = `id, bucket_start AS bucketStartMs, bucket_ms AS bucketMs, service, operation, span_kind AS spanKind,
  calls, errors, duration_sum AS durationSumMicros, latencies`;

/** RED metrics rows in `span_metrics`; writes go through the store's writer, reads use the reader connection. */
export class SqliteSpanMetricsStore implements SpanMetricsWriter, SpanMetricsReader {
  private readonly rowsOfService: Database.Statement<[string, number, number], SpanMetricsRow>;

  constructor(
    private readonly writer: WriterClient,
    reader: Database.Database,
    private readonly assertOpen: () => void,
  ) {
    this.rowsOfService = reader.prepare(
      `SELECT ${COLUMNS} FROM span_metrics INDEXED BY span_metrics_by_service WHERE service = ? AND bucket_start >= ? AND bucket_start < ?`,
    );
  }

  async writeSpanMetrics(rows: readonly SpanMetricsRow[]): Promise<void> {
    this.assertOpen();
    if (rows.length > 0) await this.writer.send({ op: 'span-metrics', rows });
  }

  async readSpanMetrics(range: SpanMetricsRange): Promise<SpanMetricsRow[]> {
    this.assertOpen();
    const rows: SpanMetricsRow[] = [];
    for (const service of new Set(range.services)) {
      for (const row of this.rowsOfService.all(service, range.startMs, range.endMs)) {
        if (range.spanKinds === undefined || range.spanKinds.includes(row.spanKind)) rows.push(row);
      }
    }
    return rows;
  }
}
