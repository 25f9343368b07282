import { Counter, Gauge, Histogram, type Registry } from '@skein/runtime';

/**
 * Every metric the collector exports (`skein_collector_*`). Receivers count what they received and rejected;
 * the queue and writer count drops, queue depth and latencies. The agent reuses the receivers under its own prefix
 * (`skein_agent_*`).
 */
export class CollectorMetrics {
  readonly spansReceived: Counter<'receiver' | 'format'>;
  readonly spansTranscoded: Counter<'receiver' | 'format'>;
  readonly spansRejected: Counter<'receiver' | 'format' | 'reason'>;
  readonly spansDropped: Counter<'receiver' | 'reason'>;
  readonly requestsRejected: Counter<'receiver' | 'reason'>;
  readonly queueLength: Gauge;
  readonly queueBytes: Gauge;
  readonly queueCapacity: Gauge<'unit'>;
  readonly inQueueLatency: Histogram;
  readonly saveLatency: Histogram<'result'>;
  readonly batchSize: Histogram;
  readonly writerErrors: Counter<'kind'>;
  /** Added by the pipeline work: repairs made by the sanitizers and limits (the span was kept). */
  readonly spansSanitized: Counter<'fix'>;

  constructor(registry: Registry, prefix = 'skein_collector') {
    const registers = [registry];
    this.spansReceived = new Counter({ name: `${prefix}_spans_received_total`, help: 'Spans decoded from requests, by receiver and wire format', labelNames: ['receiver', 'format'], registers });
    this.spansTranscoded = new Counter({
      name: `${prefix}_spans_transcoded_total`,
      help: 'Spans of those received that took the fast path: transcoded straight into Kafka records (--collector.fast-path)',
      labelNames: ['receiver', 'format'],
      registers,
    });
    this.spansRejected = new Counter({ name: `${prefix}_spans_rejected_total`, help: 'Spans refused by a decoder or the pipeline, by reason', labelNames: ['receiver', 'format', 'reason'], registers });
    this.spansDropped = new Counter({ name: `${prefix}_spans_dropped_total`, help: 'Spans that could not be taken (queue full, shutting down); for UDP the only signal a sender gets', labelNames: ['receiver', 'reason'], registers });
    this.requestsRejected = new Counter({ name: `${prefix}_requests_rejected_total`, help: 'Whole requests refused (malformed, too large, wrong content type, overloaded), by reason', labelNames: ['receiver', 'reason'], registers });
    this.queueLength = new Gauge({ name: `${prefix}_queue_length`, help: 'Spans waiting in the queue', registers });
    this.queueBytes = new Gauge({ name: `${prefix}_queue_bytes`, help: 'Approximate bytes of the spans waiting in the queue', registers });
    this.queueCapacity = new Gauge({ name: `${prefix}_queue_capacity`, help: 'Queue capacity, in spans and in bytes', labelNames: ['unit'], registers });
    this.inQueueLatency = new Histogram({ name: `${prefix}_in_queue_latency_seconds`, help: 'Time a span waited in the queue before its batch was written', buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5], registers });
    this.saveLatency = new Histogram({ name: `${prefix}_save_latency_seconds`, help: 'Time the span writer took per batch', labelNames: ['result'], buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 30], registers });
    this.batchSize = new Histogram({ name: `${prefix}_batch_size_spans`, help: 'Spans per batch handed to the writer', buckets: [1, 10, 50, 100, 250, 500, 1000, 5000], registers });
    this.spansSanitized = new Counter({ name: `${prefix}_spans_sanitized_total`, help: 'Spans repaired and kept (empty names, invalid UTF-8, negative durations, truncated tags), by fix', labelNames: ['fix'], registers });
    this.writerErrors = new Counter({ name: `${prefix}_writer_errors_total`, help: 'Span writer failures (e.g. Kafka produce errors), by kind', labelNames: ['kind'], registers });
  }
}
