import {
  DEFAULT_SPAN_METRICS_BUCKET_MS,
  DEFAULT_SPAN_METRICS_FLUSH_INTERVAL_MS,
  DEFAULT_SPAN_METRICS_MAX_LATENESS_MS,
  DEFAULT_SPAN_METRICS_MAX_SERIES,
  SpanMetricsRecorder,
  isErrorSpan,
  spanKindOf,
  type SpanMetricsDropReason,
  type StorageFactory,
} from '@skein/storage';
import type { Span } from '@skein/model';
import { Counter, Histogram, option, parseBoolean, parseDurationMs, parseInteger, type Logger, type OptionValues, type Registry } from '@skein/runtime';

/** A duration within [minMs, maxMs], so that a zero bucket or flush interval is refused at start, not divided by. */
function durationBetween(minMs: number, maxMs: number): (raw: string) => number {
  return (raw) => {
    const ms = parseDurationMs(raw);
    if (ms < minMs || ms > maxMs) throw new Error(`"${raw}" is out of range: between ${minMs / 1000} s and ${maxMs / 1000} s`);
    return ms;
  };
}

/** RED metrics computed from the spans a process stores (the all-in-one, the ingester). */
export const spanMetricsOptions = {
  spanMetricsEnabled: option({
    flag: 'span-metrics.enabled',
    description: "count calls, errors and latency per service, operation and span kind as spans are stored, for Jaeger's Monitor tab (/api/metrics/*)",
    parse: parseBoolean,
    defaultValue: true,
    valueName: '<bool>',
  }),
  spanMetricsBucket: option({
    flag: 'span-metrics.bucket',
    description: 'time bucket of the stored metrics, by span start time (the finest step the API can show), 1s to 1h',
    parse: durationBetween(1_000, 3_600_000),
    defaultValue: DEFAULT_SPAN_METRICS_BUCKET_MS,
    valueName: '<duration>',
  }),
  spanMetricsFlushInterval: option({
    flag: 'span-metrics.flush-interval',
    description: 'how often changed buckets are written to storage, 100ms to 10m',
    parse: durationBetween(100, 600_000),
    defaultValue: DEFAULT_SPAN_METRICS_FLUSH_INTERVAL_MS,
    valueName: '<duration>',
  }),
  spanMetricsMaxSeries: option({
    flag: 'span-metrics.max-series',
    description: 'distinct service/operation/kind series per bucket (and in the Prometheus exposition); spans of more are not counted (skein_span_metrics_dropped_spans_total)',
    parse: parseInteger(1, 1_000_000),
    defaultValue: DEFAULT_SPAN_METRICS_MAX_SERIES,
    valueName: '<series>',
  }),
  spanMetricsMaxLateness: option({
    flag: 'span-metrics.max-lateness',
    description: "how far a span's start may lie behind or ahead of this process's clock and still be counted, 0s to 1d",
    parse: durationBetween(0, 86_400_000),
    defaultValue: DEFAULT_SPAN_METRICS_MAX_LATENESS_MS,
    valueName: '<duration>',
  }),
  spanMetricsPrometheus: option({
    flag: 'span-metrics.prometheus',
    description: "also expose the counts on the admin /metrics as the OpenTelemetry spanmetrics connector names them (traces_span_metrics_calls_total, traces_span_metrics_duration_milliseconds_*)",
    parse: parseBoolean,
    defaultValue: false,
    valueName: '<bool>',
  }),
};

export type SpanMetricsConfig = OptionValues<typeof spanMetricsOptions>;

/** Counts stored spans into the store's metrics rows (and optionally Prometheus); `observe` after each write. */
export interface SpanMetricsPipeline {
  observe(spans: readonly Span[]): void;
  start(): void;
  /** Writes what is left. */
  stop(): Promise<void>;
}

/** The OpenTelemetry spanmetrics connector's default histogram buckets, ms. */
const SPANMETRICS_BUCKETS_MS = [2, 4, 6, 8, 10, 50, 100, 200, 400, 800, 1000, 1400, 2000, 5000, 10000, 15000];
const OTEL_KINDS: Record<string, string> = {
  server: 'SPAN_KIND_SERVER',
  client: 'SPAN_KIND_CLIENT',
  producer: 'SPAN_KIND_PRODUCER',
  consumer: 'SPAN_KIND_CONSUMER',
  internal: 'SPAN_KIND_INTERNAL',
};

/**
 * The span metrics' own counters: spans not counted, by reason, and rows written, by result. For a host that records
 * span metrics itself (the all-in-one's ingest threads) as well as for {@link createSpanMetricsPipeline}.
 */
