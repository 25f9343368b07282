import { createHash, randomBytes } from 'node:crypto';
import type { Span } from '@skein/model';
import { isErrorSpan } from '../trace-summary.js';
import { spanKindOf } from '../span-matching.js';
import { addLatency, encodeLatencies, type LatencyCounts } from './latency-histogram.js';
import type { SpanMetricsRow } from './span-metrics-store.js';

export interface SpanMetricsAggregatorOptions {
  /** Bucket length, ms (default one minute). */
  bucketMs?: number;
  /** Distinct series (service, operation, kind) one bucket may hold; spans of further series are dropped and counted. */
  maxSeries?: number;
  /** How far a span's start may lie behind (or ahead of) the clock and still be counted, ms. */
  maxLatenessMs?: number;
  /** Names this process's rows; a new one per process start. */
  writerId?: string;
  now?: () => number;
}

export const DEFAULT_SPAN_METRICS_BUCKET_MS = 60_000;
export const DEFAULT_SPAN_METRICS_MAX_SERIES = 10_000;
export const DEFAULT_SPAN_METRICS_MAX_LATENESS_MS = 5 * 60_000;

const SPAN_KINDS = new Set(['server', 'client', 'producer', 'consumer', 'internal']);

/** A series' counts while its bucket is open: a row's fields, latencies not yet encoded. */
interface SeriesCounts extends Pick<SpanMetricsRow, 'service' | 'operation' | 'spanKind' | 'calls' | 'errors' | 'durationSumMicros'> {
  latencies: LatencyCounts;
  changed: boolean;
}

/** Why a span was not counted. */
export type SpanMetricsDropReason = 'late' | 'future' | 'series-limit';

/**
 * RED metrics as spans pass: per bucket of the span's start time and per series, the calls, the errors (OTel status
 * error or `error=true`) and a latency histogram. `takeChanged` hands out the rows changed since the last call
 * (cumulative per bucket, so writing one again replaces it); buckets older than the lateness window are forgotten
 * once written. Memory: at most `maxSeries` series per open bucket, and open buckets span the lateness window.
 */
export class SpanMetricsAggregator {
  readonly bucketMs: number;
  readonly maxSeries: number;
  readonly maxLatenessMs: number;
  readonly writerId: string;
  readonly dropped: Record<SpanMetricsDropReason, number> = { late: 0, future: 0, 'series-limit': 0 };
  readonly #buckets = new Map<number, Map<string, SeriesCounts>>();
  readonly #now: () => number;

  constructor(options: SpanMetricsAggregatorOptions = {}) {
    this.bucketMs = options.bucketMs ?? DEFAULT_SPAN_METRICS_BUCKET_MS;
    this.maxSeries = options.maxSeries ?? DEFAULT_SPAN_METRICS_MAX_SERIES;
    this.maxLatenessMs = options.maxLatenessMs ?? DEFAULT_SPAN_METRICS_MAX_LATENESS_MS;
    this.writerId = options.writerId ?? randomBytes(8).toString('hex');
    this.#now = options.now ?? Date.now;
  }

  get openBuckets(): number {
    return this.#buckets.size;
  }

  observe(spans: readonly Span[]): void {
    const now = this.#now();
    for (const span of spans) this.#observe(span, now);
  }

  #observe(span: Span, now: number): void {
    const startMs = span.startTime / 1000;
    if (startMs < now - this.maxLatenessMs) return void (this.dropped.late += 1);
    if (startMs > now + this.maxLatenessMs) return void (this.dropped.future += 1);
    const bucketStart = Math.floor(startMs / this.bucketMs) * this.bucketMs;
    let bucket = this.#buckets.get(bucketStart);
    if (!bucket) {
      bucket = new Map();
      this.#buckets.set(bucketStart, bucket);
    }
    const kind = spanKindOf(span);
    const spanKind = SPAN_KINDS.has(kind) ? kind : 'unspecified';
    const service = span.process.serviceName;
    const key = `${service}\u0000${span.operationName}\u0000${spanKind}`;
    let series = bucket.get(key);
    if (!series) {
      if (bucket.size >= this.maxSeries) return void (this.dropped['series-limit'] += 1);
      series = { service, operation: span.operationName, spanKind, calls: 0, errors: 0, durationSumMicros: 0, latencies: new Map(), changed: true };
      bucket.set(key, series);
    }
    series.calls += 1;
    if (isErrorSpan(span)) series.errors += 1;
    series.durationSumMicros += span.duration;
    addLatency(series.latencies, span.duration);
    series.changed = true;
  }

  /** Rows changed since the last call, then forgets buckets past the lateness window that have nothing unwritten. */
  takeChanged(): SpanMetricsRow[] {
    const rows: SpanMetricsRow[] = [];
    for (const [bucketStartMs, bucket] of this.#buckets) {
      for (const [key, series] of bucket) {
        if (!series.changed) continue;
        series.changed = false;
        rows.push({
          id: rowId(this.writerId, bucketStartMs, key),
          bucketStartMs,
          bucketMs: this.bucketMs,
          service: series.service,
          operation: series.operation,
          spanKind: series.spanKind,
          calls: series.calls,
          errors: series.errors,
          durationSumMicros: series.durationSumMicros,
          latencies: encodeLatencies(series.latencies),
        });
      }
    }
    this.#forgetOld();
    return rows;
  }

  /** Marks rows that could not be written as changed again, so the next `takeChanged` hands them out. */
  restore(rows: readonly SpanMetricsRow[]): void {
    for (const row of rows) {
      const series = this.#buckets.get(row.bucketStartMs)?.get(`${row.service}\u0000${row.operation}\u0000${row.spanKind}`);
      if (series) series.changed = true;
    }
  }

  #forgetOld(): void {
    // A bucket may still receive spans while its start is within the lateness window of the clock.
    const oldestOpen = this.#now() - this.maxLatenessMs - this.bucketMs;
    for (const [bucketStart, bucket] of this.#buckets) {
      if (bucketStart >= oldestOpen) continue;
      let unwritten = false;
      for (const series of bucket.values()) unwritten ||= series.changed;
      if (!unwritten) this.#buckets.delete(bucketStart);
    }
  }
}

function rowId(writerId: string, bucketStartMs: number, seriesKey: string): string {
  const series = createHash('sha256').update(seriesKey).digest('base64url').slice(0, 22);
  return `${writerId}-${bucketStartMs.toString(36)}-${series}`;
}
