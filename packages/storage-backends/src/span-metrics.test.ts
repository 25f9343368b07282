import { describe, expect, it } from '@jest/globals';
import type { Span } from '@skein/model';
import { createLogger, createMetricsRegistry, loadConfig } from '@skein/runtime';
import { MemoryStorage } from '@skein/storage';
import { createSpanMetricsPipeline, spanMetricsOptions } from './span-metrics.js';

const span = (operationName: string, startMs: number): Span => ({
  traceId: '1'.repeat(32),
  spanId: '2'.repeat(16),
  operationName,
  references: [],
  flags: 1,
  startTime: startMs * 1000,
  duration: 1_500,
  tags: [{ key: 'span.kind', type: 'string', value: 'server' }],
  logs: [],
  process: { serviceName: 'svc', tags: [] },
  warnings: [],
});

describe('span metrics pipeline', () => {
  it('holds the series cap in the rows and in the Prometheus exposition, and counts what it dropped and why', async () => {
    const storage = new MemoryStorage();
    const registry = createMetricsRegistry();
    const config = loadConfig(spanMetricsOptions, { 'span-metrics.max-series': '2', 'span-metrics.prometheus': 'true' }, {});
    const pipeline = createSpanMetricsPipeline(storage, config, { registry, logger: createLogger({ component: 'test', level: 'silent' }) })!;
    const now = Date.now();
    pipeline.observe([span('a', now), span('b', now), span('c', now), span('a', now), span('old', now - 3_600_000)]);
    await pipeline.stop();
    const rows = await storage.createSpanMetricsReader().readSpanMetrics({ services: ['svc'], startMs: now - 7_200_000, endMs: now + 60_000 });
    expect(rows.map((row) => [row.operation, row.calls]).sort()).toEqual([['a', 2], ['b', 1]]);
    const text = await registry.metrics();
    expect(text).toMatch(/^skein_span_metrics_dropped_spans_total\{reason="series-limit"\} 1$/m);
    expect(text).toMatch(/^skein_span_metrics_dropped_spans_total\{reason="late"\} 1$/m);
    // The exposition's own cap: a, b and then the late span's series ("old") is the third label set.
    expect(text).toMatch(/^skein_span_metrics_dropped_spans_total\{reason="prometheus-series-limit"\} 2$/m);
    expect(text).toMatch(/^traces_span_metrics_calls_total\{service_name="svc",span_name="a",span_kind="SPAN_KIND_SERVER",status_code="STATUS_CODE_UNSET"\} 2$/m);
    expect(text).not.toMatch(/span_name="c"/);
    await storage.close();
  });

  it('refuses a bucket or flush interval out of range at start, naming the flag', () => {
    expect(() => loadConfig(spanMetricsOptions, { 'span-metrics.bucket': '0s' }, {})).toThrow(/span-metrics.bucket.*out of range: between 1 s and 3600 s/s);
    expect(() => loadConfig(spanMetricsOptions, { 'span-metrics.flush-interval': '0' }, {})).toThrow(/span-metrics.flush-interval/);
    expect(() => loadConfig(spanMetricsOptions, { 'span-metrics.max-series': '0' }, {})).toThrow(/span-metrics.max-series/);
  });

  it('is off when disabled or when the store keeps no metrics', () => {
    const deps = { registry: createMetricsRegistry(), logger: createLogger({ component: 'test', level: 'silent' }) };
    expect(createSpanMetricsPipeline(new MemoryStorage(), loadConfig(spanMetricsOptions, { 'span-metrics.enabled': 'false' }, {}), deps)).toBeUndefined();
    const without = Object.assign(new MemoryStorage(), { capabilities: { dependencies: 'computed-on-read', archive: false, ttl: false, sampling: false, spanMetrics: false } as const });
    expect(createSpanMetricsPipeline(without, loadConfig(spanMetricsOptions, {}, {}), deps)).toBeUndefined();
  });
});
