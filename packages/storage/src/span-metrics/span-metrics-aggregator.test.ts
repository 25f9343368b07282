import { describe, expect, it } from '@jest/globals';
import type { Span, Tag } from '@skein/model';
import { buildSpan, hexId } from '../testing/span-builders.js';
import { forEachLatencyBucket, LatencyWindow } from './latency-histogram.js';
import { SpanMetricsAggregator } from './span-metrics-aggregator.js';

const NOW = 1_700_000_040_000; // ms, a minute boundary
const span = (i: number, startMs: number, durationMicros: number, over: { service?: string; op?: string; tags?: Tag[] } = {}): Span => {
  const built = buildSpan(hexId(9, i, 32), hexId(9, i, 16), startMs * 1000, { tags: over.tags ?? [{ key: 'span.kind', type: 'string', value: 'server' }] });
  return { ...built, duration: durationMicros, operationName: over.op ?? 'GET /', process: { ...built.process, serviceName: over.service ?? 'frontend' } };
};

describe('SpanMetricsAggregator', () => {
  it('counts calls, errors and durations per bucket of the start time and per series', () => {
    const aggregator = new SpanMetricsAggregator({ now: () => NOW, writerId: 'w' });
    aggregator.observe([
      span(1, NOW - 30_000, 1_000),
      span(2, NOW - 20_000, 3_000, { tags: [{ key: 'span.kind', type: 'string', value: 'server' }, { key: 'error', type: 'bool', value: true }] }),
      span(3, NOW - 10_000, 2_000, { tags: [{ key: 'span.kind', type: 'string', value: 'server' }, { key: 'otel.status_code', type: 'string', value: 'ERROR' }] }),
      span(4, NOW + 5_000, 7_000),
      span(5, NOW - 10_000, 9_000, { tags: [] }),
      span(6, NOW - 10_000, 9_000, { tags: [{ key: 'span.kind', type: 'string', value: 'weird' }] }),
    ]);
    const rows = aggregator.takeChanged().sort((a, b) => a.bucketStartMs - b.bucketStartMs || (a.spanKind < b.spanKind ? -1 : 1));
    expect(rows.map((r) => [r.bucketStartMs - NOW, r.spanKind, r.calls, r.errors, r.durationSumMicros])).toEqual([
      [-60_000, 'server', 3, 2, 6_000],
      [-60_000, 'unspecified', 2, 0, 18_000],
      [0, 'server', 1, 0, 7_000],
    ]);
    const window = new LatencyWindow();
    forEachLatencyBucket(rows[0]!.latencies, (bucket, count) => window.add(bucket, count));
    expect(window.quantile(0.5)).toBeCloseTo(2_000, -2);
    expect(new Set(rows.map((r) => r.id)).size).toBe(3);
    expect(rows.every((r) => r.id.startsWith('w-') && r.id.length <= 64)).toBe(true);
  });

  it('hands out only what changed, cumulatively, and again what could not be written', () => {
    const aggregator = new SpanMetricsAggregator({ now: () => NOW });
    aggregator.observe([span(1, NOW - 1, 10)]);
    const first = aggregator.takeChanged();
    expect(first.map((r) => r.calls)).toEqual([1]);
    expect(aggregator.takeChanged()).toEqual([]);
    aggregator.observe([span(2, NOW - 2, 10)]);
    const second = aggregator.takeChanged();
    expect(second.map((r) => [r.id === first[0]!.id, r.calls])).toEqual([[true, 2]]);
    aggregator.restore(second);
    expect(aggregator.takeChanged().map((r) => r.calls)).toEqual([2]);
  });

  it('drops spans outside the lateness window and past the series limit, counting why', () => {
    const aggregator = new SpanMetricsAggregator({ now: () => NOW, maxLatenessMs: 60_000, maxSeries: 2 });
    aggregator.observe([
      span(1, NOW - 61_000, 10),
      span(2, NOW + 61_000, 10),
      span(3, NOW - 1_000, 10, { op: 'a' }),
      span(4, NOW - 1_000, 10, { op: 'b' }),
      span(5, NOW - 1_000, 10, { op: 'c' }),
      span(6, NOW - 1_000, 10, { op: 'a' }),
    ]);
    expect(aggregator.dropped).toEqual({ late: 1, future: 1, 'series-limit': 1 });
    expect(aggregator.takeChanged().map((r) => [r.operation, r.calls]).sort()).toEqual([['a', 2], ['b', 1]]);
  });

  it('forgets written buckets once they are past the lateness window, keeping unwritten ones', () => {
    let now = NOW;
    const aggregator = new SpanMetricsAggregator({ now: () => now, maxLatenessMs: 60_000 });
    aggregator.observe([span(1, NOW - 1_000, 10)]);
    const rows = aggregator.takeChanged();
    now = NOW + 180_000;
    aggregator.restore(rows); // the write failed: the bucket must survive
    expect(aggregator.takeChanged()).toHaveLength(1);
    expect(aggregator.openBuckets).toBe(0);
  });
});
