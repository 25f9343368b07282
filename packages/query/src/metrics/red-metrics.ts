import { forEachLatencyBucket, LatencyWindow, type SpanMetricsRow } from '@skein/storage';
import type { Metric, MetricFamily, MetricPoint } from './metric-family.js';

export type RedMetric = { kind: 'latencies'; quantile: number } | { kind: 'calls' } | { kind: 'errors' };

/** What `/api/metrics/*` asks for, times in ms. */
export interface RedQuery {
  services: string[];
  groupByOperation: boolean;
  spanKinds: string[];
  endMs: number;
  lookbackMs: number;
  stepMs: number;
  ratePerMs: number;
}

/** The bucket start range whose rows a query needs: every point's window, `[t − ratePer, t)`. */
export function rowsNeeded(query: RedQuery): { startMs: number; endMs: number } {
  return { startMs: query.endMs - query.lookbackMs - query.ratePerMs, endMs: query.endMs };
}

/** One series' sums for one bucket start, over every writer; the writers' latency histograms still encoded. */
interface BucketSum {
  calls: number;
  errors: number;
  latencies: string[];
}


interface Series {
  service: string;
  operation: string | undefined;
  buckets: Map<number, BucketSum>;
}

/**
 * Jaeger's RED series from stored rows. Points fall at `endTs − lookback + k·step` up to `endTs`, as Prometheus's
 * range queries place them; the point at t covers the buckets that start in `[t − ratePer, t)`:
 * - calls: calls per second over `ratePer`, 0 when there were none;
 * - errors: errors ÷ calls, no point when there were no calls;
 * - latencies: the quantile of the durations in ms (within the histogram's relative error), no point without calls.
 * Rows of several writers for one bucket are summed. Series are ordered by service, then operation.
 */
export function redMetricFamily(metric: RedMetric, query: RedQuery, rows: readonly SpanMetricsRow[]): MetricFamily {
  const series = new Map<string, Series>();
  for (const row of rows) {
    const operation = query.groupByOperation ? row.operation : undefined;
    const key = operation === undefined ? row.service : `${row.service}\u0000${operation}`;
    let entry = series.get(key);
    if (!entry) {
      entry = { service: row.service, operation, buckets: new Map() };
      series.set(key, entry);
    }
    let sum = entry.buckets.get(row.bucketStartMs);
    if (!sum) {
      sum = { calls: 0, errors: 0, latencies: [] };
      entry.buckets.set(row.bucketStartMs, sum);
    }
    sum.calls += row.calls;
    sum.errors += row.errors;
    if (metric.kind === 'latencies') sum.latencies.push(row.latencies);
  }
  const times: number[] = [];
  for (let t = query.endMs - query.lookbackMs; t <= query.endMs; t += query.stepMs) times.push(t);
  const stamps = times.map((t) => new Date(t).toISOString());
  const ordered = [...series.values()].sort((a, b) => compare(a.service, b.service) || compare(a.operation ?? '', b.operation ?? ''));
  const metrics: Metric[] = ordered.map((entry) => ({
    labels: [{ name: 'service_name', value: entry.service }, ...(entry.operation === undefined ? [] : [{ name: 'operation', value: entry.operation }])],
    metricPoints: pointsOf(metric, query, entry.buckets, times, stamps),
  }));
  return { ...describeFamily(metric, query.groupByOperation), type: 'GAUGE', metrics };
}

function pointsOf(metric: RedMetric, query: RedQuery, buckets: Map<number, BucketSum>, times: number[], stamps: string[]): MetricPoint[] {
  const starts = [...buckets.keys()].sort((a, b) => a - b);
  // A bucket's histograms are decoded as it enters the window and kept, as flat (bucket, count) pairs, until it leaves.
  const latencies = metric.kind === 'latencies' ? new LatencyWindow() : undefined;
  const decoded = new Map<BucketSum, number[]>();
  let calls = 0;
  let errors = 0;
  const move = (sum: BucketSum, direction: 1 | -1): void => {
    calls += direction * sum.calls;
    errors += direction * sum.errors;
    if (!latencies) return;
    let pairs = decoded.get(sum);
    if (!pairs) {
      const flat: number[] = [];
      for (const text of sum.latencies) forEachLatencyBucket(text, (bucket, count) => flat.push(bucket, count));
      pairs = flat;
      decoded.set(sum, pairs);
    }
    for (let i = 0; i < pairs.length; i += 2) latencies.add(pairs[i]!, direction * pairs[i + 1]!);
    if (direction === -1) decoded.delete(sum);
  };
  const points: MetricPoint[] = [];
  let entering = 0;
  let leaving = 0;
  for (let k = 0; k < times.length; k++) {
    const t = times[k]!;
    // Slide the window to [t − ratePer, t): each bucket enters once and leaves once.
    for (; entering < starts.length && starts[entering]! < t; entering += 1) move(buckets.get(starts[entering]!)!, 1);
    for (; leaving < entering && starts[leaving]! < t - query.ratePerMs; leaving += 1) move(buckets.get(starts[leaving]!)!, -1);
    let value: number | undefined;
    if (metric.kind === 'calls') value = calls / (query.ratePerMs / 1000);
    else if (calls > 0 && metric.kind === 'errors') value = errors / calls;
    else if (calls > 0 && metric.kind === 'latencies') {
      const micros = latencies!.quantile(metric.quantile);
      value = micros === undefined ? undefined : micros / 1000;
    }
    if (value !== undefined) points.push({ gaugeValue: { doubleValue: value }, timestamp: stamps[k]! });
  }
  return points;
}

function describeFamily(metric: RedMetric, byOperation: boolean): { name: string; help: string } {
  const scope = byOperation ? 'service_operation' : 'service';
  const per = byOperation ? 'per service and operation' : 'per service';
  switch (metric.kind) {
    case 'latencies':
      return { name: `${scope}_latencies`, help: `latency quantile ${metric.quantile} in milliseconds, ${per}` };
    case 'calls':
      return { name: `${scope}_call_rate`, help: `calls per second, ${per}` };
    case 'errors':
      return { name: `${scope}_error_rate`, help: `share of calls that failed (errors ÷ calls), ${per}` };
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
