import Database from 'better-sqlite3';
import { StorageError, type SpanMetricsRow } from '@skein/storage';
import { Catalog } from './catalog.js';
import { PostingRuns } from './posting-runs.js';
import { RetentionSweeper, type SweepResult } from './retention.js';
import { ensureSchema } from './schema.js';
import type { PlannedBatch } from './span-plan.js';
import { SpanBatchWriter } from './span-writer.js';
import type { WriterRequest, WriterSettings } from './writer-requests.js';

/**
 * WAL pages before a commit checkpoints them into the file (SQLite's default is 1,000). With the default, a busy
 * store checkpoints on nearly every commit, again and again while readers hold older snapshots; at 16,384 (64 MiB,
 * as `journal_size_limit`) a page rewritten many times is copied once. All-in-one bench, 30 s on SQLite: 7,418–10,939
 * against 2,209 spans/s, 76–111 against 258 CPU-s per 1M spans (4,096 pages: 4,041 spans/s). Durability is the same:
 * it rests on the WAL, not on checkpoints.
 */
const WAL_CHECKPOINT_PAGES = 16_384;

/**
 * Rows of posting merges done after a write, per posting row written. Most merging happens while the writer waits
 * for the next batch (`IDLE_MERGE_ROWS` per step); a writer that is never idle falls behind, and then does more after
 * each write, since each row is copied once per level. All-in-one bench, SQLite, 16 clients: 2× and 2,000 rows per
 * idle step took 24,157–25,685 spans/s against 22,563 with 6× and 10,000 (larger steps delay the next commit).
 */
const MERGE_ROWS_PER_ROW_WRITTEN = 2;
const MERGE_ROWS_PER_ROW_WRITTEN_BEHIND = 8;
/** Rows of merging per step while no write is waiting. */
const IDLE_MERGE_ROWS = 2_000;

/** Opens a connection that may write `settings.path`, creating the file and its tables when missing. */
export function openWriterConnection(settings: WriterSettings): Database.Database {
  const db = new Database(settings.path);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${settings.synchronous}`);
    db.pragma(`cache_size = ${-1024 * settings.cacheSizeMiB}`);
    db.pragma('temp_store = MEMORY');
    db.pragma('journal_size_limit = 67108864');
    db.pragma(`wal_autocheckpoint = ${WAL_CHECKPOINT_PAGES}`);
    ensureSchema(db, settings.path);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** The file's single writer: span batches, sampling rows and retention sweeps, on one connection. */
export class SqliteWriter {
  private readonly db: Database.Database;
  private readonly catalog: Catalog;
  private readonly spans: SpanBatchWriter;
  private readonly postingRuns: PostingRuns;
  private mergeWorkLeft = true;
  private readonly sweeper: RetentionSweeper;
  private readonly insertThroughput: Database.Statement<[number, string], unknown>;
  private readonly insertProbabilities: Database.Statement<[number, string, string, string], unknown>;
  private readonly upsertSpanMetrics: Database.Statement<[SpanMetricsRow], unknown>;

  constructor(private readonly settings: WriterSettings) {
    this.db = openWriterConnection(settings);
    this.catalog = new Catalog(this.db);
    this.postingRuns = new PostingRuns(this.db);
    this.spans = new SpanBatchWriter(this.db, this.catalog, this.postingRuns, settings.path);
    this.sweeper = new RetentionSweeper(this.db, this.postingRuns);
    this.insertThroughput = this.db.prepare('INSERT INTO sampling_throughput (timestamp, throughput) VALUES (?, ?)');
    this.insertProbabilities = this.db.prepare(
      'INSERT INTO sampling_probabilities (timestamp, hostname, probabilities, qps) VALUES (?, ?, ?, ?)',
    );
    this.upsertSpanMetrics = this.db.prepare(
      `INSERT OR REPLACE INTO span_metrics (id, bucket_start, bucket_ms, service, operation, span_kind, calls, errors, duration_sum, latencies)
       VALUES (@id, @bucketStartMs, @bucketMs, @service, @operation, @spanKind, @calls, @errors, @durationSumMicros, @latencies)`,
    );
  }

  /**
   * Writes several batches in one transaction (one commit is most of a small batch's cost). If that fails, each batch
   * is tried alone, so one batch that cannot be written does not fail the others. Returns each batch's error, if any.
   */
  writeSpanGroup(batches: readonly PlannedBatch[]): Array<Error | undefined> {
    const together = attempt(() => this.writeSpans(batches));
    if (together === undefined || batches.length === 1) return batches.map(() => together);
    return batches.map((batch) => attempt(() => this.writeSpans([batch])));
  }

  /** Whether posting merges wait for idle time (see `mergeWhileIdle`). */
  get hasMergeWork(): boolean {
    return this.mergeWorkLeft;
  }

  /** One bounded step of posting merges, for a writer with nothing else to do; returns whether work remains. */
  mergeWhileIdle(): boolean {
    this.mergeWorkLeft = this.runMerges(IDLE_MERGE_ROWS);
    return this.mergeWorkLeft;
  }

  /** Writes the batches, then merges postings in proportion to the rows written. */
  private writeSpans(batches: readonly PlannedBatch[]): void {
    const rows = this.spans.write(batches);
    if (rows === 0) return;
    const perRow = this.postingRuns.isBehind() ? MERGE_ROWS_PER_ROW_WRITTEN_BEHIND : MERGE_ROWS_PER_ROW_WRITTEN;
    this.mergeWorkLeft = this.runMerges(rows * perRow);
  }

  /**
   * A failed merge step fails no write (the spans are committed, and searches read the runs as they are): it is
   * reported as a warning and tried again at the next step. Each step is its own transaction, so none is half done.
   */
  private runMerges(budgetRows: number): boolean {
    try {
      return this.postingRuns.step(budgetRows);
    } catch (error) {
      const failure = new StorageError(`merging posting runs in SQLite file ${this.settings.path} failed; retried at the next write`, { cause: error });
      process.emitWarning(failure);
      return false;
    }
  }

  run(request: WriterRequest): SweepResult | undefined {
    try {
      return this.runUnwrapped(request);
    } catch (error) {
      if (error instanceof StorageError) throw error;
      throw new StorageError(`${request.op} request on SQLite file ${this.settings.path} failed`, { cause: error });
    }
  }

  private runUnwrapped(request: WriterRequest): SweepResult | undefined {
    switch (request.op) {
      case 'spans':
        this.writeSpans([request.spans]);
        return undefined;
      case 'throughput':
        this.insertThroughput.run(request.timestamp, request.throughput);
        return undefined;
      case 'probabilities':
        this.insertProbabilities.run(request.timestamp, request.hostname, request.probabilities, request.qps);
        return undefined;
      case 'span-metrics':
        this.db.transaction(() => {
          for (const row of request.rows) this.upsertSpanMetrics.run(row);
        })();
        return undefined;
      case 'sweep':
        try {
          return this.sweeper.sweep(request.policy, request.nowMicros);
        } finally {
          this.catalog.reload();
        }
    }
  }

  /** Folds the WAL into the main file, so the next open starts clean, and closes the connection. */
  close(): void {
    this.db.pragma('wal_checkpoint(TRUNCATE)');
    this.db.close();
  }
}

function attempt(write: () => void): Error | undefined {
  try {
    write();
    return undefined;
  } catch (error) {
    return error instanceof Error ? error : new StorageError(String(error));
  }
}
