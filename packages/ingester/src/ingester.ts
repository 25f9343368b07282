import {
  ConsumerGroupRunner,
  TopicAdmin,
  connectionSettingsFrom,
  decoderFor,
  platformaticClients,
  type KafkaClientFactory,
} from '@skein/kafka';
import type { Logger, Registry } from '@skein/runtime';
import type { StorageFactory } from '@skein/storage';
import { readFileSync } from 'node:fs';
import { createBatchWriter } from './batch-writer.js';
import { DependencyTracker } from './dependencies/dependency-tracker.js';
import { IngesterMetrics } from './metrics.js';
import { kafkaValuesOf, type IngesterConfig } from './options.js';

export interface IngesterDeps {
  logger: Logger;
  metrics: Registry;
  storage: StorageFactory;
  /** Kafka client library; @platformatic/kafka unless a test says otherwise. */
  clients?: KafkaClientFactory;
}

export interface IngesterHandle {
  readonly runner: ConsumerGroupRunner;
  /** Dependencies are written by this ingester (the backend stores links and the option is on). */
  readonly dependencies: DependencyTracker | undefined;
  /** Throws when Kafka does not answer (used by /readyz). */
  checkKafka(): Promise<void>;
  /** Resolves when the consumer failed for good (the process should exit and be restarted). */
  readonly failed: Promise<Error>;
  /** Stops fetching, writes and commits what was fetched, leaves the group, writes the last dependencies. */
  stop(): Promise<void>;
}

/** How often revoked partitions' dependency windows and metric series are dropped. */
const HOUSEKEEPING_MS = 1_000;

/**
 * Kafka → storage: a consumer-group member that writes partition batches in bulk and commits only what storage
 * acknowledged, dead-letters what can never be written, and counts service dependencies as the spans pass.
 */
export async function startIngester(config: IngesterConfig, deps: IngesterDeps): Promise<IngesterHandle> {
  const { logger, storage } = deps;
  const kafka = kafkaValuesOf(config);
  const clients = deps.clients ?? platformaticClients;
  const metrics = new IngesterMetrics(deps.metrics);
  const connection = connectionSettingsFrom(kafka, kafka.clientId, (path) => readFileSync(path, 'utf8'));
  const admin = new TopicAdmin(clients.admin(connection));
  const decode = decoderFor(kafka.encoding);

  const dependencyWriter = config.dependenciesEnabled && storage.capabilities.dependencies === 'stored' ? storage.createDependencyWriter?.() : undefined;
  const dependencies = dependencyWriter
    ? new DependencyTracker({
        writer: dependencyWriter,
        window: { maxSpans: config.dependenciesWindowSpans, maxWaitingChildren: Math.max(100, Math.floor(config.dependenciesWindowSpans / 4)) },
        bucketMicros: config.dependenciesBucket * 1000,
        flushIntervalMs: config.dependenciesFlushInterval,
        onFlushed: (documents) => metrics.dependencyDocuments.inc({ result: 'ok' }, documents),
        onError: (error, context) => {
          metrics.dependencyDocuments.inc({ result: 'error' });
          logger.warn({ err: error, ...context }, 'dependency write failed; retried with the next flush');
        },
      })
    : undefined;

  const handleBatch = createBatchWriter({
    writer: storage.createSpanWriter(),
    decode,
    written: dependencies ? (partition, spans) => dependencies.observe(partition, spans) : undefined,
    writeLatency: (seconds, ok) => metrics.writeLatency.observe({ result: ok ? 'ok' : 'error' }, seconds),
    onUnattributedFailure: (error, partition) =>
      logger.error({ err: error, topic: kafka.topic, partition }, 'storage refused documents that belong to no span of the batch; spans are stored'),
  });

  let failWith: (error: Error) => void = () => undefined;
  const failed = new Promise<Error>((resolve) => (failWith = resolve));

  const runner = new ConsumerGroupRunner({
    consumer: clients.consumer({
      ...connection,
      groupId: kafka.groupId,
      topic: kafka.topic,
      startOffset: kafka.startOffset,
      sessionTimeoutMs: 30_000,
      heartbeatIntervalMs: 3_000,
      rebalanceTimeoutMs: 60_000,
      maxWaitMs: 500,
      maxFetchBytes: kafka.fetchMaxMessageBytes,
      clientBufferRecords: 1024,
    }),
    deadLetterProducer: clients.producer({ ...connection, compression: 'none' }),
    deadLetterTopic: kafka.deadLetterTopic,
    decode,
    handleBatch,
    batch: { maxRecords: kafka.batchMaxMessages, maxBytes: config.batchMaxBytes, maxWaitMs: kafka.batchMaxWait },
    parallelism: kafka.parallelism,
    maxBufferedRecords: config.maxBufferedMessages,
    backoff: { initialMs: config.retryInitial, maxMs: Math.max(config.retryInitial, config.retryMax), multiplier: 2 },
    metrics: metrics.consumerHooks(),
    lag: { admin, groupId: kafka.groupId, topic: kafka.topic, intervalMs: config.lagInterval },
    onError: (error, context) => {
      if (context.action === 'consume') {
        logger.error({ err: error, topic: kafka.topic }, 'Kafka consumer failed; the ingester stops');
        failWith(error instanceof Error ? error : new Error(String(error)));
        return;
      }
      logger.warn({ err: error, topic: kafka.topic, group: kafka.groupId, ...context }, `ingester: ${context.action} failed`);
    },
  });

  let assigned: readonly number[] = [];
  const housekeeping = setInterval(() => {
    const now = runner.assignedPartitions;
    if (sameNumbers(now, assigned)) return;
    assigned = now;
    logger.info({ topic: kafka.topic, group: kafka.groupId, partitions: now }, 'partitions assigned');
    metrics.retainPartitions(now);
    dependencies?.retainPartitions(now);
  }, HOUSEKEEPING_MS);
  housekeeping.unref();

  await runner.start();
  dependencies?.start();
  logger.info(
    { topic: kafka.topic, group: kafka.groupId, deadLetterTopic: kafka.deadLetterTopic, storage: storage.backend, dependencies: dependencies !== undefined },
    'ingester started',
  );

  let stopping: Promise<void> | undefined;
  return {
    runner,
    dependencies,
    failed,
    checkKafka: async () => {
      if (runner.fatalError) throw runner.fatalError;
      // Fails when the brokers do not answer or the topic does not exist.
      await admin.describeLag(kafka.groupId, kafka.topic);
    },
    stop: () =>
      (stopping ??= (async () => {
        clearInterval(housekeeping);
        try {
          await runner.stop(config.shutdownTimeout);
          await dependencies?.stop();
        } finally {
          await admin.close();
        }
      })()),
  };
}

function sameNumbers(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}
