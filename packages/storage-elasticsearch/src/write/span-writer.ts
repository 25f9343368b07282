import { spanContentHash, type Span } from '@skein/model';
import { spanKindOf, type SpanWriter } from '@skein/storage';
import type { BulkAction, BulkIndexer } from '../bulk/bulk-indexer.js';
import { serviceDocumentId, spanDocumentId } from '../document-ids.js';
import type { IndexNames } from '../index-names.js';
import { toSpanDocument, type TagFieldPolicy } from '../span-document.js';
import { bucketStartMs } from '../trace-locations.js';
import type { RecentKeys } from './bounded-cache.js';

export interface SpanWriterContext {
  names: IndexNames;
  bulk: BulkIndexer;
  tagFields: TagFieldPolicy;
  /** Service/operation documents already written, keyed by index + service + operation + kind. */
  writtenServices: RecentKeys;
  /** Trace-location documents already written, keyed by trace + bucket. */
  writtenLocations: RecentKeys;
}

/**
 * Writes spans in Jaeger's document shape, plus the service/operation documents Jaeger's reader lists services
 * from and Skein's trace-location documents, all through one bulk indexer. Resolves when the cluster acknowledged
 * every document (written to the primary and the replicas that `wait_for_active_shards` asks for, the default 1).
 */
export class ElasticsearchSpanWriter implements SpanWriter {
  constructor(private readonly context: SpanWriterContext) {}

  async writeSpans(spans: readonly Span[]): Promise<void> {
    if (spans.length === 0) return;
    const { names, tagFields, writtenServices, writtenLocations } = this.context;
    const actions: BulkAction[] = [];
    const newServiceKeys = new Set<string>();
    const newLocationKeys = new Set<string>();
    for (const span of spans) {
      const doc = toSpanDocument(span, tagFields);
      doc.contentHash = spanContentHash(span);
      const description = `span ${span.traceId}/${span.spanId}`;
      actions.push({
        index: names.writeTarget('span', doc.startTimeMillis),
        id: spanDocumentId(span, doc.contentHash),
        source: JSON.stringify(doc),
        description,
      });

      const spanKind = spanKindOf(span);
      const serviceIndex = names.writeTarget('service', doc.startTimeMillis);
      const serviceKey = JSON.stringify([serviceIndex, span.process.serviceName, span.operationName, spanKind]);
      if (!writtenServices.has(serviceKey) && !newServiceKeys.has(serviceKey)) {
        newServiceKeys.add(serviceKey);
        actions.push({
          index: serviceIndex,
          id: serviceDocumentId(span.process.serviceName, span.operationName, spanKind),
          source: JSON.stringify({ serviceName: span.process.serviceName, operationName: span.operationName, spanKind }),
          description: `service ${span.process.serviceName}/${span.operationName} of ${description}`,
        });
      }

      const bucket = bucketStartMs(doc.startTimeMillis, names.frequency('span'));
      const locationKey = `${doc.traceID}/${bucket}`;
      if (!writtenLocations.has(locationKey) && !newLocationKeys.has(locationKey)) {
        newLocationKeys.add(locationKey);
        actions.push({
          // No id: a repeated location is harmless (the reader takes each bucket once), and the one location index
          // grows for the whole retention, where an id's existence check would cost the most.
          index: names.traceLocationIndex(),
          source: JSON.stringify({ traceID: doc.traceID, bucket }),
          description: `trace location of ${description}`,
        });
      }
    }
    await this.context.bulk.submit(actions);
    // Remembered only once stored, so a failed batch writes them again on its retry.
    for (const key of newServiceKeys) writtenServices.add(key);
    for (const key of newLocationKeys) writtenLocations.add(key);
  }
}
