import type { ConsumerMetrics } from '@skein/kafka';
import { Counter, Gauge, Histogram, type Registry } from '@skein/runtime';

const SIZE_BUCKETS = [1, 10, 50, 100, 250, 500, 1000, 2500, 5000, 10_000];
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/** `skein_ingester_*` metrics, and the runner's hooks feeding them. */
export class IngesterMetrics {
  readonly lag: Gauge<'partition'>;
  readonly messages: Counter<'partition'>;
  readonly spans: Counter<'partition'>;
  readonly batchMessages: Histogram;
  readonly batchSpans: Histogram;
  readonly writeLatency: Histogram<'result'>;
  readonly retries: Counter<'partition'>;
  readonly deadLettered: Counter<'reason'>;
  readonly spansRejected: Counter<'reason'>;
  readonly commits: Counter;
  readonly commitFailures: Counter<'reason'>;
  readonly offsetsMovedBack: Counter<'partition'>;
  readonly committedOffset: Gauge<'partition'>;
  readonly assignedPartitions: Gauge;
  readonly dependencyDocuments: Counter<'result'>;
  /** Partitions that have per-partition gauge series, so the series of revoked ones can be removed. */
  readonly #partitionSeries = new Set<string>();

  constructor(registry: Registry) {
    const registers = [registry];
    this.lag = new Gauge({ name: 'skein_ingester_lag', help: 'Records of a partition not yet committed by the group (high watermark − committed offset)', labelNames: ['partition'], registers });
    this.messages = new Counter({ name: 'skein_ingester_messages_consumed_total', help: 'Kafka records written to storage', labelNames: ['partition'], registers });
    this.spans = new Counter({ name: 'skein_ingester_spans_consumed_total', help: 'Spans written to storage', labelNames: ['partition'], registers });
    this.batchMessages = new Histogram({ name: 'skein_ingester_batch_messages', help: 'Records per batch written', buckets: SIZE_BUCKETS, registers });
    this.batchSpans = new Histogram({ name: 'skein_ingester_batch_spans', help: 'Spans per batch written', buckets: SIZE_BUCKETS, registers });
    this.writeLatency = new Histogram({ name: 'skein_ingester_write_latency_seconds', help: 'Storage write of one batch (each attempt)', labelNames: ['result'], buckets: LATENCY_BUCKETS, registers });
    this.retries = new Counter({ name: 'skein_ingester_retries_total', help: 'Batches retried after a failed storage write', labelNames: ['partition'], registers });
    this.deadLettered = new Counter({ name: 'skein_ingester_dead_lettered_total', help: 'Records sent to the dead-letter topic', labelNames: ['reason'], registers });
    this.spansRejected = new Counter({ name: 'skein_ingester_spans_rejected_total', help: 'Spans not stored: refused by the decoder or permanently by storage', labelNames: ['reason'], registers });
    this.commits = new Counter({ name: 'skein_ingester_commits_total', help: 'Offset commits that went through', registers });
    this.offsetsMovedBack = new Counter({ name: 'skein_ingester_offsets_moved_back_total', help: 'Group offsets found below what this ingester committed (a former owner committed late) and committed again', labelNames: ['partition'], registers });
    this.commitFailures = new Counter({ name: 'skein_ingester_commit_failures_total', help: 'Offset commits that failed (covered by the next one or redelivered)', labelNames: ['reason'], registers });
    this.committedOffset = new Gauge({ name: 'skein_ingester_committed_offset', help: 'Next offset to read, as last committed by this member', labelNames: ['partition'], registers });
    this.assignedPartitions = new Gauge({ name: 'skein_ingester_assigned_partitions', help: 'Partitions assigned to this member', registers });
    this.dependencyDocuments = new Counter({ name: 'skein_ingester_dependency_documents_total', help: 'Dependency bucket documents written', labelNames: ['result'], registers });
  }

  /** The hooks the consumer-group runner calls. */
  consumerHooks(): ConsumerMetrics {
    return {
      lag: (partition, lag) => {
        this.#partitionSeries.add(String(partition));
        this.lag.set({ partition: String(partition) }, lag);
      },
      consumed: (partition, records, spans) => {
        this.messages.inc({ partition: String(partition) }, records);
        this.spans.inc({ partition: String(partition) }, spans);
      },
      batchHandled: (_partition, records, spans) => {
        this.batchMessages.observe(records);
        this.batchSpans.observe(spans);
      },
      retried: (partition) => this.retries.inc({ partition: String(partition) }),
      deadLettered: (_partition, reason, records) => this.deadLettered.inc({ reason }, records),
      spansRejected: (_partition, spans) => this.spansRejected.inc({ reason: 'undecodable' }, spans),
      committed: (partition, offset) => {
        this.commits.inc();
        this.#partitionSeries.add(String(partition));
        this.committedOffset.set({ partition: String(partition) }, Number(offset));
      },
      commitFailed: (_partition, reason) => this.commitFailures.inc({ reason }),
      committedMovedBack: (partition) => this.offsetsMovedBack.inc({ partition: String(partition) }),
    };
  }

  /** Drops per-partition gauge series of partitions this member no longer owns. */
  retainPartitions(assigned: readonly number[]): void {
    this.assignedPartitions.set(assigned.length);
    const keep = new Set(assigned.map(String));
    for (const partition of [...this.#partitionSeries]) {
      if (keep.has(partition)) continue;
      this.#partitionSeries.delete(partition);
      this.lag.remove({ partition });
      this.committedOffset.remove({ partition });
    }
  }
}
