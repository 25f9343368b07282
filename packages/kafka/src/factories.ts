import { readFileSync } from 'node:fs';
import { decodeKafkaValue, kafkaEncodingByName, type DecodedBatch } from '@skein/codecs';
import type { OptionValues } from '@skein/runtime';
import { platformaticClients } from './client/platformatic.js';
import type { ConnectionSettings, ConsumerClientSettings, KafkaClientFactory } from './client/types.js';
import type { ConsumerMetrics, ProducerMetrics } from './metrics.js';
import { connectionSettingsFrom, type kafkaConsumerOptions, type kafkaProducerOptions } from './options.js';
import { ConsumerGroupRunner, type BatchHandler, type ConsumerGroupRunnerOptions } from './runner/consumer-runner.js';
import { KafkaSpanWriter } from './span-writer.js';
import { TopicAdmin } from './topic-admin.js';

export type KafkaProducerConfig = OptionValues<typeof kafkaProducerOptions>;
export type KafkaConsumerConfig = OptionValues<typeof kafkaConsumerOptions>;

export interface FactoryDeps {
  /** The client library; @platformatic/kafka unless a test or a future swap says otherwise. */
  clients?: KafkaClientFactory;
  /** Reads TLS PEM files named in the options. */
  readText?: (path: string) => string;
  clientId?: string;
}

const readUtf8 = (path: string): string => readFileSync(path, 'utf8');

function checkCompression(clients: KafkaClientFactory, compression: KafkaProducerConfig['compression']): void {
  if (!clients.compressions.includes(compression)) {
    throw new Error(
      `kafka.producer.compression=${compression} is not available with ${clients.name} on Node ${process.versions.node} (available: ${clients.compressions.join(', ')})`,
    );
  }
}

/** The collector's span writer from `kafka.producer.*` options. */
export function createKafkaSpanWriter(config: KafkaProducerConfig, deps: FactoryDeps & { metrics?: ProducerMetrics } = {}): KafkaSpanWriter {
  const clients = deps.clients ?? platformaticClients;
  checkCompression(clients, config.compression);
  const connection = connectionSettingsFrom(config, deps.clientId ?? 'jaeger-collector', deps.readText ?? readUtf8);
  const producer = clients.producer({ ...connection, compression: config.compression });
  return new KafkaSpanWriter({
    producer,
    topic: config.topic,
    encoding: kafkaEncodingByName(config.encoding),
    maxMessageBytes: config.maxMessageBytes,
    batchLingerMs: config.batchLinger,
    ...(config.batchSize > 0 ? { batchMaxBytes: config.batchSize } : {}),
    ...(config.batchMaxMessages > 0 ? { batchMaxMessages: config.batchMaxMessages } : {}),
    ...(deps.metrics ? { metrics: deps.metrics } : {}),
  });
}

export function decoderFor(encoding: KafkaConsumerConfig['encoding']): (value: Uint8Array) => DecodedBatch {
  if (encoding === 'auto') return decodeKafkaValue;
  const chosen = kafkaEncodingByName(encoding);
  return (value) => chosen.decode(value);
}

const FETCH_RESPONSE_MAX_BYTES = 10 * 1024 * 1024;

/**
 * The group consumer's settings from `kafka.consumer.*`: group, topic, start offset, and the session timeout and
 * heartbeat that decide how fast a crashed member's partitions move to the others.
 * @throws Error when the heartbeat interval is not below the session timeout, naming both flags.
 */
export function consumerSettingsFrom(config: KafkaConsumerConfig, connection: ConnectionSettings): ConsumerClientSettings {
  if (config.heartbeatInterval >= config.sessionTimeout) {
    throw new Error(
      `--kafka.consumer.heartbeat-interval (${config.heartbeatInterval} ms) must be below --kafka.consumer.session-timeout ` +
        `(${config.sessionTimeout} ms), a third of it or less`,
    );
  }
  return {
    ...connection,
    groupId: config.groupId,
    topic: config.topic,
    startOffset: config.startOffset,
    sessionTimeoutMs: config.sessionTimeout,
    heartbeatIntervalMs: config.heartbeatInterval,
    rebalanceTimeoutMs: 60_000,
    maxWaitMs: 500,
    // Jaeger's flag is per partition; a response carries up to 10 MiB over all of them.
    maxFetchBytes: Math.max(FETCH_RESPONSE_MAX_BYTES, config.fetchMaxMessageBytes),
    maxFetchBytesPerPartition: config.fetchMaxMessageBytes,
    clientBufferRecords: 1024,
  };
}

/** The ingester's consumer-group runner from `kafka.consumer.*` options. */
export function createConsumerGroupRunner(
  config: KafkaConsumerConfig,
  handleBatch: BatchHandler,
  deps: FactoryDeps & Pick<ConsumerGroupRunnerOptions, 'onError' | 'isRetryable' | 'backoff' | 'maxBufferedRecords'> & { metrics?: ConsumerMetrics } = {},
): { runner: ConsumerGroupRunner; admin: TopicAdmin } {
  const clients = deps.clients ?? platformaticClients;
  const connection = connectionSettingsFrom(config, deps.clientId ?? config.clientId, deps.readText ?? readUtf8);
  const consumer = clients.consumer(consumerSettingsFrom(config, connection));
  const admin = new TopicAdmin(clients.admin(connection));
  const runner = new ConsumerGroupRunner({
    consumer,
    deadLetterProducer: clients.producer({ ...connection, compression: 'none' }),
    deadLetterTopic: config.deadLetterTopic,
    decode: decoderFor(config.encoding),
    handleBatch,
    batch: { maxRecords: config.batchMaxMessages, maxWaitMs: config.batchMaxWait },
    parallelism: config.parallelism,
    lag: { admin, groupId: config.groupId, topic: config.topic },
    ...pick(deps, ['onError', 'isRetryable', 'backoff', 'maxBufferedRecords', 'metrics']),
  });
  return { runner, admin };
}

function pick<T extends object, K extends keyof T>(source: T, keys: readonly K[]): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {};
  for (const key of keys) if (source[key] !== undefined) out[key] = source[key];
  return out;
}
