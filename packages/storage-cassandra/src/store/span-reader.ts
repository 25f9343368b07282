import type { Client } from 'cassandra-driver';
import cassandra from 'cassandra-driver';
import type { Trace, TraceId } from '@skein/model';
import {
  spanMatchesQuery,
  summarizeTrace,
  validateTraceQuery,
  type GetOperationsParams,
  type Operation,
  type SpanReader,
  type TraceQuery,
  type TraceSummary,
  type ValidTraceQuery,
} from '@skein/storage';
import { execute } from './execute.js';
import { spanOf, traceIdBytes, traceIdOf, type SpanRow } from './db-model.js';

const { Long } = cassandra.types;

const SELECT_TRACE = 'SELECT trace_id, span_id, parent_id, operation_name, flags, start_time, duration, tags, logs, refs, process FROM traces WHERE trace_id = ?';
const SELECT_SERVICES = 'SELECT service_name FROM service_names';
const SELECT_OPERATIONS = 'SELECT span_kind, operation_name FROM operation_names_v2 WHERE service_name = ?';
const SELECT_OPERATIONS_OF_KIND = 'SELECT span_kind, operation_name FROM operation_names_v2 WHERE service_name = ? AND span_kind = ?';
const BY_TAG = 'SELECT trace_id, start_time FROM tag_index WHERE service_name = ? AND tag_key = ? AND tag_value = ? AND start_time >= ? AND start_time <= ? ORDER BY start_time DESC LIMIT ?';
const BY_TAG_HOUR = 'SELECT trace_id, start_time FROM tag_index_hourly WHERE service_name = ? AND tag_key = ? AND tag_value = ? AND bucket = ? AND start_time >= ? AND start_time <= ? ORDER BY start_time DESC LIMIT ?';
/** Hourly partitions read at once, newest first. */
const HOURS_PER_ROUND = 24;
const HOUR_MICROS = 3_600_000_000;
const BY_DURATION = 'SELECT trace_id, start_time FROM duration_index WHERE service_name = ? AND operation_name = ? AND bucket = ? AND duration >= ? AND duration <= ? LIMIT ?';
const BY_OPERATION = 'SELECT trace_id, start_time FROM service_operation_index WHERE service_name = ? AND operation_name = ? AND start_time >= ? AND start_time <= ? ORDER BY start_time DESC LIMIT ?';
const BY_SERVICE_BUCKET = 'SELECT trace_id, start_time FROM service_name_index WHERE service_name = ? AND bucket = ? AND start_time >= ? AND start_time <= ? ORDER BY start_time DESC LIMIT ?';
/** Jaeger's writer spreads a service's index rows over this many partitions (`bucket`). */
const SERVICE_BUCKETS = 10;

/** Jaeger reads this many index rows per trace asked for (many rows share a trace). */
const CANDIDATES_PER_TRACE = 3;
/** Index rows one search reads at most; a search that finds fewer matches than its limit in them stops there. */
const MAX_CANDIDATE_ROWS = 20_000;
/** Candidate traces read in parallel: a search costs a few round trips instead of one per trace. */
const TRACES_READ_AT_ONCE = 16;
const FAR_FUTURE_MICROS = 8_640_000_000_000_000;

interface Candidate {
  traceId: TraceId;
  start: number;
}

/**
 * Reads as Jaeger's Cassandra reader plans it: a service is required, index rows (the tag index for the first tag,
 * else, with a start bound, the duration index for a duration range, else the operation index, else the service index, its 10 buckets
 * read apart and merged) name candidate traces newest first, at
 * `limit × 3` rows to begin with. Unlike Jaeger, every candidate is then checked against the whole query on one span
 * (all tags, operation, times, duration), so tags and durations combine and a trace ranks by its latest matching span;
 * if too few match, more index rows are read, up to 20,000.
 */
export class CassandraSpanReader implements SpanReader {
  constructor(
    private readonly client: Client,
    /** Tag searches read `tag_index_hourly` (see CassandraWriterSettings.tagIndexHourly). */
    private readonly tagIndexHourly = false,
  ) {}

  async getServices(): Promise<string[]> {
    const result = await execute(this.client, SELECT_SERVICES, [], 'listing services');
    return result.rows.map((row) => String(row['service_name'])).sort();
  }

