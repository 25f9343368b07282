import type Database from 'better-sqlite3';
import { dependenciesFromSpans, type DependencyLink, type DependencyReader } from '@skein/storage';
import { traceIdOfBlob } from './id-blobs.js';
import type { TraceChunkReader } from './trace-chunks.js';

/** Computes links on read from the traces that have a span starting in the window. */
export class SqliteDependencyReader implements DependencyReader {
  private readonly tracesOverlapping: Database.Statement<[number, number], Buffer>;

  constructor(
    db: Database.Database,
    private readonly chunks: TraceChunkReader,
    private readonly assertOpen: () => void,
  ) {
    this.tracesOverlapping = db
      .prepare<[number, number], Buffer>(
        `SELECT DISTINCT trace_id FROM trace_chunks INDEXED BY trace_chunks_by_max_start
         WHERE max_start >= ? AND min_start <= ?`,
      )
      .pluck();
  }

  async getDependencies(endTs: number, lookback: number): Promise<DependencyLink[]> {
    this.assertOpen();
    const windowStart = endTs - lookback;
    return dependenciesFromSpans(
      this.tracesOverlapping.all(windowStart, endTs).flatMap((blob) => {
        const spans = this.chunks.spansOf(traceIdOfBlob(blob));
        // A chunk only overlaps the window; the trace counts when one of its spans starts inside it.
        return spans.some((span) => span.startTime >= windowStart && span.startTime <= endTs) ? spans : [];
      }),
    );
  }
}
