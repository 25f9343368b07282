import type Database from 'better-sqlite3';
import { TAG_BUCKET_MICROS } from './schema.js';

/** Rows deleted per statement, so one sweep never holds the write lock (and the event loop) for long. */
const DELETE_CHUNK = 5_000;
/** A size sweep deletes down to this share of the limit, so it does not run again on the next write. */
const SIZE_SWEEP_TARGET = 0.9;
/** Size sweeps re-measure after each step; this bounds the work of one sweep. */
const MAX_SIZE_STEPS = 5;

export interface RetentionPolicy {
  /** Delete spans that started longer ago than this (µs). */
  maxAgeMicros?: number;
  /** Delete the least recently written spans while the live pages of the file exceed this many bytes. */
  maxBytes?: number;
}

export interface SweepResult {
  deletedSpans: number;
  usedBytesBefore: number;
  usedBytesAfter: number;
}

/** Deletes spans by age and by size, then the index rows, names and pages they leave unused. */
export class RetentionSweeper {
  private readonly serviceIds: Database.Statement<[], number>;
  private readonly oldestStart: Database.Statement<[], number | null>;
  private readonly spanCount: Database.Statement<[], number>;
  private readonly deleteServiceSpansBefore: Database.Statement<[number, number, number], unknown>;
  private readonly deleteFirstWritten: Database.Statement<[number], unknown>;
  private readonly deleteTagsBefore: Database.Statement<[number, number], unknown>;

  constructor(private readonly db: Database.Database) {
    this.serviceIds = db.prepare<[], number>('SELECT id FROM services').pluck();
    this.oldestStart = db
      .prepare<[], number | null>(
        `SELECT min((SELECT min(start_time) FROM spans INDEXED BY spans_by_service_time WHERE service_id = s.id))
         FROM services s`,
      )
      .pluck();
    this.spanCount = db.prepare<[], number>('SELECT count(*) FROM spans').pluck();
    this.deleteServiceSpansBefore = db.prepare(
      `DELETE FROM spans WHERE id IN (SELECT id FROM spans INDEXED BY spans_by_service_time
                                      WHERE service_id = ? AND start_time < ? LIMIT ?)`,
    );
    this.deleteFirstWritten = db.prepare('DELETE FROM spans WHERE id IN (SELECT id FROM spans ORDER BY id LIMIT ?)');
    this.deleteTagsBefore = db.prepare(
      `DELETE FROM trace_tags WHERE (hour, tag_hash, start_time, trace_id) IN
         (SELECT hour, tag_hash, start_time, trace_id FROM trace_tags WHERE hour < ? LIMIT ?)`,
    );
  }

  usedBytes(): number {
    const pageSize = this.db.pragma('page_size', { simple: true }) as number;
    const pages = this.db.pragma('page_count', { simple: true }) as number;
    const free = this.db.pragma('freelist_count', { simple: true }) as number;
    return (pages - free) * pageSize;
  }

  /**
   * By age: spans that started before `now - maxAgeMicros`. By size: the least recently written spans, in steps,
   * until the live pages fit in `maxBytes × 0.9` (b-tree pages do not shrink in proportion, hence the steps).
   */
  sweep(policy: RetentionPolicy, nowMicros: number): SweepResult {
    const usedBytesBefore = this.usedBytes();
    let deletedSpans = 0;
    if (policy.maxAgeMicros !== undefined) deletedSpans += this.deleteStartedBefore(nowMicros - policy.maxAgeMicros);
    if (policy.maxBytes !== undefined) {
      const target = policy.maxBytes * SIZE_SWEEP_TARGET;
      for (let step = 0; step < MAX_SIZE_STEPS && this.usedBytes() > policy.maxBytes; step += 1) {
        const total = this.spanCount.get() ?? 0;
        if (total === 0) break;
        const share = Math.min(1, Math.max(0.05, 1 - target / this.usedBytes()));
        deletedSpans += this.deleteInChunks(Math.ceil(total * share), (limit) => this.deleteFirstWritten.run(limit));
        this.deleteUnreferencedIndexRows();
        this.db.pragma('incremental_vacuum');
      }
    }
    if (deletedSpans > 0) {
      this.deleteUnreferencedIndexRows();
      this.db.pragma('incremental_vacuum');
    }
    return { deletedSpans, usedBytesBefore, usedBytesAfter: this.usedBytes() };
  }

  private deleteStartedBefore(cutoff: number): number {
    let deleted = 0;
    for (const serviceId of this.serviceIds.all()) {
      deleted += this.deleteInChunks(Infinity, (limit) => this.deleteServiceSpansBefore.run(serviceId, cutoff, limit));
    }
    return deleted;
  }

  private deleteInChunks(count: number, deleteUpTo: (limit: number) => unknown): number {
    let deleted = 0;
    while (deleted < count) {
      const limit = Math.min(DELETE_CHUNK, count - deleted);
      const { changes } = deleteUpTo(limit) as Database.RunResult;
      deleted += changes;
      if (changes < limit) break;
    }
    return deleted;
  }

  /**
   * Tag rows go by whole hours older than the oldest remaining span; rows of a partly swept hour stay until the
   * hour is gone, and searches skip them because the trace no longer has matching spans. Names without spans go.
   */
  private deleteUnreferencedIndexRows(): void {
    const oldest = this.oldestStart.get();
    const firstLiveHour =
      oldest === null || oldest === undefined ? Number.MAX_SAFE_INTEGER : Math.floor(oldest / TAG_BUCKET_MICROS);
    this.deleteInChunks(Infinity, (limit) => this.deleteTagsBefore.run(firstLiveHour, limit));
    this.db.transaction(() => {
      this.db.exec(`
        DELETE FROM operation_kinds WHERE operation_id IN (
          SELECT o.id FROM operation_names o
          WHERE NOT EXISTS (SELECT 1 FROM spans INDEXED BY spans_by_operation_time WHERE operation_id = o.id));
        DELETE FROM operation_names
          WHERE NOT EXISTS (SELECT 1 FROM spans INDEXED BY spans_by_operation_time WHERE operation_id = operation_names.id);
        DELETE FROM services
          WHERE NOT EXISTS (SELECT 1 FROM spans INDEXED BY spans_by_service_time WHERE service_id = services.id);`);
    })();
  }
}
