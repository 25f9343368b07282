import type Database from 'better-sqlite3';
import type { Span, TraceId } from '@skein/model';
import { spanMatchesQuery, type ValidTraceQuery } from '@skein/storage';
import { operationIndexKey, serviceIndexKey, tagIndexKey } from './index-keys.js';
import { decodePostingEntries, postingEntryCount, type PostingEntry } from './postings.js';
import { Ranking } from './ranking.js';
import { POSTING_BUCKET_MICROS, RUN_LIVE } from './schema.js';
import type { TraceChunkReader } from './trace-chunks.js';

interface PostingRow {
  id: number;
  max_start: number;
  entries: Buffer;
}

interface KeyOfHour {
  hour: number;
  key: number;
  timeMin: number;
}

/** Rows read per run at a time while merging runs newest first. */
const ROWS_PER_PAGE = 16;

/** A run's rows of one key and hour, read page by page, newest first. */
interface RunCursor {
  run: number;
  rows: PostingRow[];
  at: number;
  exhausted: boolean;
}

/** The live runs that may hold rows of the hour (see posting-runs.ts). */
const RUNS_OF_HOUR = `SELECT id FROM posting_runs WHERE state = ${RUN_LIVE} AND min_hour <= @hour AND max_hour >= @hour`;
/** A key's rows of the hour in all its live runs, from `timeMin` on. */
const ROWS_OF_KEY = `postings INDEXED BY postings_by_run
  WHERE run IN (${RUNS_OF_HOUR}) AND hour = @hour AND key_hash = @key AND max_start >= @timeMin`;

/**
 * Finds traces for a validated query, in one read transaction (so a merge of posting runs committed meanwhile is not
 * seen half); results are ranked by the latest start time of a matching span, ties by trace id. Every criterion is
 * an index key (service, or service + operation, and each tag), so a matching span's trace has a posting entry for
 * every key in the hour of that span. Hour by hour, newest first:
 * - the key with the fewest entries in the hour drives; the other keys' entries of the hour that overlap the
 *   window become sets a candidate must be in;
 * - the driver's entries are visited newest first (merged across its posting rows and runs); an entry's start is an
 *   upper bound of the trace's rank, so each new candidate is re-checked span by span, and the walk stops once the
 *   bound falls below the `limit`-th best rank found.
 */
export class TraceSearch {
  private readonly runsOfHour: Database.Statement<[{ hour: number }], number>;
  private readonly pageOfRun: Database.Statement<[KeyOfHour & { run: number; beforeStart: number; beforeId: number }], PostingRow>;
  private readonly entriesOfKey: Database.Statement<[KeyOfHour], Buffer>;
  private readonly entryBytesOfKey: Database.Statement<[KeyOfHour], number>;
  private readonly hourRange: Database.Statement<[], { low: number | null; high: number | null }>;
  readonly find: (query: ValidTraceQuery) => Map<TraceId, Span[]>;

  constructor(
    db: Database.Database,
    private readonly chunks: TraceChunkReader,
  ) {
    this.runsOfHour = db.prepare<[{ hour: number }], number>(RUNS_OF_HOUR).pluck();
    this.pageOfRun = db.prepare(
      `SELECT id, max_start, entries FROM postings INDEXED BY postings_by_run
       WHERE run = @run AND hour = @hour AND key_hash = @key AND max_start >= @timeMin
         AND (max_start, id) < (@beforeStart, @beforeId)
       ORDER BY max_start DESC, id DESC LIMIT ${ROWS_PER_PAGE}`,
    );
    this.entriesOfKey = db
      .prepare<[KeyOfHour], Buffer>(
        `SELECT entries FROM ${ROWS_OF_KEY}`,
      )
      .pluck();
    this.entryBytesOfKey = db
      .prepare<[KeyOfHour], number>(
        `SELECT coalesce(sum(length(entries)), 0) FROM ${ROWS_OF_KEY}`,
      )
      .pluck();
    this.hourRange = db.prepare(`SELECT min(min_hour) AS low, max(max_hour) AS high FROM posting_runs WHERE state = ${RUN_LIVE}`);
    this.find = db.transaction((query: ValidTraceQuery) => this.findInSnapshot(query));
  }

  /** The matching traces, best first, with their spans (read anyway to re-check them). */
  private findInSnapshot(query: ValidTraceQuery): Map<TraceId, Span[]> {
    const { low, high } = this.hourRange.get() ?? { low: null, high: null };
    if (low === null || low === undefined || high === null || high === undefined) return new Map();
    const timeMin = query.startTimeMin ?? Number.MIN_SAFE_INTEGER;
    const timeMax = query.startTimeMax ?? Number.MAX_SAFE_INTEGER;
    const keys = indexKeysOf(query);
    const ranking = new Ranking(query.limit);
    const checked = new Map<TraceId, Span[]>();
    const lowHour = Math.max(low, Math.floor(timeMin / POSTING_BUCKET_MICROS));
    for (let hour = Math.min(high, Math.floor(timeMax / POSTING_BUCKET_MICROS)); hour >= lowHour; hour -= 1) {
      if (!ranking.canStillRank(Math.min(timeMax, (hour + 1) * POSTING_BUCKET_MICROS - 1))) break;
      const plan = this.planHour(hour, keys, timeMin, timeMax);
      if (plan === undefined) continue;
      for (const entry of this.entriesNewestFirst(hour, plan.driver, timeMin)) {
        if (!ranking.canStillRank(Math.min(entry.start, timeMax))) return this.result(ranking, checked);
        if (entry.earliestStart > timeMax) continue; // no span with the key in the window
        if (checked.has(entry.traceId) || !plan.filters.every((traces) => traces.has(entry.traceId))) continue;
        const spans = this.chunks.spansOf(entry.traceId);
        checked.set(entry.traceId, spans);
        const rank = latestMatchingStart(spans, query);
        if (rank !== undefined) ranking.add(entry.traceId, rank);
      }
    }
    return this.result(ranking, checked);
  }

