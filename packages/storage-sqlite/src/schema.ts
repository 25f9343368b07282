import type Database from 'better-sqlite3';
import { StorageError } from '@skein/storage';

/** Bumped whenever the tables below change incompatibly; stored in `PRAGMA user_version`. */
export const SCHEMA_VERSION = 4;

/** `posting_runs.state`: searched; being built by a merge; dropped, its rows deleted step by step. */
export const RUN_LIVE = 1;
export const RUN_BUILDING = 2;
export const RUN_DEAD = 0;

/**
 * Runs of this level are never merged: a run of it holds 16^3 = 4,096 batches (about 90 s at 25k spans/s), so no
 * merge copies more than that many batches' rows, and a busy hour has about 40 such runs for a search to read.
 */
export const TOP_RUN_LEVEL = 3;
/** The run that holds the postings of a version 3 file. */
const LEGACY_RUN = 1;

/** Postings are bucketed by the hour of their span start time, so retention can drop whole hours. */
export const POSTING_BUCKET_MICROS = 3_600_000_000;

/**
 * Writes cost a handful of rows per batch and trace, not per span (per-span rows were what bounded the write rate):
 * - `trace_chunks`: one row per trace per write batch. `payload` holds the batch's new spans of that trace (see
 *   span-codec.ts), `span_keys` their span id + content hash (16 bytes each, for idempotent writes). `getTrace`
 *   reads a trace's few chunks through `trace_chunks_by_trace`.
 * - `postings`: the search index. One row per (hour, key, write batch) listing, newest first, (latest start, trace
 *   id) of every trace of the batch with a span carrying the key in that hour. Keys are 52-bit hashes of the service,
 *   of service + operation, and of service + tag key + Jaeger-rendered value (span tags, process tags, log fields);
 *   see index-keys.ts. Entries are candidates: the search re-checks the trace's spans, so a hash collision costs a
 *   lookup, never a wrong answer.
 * - `posting_runs`: postings are grouped in sorted runs, as in a log-structured merge tree (see posting-runs.ts).
 *   Each write batch adds a run; runs of one level are merged into one of the next. `postings_by_run` leads with
 *   the run, so a batch's rows land at the end of the index instead of one random page per unique tag value.
 * - `services`, `operation_names` (with the latest span start written, for retention) and `operation_kinds`.
 */
const DDL = `
CREATE TABLE services (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  last_start INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE operation_names (
  id INTEGER PRIMARY KEY,
  service_id INTEGER NOT NULL,
  name TEXT NOT NULL,
  last_start INTEGER NOT NULL DEFAULT 0,
  UNIQUE (service_id, name)
);
CREATE TABLE operation_kinds (
  operation_id INTEGER NOT NULL,
  span_kind TEXT NOT NULL,
  PRIMARY KEY (operation_id, span_kind)
) WITHOUT ROWID;
CREATE TABLE trace_chunks (
  id INTEGER PRIMARY KEY,
  trace_id BLOB NOT NULL,
  min_start INTEGER NOT NULL,
  max_start INTEGER NOT NULL,
  span_count INTEGER NOT NULL,
  span_keys BLOB NOT NULL,
  payload TEXT NOT NULL
);
CREATE INDEX trace_chunks_by_trace ON trace_chunks (trace_id);
CREATE INDEX trace_chunks_by_min_start ON trace_chunks (min_start);
CREATE INDEX trace_chunks_by_max_start ON trace_chunks (max_start);
CREATE TABLE postings (
  id INTEGER PRIMARY KEY,
  hour INTEGER NOT NULL,
  key_hash INTEGER NOT NULL,
  max_start INTEGER NOT NULL,
  entries BLOB NOT NULL,
  run INTEGER NOT NULL
);
CREATE TABLE sampling_throughput (
  timestamp INTEGER NOT NULL,
  throughput TEXT NOT NULL
);
CREATE INDEX sampling_throughput_by_time ON sampling_throughput (timestamp);
CREATE TABLE sampling_probabilities (
  timestamp INTEGER NOT NULL,
  hostname TEXT NOT NULL,
  probabilities TEXT NOT NULL,
  qps TEXT NOT NULL
);
CREATE INDEX sampling_probabilities_by_time ON sampling_probabilities (timestamp);
`;

/**
 * Version 4 grouped postings in runs. Until then a batch inserted each unique tag value at a random place of one
 * index, so every commit rewrote about one 4 KiB page per unique value: 12 KB written per span.
 */
const POSTING_RUNS_DDL = `
CREATE TABLE posting_runs (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  level INTEGER NOT NULL,
  min_hour INTEGER NOT NULL,
  max_hour INTEGER NOT NULL,
  row_count INTEGER NOT NULL,
  state INTEGER NOT NULL
);
CREATE INDEX postings_by_run ON postings (run, hour, key_hash, max_start);
`;

/** Version 3 added RED metrics rows (one per writer, bucket and series; see @skein/storage's SpanMetricsRow). */
const SPAN_METRICS_DDL = `
CREATE TABLE span_metrics (
  id TEXT PRIMARY KEY,
  bucket_start INTEGER NOT NULL,
  bucket_ms INTEGER NOT NULL,
  service TEXT NOT NULL,
  operation TEXT NOT NULL,
  span_kind TEXT NOT NULL,
  calls INTEGER NOT NULL,
  errors INTEGER NOT NULL,
  duration_sum INTEGER NOT NULL,
  latencies TEXT NOT NULL
);
CREATE INDEX span_metrics_by_service ON span_metrics (service, bucket_start);
`;

/** Creates the tables on a new file, checks the version of an existing one. */
export function ensureSchema(db: Database.Database, path: string): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version === SCHEMA_VERSION) return;
  if (version === 2 || version === 3) {
    db.transaction(() => {
      if (version === 2) db.exec(SPAN_METRICS_DDL);
      upgradePostingsToRuns(db);
      db.pragma(`user_version = ${SCHEMA_VERSION}`);
    })();
    return;
  }
  if (version !== 0) {
    throw new StorageError(
      `SQLite file ${path} has schema version ${version}; this Skein reads only version ${SCHEMA_VERSION} ` +
        '(version 1 files cannot be upgraded in place: move the file aside to start a new one)',
    );
  }
  // auto_vacuum only takes effect before the first table exists; INCREMENTAL lets retention give space back.
  db.pragma('auto_vacuum = INCREMENTAL');
  db.transaction(() => {
    db.exec(DDL);
    db.exec(SPAN_METRICS_DDL);
    db.exec(POSTING_RUNS_DDL);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  })();
}

/** Version 3's postings become one run of the top level, which is never merged again. */
function upgradePostingsToRuns(db: Database.Database): void {
  db.exec('DROP INDEX postings_by_key');
  db.exec(`ALTER TABLE postings ADD COLUMN run INTEGER NOT NULL DEFAULT ${LEGACY_RUN}`);
  db.exec(POSTING_RUNS_DDL);
  db.prepare(
    `INSERT INTO posting_runs (id, level, min_hour, max_hour, row_count, state)
     SELECT ${LEGACY_RUN}, ${TOP_RUN_LEVEL}, min(hour), max(hour), count(*), ${RUN_LIVE} FROM postings HAVING count(*) > 0`,
  ).run();
}
