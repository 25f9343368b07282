import type Database from 'better-sqlite3';
import type { TraceId } from '@skein/model';
import { spanMatchesQuery, type ValidTraceQuery } from '@skein/storage';
import { bytesToId } from './ids.js';
import { TAG_BUCKET_MICROS } from './schema.js';
import { decodeSpan } from './span-codec.js';
import { tagIndexHash } from './tag-hash.js';

interface CandidateRow {
  trace_id: Buffer;
  start_time: number;
}

/**
 * Finds trace ids for a validated query; results are ranked by the latest start time of a matching span, ties by
 * trace id.
 * - Without tags: walk the covering (service | operation, start time, duration, trace id) index newest first; the
 *   first time a trace shows up is at its latest matching span, so the walk stops after `limit` traces (plus ties).
 * - With tags: walk the trace-level tag index of the first tag, hour by hour, newest first. A row's start time is
 *   an upper bound of the trace's rank, so each new candidate trace is checked span by span, and the walk stops
 *   once the next row's bound falls below the `limit`-th best rank found.
 */
export class TraceSearch {
  private readonly serviceId: Database.Statement<[string], number>;
  private readonly operationId: Database.Statement<[number, string], number>;
  private readonly byServiceTime: Database.Statement<[number, number, number, number, number], CandidateRow>;
  private readonly byOperationTime: Database.Statement<[number, number, number, number, number], CandidateRow>;
  private readonly byTagInHour: Database.Statement<[number, number, number], CandidateRow>;
  private readonly lowestTagHour: Database.Statement<[], number | null>;
  private readonly highestTagHour: Database.Statement<[], number | null>;
  private readonly traceSpansOfService: Database.Statement<[Buffer, number], { span_id: Buffer; payload: string }>;

  constructor(db: Database.Database) {
    this.serviceId = db.prepare<[string], number>('SELECT id FROM services WHERE name = ?').pluck();
    this.operationId = db
      .prepare<[number, string], number>('SELECT id FROM operation_names WHERE service_id = ? AND name = ?')
      .pluck();
    this.byServiceTime = db.prepare(
      `SELECT trace_id, start_time FROM spans INDEXED BY spans_by_service_time
       WHERE service_id = ? AND start_time BETWEEN ? AND ? AND duration BETWEEN ? AND ?
       ORDER BY start_time DESC`,
    );
    this.byOperationTime = db.prepare(
      `SELECT trace_id, start_time FROM spans INDEXED BY spans_by_operation_time
       WHERE operation_id = ? AND start_time BETWEEN ? AND ? AND duration BETWEEN ? AND ?
       ORDER BY start_time DESC`,
    );
    this.byTagInHour = db.prepare(
      `SELECT trace_id, start_time FROM trace_tags
       WHERE hour = ? AND tag_hash = ? AND start_time >= ?
       ORDER BY start_time DESC`,
    );
    // Two statements: SQLite answers a lone min() or max() from the index edge, but scans for both at once.
    this.lowestTagHour = db.prepare<[], number | null>('SELECT min(hour) FROM trace_tags').pluck();
    this.highestTagHour = db.prepare<[], number | null>('SELECT max(hour) FROM trace_tags').pluck();
    this.traceSpansOfService = db.prepare(
      'SELECT span_id, payload FROM spans INDEXED BY spans_by_identity WHERE trace_id = ? AND service_id = ?',
    );
  }

