import {
  ConsumerGroupRunner,
  TopicAdmin,
  connectionSettingsFrom,
  consumerSettingsFrom,
  decoderFor,
  missingTopicMessage,
  platformaticClients,
  type KafkaClientFactory,
} from '@skein/kafka';
import type { Logger, Registry } from '@skein/runtime';
import type { Span } from '@skein/model';
import type { StorageFactory } from '@skein/storage';
import { createSpanMetricsPipeline } from '@skein/storage-backends';
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

/** How often a missing span topic is looked for again. */
const TOPIC_POLL_MS = 2_000;

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

  const spanMetrics = createSpanMetricsPipeline(storage, config, { registry: deps.metrics, logger });
  const written =
    dependencies || spanMetrics
      ? (partition: number, spans: readonly Span[]): void => {
          dependencies?.observe(partition, spans);
          spanMetrics?.observe(spans);
        }
      : undefined;
  const handleBatch = createBatchWriter({
    writer: storage.createSpanWriter(),
    decode,
    written,
    writeLatency: (seconds, ok) => metrics.writeLatency.observe({ result: ok ? 'ok' : 'error' }, seconds),
    onUnattributedFailure: (error, partition) =>
      logger.error({ err: error, topic: kafka.topic, partition }, 'storage refused documents that belong to no span of the batch; spans are stored'),
  });

  let failWith: (error: Error) => void = () => undefined;
  const failed = new Promise<Error>((resolve) => (failWith = resolve));

  const runner = new ConsumerGroupRunner({
    consumer: clients.consumer(consumerSettingsFrom(kafka, connection)),
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

  let consuming = false;
  let stopRequested = false;
  let wakeUp: (() => void) | undefined;
  const startConsuming = async (): Promise<void> => {
    await runner.start();
    consuming = true;
    dependencies?.start();
    spanMetrics?.start();
    logger.info(
      {
        topic: kafka.topic,
        group: kafka.groupId,
        deadLetterTopic: kafka.deadLetterTopic,
        storage: storage.backend,
        dependencies: dependencies !== undefined,
        spanMetrics: spanMetrics !== undefined,
      },
      'ingester started',
    );
  };
  // A missing topic is an operator's step away (clusters often refuse to create topics on first use): the ingester
  // stays up, not ready, says what to run, and starts consuming once the topic exists.
  const waitForTopic = async (): Promise<void> => {
    logger.warn({ topic: kafka.topic }, `${missingTopicMessage(kafka.topic, kafka.brokers)}; the ingester waits for it`);
    while (!stopRequested) {
      await new Promise<void>((resolve) => {
        wakeUp = resolve;
        setTimeout(resolve, TOPIC_POLL_MS).unref();
      });
      if (stopRequested) return;
      const partitions = await admin.partitions(kafka.topic).catch((error: unknown) => {
        logger.warn({ err: error, topic: kafka.topic }, 'Kafka brokers do not answer while waiting for the topic');
        return undefined;
      });
      if (partitions !== undefined) return startConsuming();
    }
  };
  if ((await admin.partitions(kafka.topic)) === undefined) {
    waitForTopic().catch((error: unknown) => {
      logger.error({ err: error, topic: kafka.topic }, 'Kafka consumer failed to start; the ingester stops');
      failWith(error instanceof Error ? error : new Error(String(error)));
    });
  } else {
    await startConsuming();
  }

  let stopping: Promise<void> | undefined;
  return {
    runner,
    dependencies,
    failed,
    checkKafka: async () => {
      if (runner.fatalError) throw runner.fatalError;
      // Fails when the brokers do not answer; a missing topic is named with how to create it.
      if ((await admin.partitions(kafka.topic)) === undefined) throw new Error(missingTopicMessage(kafka.topic, kafka.brokers));
      await admin.describeLag(kafka.groupId, kafka.topic);
    },
    stop: () =>
      (stopping ??= (async () => {
        clearInterval(housekeeping);
        stopRequested = true;
        wakeUp?.();
        try {
          await runner.stop(config.shutdownTimeout); // also closes the clients of a runner still waiting for its topic
          await dependencies?.stop();
          await spanMetrics?.stop();
        } finally {
          await admin.close();
        }
      })()),
  };
}

function sameNumbers(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}
