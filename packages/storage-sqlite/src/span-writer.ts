import type Database from 'better-sqlite3';
import type { Span } from '@skein/model';
import { parentSpanIdOf, searchableTags, spanKindOf, StorageError, tagValueAsString } from '@skein/storage';
import type { Catalog } from './catalog.js';
import { idToBytes } from './ids.js';
import { TAG_BUCKET_MICROS } from './schema.js';
import { encodeSpan } from './span-codec.js';
import { hash52, tagIndexHash } from './tag-hash.js';

type InsertSpanParams = [
  traceId: Buffer,
  spanId: Buffer,
  contentHash: number,
  serviceId: number,
  operationId: number,
  startTime: number,
  duration: number,
  parentSpanId: Buffer | null,
  payload: string,
];

interface TagRow {
  hour: number;
  hash: number;
  startTime: number;
  traceId: Buffer;
}

/**
 * Writes batches of spans: one transaction per batch, prepared statements, and the tag index rows of every span
 * that was new. A span whose (trace id, span id, content hash) is already stored is not stored again. Tag index rows are
 * deduplicated per (trace, hour, tag) within the batch; see schema.ts.
 */
export class SpanBatchWriter {
  private readonly insertSpan: Database.Statement<InsertSpanParams, unknown>;
  private readonly insertTag: Database.Statement<[number, number, number, Buffer], unknown>;
  private readonly writeInTransaction: (spans: readonly Span[]) => void;

  constructor(
    db: Database.Database,
    private readonly catalog: Catalog,
    private readonly path: string,
  ) {
    this.insertSpan = db.prepare(
      `INSERT INTO spans (trace_id, span_id, content_hash, service_id, operation_id, start_time, duration,
                          parent_span_id, payload)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (trace_id, span_id, content_hash) DO NOTHING`,
    );
    this.insertTag = db.prepare(
      `INSERT INTO trace_tags (hour, tag_hash, start_time, trace_id) VALUES (?, ?, ?, ?)
       ON CONFLICT DO NOTHING`,
    );
    this.writeInTransaction = db.transaction((spans: readonly Span[]) => {
      const tagRows = new Map<string, TagRow>();
      for (const span of spans) this.writeOne(span, tagRows);
      for (const row of tagRows.values()) this.insertTag.run(row.hour, row.hash, row.startTime, row.traceId);
    });
  }

  write(spans: readonly Span[]): void {
    if (spans.length === 0) return;
    try {
      this.writeInTransaction(spans);
    } catch (error) {
      // The transaction rolled back, possibly after the catalog cached names it had inserted.
      this.catalog.reload();
      throw new StorageError(`writing ${spans.length} spans to SQLite file ${this.path} failed`, { cause: error });
    }
  }

  private writeOne(span: Span, tagRows: Map<string, TagRow>): void {
    const service = span.process.serviceName;
    const serviceId = this.catalog.serviceId(service);
    const operationId = this.catalog.operationId(serviceId, span.operationName, spanKindOf(span));
    const payload = encodeSpan(span);
    const parentId = parentSpanIdOf(span);
    const traceId = idToBytes(span.traceId);
    this.insertSpan.run(
      traceId,
      idToBytes(span.spanId),
      hash52(payload),
      serviceId,
      operationId,
      span.startTime,
      span.duration,
      parentId === undefined ? null : idToBytes(parentId),
      payload,
    );
    // Tag rows are added even for a span that was already stored: at worst that adds a redundant candidate row for
    // a trace the search deduplicates anyway, and spans and their tag rows always commit together.
    const hour = Math.floor(span.startTime / TAG_BUCKET_MICROS);
    for (const tag of searchableTags(span)) {
      const hash = tagIndexHash(service, tag.key, tagValueAsString(tag));
      const key = `${span.traceId}|${hour}|${hash}`;
      const row = tagRows.get(key);
      if (row === undefined) tagRows.set(key, { hour, hash, startTime: span.startTime, traceId });
      else if (span.startTime > row.startTime) row.startTime = span.startTime;
    }
  }
}
