import { Counter, Histogram, type Registry } from '@skein/runtime';

/** The query service's own metrics: latency per endpoint and status class, and errors per endpoint. */
export interface QueryMetrics {
  readonly requestDuration: Histogram<'endpoint' | 'status'>;
  readonly requestErrors: Counter<'endpoint' | 'kind'>;
}

const DURATION_NAME = 'skein_query_request_duration_seconds';
const ERRORS_NAME = 'skein_query_request_errors_total';

/** The query metrics in `registry`, created on first use (so an all-in-one can mount the routes and still share it). */
export function queryMetrics(registry: Registry): QueryMetrics {
  const requestDuration =
    (registry.getSingleMetric(DURATION_NAME) as Histogram<'endpoint' | 'status'> | undefined) ??
    new Histogram({
      name: DURATION_NAME,
      help: 'Time to answer a query API request, by endpoint (route pattern) and status class (2xx, 4xx, 5xx)',
      labelNames: ['endpoint', 'status'] as const,
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    });
  const requestErrors =
    (registry.getSingleMetric(ERRORS_NAME) as Counter<'endpoint' | 'kind'> | undefined) ??
    new Counter({
      name: ERRORS_NAME,
      help: 'Query API requests that failed, by endpoint and kind (client: 4xx, server: 5xx)',
      labelNames: ['endpoint', 'kind'] as const,
      registers: [registry],
    });
  return { requestDuration, requestErrors };
}

/** Records one answered request. */
export function observeRequest(metrics: QueryMetrics, endpoint: string, statusCode: number, seconds: number): void {
  const status = `${Math.floor(statusCode / 100)}xx`;
  metrics.requestDuration.observe({ endpoint, status }, seconds);
  if (statusCode >= 400) metrics.requestErrors.inc({ endpoint, kind: statusCode >= 500 ? 'server' : 'client' });
}
