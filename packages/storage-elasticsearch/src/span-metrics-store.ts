import type { SpanMetricsRange, SpanMetricsReader, SpanMetricsRow, SpanMetricsWriter } from '@skein/storage';
import type { BulkIndexer } from './bulk/bulk-indexer.js';
import type { SearchTransport } from './client/transport.js';
import type { IndexNames } from './index-names.js';
import { searchIndices } from './read/search.js';

interface SpanMetricsDocument {
  rowId: string;
  bucketStart: number;
  bucketMs: number;
  service: string;
  operation: string;
  spanKind: string;
  calls: number;
  errors: number;
  durationSumMicros: number;
  latencies: string;
}

const PAGE_SIZE = 5_000;
/** Rows one read may return: a day of one-minute buckets for 100 series from 10 writers is 1.44 M; this is a third. */
const MAX_ROWS = 500_000;

/** Rows in daily `jaeger-spanmetrics-*` indices under their row id, so a later flush of a bucket replaces it. */
export class ElasticsearchSpanMetricsStore implements SpanMetricsWriter, SpanMetricsReader {
  constructor(
    private readonly transport: SearchTransport,
    private readonly names: IndexNames,
    private readonly bulk: BulkIndexer,
  ) {}

  async writeSpanMetrics(rows: readonly SpanMetricsRow[]): Promise<void> {
    await this.bulk.submit(
      rows.map((row) => {
        const doc: SpanMetricsDocument = {
          rowId: row.id,
          bucketStart: row.bucketStartMs,
          bucketMs: row.bucketMs,
          service: row.service,
          operation: row.operation,
          spanKind: row.spanKind,
          calls: row.calls,
          errors: row.errors,
          durationSumMicros: row.durationSumMicros,
          latencies: row.latencies,
        };
        return {
          index: this.names.spanMetricsIndex(row.bucketStartMs),
          id: row.id,
          source: JSON.stringify(doc),
          description: `span metrics of ${row.service}/${row.operation} at ${new Date(row.bucketStartMs).toISOString()}`,
        };
      }),
    );
  }

  async readSpanMetrics(range: SpanMetricsRange): Promise<SpanMetricsRow[]> {
    const target = this.names.spanMetricsReadTarget(range.startMs, range.endMs);
    const filter: unknown[] = [
      { range: { bucketStart: { gte: range.startMs, lt: range.endMs, format: 'epoch_millis' } } },
      { terms: { service: [...range.services] } },
    ];
    if (range.spanKinds !== undefined) filter.push({ terms: { spanKind: [...range.spanKinds] } });
    const rows: SpanMetricsRow[] = [];
    let after: unknown[] | undefined;
    for (;;) {
      const result = await searchIndices<SpanMetricsDocument>(this.transport, target, {
        size: PAGE_SIZE,
        track_total_hits: false,
        query: { bool: { filter } },
        sort: [{ bucketStart: { order: 'asc' } }, { rowId: { order: 'asc' } }],
        ...(after ? { search_after: after } : {}),
      });
      const hits = result.hits.hits;
      for (const { _source: doc } of hits) {
        rows.push({
          id: doc.rowId,
          bucketStartMs: doc.bucketStart,
          bucketMs: doc.bucketMs,
          service: doc.service,
          operation: doc.operation,
          spanKind: doc.spanKind,
          calls: doc.calls,
          errors: doc.errors,
          durationSumMicros: doc.durationSumMicros,
          latencies: doc.latencies,
        });
      }
      if (rows.length > MAX_ROWS) throw new RangeError(`span metrics read from ${target} exceeded ${MAX_ROWS} rows; ask for a shorter lookback`);
      if (hits.length < PAGE_SIZE) break;
      after = hits[hits.length - 1]!.sort;
      if (!after) break;
    }
    return rows;
  }
}
