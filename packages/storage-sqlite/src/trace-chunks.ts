import type Database from 'better-sqlite3';
import type { Span, TraceId } from '@skein/model';
import { traceIdBlob } from './id-blobs.js';
import { decodeSpans } from './span-codec.js';

/** Reads whole traces: every chunk of the trace, in write order. */
export class TraceChunkReader {
  private readonly payloadsOfTrace: Database.Statement<[Buffer], string>;

  constructor(db: Database.Database) {
    this.payloadsOfTrace = db
      .prepare<[Buffer], string>('SELECT payload FROM trace_chunks INDEXED BY trace_chunks_by_trace WHERE trace_id = ? ORDER BY id')
      .pluck();
  }

  /** The trace's spans, `[]` when it has none. */
  spansOf(traceId: TraceId): Span[] {
    const payloads = this.payloadsOfTrace.all(traceIdBlob(traceId));
    if (payloads.length === 1) return decodeSpans(traceId, payloads[0]!);
    return payloads.flatMap((payload) => decodeSpans(traceId, payload));
  }
}
