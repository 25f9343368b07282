import { describe, expect, it } from '@jest/globals';
import { operationRows, seriesOf, stepsFor, type MetricFamily } from './red-series';

const family = (name: string, series: Array<[string, number[]]>): MetricFamily => ({
  name,
  metrics: series.map(([operation, values]) => ({
    labels: [{ name: 'service_name', value: 's' }, { name: 'operation', value: operation }],
    metricPoints: values.map((v, i) => ({ gaugeValue: { doubleValue: v }, timestamp: new Date(60_000 * i).toISOString() })),
  })),
});

describe('monitor series', () => {
  it('weights error rates by calls and ranks impact by rate × p95', () => {
    const calls = family('service_operation_call_rate', [['a', [1, 3]], ['b', [10, 10]]]);
    const errors = family('service_operation_error_rate', [['a', [1, 0]], ['b', [0.1, 0.1]]]);
    const latencies = family('service_operation_latencies', [['a', [50, 400]], ['b', [10, 20]]]);
    const rows = operationRows(latencies, calls, errors);
    expect(rows.map((r) => [r.operation, r.callRate, r.errorRate, r.p95Ms])).toEqual([['a', 2, 0.25, 400], ['b', 10, 0.1, 20]]);
    expect(rows.map((r) => r.impact)).toEqual([1, 0.25]);
  });

  it('reads a series by its labels and picks steps of at least a minute', () => {
    expect(seriesOf(family('x', [['a', [1, 2]]]), { operation: 'a' })).toEqual([{ t: 0, v: 1 }, { t: 60_000, v: 2 }]);
    expect(seriesOf(family('x', [['a', [1]]]), { operation: 'zzz' })).toEqual([]);
    expect(stepsFor(3_600_000)).toEqual({ stepMs: 60_000, ratePerMs: 300_000 });
    expect(stepsFor(172_800_000)).toEqual({ stepMs: 1_440_000, ratePerMs: 1_440_000 });
  });
});
