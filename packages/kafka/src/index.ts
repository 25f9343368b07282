export { KafkaSpanWriter, type KafkaSpanWriterOptions, type SpanWriterLike } from './span-writer.js';
export {
  ConsumerGroupRunner,
  PermanentBatchError,
  type BatchHandler,
  type HandleBatchResult,
  type ConsumerGroupRunnerOptions,
} from './runner/consumer-runner.js';
export { DLQ_HEADERS, deadLetterRecord, type DeadLetter } from './runner/dead-letter.js';
export { PartitionQueue, type BatchLimits } from './runner/partition-queue.js';
export { TopicAdmin, missingTopicMessage, type PartitionLag } from './topic-admin.js';
export {
  KafkaError,
  MessageTooLargeError,
  classifyKafkaError,
  toKafkaError,
  type KafkaErrorKind,
  type KafkaErrorReason,
} from './errors.js';
export { backoffDelayMs, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff.js';
export type { ProducerMetrics, ConsumerMetrics, DeadLetterReason } from './metrics.js';
export {
  kafkaProducerOptions,
  kafkaConsumerOptions,
  KAFKA_ENCODINGS,
  KAFKA_COMPRESSIONS,
  connectionSettingsFrom,
  type KafkaEncodingName,
} from './options.js';
export {
  createKafkaSpanWriter,
  createConsumerGroupRunner,
  consumerSettingsFrom,
  decoderFor,
  type KafkaProducerConfig,
  type KafkaConsumerConfig,
  type FactoryDeps,
} from './factories.js';
export { platformaticClients } from './client/platformatic.js';
export type * from './client/types.js';