  async getOperations(params: GetOperationsParams): Promise<Operation[]> {
    const result =
      params.spanKind === undefined
        ? await execute(this.client, SELECT_OPERATIONS, [params.service], `listing operations of ${params.service}`)
        : await execute(this.client, SELECT_OPERATIONS_OF_KIND, [params.service, params.spanKind], `listing operations of ${params.service}`);
    return result.rows
      .map((row) => ({ name: String(row['operation_name']), spanKind: String(row['span_kind'] ?? '') }))
      .sort((a, b) => (a.name === b.name ? compare(a.spanKind, b.spanKind) : compare(a.name, b.name)));
  }

  async getTrace(traceId: TraceId): Promise<Trace | null> {
    const rows: SpanRow[] = [];
    // Page by page: a trace of any size comes back whole.
    let pageState: string | undefined;
    do {
      const page = await execute(this.client, SELECT_TRACE, [traceIdBytes(traceId)], `reading trace ${traceId}`, { fetchSize: 1_000, ...(pageState ? { pageState } : {}) });
      for (const row of page.rows) rows.push(row as unknown as SpanRow);
      pageState = page.pageState ?? undefined;
    } while (pageState);
    if (rows.length === 0) return null;
    return { traceId, spans: rows.map(spanOf) };
  }

  async findTraceIds(query: TraceQuery): Promise<TraceId[]> {
    return (await this.search(query)).map((trace) => trace.traceId);
  }

  async findTraces(query: TraceQuery): Promise<Trace[]> {
    return this.search(query);
  }

  async findTraceSummaries(query: TraceQuery): Promise<TraceSummary[]> {
    return (await this.search(query)).map((trace) => summarizeTrace(trace.traceId, trace.spans));
  }

  private async search(query: TraceQuery): Promise<Trace[]> {
    const valid = validateTraceQuery(query);
    const matched = new Map<TraceId, { trace: Trace; rank: number }>();
    const checked = new Set<TraceId>();
    for (let rows = valid.limit * CANDIDATES_PER_TRACE; ; rows = Math.min(rows * 4, MAX_CANDIDATE_ROWS)) {
      const candidates = await this.candidates(valid, rows);
      const unchecked: Candidate[] = [];
      for (const candidate of candidates) {
        if (checked.has(candidate.traceId)) continue;
        checked.add(candidate.traceId);
        unchecked.push(candidate);
      }
      for (let next = 0; next < unchecked.length; ) {
        // Candidates come newest first: once `limit` traces rank above this row's time, no later row can beat them.
        if (matched.size >= valid.limit && unchecked[next]!.start < kthRank(matched, valid.limit)) break;
        const round = unchecked.slice(next, next + TRACES_READ_AT_ONCE);
        next += round.length;
        for (const trace of await Promise.all(round.map((candidate) => this.getTrace(candidate.traceId)))) {
          let rank = -Infinity;
          for (const span of trace?.spans ?? []) if (span.startTime > rank && spanMatchesQuery(span, valid)) rank = span.startTime;
          if (trace && rank !== -Infinity) matched.set(trace.traceId, { trace, rank });
        }
      }
      if (candidates.length < rows || rows >= MAX_CANDIDATE_ROWS || matched.size >= valid.limit) break;
    }
    return [...matched.values()]
      .sort((a, b) => b.rank - a.rank || compare(a.trace.traceId, b.trace.traceId))
      .slice(0, valid.limit)
      .map((entry) => entry.trace);
  }