export function spanMetricsCounters(registry: Registry): { dropped: Counter<'reason'>; rows: Counter<'result'> } {
  const dropped = new Counter({
    name: 'skein_span_metrics_dropped_spans_total',
    help: 'Stored spans not counted in the span metrics, by reason (late, future: start outside --span-metrics.max-lateness; series-limit, prometheus-series-limit: past --span-metrics.max-series)',
    labelNames: ['reason'],
    registers: [registry],
  });
  const rows = new Counter({
    name: 'skein_span_metrics_rows_written_total',
    help: 'Span metrics rows written to storage, by result',
    labelNames: ['result'],
    registers: [registry],
  });
  return { dropped, rows };
}

/**
 * The span metrics of a process, or undefined when they are off or the store keeps none (logged, so an operator
 * who expects the Monitor tab learns why it is empty).
 */
export function createSpanMetricsPipeline(
  storage: StorageFactory,
  config: SpanMetricsConfig,
  deps: { registry: Registry; logger: Logger },
): SpanMetricsPipeline | undefined {
  if (!config.spanMetricsEnabled) return undefined;
  const writer = storage.capabilities.spanMetrics ? storage.createSpanMetricsWriter?.() : undefined;
  if (!writer) {
    deps.logger.info({ storage: storage.backend }, `the ${storage.backend} store keeps no span metrics; the Monitor tab stays empty${storage.backend === 'cassandra' ? ' (`skein cassandra-schema apply` adds the skein_span_metrics table to the keyspace)' : ''}`);
    return undefined;
  }
  const { dropped, rows } = spanMetricsCounters(deps.registry);
  const recorder = new SpanMetricsRecorder({
    writer,
    bucketMs: config.spanMetricsBucket,
    flushIntervalMs: config.spanMetricsFlushInterval,
    maxSeries: config.spanMetricsMaxSeries,
    maxLatenessMs: config.spanMetricsMaxLateness,
    onFlushed: (count) => rows.inc({ result: 'ok' }, count),
    onError: (error, count) => {
      rows.inc({ result: 'error' }, count);
      deps.logger.warn({ err: error, rows: count, storage: storage.backend }, 'writing span metrics failed; retried with the next flush');
    },
  });
  const reported: Record<SpanMetricsDropReason, number> = { late: 0, future: 0, 'series-limit': 0 };
  const prometheus = config.spanMetricsPrometheus ? prometheusExposition(deps.registry, config.spanMetricsMaxSeries) : undefined;
  return {
    observe(spans) {
      recorder.observe(spans);
      prometheus?.(spans, () => dropped.inc({ reason: 'prometheus-series-limit' }));
      const counts = recorder.aggregator.dropped;
      for (const reason of Object.keys(counts) as SpanMetricsDropReason[]) {
        if (counts[reason] !== reported[reason]) {
          dropped.inc({ reason }, counts[reason] - reported[reason]);
          reported[reason] = counts[reason];
        }
      }
    },
    start: () => recorder.start(),
    stop: () => recorder.stop(),
  };
}

/** Cumulative counters and histograms named as the spanmetrics connector names them, at most `maxSeries` label sets. */
function prometheusExposition(registry: Registry, maxSeries: number) {
  const labelNames = ['service_name', 'span_name', 'span_kind', 'status_code'] as const;
  const calls = new Counter({ name: 'traces_span_metrics_calls_total', help: 'Spans stored, per service, span name, kind and status', labelNames, registers: [registry] });
  const duration = new Histogram({
    name: 'traces_span_metrics_duration_milliseconds',
    help: 'Span durations in milliseconds, per service, span name, kind and status',
    labelNames,
    buckets: SPANMETRICS_BUCKETS_MS,
    registers: [registry],
  });
  const series = new Set<string>();
  return (spans: readonly Span[], drop: () => void): void => {
    for (const span of spans) {
      const labels = {
        service_name: span.process.serviceName,
        span_name: span.operationName,
        span_kind: OTEL_KINDS[spanKindOf(span)] ?? 'SPAN_KIND_UNSPECIFIED',
        status_code: isErrorSpan(span) ? 'STATUS_CODE_ERROR' : statusOk(span) ? 'STATUS_CODE_OK' : 'STATUS_CODE_UNSET',
      };
      const key = `${labels.service_name}\u0000${labels.span_name}\u0000${labels.span_kind}\u0000${labels.status_code}`;
      if (!series.has(key)) {
        if (series.size >= maxSeries) {
          drop();
          continue;
        }
        series.add(key);
      }
      calls.inc(labels);
      duration.observe(labels, span.duration / 1000);
    }
  };
}

function statusOk(span: Span): boolean {
  return span.tags.some((tag) => tag.key === 'otel.status_code' && tag.type === 'string' && tag.value === 'OK');
}
