import { collectDefaultMetrics, Registry } from 'prom-client';

export { Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Every metric Skein exports starts with this. */
export const METRIC_PREFIX = 'skein_';

/** A registry with the process metrics (CPU, memory, event-loop lag, GC) under the `skein_` prefix. */
export function createMetricsRegistry(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: METRIC_PREFIX });
  return registry;
}
