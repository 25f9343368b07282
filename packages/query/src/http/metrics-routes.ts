import { stringifyJson } from '@skein/model';
import type { SpanMetricsReader } from '@skein/storage';
import { redMetricFamily, rowsNeeded, type RedMetric } from '../metrics/red-metrics.js';
import { MIN_STEP_MS, parseQuantile, parseRedQuery } from '../metrics/red-params.js';
import type { QueryParams } from './params.js';
import { getRoute, type Answer, type RouteContext } from './route-helpers.js';
import { v1Data, v1Failure } from './v1-envelope.js';

/** What Skein says when the store keeps no RED metrics (Jaeger answers 501 too when its metrics store is off). */
export const NO_METRICS_STORAGE =
  'this span store keeps no service performance metrics (memory, sqlite, elasticsearch and opensearch keep them; cassandra once `skein cassandra-schema apply` has added its skein_span_metrics table)';

const renderFailure = (status: number, message: string): string => stringifyJson(v1Failure(status, message));

/**
 * Jaeger's service performance monitoring API: `/api/metrics/latencies|calls|errors` answer a MetricFamily (no
 * envelope, as Jaeger), `/api/metrics/minstep` the smallest step in ms in Jaeger's envelope.
 */
export function registerMetricsRoutes(context: RouteContext, reader: SpanMetricsReader | undefined, nowMs: () => number): void {
  const family = (metricOf: (params: QueryParams) => RedMetric) => async (_request: unknown, params: QueryParams): Promise<Answer> => {
    if (!reader) return { status: 501, body: renderFailure(501, NO_METRICS_STORAGE) };
    const metric = metricOf(params);
    const query = parseRedQuery(params, nowMs());
    const rows = await reader.readSpanMetrics({ services: query.services, spanKinds: query.spanKinds, ...rowsNeeded(query) });
    return { status: 200, body: JSON.stringify(redMetricFamily(metric, query, rows)) };
  };
  getRoute(context, '/api/metrics/latencies', renderFailure, family((params) => ({ kind: 'latencies', quantile: parseQuantile(params) })));
  getRoute(context, '/api/metrics/calls', renderFailure, family(() => ({ kind: 'calls' })));
  getRoute(context, '/api/metrics/errors', renderFailure, family(() => ({ kind: 'errors' })));
  getRoute(context, '/api/metrics/minstep', renderFailure, async () =>
    reader ? { status: 200, body: stringifyJson(v1Data(MIN_STEP_MS)) } : { status: 501, body: renderFailure(501, NO_METRICS_STORAGE) },
  );
}
