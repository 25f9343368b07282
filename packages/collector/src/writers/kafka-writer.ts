import { readFileSync } from 'node:fs';
import {
  connectionSettingsFrom,
  createKafkaSpanWriter,
  kafkaProducerOptions,
  missingTopicMessage,
  platformaticClients,
  TopicAdmin,
  type KafkaProducerConfig,
  type ProducerMetrics,
} from '@skein/kafka';
import { Counter, Histogram, type Registry } from '@skein/runtime';
import type { SpanWriterKind } from './managed-writer.js';

/** `skein_kafka_*` producer metrics, as the Kafka writer reports them. */
function producerMetrics(registry: Registry): ProducerMetrics {
  const registers = [registry];
  const written = new Counter({ name: 'skein_kafka_spans_written_total', help: 'Spans written to Kafka, by outcome', labelNames: ['status'], registers });
  const failures = new Counter({ name: 'skein_kafka_produce_errors_total', help: 'Failed Kafka writes, by reason', labelNames: ['reason'], registers });
  const batchBytes = new Histogram({ name: 'skein_kafka_produce_request_bytes', help: 'Bytes per Kafka produce request', buckets: [1e3, 1e4, 1e5, 5e5, 1e6, 5e6], registers });
  return {
    produced: (_records, spans) => written.inc({ status: 'success' }, spans),
    produceFailed: (reason, spans) => {
      written.inc({ status: 'failure' }, spans);
      failures.inc({ reason });
    },
    batchSent: (_records, bytes) => batchBytes.observe(bytes),
  };
}

export const kafkaWriterKind: SpanWriterKind = {
  name: 'kafka',
  options: kafkaProducerOptions,
  async create(values, context) {
    const config = values as unknown as KafkaProducerConfig;
    const writer = createKafkaSpanWriter(config, { metrics: producerMetrics(context.metrics) });
    // A separate admin connection answers readiness: brokers that answer and a topic that exists. Production
    // clusters commonly refuse to create topics on first write, so a missing topic is named, not waited out.
    const admin = new TopicAdmin(platformaticClients.admin(connectionSettingsFrom(config as Parameters<typeof connectionSettingsFrom>[0], 'jaeger-collector-readiness', readPem)));
    if (config.createTopic) {
      try {
        const { created, partitions } = await admin.ensureTopic({ topic: config.topic, partitions: config.topicPartitions, replicationFactor: config.topicReplicationFactor });
        context.logger.info({ topic: config.topic, partitions, created }, created ? 'created the Kafka topic' : 'the Kafka topic exists');
      } catch (error) {
        await Promise.allSettled([writer.close(), admin.close()]);
        throw new Error(`cannot create Kafka topic "${config.topic}" on ${config.brokers.join(',')}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      }
    }
    return {
      backend: 'kafka',
      writer,
      ...(config.encoding === 'protobuf' ? { protobufRecords: writer } : {}),
      checkReady: async () => {
        let partitions: number | undefined;
        try {
          partitions = await admin.partitions(config.topic);
        } catch (error) {
          throw new Error(`Kafka brokers ${config.brokers.join(',')} do not answer: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
        }
        if (partitions === undefined) throw new Error(missingTopicMessage(config.topic, config.brokers, 'kafka.producer.create-topic'));
      },
      close: async () => {
        await Promise.allSettled([writer.close(), admin.close()]).then((results) => {
          const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
          if (failed) throw failed.reason;
        });
      },
    };
  },
};

function readPem(path: string): string {
  return readFileSync(path, 'utf8');
}
