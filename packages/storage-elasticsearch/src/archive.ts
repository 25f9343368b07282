import { formatJaegerTraceId, spanContentHash, type Trace, type TraceId } from '@skein/model';
import type { ArchiveSpanReader, SpanWriter } from '@skein/storage';
import { BulkIndexer } from './bulk/bulk-indexer.js';
import type { SearchTransport } from './client/transport.js';
import type { ElasticsearchConfig } from './config.js';
import { spanDocumentId } from './document-ids.js';
import { IndexNames } from './index-names.js';
import { TraceFetcher } from './read/trace-fetcher.js';
import { toSpanDocument } from './span-document.js';

/**
 * Jaeger's archive on Elasticsearch/OpenSearch: span documents in one index without a date (or behind
 * `-archive-read` / `-archive-write` aliases), outside the index cleaner's reach, read by trace id only. Document ids
 * are the span store's, so archiving a trace twice stores it once.
 */
export class ElasticsearchArchive {
  private readonly names: IndexNames;
  private readonly bulk: BulkIndexer;
  private readonly fetcher: TraceFetcher;

  constructor(
    readonly config: ElasticsearchConfig,
    readonly transport: SearchTransport,
  ) {
    this.names = new IndexNames(config);
    this.bulk = new BulkIndexer(transport, config.bulk);
    this.fetcher = new TraceFetcher(transport);
  }

  /** Where a read or write goes, for logs and tests. */
  target(access: 'read' | 'write'): string {
    return this.names.archiveTarget(access);
  }

  writer(): SpanWriter {
    return {
      writeSpans: async (spans) => {
        const index = this.names.archiveTarget('write');
        await this.bulk.submit(
          spans.map((span) => {
            const doc = toSpanDocument(span);
            doc.contentHash = spanContentHash(span);
            return {
              index,
              id: spanDocumentId(span, doc.contentHash),
              source: JSON.stringify(doc),
              description: `archived span ${span.traceId}/${span.spanId}`,
            };
          }),
        );
      },
    };
  }

  reader(): ArchiveSpanReader {
    return {
      getTrace: async (traceId: TraceId): Promise<Trace | null> => {
        const traces = await this.fetcher.fetch([
          { traceIds: [formatJaegerTraceId(traceId)], target: this.names.archiveTarget('read') },
        ]);
        return traces.get(traceId) ?? null;
      },
    };
  }

  async close(): Promise<void> {
    try {
      await this.bulk.close();
    } finally {
      await this.transport.close();
    }
  }
}
