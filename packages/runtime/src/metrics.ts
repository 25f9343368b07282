import { AggregatorRegistry, collectDefaultMetrics, Registry, type MetricObjectWithValues, type MetricValue } from 'prom-client';

export { Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Every metric Skein exports starts with this. */
export const METRIC_PREFIX = 'skein_';

/** A registry with the process metrics (CPU, memory, event-loop lag, GC) under the `skein_` prefix. */
export function createMetricsRegistry(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: METRIC_PREFIX });
  return registry;
}

/** One registry's metrics as plain data, to send between processes. */
export type MetricsSnapshot = MetricObjectWithValues<MetricValue<string>>[];

/** Several processes' snapshots as one registry: counters and CPU added up, per-process gauges as each metric says. */
export function aggregateMetrics(snapshots: MetricsSnapshot[]): Registry {
  return AggregatorRegistry.aggregate(snapshots);
}
