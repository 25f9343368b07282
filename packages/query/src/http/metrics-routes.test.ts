import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Span } from '@skein/model';
import { SpanMetricsAggregator } from '@skein/storage';
import { span, startTestServer, type TestServer } from '../testing/fixtures.js';
import type { MetricFamily } from '../metrics/metric-family.js';

const MINUTE = 60_000;
const END = 1_700_000_040_000 + 30 * MINUTE; // a minute boundary, ms
const server = (startMs: number, durationMs: number, operationName: string, error = false, kind = 'server'): Span =>
  span({
    traceId: `${Math.round(startMs).toString(16).padStart(24, '0')}${Math.round(durationMs * 1000).toString(16).padStart(8, '0')}`.slice(-32),
    spanId: Math.round(startMs + durationMs).toString(16).padStart(16, '0').slice(-16),
    operationName,
    startTime: startMs * 1000,
    duration: durationMs * 1000,
    tags: [{ key: 'span.kind', type: 'string', value: kind }, ...(error ? [{ key: 'error', type: 'bool' as const, value: true }] : [])],
    process: { serviceName: 'frontend', tags: [] },
  });

describe('/api/metrics/*', () => {
  let api: TestServer;
  beforeAll(async () => {
    api = await startTestServer({}, [], { withSpanMetrics: true });
    // Two writers (two ingesters) counting parts of the same minutes; the rows are summed.
    const a = new SpanMetricsAggregator({ now: () => END, maxLatenessMs: 60 * MINUTE, writerId: 'a' });
    const b = new SpanMetricsAggregator({ now: () => END, maxLatenessMs: 60 * MINUTE, writerId: 'b' });
    // Minute END-10m: 100 calls of GET /dispatch taking 1..100 ms, every 10th an error; 20 of GET /route at 500 ms.
    const start = END - 10 * MINUTE;
    const spans = Array.from({ length: 100 }, (_, i) => server(start + i * 100, i + 1, 'GET /dispatch', i % 10 === 9));
    a.observe(spans.slice(0, 60));
    b.observe(spans.slice(60));
    a.observe(Array.from({ length: 20 }, (_, i) => server(start + i * 10 + 1, 500, 'GET /route')));
    b.observe([server(start + 5, 1, 'lookup', false, 'client')]);
    const writer = api.storage.createSpanMetricsWriter();
    await writer.writeSpanMetrics([...a.takeChanged(), ...b.takeChanged()]);
  });
  afterAll(async () => {
    await api.stop();
  });

  const family = async (path: string): Promise<MetricFamily> => {
    const res = await api.get(path);
    expect(res.status).toBe(200);
    return res.json as MetricFamily;
  };
  const at = (f: MetricFamily, series: number, ms: number) => f.metrics[series]!.metricPoints.find((p) => p.timestamp === new Date(ms).toISOString())?.gaugeValue.doubleValue;
  const common = `service=frontend&endTs=${END}&lookback=${20 * MINUTE}&step=${MINUTE}&ratePer=${10 * MINUTE}`;

  it('answers call rates per service: calls in the rate window ÷ its seconds, at every step', async () => {
    const calls = await family(`/api/metrics/calls?${common}`);
    expect(calls).toMatchObject({ name: 'service_call_rate', type: 'GAUGE' });
    expect(calls.metrics).toHaveLength(1);
    expect(calls.metrics[0]!.labels).toEqual([{ name: 'service_name', value: 'frontend' }]);
    const points = calls.metrics[0]!.metricPoints;
    expect(points).toHaveLength(21);
    // Server spans only (the default kind): 120 calls in the minute END−10m, seen by points in (END−10m, END].
    expect(at(calls, 0, END - 10 * MINUTE)).toBe(0);
    expect(at(calls, 0, END - 9 * MINUTE)).toBeCloseTo(120 / 600, 12);
    expect(at(calls, 0, END)).toBeCloseTo(120 / 600, 12);
    expect(at(calls, 0, END - 20 * MINUTE)).toBe(0);
    const clients = await family(`/api/metrics/calls?${common}&spanKind=client`);
    expect(at(clients, 0, END)).toBeCloseTo(1 / 600, 12);
  });

  it('answers error rates (none without calls) and latency quantiles within the bound, per operation', async () => {
    const errors = await family(`/api/metrics/errors?${common}&groupByOperation=true`);
    expect(errors.name).toBe('service_operation_error_rate');
    expect(errors.metrics.map((m) => m.labels)).toEqual([
      [{ name: 'service_name', value: 'frontend' }, { name: 'operation', value: 'GET /dispatch' }],
      [{ name: 'service_name', value: 'frontend' }, { name: 'operation', value: 'GET /route' }],
    ]);
    expect(at(errors, 0, END)).toBeCloseTo(0.1, 12);
    expect(at(errors, 1, END)).toBe(0);
    expect(at(errors, 0, END - 10 * MINUTE)).toBeUndefined();

    const p95 = await family(`/api/metrics/latencies?${common}&groupByOperation=true&quantile=0.95`);
    expect(p95.name).toBe('service_operation_latencies');
    expect(Math.abs(at(p95, 0, END)! - 95)).toBeLessThanOrEqual(95 * 0.02);
    expect(Math.abs(at(p95, 1, END)! - 500)).toBeLessThanOrEqual(500 * 0.02);
    const p50 = await family(`/api/metrics/latencies?${common}&quantile=0.5`);
    expect(p50.name).toBe('service_latencies');
    // 120 server calls: ranks 1–100 are 1..100 ms, 101–120 are 500 ms; rank 60 is 60 ms.
    expect(Math.abs(at(p50, 0, END)! - 60)).toBeLessThanOrEqual(60 * 0.02);
  });

  it("answers the requests Jaeger's Monitor tab sends in the shape its reducer reads", async () => {
    // The Jaeger UI's query string: its fixed step and rate window, quantile on every request, keys sorted.
    const ui = (path: string, extra: Record<string, string | number | boolean>) =>
      `/api/metrics/${path}?service=frontend&${Object.entries({ endTs: END, lookback: 3_600_000, quantile: 0.95, ratePer: 600_000, spanKind: 'server', step: 60_000, ...extra })
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([k, v]) => `${k}=${v}`)
        .join('&')}`;
    for (const [path, extra, name] of [
      ['latencies', { quantile: 0.5 }, 'service_latencies'],
      ['calls', {}, 'service_call_rate'],
      ['errors', {}, 'service_error_rate'],
      ['latencies', { groupByOperation: true }, 'service_operation_latencies'],
    ] as const) {
      const f = await family(ui(path, extra));
      expect(f.name).toBe(name);
      // The reducer takes the service from the first label and the value from gaugeValue.doubleValue.
      expect(f.metrics[0]!.labels[0]).toEqual({ name: 'service_name', value: 'frontend' });
      for (const point of f.metrics[0]!.metricPoints) {
        expect(typeof point.gaugeValue.doubleValue).toBe('number');
        expect(Number.isNaN(Date.parse(point.timestamp))).toBe(false);
      }
      expect(f.metrics[0]!.metricPoints.length).toBeGreaterThan(0);
    }
  });

  it('refuses bad parameters with a 400 that names them', async () => {
    const cases: Array<[string, RegExp]> = [
      ['/api/metrics/calls', /please provide at least one service name/],
      ['/api/metrics/latencies?service=frontend', /quantile/],
      ['/api/metrics/latencies?service=frontend&quantile=1.5', /'1.5' is not a quantile/],
      ['/api/metrics/calls?service=frontend&spanKind=sideways', /unsupported span kind: 'sideways'/],
      ['/api/metrics/calls?service=frontend&step=10', /below the smallest step/],
      ['/api/metrics/calls?service=frontend&lookback=86400000&step=1000', /more than 11000 points/],
      ['/api/metrics/calls?service=frontend&endTs=-5', /endTs/],
      ['/api/metrics/calls?service=frontend&ratePer=1h', /ratePer/],
      ['/api/metrics/calls?service=frontend&groupByOperation=maybe', /groupByOperation/],
    ];
    for (const [path, message] of cases) {
      const res = await api.get(path);
      expect([path, res.status]).toEqual([path, 400]);
      expect((res.json as { errors: Array<{ msg: string }> }).errors[0]!.msg).toMatch(message);
    }
    expect((await api.get('/api/metrics/minstep')).json).toMatchObject({ data: 1000 });
  });
});

describe('/api/metrics/* without span metrics', () => {
  it("answers 501 saying why, and the UI's capability says no metrics", async () => {
    const api = await startTestServer({}, []);
    try {
      const res = await api.get('/api/metrics/calls?service=frontend');
      expect(res.status).toBe(501);
      expect((res.json as { errors: Array<{ msg: string }> }).errors[0]!.msg).toMatch(/keeps no service performance metrics/);
    } finally {
      await api.stop();
    }
  });
});