  findTraceIds(query: ValidTraceQuery): TraceId[] {
    const serviceId = this.serviceId.get(query.serviceName);
    if (serviceId === undefined) return [];
    let operationId: number | undefined;
    if (query.operationName !== undefined) {
      operationId = this.operationId.get(serviceId, query.operationName);
      if (operationId === undefined) return [];
    }
    const timeMin = query.startTimeMin ?? Number.MIN_SAFE_INTEGER;
    const timeMax = query.startTimeMax ?? Number.MAX_SAFE_INTEGER;
    if (query.tags.length > 0) return this.findByTags(query, serviceId, timeMin, timeMax);

    const durationMin = query.durationMin ?? Number.MIN_SAFE_INTEGER;
    const durationMax = query.durationMax ?? Number.MAX_SAFE_INTEGER;
    const rows =
      operationId === undefined
        ? this.byServiceTime.iterate(serviceId, timeMin, timeMax, durationMin, durationMax)
        : this.byOperationTime.iterate(operationId, timeMin, timeMax, durationMin, durationMax);
    const ranking = new Ranking(query.limit);
    try {
      for (const row of rows) {
        if (!ranking.canStillRank(row.start_time)) break;
        const traceId = bytesToId(row.trace_id);
        if (!ranking.has(traceId)) ranking.add(traceId, row.start_time);
      }
    } finally {
      rows.return?.();
    }
    return ranking.result();
  }

  private findByTags(query: ValidTraceQuery, serviceId: number, timeMin: number, timeMax: number): TraceId[] {
    const [firstTag] = query.tags;
    const low = this.lowestTagHour.get();
    const high = this.highestTagHour.get();
    if (!firstTag || low === null || low === undefined || high === null || high === undefined) return [];
    const highHour = Math.min(high, Math.floor(timeMax / TAG_BUCKET_MICROS));
    const lowHour = Math.max(low, Math.floor(timeMin / TAG_BUCKET_MICROS));
    const hash = tagIndexHash(query.serviceName, firstTag[0], firstTag[1]);
    const ranking = new Ranking(query.limit);
    const checked = new Set<string>();
    for (let hour = highHour; hour >= lowHour; hour -= 1) {
      const rows = this.byTagInHour.iterate(hour, hash, timeMin);
      try {
        for (const row of rows) {
          if (!ranking.canStillRank(Math.min(row.start_time, timeMax))) return ranking.result();
          const traceId = bytesToId(row.trace_id);
          if (checked.has(traceId)) continue;
          checked.add(traceId);
          const rank = this.latestMatchingStart(row.trace_id, traceId, serviceId, query);
          if (rank !== undefined) ranking.add(traceId, rank);
        }
      } finally {
        rows.return?.();
      }
    }
    return ranking.result();
  }

  /** The start time of the trace's latest span matching the whole query, if any. */
  private latestMatchingStart(
    traceIdBytes: Buffer,
    traceId: TraceId,
    serviceId: number,
    query: ValidTraceQuery,
  ): number | undefined {
    let latest: number | undefined;
    for (const row of this.traceSpansOfService.iterate(traceIdBytes, serviceId)) {
      const span = decodeSpan(traceId, bytesToId(row.span_id), row.payload);
      if ((latest === undefined || span.startTime > latest) && spanMatchesQuery(span, query)) latest = span.startTime;
    }
    return latest;
  }
}

/** The best `limit` traces seen so far by rank (newest first, ties by trace id). */
class Ranking {
  private readonly ranks = new Map<string, number>();
  /** Ranks of the current top `limit`, descending; only maintained to know the cut-off. */
  private readonly top: number[] = [];

  constructor(private readonly limit: number) {}

  has(traceId: string): boolean {
    return this.ranks.has(traceId);
  }

  add(traceId: string, rank: number): void {
    this.ranks.set(traceId, rank);
    let at = this.top.length;
    while (at > 0 && this.top[at - 1]! < rank) at -= 1;
    this.top.splice(at, 0, rank);
    if (this.top.length > this.limit) this.top.pop();
  }

  /** Whether a trace whose rank is at most `bound` could still enter (or tie into) the top `limit`. */
  canStillRank(bound: number): boolean {
    return this.top.length < this.limit || bound >= this.top[this.top.length - 1]!;
  }

  result(): TraceId[] {
    return [...this.ranks]
      .sort(([idA, a], [idB, b]) => b - a || (idA < idB ? -1 : idA > idB ? 1 : 0))
      .slice(0, this.limit)
      .map(([traceId]) => traceId);
  }
}
