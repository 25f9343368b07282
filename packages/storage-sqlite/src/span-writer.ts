import type Database from 'better-sqlite3';
import { tagValueAsString, type Span } from '@skein/model';
import { searchableTags, spanKindOf, StorageError } from '@skein/storage';
import type { Catalog } from './catalog.js';
import { traceIdBlob } from './id-blobs.js';
import { operationIndexKey, serviceIndexKey, tagIndexKey } from './index-keys.js';
import { PostingsBuilder } from './postings.js';
import { POSTING_BUCKET_MICROS } from './schema.js';
import { encodeSpans } from './span-codec.js';
import { decodeSpanKeys, encodeSpanKeys, spanKeyOf } from './span-keys.js';

type InsertChunkParams = [
  traceId: Buffer,
  minStart: number,
  maxStart: number,
  spanCount: number,
  spanKeys: Buffer,
  payload: string,
];

/**
 * Writes batches of spans in one transaction: per trace of the batch, one `trace_chunks` row with the spans not
 * stored yet (by span id + content hash, checked against the trace's earlier chunks and within the batch), and per
 * (hour, index key) one `postings` row for the whole batch. See schema.ts.
 */
export class SpanBatchWriter {
  private readonly keysOfTrace: Database.Statement<[Buffer], Buffer>;
  private readonly insertChunk: Database.Statement<InsertChunkParams, unknown>;
  private readonly insertPosting: Database.Statement<[number, number, number, Buffer], unknown>;
  private readonly writeInTransaction: (spans: readonly Span[]) => void;

  constructor(
    db: Database.Database,
    private readonly catalog: Catalog,
    private readonly path: string,
  ) {
    this.keysOfTrace = db
      .prepare<[Buffer], Buffer>('SELECT span_keys FROM trace_chunks INDEXED BY trace_chunks_by_trace WHERE trace_id = ?')
      .pluck();
    this.insertChunk = db.prepare(
      `INSERT INTO trace_chunks (trace_id, min_start, max_start, span_count, span_keys, payload)
       VALUES (?, ?, ?, ?, ?, ?)`,
    );
    this.insertPosting = db.prepare('INSERT INTO postings (hour, key_hash, max_start, entries) VALUES (?, ?, ?, ?)');
    this.writeInTransaction = db.transaction((spans: readonly Span[]) => {
      const postings = new PostingsBuilder();
      for (const [traceId, traceSpans] of groupByTrace(spans)) this.writeTrace(traceId, traceSpans, postings);
      for (const row of postings.rows()) this.insertPosting.run(row.hour, row.keyHash, row.maxStart, row.entries);
      this.catalog.flushLastStarts();
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

  private writeTrace(traceId: string, spans: readonly Span[], postings: PostingsBuilder): void {
    const traceBlob = traceIdBlob(traceId);
    const seen = new Set<string>();
    for (const stored of this.keysOfTrace.all(traceBlob)) for (const key of decodeSpanKeys(stored)) seen.add(key);
    const fresh: Span[] = [];
    const keys: string[] = [];
    for (const span of spans) {
      const key = spanKeyOf(span);
      if (seen.has(key)) continue;
      seen.add(key);
      fresh.push(span);
      keys.push(key);
    }
    if (fresh.length === 0) return;

    // Latest and earliest start per hour and index key among this trace's new spans.
    const range = new Map<number, Map<number, { latest: number; earliest: number }>>();
    const note = (hour: number, keyHash: number, start: number): void => {
      let ofHour = range.get(hour);
      if (ofHour === undefined) {
        ofHour = new Map();
        range.set(hour, ofHour);
      }
      const seen = ofHour.get(keyHash);
      if (seen === undefined) ofHour.set(keyHash, { latest: start, earliest: start });
      else if (start > seen.latest) seen.latest = start;
      else if (start < seen.earliest) seen.earliest = start;
    };
    let minStart = Infinity;
    let maxStart = -Infinity;
    for (const span of fresh) {
      const service = span.process.serviceName;
      const serviceId = this.catalog.serviceId(service);
      const operationId = this.catalog.operationId(serviceId, span.operationName, spanKindOf(span));
      this.catalog.noteStart(serviceId, operationId, span.startTime);
      minStart = Math.min(minStart, span.startTime);
      maxStart = Math.max(maxStart, span.startTime);
      const hour = Math.floor(span.startTime / POSTING_BUCKET_MICROS);
      note(hour, serviceIndexKey(service), span.startTime);
      note(hour, operationIndexKey(service, span.operationName), span.startTime);
      for (const tag of searchableTags(span)) note(hour, tagIndexKey(service, tag.key, tagValueAsString(tag)), span.startTime);
    }
    this.insertChunk.run(traceBlob, minStart, maxStart, fresh.length, encodeSpanKeys(keys), encodeSpans(fresh));
    for (const [hour, ofHour] of range) {
      for (const [keyHash, { latest, earliest }] of ofHour) postings.add(hour, keyHash, latest, earliest, traceBlob);
    }
  }
}

function groupByTrace(spans: readonly Span[]): Map<string, Span[]> {
  const traces = new Map<string, Span[]>();
  for (const span of spans) {
    const trace = traces.get(span.traceId);
    if (trace === undefined) traces.set(span.traceId, [span]);
    else trace.push(span);
  }
  return traces;
}
