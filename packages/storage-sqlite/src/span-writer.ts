import type Database from 'better-sqlite3';
import { StorageError } from '@skein/storage';
import type { Catalog } from './catalog.js';
import { traceIdBlob } from './id-blobs.js';
import type { PostingRuns } from './posting-runs.js';
import { PostingsBuilder } from './postings.js';
import { POSTING_BUCKET_MICROS } from './schema.js';
import { chunkPayload } from './span-codec.js';
import { decodeSpanKeys, encodeSpanKeys } from './span-keys.js';
import type { PlannedBatch } from './span-plan.js';

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
  private readonly writeInTransaction: (batches: readonly PlannedBatch[]) => number;

  constructor(
    db: Database.Database,
    private readonly catalog: Catalog,
    private readonly runs: PostingRuns,
    private readonly path: string,
  ) {
    this.keysOfTrace = db
      .prepare<[Buffer], Buffer>('SELECT span_keys FROM trace_chunks INDEXED BY trace_chunks_by_trace WHERE trace_id = ?')
      .pluck();
    this.insertChunk = db.prepare(
      `INSERT INTO trace_chunks (trace_id, min_start, max_start, span_count, span_keys, payload)
       VALUES (?, ?, ?, ?, ?, ?)`,
    );
    this.writeInTransaction = db.transaction((batches: readonly PlannedBatch[]) => {
      const postings = new PostingsBuilder();
      for (const [traceId, traceSpans] of groupByTrace(batches)) this.writeTrace(traceId, traceSpans, postings);
      const rows = this.runs.addBatchRun([...postings.rows()]);
      this.catalog.flushLastStarts();
      return rows;
    });
  }

  /** Writes the batches in one transaction; returns the posting rows written. */
  write(batches: readonly PlannedBatch[]): number {
    const spans = batches.reduce((sum, batch) => sum + batch.keys.length, 0);
    if (spans === 0) return 0;
    try {
      return this.writeInTransaction(batches);
    } catch (error) {
      // The transaction rolled back, possibly after the catalog cached names it had inserted.
      this.catalog.reload();
      throw new StorageError(`writing ${spans} spans to SQLite file ${this.path} failed`, { cause: error });
    }
  }

  private writeTrace(traceId: string, spans: readonly SpanRef[], postings: PostingsBuilder): void {
    const traceBlob = traceIdBlob(traceId);
    const seen = new Set<string>();
    for (const stored of this.keysOfTrace.all(traceBlob)) for (const key of decodeSpanKeys(stored)) seen.add(key);
    const fresh: SpanRef[] = [];
    for (const span of spans) {
      const key = span.batch.keys[span.index]!;
      if (seen.has(key)) continue;
      seen.add(key);
      fresh.push(span);
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
    for (const { batch, index } of fresh) {
      const startTime = batch.startTimes[index]!;
      const serviceId = this.catalog.serviceId(batch.services[index]!);
      const operationId = this.catalog.operationId(serviceId, batch.operations[index]!, batch.spanKinds[index]!);
      this.catalog.noteStart(serviceId, operationId, startTime);
      minStart = Math.min(minStart, startTime);
      maxStart = Math.max(maxStart, startTime);
      const hour = Math.floor(startTime / POSTING_BUCKET_MICROS);
      const end = batch.indexKeyEnds[index]!;
      for (let at = index === 0 ? 0 : batch.indexKeyEnds[index - 1]!; at < end; at++) note(hour, batch.indexKeys[at]!, startTime);
    }
    const keys = encodeSpanKeys(fresh.map(({ batch, index }) => batch.keys[index]!));
    const payload = chunkPayload(fresh.map(({ batch, index }) => batch.encoded[index]!));
    this.insertChunk.run(traceBlob, minStart, maxStart, fresh.length, keys, payload);
    for (const [hour, ofHour] of range) {
      for (const [keyHash, { latest, earliest }] of ofHour) postings.add(hour, keyHash, latest, earliest, traceBlob);
    }
  }
}

/** A span of a planned batch. */
interface SpanRef {
  batch: PlannedBatch;
  index: number;
}

function groupByTrace(batches: readonly PlannedBatch[]): Map<string, SpanRef[]> {
  const traces = new Map<string, SpanRef[]>();
  for (const batch of batches) {
    batch.traceIds.forEach((traceId, index) => {
      const trace = traces.get(traceId);
      if (trace === undefined) traces.set(traceId, [{ batch, index }]);
      else trace.push({ batch, index });
    });
  }
  return traces;
}
