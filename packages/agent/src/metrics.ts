import { Counter, Gauge, type Registry } from '@skein/runtime';

/**
 * The reporter's metrics (`skein_agent_reporter_*`, after Jaeger's `jaeger_agent_reporter_*`). The UDP receivers'
 * own counts (datagrams refused, spans dropped at the door) are `skein_agent_requests_rejected_total` and
 * `skein_agent_spans_dropped_total`.
 */
export class ReporterMetrics {
  readonly batchesSubmitted: Counter;
  readonly batchesFailures: Counter<'reason'>;
  readonly spansSubmitted: Counter;
  readonly spansDropped: Counter<'reason'>;
  readonly bufferedSpans: Gauge;
  readonly bufferedBytes: Gauge;
  readonly collectorAddresses: Gauge;

  constructor(registry: Registry) {
    const registers = [registry];
    this.batchesSubmitted = new Counter({ name: 'skein_agent_reporter_batches_submitted_total', help: 'PostSpans calls a collector accepted', registers });
    this.batchesFailures = new Counter({
      name: 'skein_agent_reporter_batches_failures_total',
      help: 'PostSpans calls that failed (the batch is retried unless the reason is invalid-argument), by reason',
      labelNames: ['reason'],
      registers,
    });
    this.spansSubmitted = new Counter({ name: 'skein_agent_reporter_spans_submitted_total', help: 'Spans delivered to a collector', registers });
    this.spansDropped = new Counter({
      name: 'skein_agent_reporter_spans_dropped_total',
      help: 'Spans the agent took but never delivered: buffer full, refused by the collector, or still buffered at the shutdown deadline',
      labelNames: ['reason'],
      registers,
    });
    this.bufferedSpans = new Gauge({ name: 'skein_agent_reporter_buffered_spans', help: 'Spans waiting for or being sent to a collector', registers });
    this.bufferedBytes = new Gauge({ name: 'skein_agent_reporter_buffered_bytes', help: 'Approximate bytes of the buffered spans', registers });
    this.collectorAddresses = new Gauge({ name: 'skein_agent_reporter_collector_addresses', help: 'Collector addresses the last DNS resolution gave', registers });
  }
}
