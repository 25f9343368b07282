/** Jaeger's MetricFamily JSON, as `/api/metrics/*` answers it. */
export interface MetricFamily {
  name: string;
  metrics: Array<{ labels: Array<{ name: string; value: string }>; metricPoints: Array<{ gaugeValue: { doubleValue: number }; timestamp: string }> }>;
}

export interface Point {
  t: number;
  v: number;
}

/** The points of the family's series whose labels include `labels`, as (ms, value); empty when there is none. */
export function seriesOf(family: MetricFamily, labels: Record<string, string> = {}): Point[] {
  const metric = family.metrics.find((m) => Object.entries(labels).every(([name, value]) => m.labels.some((l) => l.name === name && l.value === value)));
  return (metric?.metricPoints ?? []).map((p) => ({ t: Date.parse(p.timestamp), v: p.gaugeValue.doubleValue }));
}

/** One row of the operations table. */
export interface OperationRow {
  operation: string;
  /** The latest p95 in ms, or undefined without calls in the last window. */
  p95Ms: number | undefined;
  /** Mean calls per second over the time frame. */
  callRate: number;
  /** Errors ÷ calls over the time frame (call-weighted), 0–1. */
  errorRate: number;
  /** Share of the service's time spent in this operation: mean rate × p95, normalised so the largest is 1. */
  impact: number;
}

const labelOf = (metric: MetricFamily['metrics'][number], name: string): string | undefined => metric.labels.find((l) => l.name === name)?.value;

/** Per-operation figures from the three families asked with `groupByOperation=true`. */
export function operationRows(latencies: MetricFamily, calls: MetricFamily, errors: MetricFamily): OperationRow[] {
  const rows = new Map<string, OperationRow>();
  for (const metric of calls.metrics) {
    const operation = labelOf(metric, 'operation');
    if (operation === undefined) continue;
    const values = metric.metricPoints.map((p) => p.gaugeValue.doubleValue);
    rows.set(operation, { operation, p95Ms: undefined, callRate: mean(values), errorRate: 0, impact: 0 });
  }
  for (const metric of latencies.metrics) {
    const row = rows.get(labelOf(metric, 'operation') ?? '');
    if (row) row.p95Ms = metric.metricPoints.at(-1)?.gaugeValue.doubleValue;
  }
  const callSeries = new Map(calls.metrics.map((m) => [labelOf(m, 'operation'), new Map(m.metricPoints.map((p) => [p.timestamp, p.gaugeValue.doubleValue]))]));
  for (const metric of errors.metrics) {
    const operation = labelOf(metric, 'operation');
    const row = rows.get(operation ?? '');
    const rates = callSeries.get(operation);
    if (!row || !rates) continue;
    let weighted = 0;
    let weight = 0;
    for (const point of metric.metricPoints) {
      const rate = rates.get(point.timestamp) ?? 0;
      weighted += point.gaugeValue.doubleValue * rate;
      weight += rate;
    }
    row.errorRate = weight > 0 ? weighted / weight : 0;
  }
  const all = [...rows.values()];
  const most = Math.max(0, ...all.map((row) => row.callRate * (row.p95Ms ?? 0)));
  for (const row of all) row.impact = most > 0 ? (row.callRate * (row.p95Ms ?? 0)) / most : 0;
  return all;
}

function mean(values: number[]): number {
  return values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
}

/** Step and rate window for a time frame: about 120 points, windows of at least 5 minutes (the data is per minute). */
export function stepsFor(lookbackMs: number): { stepMs: number; ratePerMs: number } {
  const stepMs = Math.max(60_000, Math.round(lookbackMs / 120 / 60_000) * 60_000);
  return { stepMs, ratePerMs: Math.max(300_000, stepMs) };
}
