import type Database from 'better-sqlite3';
import { StorageError } from '@skein/storage';

/** Bumped whenever the tables below change incompatibly; stored in `PRAGMA user_version`. */
export const SCHEMA_VERSION = 1;

/** Tag rows are bucketed by the hour of their span start time, so retention can drop whole hours. */
export const TAG_BUCKET_MICROS = 3_600_000_000;

/**
 * - `spans`: one row per distinct span (the unique key makes writes idempotent). `payload` is the span as compact
 *   JSON (see span-codec.ts); the other columns exist to be indexed.
 * - `spans_by_service_time` / `spans_by_operation_time` cover the searches without tags (time, duration and trace
 *   id are in the index, so no table lookups); `spans_by_identity` serves `getTrace` and idempotency.
 * - `trace_tags`: the tag search index at trace granularity. A write batch adds one row per (trace, hour, tag)
 *   over span tags, process tags and log fields, stamped with the latest start time of the batch's spans of that
 *   trace carrying the tag in that hour. `tag_hash` is a 52-bit hash of service + key + rendered value. Hits are
 *   candidates only: the search re-checks the trace's spans, so a hash collision costs a lookup, never a wrong
 *   answer. Deduplicating per trace keeps process tags and repeated span tags from multiplying the rows, which is
 *   what bounds write cost (each row is a random b-tree insert).
 * - `services`, `operation_names` (what spans reference) and `operation_kinds` (what `getOperations` lists).
 */
const DDL = `
CREATE TABLE IF NOT EXISTS services (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE
);
CREATE TABLE IF NOT EXISTS operation_names (
  id INTEGER PRIMARY KEY,
  service_id INTEGER NOT NULL,
  name TEXT NOT NULL,
  UNIQUE (service_id, name)
);
CREATE TABLE IF NOT EXISTS operation_kinds (
  operation_id INTEGER NOT NULL,
  span_kind TEXT NOT NULL,
  PRIMARY KEY (operation_id, span_kind)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS spans (
  id INTEGER PRIMARY KEY,
  trace_id BLOB NOT NULL,
  span_id BLOB NOT NULL,
  content_hash INTEGER NOT NULL,
  service_id INTEGER NOT NULL,
  operation_id INTEGER NOT NULL,
  start_time INTEGER NOT NULL,
  duration INTEGER NOT NULL,
  parent_span_id BLOB,
  payload TEXT NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS spans_by_identity ON spans (trace_id, span_id, content_hash);
CREATE INDEX IF NOT EXISTS spans_by_service_time ON spans (service_id, start_time, duration, trace_id);
CREATE INDEX IF NOT EXISTS spans_by_operation_time ON spans (operation_id, start_time, duration, trace_id);
CREATE TABLE IF NOT EXISTS trace_tags (
  hour INTEGER NOT NULL,
  tag_hash INTEGER NOT NULL,
  start_time INTEGER NOT NULL,
  trace_id BLOB NOT NULL,
  PRIMARY KEY (hour, tag_hash, start_time, trace_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS sampling_throughput (
  timestamp INTEGER NOT NULL,
  throughput TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS sampling_throughput_by_time ON sampling_throughput (timestamp);
CREATE TABLE IF NOT EXISTS sampling_probabilities (
  timestamp INTEGER NOT NULL,
  hostname TEXT NOT NULL,
  probabilities TEXT NOT NULL,
  qps TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS sampling_probabilities_by_time ON sampling_probabilities (timestamp);
`;

/** Creates the tables on a new file, checks the version of an existing one. */
export function ensureSchema(db: Database.Database, path: string): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > SCHEMA_VERSION) {
    throw new StorageError(
      `SQLite file ${path} has schema version ${version}; this Skein understands up to ${SCHEMA_VERSION}`,
    );
  }
  if (version === SCHEMA_VERSION) return;
  // auto_vacuum only takes effect before the first table exists; INCREMENTAL lets retention give space back.
  db.pragma('auto_vacuum = INCREMENTAL');
  db.transaction(() => {
    db.exec(DDL);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  })();
}
