import type Database from 'better-sqlite3';
import type { PostingRow } from './postings.js';
import { RUN_BUILDING, RUN_DEAD, RUN_LIVE, TOP_RUN_LEVEL } from './schema.js';

/** Live runs of one level that are merged into one run of the next. */
export const RUNS_PER_MERGE = 16;
/** Rows one merge statement copies, about; bounds how long one step holds the writer. */
const ROWS_PER_SLICE = 4_000;
/** Rows of a dropped run deleted per statement. */
const ROWS_PER_DELETE = 5_000;
/** Key hashes are below 2^52. */
const KEY_SPACE = 2 ** 52;

interface Merge {
  target: number;
  sources: number[];
  /** The sources as a JSON array, for `json_each`. */
  sourceList: string;
  slices: number;
  /** The hour being copied and the next of its key-space slices. */
  hour: number | undefined;
  slice: number;
  copied: number;
}

/**
 * Postings as a log-structured merge tree in SQLite tables (see schema.ts). Each write batch's rows form a run of
 * level 0. Once a level has `RUNS_PER_MERGE` live runs, they are copied, hour by hour and key range by key range in
 * key order, into a new run of the next level, in small steps between write batches; then, in one transaction, the
 * new run goes live and the old ones are dropped, their rows deleted by later steps. A search reads only live runs,
 * so it never sees a row twice or a half-built run, and a crash mid-merge leaves the old runs live: a run still
 * being built when the writer opens is dropped. Each row is rewritten once per level, always at the end of the
 * index. Each level has at most one merge under way; lower levels go first, so level 0 stays near
 * `RUNS_PER_MERGE` runs while a big merge above it proceeds.
 */
export class PostingRuns {
  private readonly insertRun: Database.Statement<[number, number, number, number, number], unknown>;
  private readonly insertRow: Database.Statement<[number, number, number, Buffer, number], unknown>;
  private readonly fullLevels: Database.Statement<[number], number>;
  private readonly mostRunsOfALevel: Database.Statement<[], number | null>;
  private readonly oldestOfLevel: Database.Statement<[number, number], { id: number; min_hour: number; max_hour: number; row_count: number }>;
  private readonly nextHourOfRun: Database.Statement<[number, number], number | undefined>;
  private readonly copySlice: Database.Statement<[number, string, number, number, number], unknown>;
  private readonly finishMerge: (merge: Merge) => void;
  private readonly firstDeadRun: Database.Statement<[], number | undefined>;
  private readonly deleteRowsOfRun: Database.Statement<[number, number], unknown>;
  private readonly deleteRun: Database.Statement<[number], unknown>;
  private readonly expireRunsBefore: Database.Statement<[number], unknown>;
  private readonly runsSpanning: Database.Statement<[number], number>;
  private readonly deleteRowsBefore: Database.Statement<[number, number, number], unknown>;
  private readonly raiseMinHour: Database.Statement<[number, number], unknown>;
  /** Merges under way by level. */
  private readonly merges = new Map<number, Merge>();

  constructor(db: Database.Database) {
    db.prepare(`UPDATE posting_runs SET state = ${RUN_DEAD} WHERE state = ${RUN_BUILDING}`).run();
    this.insertRun = db.prepare('INSERT INTO posting_runs (level, min_hour, max_hour, row_count, state) VALUES (?, ?, ?, ?, ?)');
    this.insertRow = db.prepare('INSERT INTO postings (hour, key_hash, max_start, entries, run) VALUES (?, ?, ?, ?, ?)');
    this.fullLevels = db
      .prepare<[number], number>(
        `SELECT level FROM posting_runs WHERE state = ${RUN_LIVE} AND level < ${TOP_RUN_LEVEL}
         GROUP BY level HAVING count(*) >= ? ORDER BY level`,
      )
      .pluck();
    this.mostRunsOfALevel = db
      .prepare<[], number | null>(
        `SELECT max(n) FROM (SELECT count(*) AS n FROM posting_runs WHERE state = ${RUN_LIVE} AND level < ${TOP_RUN_LEVEL} GROUP BY level)`,
      )
      .pluck();
    this.oldestOfLevel = db.prepare(`SELECT id, min_hour, max_hour, row_count FROM posting_runs WHERE state = ${RUN_LIVE} AND level = ? ORDER BY id LIMIT ?`);
    this.nextHourOfRun = db
      .prepare<[number, number], number | undefined>(
        'SELECT hour FROM postings INDEXED BY postings_by_run WHERE run = ? AND hour > ? ORDER BY hour LIMIT 1',
      )
      .pluck();
    this.copySlice = db.prepare(
      `INSERT INTO postings (run, hour, key_hash, max_start, entries)
       SELECT ?, hour, key_hash, max_start, entries FROM postings INDEXED BY postings_by_run
       WHERE run IN (SELECT value FROM json_each(?)) AND hour = ? AND key_hash >= ? AND key_hash < ?
       ORDER BY key_hash, max_start`,
    );
    const goLive = db.prepare<[number, number]>(`UPDATE posting_runs SET state = ${RUN_LIVE}, row_count = ? WHERE id = ?`);
    const retire = db.prepare<[string]>(`UPDATE posting_runs SET state = ${RUN_DEAD} WHERE id IN (SELECT value FROM json_each(?))`);
    this.finishMerge = db.transaction((merge: Merge) => {
      goLive.run(merge.copied, merge.target);
      retire.run(merge.sourceList);
    });
    this.firstDeadRun = db.prepare<[], number | undefined>(`SELECT id FROM posting_runs WHERE state = ${RUN_DEAD} ORDER BY id LIMIT 1`).pluck();
    this.deleteRowsOfRun = db.prepare(
      'DELETE FROM postings WHERE id IN (SELECT id FROM postings INDEXED BY postings_by_run WHERE run = ? LIMIT ?)',
    );
    this.deleteRun = db.prepare('DELETE FROM posting_runs WHERE id = ?');
    this.expireRunsBefore = db.prepare(`UPDATE posting_runs SET state = ${RUN_DEAD} WHERE state = ${RUN_LIVE} AND max_hour < ?`);
    this.runsSpanning = db.prepare<[number], number>(`SELECT id FROM posting_runs WHERE state = ${RUN_LIVE} AND min_hour < ?`).pluck();
    this.deleteRowsBefore = db.prepare(
      'DELETE FROM postings WHERE id IN (SELECT id FROM postings INDEXED BY postings_by_run WHERE run = ? AND hour < ? LIMIT ?)',
    );
    this.raiseMinHour = db.prepare('UPDATE posting_runs SET min_hour = ? WHERE id = ?');
  }

