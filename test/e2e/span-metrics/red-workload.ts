import { randomBytes } from 'node:crypto';

/**
 * Spans with known RED figures for the service `service`, all started in the minute before `minuteStartMs + 60 s`:
 * - `GET /dispatch` (server): 200 calls taking 1..200 ms, every 10th failing (OTel status error) → 20 errors;
 * - `GET /route` (server): 50 calls of 500 ms, none failing;
 * - `SELECT drivers` (client): 30 calls of 3 ms.
 * So for server spans: 250 calls, 20 errors; p50 is rank 125 = 125 ms, p95 rank 238 = 500 ms, and
 * `GET /dispatch` alone has p95 = 190 ms, p99 = 198 ms.
 */
export const RED_EXPECTED = {
  serverCalls: 250,
  serverErrors: 20,
  clientCalls: 30,
  serverP50Ms: 125,
  serverP95Ms: 500,
  dispatchP95Ms: 190,
  dispatchP99Ms: 198,
} as const;

/** OTLP/JSON requests (100 spans each) carrying the workload, spread over the minute starting at `minuteStartMs`. */
export function redWorkloadRequests(service: string, minuteStartMs: number): string[] {
  const spans: unknown[] = [];
  const add = (name: string, kind: number, durationMs: number, error: boolean, index: number): void => {
    const startNanos = BigInt(minuteStartMs + 1_000 + (index % 50_000)) * 1_000_000n;
    spans.push({
      traceId: randomBytes(16).toString('hex'),
      spanId: randomBytes(8).toString('hex'),
      name,
      kind,
      startTimeUnixNano: String(startNanos),
      endTimeUnixNano: String(startNanos + BigInt(durationMs) * 1_000_000n),
      attributes: [{ key: 'http.method', value: { stringValue: 'GET' } }],
      status: error ? { code: 2, message: 'failed' } : { code: 0 },
    });
  };
  for (let i = 1; i <= 200; i++) add('GET /dispatch', 2, i, i % 10 === 0, i * 200);
  for (let i = 0; i < 50; i++) add('GET /route', 2, 500, false, i * 300 + 7);
  for (let i = 0; i < 30; i++) add('SELECT drivers', 3, 3, false, i * 500 + 11);
  const requests: string[] = [];
  for (let i = 0; i < spans.length; i += 100) {
    const body = { resourceSpans: [{ resource: { attributes: [{ key: 'service.name', value: { stringValue: service } }] }, scopeSpans: [{ spans: spans.slice(i, i + 100) }] }] };
    requests.push(JSON.stringify(body));
  }
  return requests;
}

export interface MetricFamilyJson {
  name: string;
  type: string;
  metrics: Array<{ labels: Array<{ name: string; value: string }>; metricPoints: Array<{ gaugeValue: { doubleValue: number }; timestamp: string }> }>;
}

/** The value of a family's series (by its labels) at the last point. */
export function lastValue(family: MetricFamilyJson, labels: Record<string, string>): number | undefined {
  const series = family.metrics.find((metric) => metric.labels.every((label) => labels[label.name] === label.value) && metric.labels.length === Object.keys(labels).length);
  return series?.metricPoints.at(-1)?.gaugeValue.doubleValue;
}

/** Query string for the metrics API over the 10 minutes up to `endMs`, one point per minute, rates per 10 minutes. */
export function redQuery(service: string, endMs: number, extra = ''): string {
  return `service=${encodeURIComponent(service)}&endTs=${endMs}&lookback=600000&step=60000&ratePer=600000${extra}`;
}
