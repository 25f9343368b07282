import type { SpanMetricsRange, SpanMetricsReader, SpanMetricsRow, SpanMetricsWriter } from '@skein/storage';
import type { BulkIndexer } from './bulk/bulk-indexer.js';
import type { SearchTransport } from './client/transport.js';
import type { IndexNames } from './index-names.js';
import { searchIndices } from './read/search.js';

const PAGE_SIZE = 5_000;
/** Rows one read may return: a day of one-minute buckets for 100 series from 10 writers is 1.44 M; this is a third. */
const MAX_ROWS = 500_000;

/**
 * Rows in daily `jaeger-spanmetrics-*` indices, each row its own document as it is (see `spanMetricsMappings`), under
 * its row id, so a later flush of a bucket replaces it.
 */
export class ElasticsearchSpanMetricsStore implements SpanMetricsWriter, SpanMetricsReader {
  constructor(
    private readonly transport: SearchTransport,
    private readonly names: IndexNames,
    private readonly bulk: BulkIndexer,
  ) {}

  async writeSpanMetrics(rows: readonly SpanMetricsRow[]): Promise<void> {
    await this.bulk.submit(
      rows.map((row) => ({
        index: this.names.spanMetricsIndex(row.bucketStartMs),
        id: row.id,
        source: JSON.stringify(row),
        description: `span metrics of ${row.service}/${row.operation} at ${new Date(row.bucketStartMs).toISOString()}`,
      })),
    );
  }

  async readSpanMetrics(range: SpanMetricsRange): Promise<SpanMetricsRow[]> {
    const target = this.names.spanMetricsReadTarget(range.startMs, range.endMs);
    const filter: unknown[] = [
      { range: { bucketStartMs: { gte: range.startMs, lt: range.endMs, format: 'epoch_millis' } } },
      { terms: { service: [...range.services] } },
    ];
    if (range.spanKinds !== undefined) filter.push({ terms: { spanKind: [...range.spanKinds] } });
    const rows: SpanMetricsRow[] = [];
    let after: unknown[] | undefined;
    for (;;) {
      const result = await searchIndices<SpanMetricsRow>(this.transport, target, {
        size: PAGE_SIZE,
        track_total_hits: false,
        query: { bool: { filter } },
        sort: [{ bucketStartMs: { order: 'asc' } }, { id: { order: 'asc' } }],
        ...(after ? { search_after: after } : {}),
      });
      const hits = result.hits.hits;
      for (const hit of hits) rows.push(hit._source);
      if (rows.length > MAX_ROWS) throw new RangeError(`span metrics read from ${target} exceeded ${MAX_ROWS} rows; ask for a shorter lookback`);
      if (hits.length < PAGE_SIZE) break;
      after = hits[hits.length - 1]!.sort;
      if (!after) break;
    }
    return rows;
  }
}