  private result(ranking: Ranking, checked: Map<TraceId, Span[]>): Map<TraceId, Span[]> {
    return new Map(ranking.result().map((traceId) => [traceId, checked.get(traceId)!]));
  }

  /** The most selective key drives the hour; undefined when some key has no entries in it. */
  private planHour(
    hour: number,
    keys: readonly number[],
    timeMin: number,
    timeMax: number,
  ): { driver: number; filters: Set<TraceId>[] } | undefined {
    if (keys.length === 1) return { driver: keys[0]!, filters: [] };
    const sizes = keys.map((key) => this.entryBytesOfKey.get({ hour, key, timeMin }) ?? 0);
    if (sizes.some((size) => postingEntryCount(size) === 0)) return undefined;
    const driverAt = sizes.indexOf(Math.min(...sizes));
    const filters = keys
      .filter((_, i) => i !== driverAt)
      .map((key) => {
        const traces = new Set<TraceId>();
        for (const entries of this.entriesOfKey.all({ hour, key, timeMin })) {
          for (const entry of decodePostingEntries(entries)) {
            if (entry.start >= timeMin && entry.earliestStart <= timeMax) traces.add(entry.traceId);
          }
        }
        return traces;
      });
    return { driver: keys[driverAt]!, filters };
  }

  /**
   * The key's entries in the hour, newest first: rows come by descending `max_start` and each is sorted, so an
   * entry can be yielded once no unopened row could hold a newer one.
   */
  private *entriesNewestFirst(hour: number, key: number, timeMin: number): Generator<PostingEntry> {
    let pending: PostingEntry[] = [];
    for (const row of this.rowsNewestFirst({ hour, key, timeMin })) {
      let ready = 0;
      while (ready < pending.length && pending[ready]!.start >= row.max_start) ready += 1;
      yield* pending.slice(0, ready);
      pending = pending.slice(ready);
      for (const entry of decodePostingEntries(row.entries)) if (entry.start >= timeMin) pending.push(entry);
      pending.sort((a, b) => b.start - a.start);
    }
    yield* pending;
  }

  /** The key's rows in the hour by descending `max_start`, merged across the live runs. */
  private *rowsNewestFirst(keyOfHour: KeyOfHour): Generator<PostingRow> {
    const cursors: RunCursor[] = this.runsOfHour
      .all({ hour: keyOfHour.hour })
      .map((run) => ({ run, rows: [], at: 0, exhausted: false }));
    for (;;) {
      let newest: RunCursor | undefined;
      for (const cursor of cursors) {
        if (cursor.at === cursor.rows.length && !this.nextPage(cursor, keyOfHour)) continue;
        if (newest === undefined || cursor.rows[cursor.at]!.max_start > newest.rows[newest.at]!.max_start) newest = cursor;
      }
      if (newest === undefined) return;
      yield newest.rows[newest.at++]!;
    }
  }

  /** Reads the cursor's next page; false when the run has no more rows. */
  private nextPage(cursor: RunCursor, keyOfHour: KeyOfHour): boolean {
    if (cursor.exhausted) return false;
    const last = cursor.rows[cursor.rows.length - 1];
    cursor.rows = this.pageOfRun.all({
      ...keyOfHour,
      run: cursor.run,
      beforeStart: last?.max_start ?? Number.MAX_SAFE_INTEGER,
      beforeId: last?.id ?? Number.MAX_SAFE_INTEGER,
    });
    cursor.at = 0;
    cursor.exhausted = cursor.rows.length < ROWS_PER_PAGE;
    return cursor.rows.length > 0;
  }
}

/** A trace matches one key per criterion: service or service + operation, then each tag. */
function indexKeysOf(query: ValidTraceQuery): number[] {
  const keys = [
    query.operationName === undefined
      ? serviceIndexKey(query.serviceName)
      : operationIndexKey(query.serviceName, query.operationName),
  ];
  for (const [key, value] of query.tags) keys.push(tagIndexKey(query.serviceName, key, value));
  return keys;
}

/** The start time of the trace's latest span matching the whole query, if any. */
function latestMatchingStart(spans: readonly Span[], query: ValidTraceQuery): number | undefined {
  let latest: number | undefined;
  for (const span of spans) {
    if ((latest === undefined || span.startTime > latest) && spanMatchesQuery(span, query)) latest = span.startTime;
  }
  return latest;
}
