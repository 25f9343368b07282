/**
 * @services kafka
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Kafka, logLevel } from 'kafkajs';
import { serviceAddress, uniqueName } from '../../jest/service-address.js';

describe('Kafka test server', () => {
  const kafka = new Kafka({ clientId: 'skein-smoke', brokers: [serviceAddress('KAFKA_BROKERS')], logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  const topic = uniqueName('smoke');

  beforeAll(async () => {
    await admin.connect();
  });
  afterAll(async () => {
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect();
  });

  it('creates a topic, produces with acks=all (idempotent) and consumes it in a group', async () => {
    expect(await admin.createTopics({ topics: [{ topic, numPartitions: 3, replicationFactor: 1 }], waitForLeaders: true })).toBe(true);
    const metadata = await admin.fetchTopicMetadata({ topics: [topic] });
    expect(metadata.topics[0]?.partitions).toHaveLength(3);

    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    const messages = Array.from({ length: 30 }, (_, i) => ({ key: `trace-${i % 5}`, value: `span-${i}` }));
    const acks = await producer.send({ topic, acks: -1, messages });
    await producer.disconnect();
    expect(acks.every((record) => record.errorCode === 0)).toBe(true);

    const consumer = kafka.consumer({ groupId: uniqueName('smoke-group') });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const received: Array<{ key: string; value: string; partition: number }> = [];
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`consumed ${received.length} of ${messages.length} messages in 30s`)), 30_000);
      consumer
        .run({
          eachMessage: async ({ message, partition }) => {
            received.push({ key: String(message.key), value: String(message.value), partition });
            if (received.length === messages.length) {
              clearTimeout(timer);
              resolve();
            }
          },
        })
        .catch(reject);
    });
    await consumer.disconnect();

    expect(received.map((m) => m.value).sort()).toEqual(messages.map((m) => m.value).sort());
    // Same key, same partition: what keeps all spans of a trace on one ingester.
    const partitionsByKey = new Map<string, Set<number>>();
    for (const m of received) partitionsByKey.set(m.key, (partitionsByKey.get(m.key) ?? new Set()).add(m.partition));
    expect([...partitionsByKey.values()].every((partitions) => partitions.size === 1)).toBe(true);
  });
});
