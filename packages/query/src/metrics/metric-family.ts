/** Jaeger's `jaeger.api_v2.metrics.MetricFamily` in its protobuf JSON form, as `/api/metrics/*` answers it. */
export interface MetricFamily {
  name: string;
  type: 'GAUGE';
  help: string;
  metrics: Metric[];
}

export interface Metric {
  labels: Array<{ name: string; value: string }>;
  metricPoints: MetricPoint[];
}

export interface MetricPoint {
  gaugeValue: { doubleValue: number };
  /** RFC 3339. */
  timestamp: string;
}
