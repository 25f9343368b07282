import type Database from 'better-sqlite3';
import type { PostingRuns } from './posting-runs.js';
import { POSTING_BUCKET_MICROS } from './schema.js';

/** Chunks deleted per statement, so one sweep never holds the write lock (and the event loop) for long. */
const DELETE_CHUNK = 5_000;
/** A size sweep deletes down to this share of the limit, so it does not run again on the next write. */
const SIZE_SWEEP_TARGET = 0.9;
/** Size sweeps re-measure after each step; this bounds the work of one sweep. */
const MAX_SIZE_STEPS = 5;

export interface RetentionPolicy {
  /** Delete spans that started longer ago than this (µs); a trace chunk goes once all its spans are that old. */
  maxAgeMicros?: number;
  /** Delete the least recently written spans while the live pages of the file exceed this many bytes. */
  maxBytes?: number;
}

export interface SweepResult {
  deletedSpans: number;
  usedBytesBefore: number;
  usedBytesAfter: number;
}

/** Bytes held by live pages of the file (excludes the WAL and free pages), as this connection sees it. */
export function usedBytesOf(db: Database.Database): number {
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const pages = db.pragma('page_count', { simple: true }) as number;
  const free = db.pragma('freelist_count', { simple: true }) as number;
  return (pages - free) * pageSize;
}

/** Deletes trace chunks by age and by size, then the postings, names and pages they leave unused. */
export class RetentionSweeper {
  private readonly oldestStart: Database.Statement<[], number | null>;
  private readonly chunkCount: Database.Statement<[], number>;
  private readonly deleteEndedBefore: Database.Statement<[number, number], number>;
  private readonly deleteFirstWritten: Database.Statement<[number], number>;
  private readonly deleteStaleNames: Database.Statement<[number], unknown>[];
  private readonly deleteSpanMetricsBefore: Database.Statement<[number], unknown>;

  constructor(
    private readonly db: Database.Database,
    private readonly postingRuns: PostingRuns,
  ) {
    this.oldestStart = db
      .prepare<[], number | null>('SELECT min(min_start) FROM trace_chunks INDEXED BY trace_chunks_by_min_start')
      .pluck();
    this.chunkCount = db.prepare<[], number>('SELECT count(*) FROM trace_chunks').pluck();
    this.deleteEndedBefore = db
      .prepare<[number, number], number>(
        `DELETE FROM trace_chunks WHERE id IN (SELECT id FROM trace_chunks INDEXED BY trace_chunks_by_max_start
                                               WHERE max_start < ? LIMIT ?)
         RETURNING span_count`,
      )
      .pluck();
    this.deleteFirstWritten = db
      .prepare<[number], number>(
        'DELETE FROM trace_chunks WHERE id IN (SELECT id FROM trace_chunks ORDER BY id LIMIT ?) RETURNING span_count',
      )
      .pluck();
    // A name whose latest span started before the oldest remaining span has no spans left.
    this.deleteStaleNames = [
      db.prepare(
        `DELETE FROM operation_kinds WHERE operation_id IN (SELECT id FROM operation_names WHERE last_start < ?)`,
      ),
      db.prepare('DELETE FROM operation_names WHERE last_start < ?'),
      db.prepare('DELETE FROM services WHERE last_start < ?'),
    ];
    this.deleteSpanMetricsBefore = db.prepare('DELETE FROM span_metrics WHERE bucket_start < ?');
  }

  usedBytes(): number {
    return usedBytesOf(this.db);
  }

  /**
   * By age: chunks whose spans all started before `now - maxAgeMicros`. By size: the least recently written
   * chunks, in steps, until the live pages fit in `maxBytes × 0.9` (b-tree pages do not shrink in proportion, hence
   * the steps).
   */
  sweep(policy: RetentionPolicy, nowMicros: number): SweepResult {
    const usedBytesBefore = this.usedBytes();
    let deletedSpans = 0;
    if (policy.maxAgeMicros !== undefined) {
      const cutoff = nowMicros - policy.maxAgeMicros;
      deletedSpans += this.deleteInChunks(Infinity, (limit) => this.deleteEndedBefore.all(cutoff, limit));
    }
    if (policy.maxBytes !== undefined) {
      const target = policy.maxBytes * SIZE_SWEEP_TARGET;
      for (let step = 0; step < MAX_SIZE_STEPS && this.usedBytes() > policy.maxBytes; step += 1) {
        const total = this.chunkCount.get() ?? 0;
        if (total === 0) break;
        const share = Math.min(1, Math.max(0.05, 1 - target / this.usedBytes()));
        deletedSpans += this.deleteInChunks(Math.ceil(total * share), (limit) => this.deleteFirstWritten.all(limit));
        this.deleteUnreferencedRows();
        this.db.pragma('incremental_vacuum');
      }
    }
    if (deletedSpans > 0) {
      this.deleteUnreferencedRows();
      this.db.pragma('incremental_vacuum');
    }
    return { deletedSpans, usedBytesBefore, usedBytesAfter: this.usedBytes() };
  }

  /** Deletes up to `count` chunks, `DELETE_CHUNK` per statement; returns the spans they held. */
  private deleteInChunks(count: number, deleteUpTo: (limit: number) => number[]): number {
    let deletedChunks = 0;
    let deletedSpans = 0;
    while (deletedChunks < count) {
      const limit = Math.min(DELETE_CHUNK, count - deletedChunks);
      const spanCounts = deleteUpTo(limit);
      deletedChunks += spanCounts.length;
      for (const spans of spanCounts) deletedSpans += spans;
      if (spanCounts.length < limit) break;
    }
    return deletedSpans;
  }

  /**
   * Postings go by whole hours older than the oldest remaining span; entries of a partly swept hour stay until the
   * hour is gone, and searches skip them because the trace no longer has matching spans. Names without spans go.
   */
  private deleteUnreferencedRows(): void {
    const oldest = this.oldestStart.get() ?? Number.MAX_SAFE_INTEGER;
    const firstLiveHour = Math.floor(oldest / POSTING_BUCKET_MICROS);
    this.postingRuns.dropHoursBefore(firstLiveHour);
    this.db.transaction(() => {
      for (const statement of this.deleteStaleNames) statement.run(oldest);
      // RED metrics are kept as long as the spans they were counted from: buckets older than the oldest span go.
      this.deleteSpanMetricsBefore.run(Math.floor(oldest / 1000));
    })();
  }
}