  /** Index rows for the query, newest first, at most `rows`. */
  private async candidates(query: ValidTraceQuery, rows: number): Promise<Candidate[]> {
    const min = Long.fromNumber(query.startTimeMin ?? 0);
    const max = Long.fromNumber(query.startTimeMax ?? FAR_FUTURE_MICROS);
    const what = `searching traces of ${query.serviceName}`;
    const [tag] = query.tags;
    const toCandidate = (row: cassandra.types.Row): Candidate => ({ traceId: traceIdOf(row['trace_id'] as Buffer), start: (row['start_time'] as cassandra.types.Long).toNumber() });
    // The hourly tables need a window to enumerate; without a start bound the service or operation index (every
    // candidate is checked against the whole query anyway) covers all time.
    const from = query.startTimeMin;
    if (tag && this.tagIndexHourly && from !== undefined) return this.hourlyTagCandidates(query, from, tag, rows, toCandidate);
    if (!tag && from !== undefined && (query.durationMin !== undefined || query.durationMax !== undefined)) return this.durationCandidates(query, from, rows, toCandidate);
    if (tag && !this.tagIndexHourly) return (await execute(this.client, BY_TAG, [query.serviceName, tag[0], tag[1], min, max, rows], what)).rows.map(toCandidate);
    if (query.operationName !== undefined) return (await execute(this.client, BY_OPERATION, [query.serviceName, query.operationName, min, max, rows], what)).rows.map(toCandidate);
    // One query per bucket, merged here: Cassandra does not page an ORDER BY across the partitions of an IN.
    const buckets = await Promise.all(Array.from({ length: SERVICE_BUCKETS }, (_, bucket) => execute(this.client, BY_SERVICE_BUCKET, [query.serviceName, bucket, min, max, rows], what)));
    return buckets
      .flatMap((result) => result.rows.map(toCandidate))
      .sort((a, b) => b.start - a.start)
      .slice(0, rows);
  }

  /**
   * Jaeger's duration search: `duration_index` in the hourly buckets of the window (rows are ordered by duration
   * there, not by time), each read up to `rows`; the candidates are then put newest first. An hour with more than
   * `rows` matches gives its longest spans first, so its newest may only come in a later, larger round (as in
   * Jaeger, where they may not come at all).
   */
  private async durationCandidates(query: ValidTraceQuery, min: number, rows: number, toCandidate: (row: cassandra.types.Row) => Candidate): Promise<Candidate[]> {
    const max = query.startTimeMax ?? Date.now() * 1000;
    const [minDuration, maxDuration] = [Long.fromNumber(query.durationMin ?? 0), Long.fromNumber(query.durationMax ?? Number.MAX_SAFE_INTEGER)];
    // Buckets are start times rounded to the nearest hour (see index-rows.ts), so the window's edges round too.
    const first = Math.round(min / HOUR_MICROS);
    const found: Candidate[] = [];
    for (let hour = Math.round(max / HOUR_MICROS); hour >= first; hour -= HOURS_PER_ROUND) {
      const hours = Array.from({ length: HOURS_PER_ROUND }, (_, i) => hour - i).filter((h) => h >= first);
      const results = await Promise.all(
        hours.map((h) => execute(this.client, BY_DURATION, [query.serviceName, query.operationName ?? '', new Date(h * 3_600_000), minDuration, maxDuration, rows], `searching traces of ${query.serviceName} by duration`)),
      );
      for (const result of results) found.push(...result.rows.map(toCandidate).filter((c) => c.start >= min && c.start <= max));
    }
    return found.sort((a, b) => b.start - a.start).slice(0, rows);
  }

  /** The hourly partitions of the window, newest first, 24 at a time, until `rows` rows are found. */
  private async hourlyTagCandidates(query: ValidTraceQuery, min: number, [key, value]: readonly [string, string], rows: number, toCandidate: (row: cassandra.types.Row) => Candidate): Promise<Candidate[]> {
    const max = query.startTimeMax ?? Date.now() * 1000;
    const found: Candidate[] = [];
    for (let hour = Math.floor(max / HOUR_MICROS); hour >= Math.floor(min / HOUR_MICROS) && found.length < rows; hour -= HOURS_PER_ROUND) {
      const hours = Array.from({ length: HOURS_PER_ROUND }, (_, i) => hour - i).filter((h) => h >= Math.floor(min / HOUR_MICROS));
      const results = await Promise.all(
        hours.map((h) => execute(this.client, BY_TAG_HOUR, [query.serviceName, key, value, new Date(h * 3_600_000), Long.fromNumber(min), Long.fromNumber(max), rows], `searching traces of ${query.serviceName}`)),
      );
      for (const result of results) found.push(...result.rows.map(toCandidate));
    }
    return found.slice(0, rows);
  }

}

function kthRank(matched: Map<TraceId, { rank: number }>, k: number): number {
  return [...matched.values()].map((entry) => entry.rank).sort((a, b) => b - a)[k - 1] ?? -Infinity;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