  /** Writes a batch's rows as a live run of level 0; call inside the batch's transaction. Returns the rows written. */
  addBatchRun(rows: readonly PostingRow[]): number {
    if (rows.length === 0) return 0;
    let minHour = Infinity;
    let maxHour = -Infinity;
    for (const { hour } of rows) {
      minHour = Math.min(minHour, hour);
      maxHour = Math.max(maxHour, hour);
    }
    const run = Number(this.insertRun.run(0, minHour, maxHour, rows.length, RUN_LIVE).lastInsertRowid);
    for (const row of rows) this.insertRow.run(row.hour, row.keyHash, row.maxStart, row.entries, run);
    return rows.length;
  }

  /** Whether some level has twice the runs that start a merge: merging has not kept up with writes. */
  isBehind(): boolean {
    return (this.mostRunsOfALevel.get() ?? 0) >= 2 * RUNS_PER_MERGE;
  }

  /**
   * Does up to about `budgetRows` rows of merging or dropping, each statement in its own transaction; returns
   * whether work remains.
   */
  step(budgetRows: number): boolean {
    let done = 0;
    while (done < budgetRows) {
      const rows = this.dropSome() ?? this.mergeSome();
      if (rows === undefined) return false;
      done += Math.max(rows, 1);
    }
    return true;
  }

  /** Retention: deletes the rows of every hour before `hour`, dropping the runs that had no other hours. */
  dropHoursBefore(hour: number): void {
    this.expireRunsBefore.run(hour);
    while (this.dropSome() !== undefined);
    for (const run of this.runsSpanning.all(hour)) {
      for (;;) {
        const { changes } = this.deleteRowsBefore.run(run, hour, ROWS_PER_DELETE) as Database.RunResult;
        if (changes < ROWS_PER_DELETE) break;
      }
      this.raiseMinHour.run(hour, run);
    }
  }

  /** Deletes rows of a dropped run; undefined when there is none. */
  private dropSome(): number | undefined {
    const dead = this.firstDeadRun.get();
    if (dead === undefined) return undefined;
    const { changes } = this.deleteRowsOfRun.run(dead, ROWS_PER_DELETE) as Database.RunResult;
    if (changes < ROWS_PER_DELETE) this.deleteRun.run(dead);
    return changes;
  }

  /**
   * Copies one slice of the lowest level's merge, starting merges of full levels first; undefined when there is
   * nothing to do.
   */
  private mergeSome(): number | undefined {
    for (const level of this.fullLevels.all(RUNS_PER_MERGE)) if (!this.merges.has(level)) this.startMerge(level);
    const level = Math.min(...this.merges.keys());
    const merge = this.merges.get(level);
    if (merge === undefined) return undefined;
    if (merge.hour === undefined || merge.slice === merge.slices) {
      const hour = this.nextHour(merge);
      if (hour === undefined) {
        this.finishMerge(merge);
        this.merges.delete(level);
        return 0;
      }
      merge.hour = hour;
      merge.slice = 0;
    }
    const low = Math.floor((KEY_SPACE / merge.slices) * merge.slice);
    const high = merge.slice + 1 === merge.slices ? KEY_SPACE : Math.floor((KEY_SPACE / merge.slices) * (merge.slice + 1));
    const { changes } = this.copySlice.run(merge.target, merge.sourceList, merge.hour, low, high) as Database.RunResult;
    merge.slice += 1;
    merge.copied += changes;
    return changes;
  }

  /** The first hour after the merge's current one that a source has rows of. */
  private nextHour(merge: Merge): number | undefined {
    let next: number | undefined;
    for (const run of merge.sources) {
      const hour = this.nextHourOfRun.get(run, merge.hour ?? Number.MIN_SAFE_INTEGER);
      if (hour !== undefined && (next === undefined || hour < next)) next = hour;
    }
    return next;
  }

  private startMerge(level: number): void {
    const sources = this.oldestOfLevel.all(level, RUNS_PER_MERGE);
    const minHour = Math.min(...sources.map((run) => run.min_hour));
    const maxHour = Math.max(...sources.map((run) => run.max_hour));
    const rows = sources.reduce((sum, run) => sum + run.row_count, 0);
    const target = Number(this.insertRun.run(level + 1, minHour, maxHour, 0, RUN_BUILDING).lastInsertRowid);
    const ids = sources.map((run) => run.id);
    // Slices are sized for the rows of all hours together: most batches hold one or two hours.
    const slices = Math.max(1, Math.ceil(rows / ROWS_PER_SLICE));
    this.merges.set(level, { target, sources: ids, sourceList: JSON.stringify(ids), slices, hour: undefined, slice: 0, copied: 0 });
  }
}
