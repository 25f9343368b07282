import type { KafkaErrorReason } from './errors.js';

/**
 * What the span writer reports. Every method is optional so a caller backs only what it exports; the collector maps
 * these onto prom-client counters and histograms (e.g. `skein_kafka_spans_written_total{status}`).
 */
export interface ProducerMetrics {
  /** Records acknowledged by the broker (acks=all) and the spans they carried. */
  produced?(records: number, spans: number): void;
  /** A `writeSpans` call failed; `spans` were not (all) acknowledged. */
  produceFailed?(reason: KafkaErrorReason, spans: number): void;
  /** One produce request's record count and bytes (the batch the client sent). */
  batchSent?(records: number, bytes: number): void;
  /** Records waiting in the writer's bounded buffer, sampled on every change. */
  bufferedRecords?(records: number, capacity: number): void;
}

/** Why a record went to the dead-letter topic; also the value of its `skein-dlq-reason` header prefix. */
export type DeadLetterReason = 'tombstone' | 'undecodable' | 'rejected';

/** What the consumer-group runner reports. Every method is optional. */
export interface ConsumerMetrics {
  /** Lag (high watermark − committed offset) of one assigned partition, refreshed periodically. */
  lag?(partition: number, lag: number): void;
  /** Records and spans handed to `handleBatch` successfully, per partition. */
  consumed?(partition: number, records: number, spans: number): void;
  /** Size of one batch given to `handleBatch`. */
  batchHandled?(partition: number, records: number, spans: number, durationMs: number): void;
  /** `handleBatch` threw a retryable error and the batch will be retried after `delayMs`. */
  retried?(partition: number, attempt: number, delayMs: number): void;
  /** Records sent to the dead-letter topic. */
  deadLettered?(partition: number, reason: DeadLetterReason, records: number): void;
  /** Spans the decoder refused inside otherwise readable records (e.g. an all-zero id). */
  spansRejected?(partition: number, spans: number): void;
  /** An offset commit went through: `offset` is the next offset to read. */
  committed?(partition: number, offset: bigint): void;
  /** Offsets that could not be committed (they will be retried with the next batch, or redelivered after restart). */
  commitFailed?(partition: number, reason: KafkaErrorReason): void;
  /** The group's offset was found below what this member committed (a former owner's late commit); it is committed again. */
  committedMovedBack?(partition: number, brokerOffset: bigint | undefined, committedHere: bigint): void;
}
