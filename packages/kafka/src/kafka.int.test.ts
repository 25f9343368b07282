/**
 * Producer, consumer-group runner, dead-letter topic and topic admin against a real Kafka.
 * @services kafka
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { kafkaProtobuf } from '@skein/codecs';
import type { Span } from '@skein/model';
import { serviceAddress, uniqueName } from '../../../test/jest/service-address.js';
import { platformaticClients } from './client/platformatic.js';
import type { ConnectionSettings, ConsumedRecord } from './client/types.js';
import { KafkaError, MessageTooLargeError } from './errors.js';
import { ConsumerGroupRunner, type BatchHandler } from './runner/consumer-runner.js';
import { DLQ_HEADERS } from './runner/dead-letter.js';
import { consumerSettingsFrom } from './factories.js';
import { kafkaConsumerOptions } from './options.js';
import { loadConfig } from '@skein/runtime';
import { KafkaSpanWriter } from './span-writer.js';
import { waitFor } from './testing/fake-clients.js';
import { makeSpans } from './testing/spans.js';
import { TopicAdmin } from './topic-admin.js';

const connection = (): ConnectionSettings => ({ brokers: serviceAddress('KAFKA_BROKERS').split(','), clientId: 'skein-kafka-int-test' });
let admin: TopicAdmin;
const topics: string[] = [];

async function newTopic(prefix: string, partitions: number, configs?: Record<string, string>): Promise<string> {
  const topic = uniqueName(prefix);
  topics.push(topic);
  await admin.ensureTopic({ topic, partitions, replicationFactor: 1, ...(configs ? { configs } : {}) });
  return topic;
}

function newWriter(topic: string, maxMessageBytes = 1_000_000): KafkaSpanWriter {
  const producer = platformaticClients.producer({ ...connection(), compression: 'none' });
  return new KafkaSpanWriter({ producer, topic, encoding: kafkaProtobuf, maxMessageBytes });
}

function newRunner(topic: string, groupId: string, handleBatch: BatchHandler, dlqTopic = `${topic}-dlq`): ConsumerGroupRunner {
  return new ConsumerGroupRunner({
    consumer: platformaticClients.consumer({
      ...connection(),
      groupId,
      topic,
      startOffset: 'earliest',
      sessionTimeoutMs: 10_000,
      heartbeatIntervalMs: 500,
      rebalanceTimeoutMs: 10_000,
      maxWaitMs: 200,
      maxFetchBytes: 1024 * 1024,
      clientBufferRecords: 256,
    }),
    deadLetterProducer: platformaticClients.producer({ ...connection(), compression: 'none' }),
    deadLetterTopic: dlqTopic,
    decode: (value) => kafkaProtobuf.decode(value),
    handleBatch,
    batch: { maxRecords: 5, maxWaitMs: 50 },
    backoff: { initialMs: 20, maxMs: 100, multiplier: 2 },
  });
}

/** Raw records on a topic, read with a throwaway group. */
async function readAll(topic: string, count: number): Promise<ConsumedRecord[]> {
  const records: ConsumedRecord[] = [];
  const consumer = platformaticClients.consumer({
    ...connection(),
    groupId: uniqueName('reader'),
    topic,
    startOffset: 'earliest',
    sessionTimeoutMs: 10_000,
    heartbeatIntervalMs: 500,
    rebalanceTimeoutMs: 10_000,
    maxWaitMs: 200,
    maxFetchBytes: 1024 * 1024,
    clientBufferRecords: 256,
  });
  await consumer.start({ record: (r) => void records.push(r), assigned: () => undefined, fatal: () => undefined });
  await waitFor(() => records.length >= count, 30_000);
  await consumer.close();
  return records;
}

beforeAll(() => {
  admin = new TopicAdmin(platformaticClients.admin(connection()));
});

afterAll(async () => {
  await admin.deleteTopics(topics.flatMap((t) => [t, `${t}-dlq`])).catch(() => undefined);
  await admin.close();
});

describe('KafkaSpanWriter → ConsumerGroupRunner', () => {
  it('delivers exactly the written spans, keyed by trace id, each trace in one partition', async () => {
    const topic = await newTopic('skein_roundtrip', 6);
    const spans = makeSpans(40, 5);
    const writer = newWriter(topic);
    await writer.writeSpans(spans.slice(0, 120));
    await writer.writeSpans(spans.slice(120));
    await writer.close();

    const received: Span[] = [];
    const partitionsOfTrace = new Map<string, Set<number>>();
    const runner = newRunner(topic, uniqueName('group'), async (partition, batch, records) => {
      for (const record of records) expect(record.key?.toString()).toBe(kafkaProtobuf.decode(record.value!).spans[0]!.traceId);
      for (const span of batch) {
        received.push(span);
        const set = partitionsOfTrace.get(span.traceId) ?? new Set<number>();
        set.add(partition);
        partitionsOfTrace.set(span.traceId, set);
      }
    });
    await runner.start();
    await waitFor(() => received.length >= spans.length, 60_000);
    await runner.stop(5000);

    const ids = (list: Span[]) => list.map((s) => `${s.traceId}/${s.spanId}`).sort();
    expect(ids(received)).toEqual(ids(spans));
    expect([...partitionsOfTrace.values()].every((set) => set.size === 1)).toBe(true);
    expect(new Set([...partitionsOfTrace.values()].map((s) => [...s][0])).size).toBeGreaterThan(1);
  });

  it('refuses a record over the topic limit with a permanent error naming the limit', async () => {
    const topic = await newTopic('skein_toolarge', 1, { 'max.message.bytes': '4096' });
    const writer = newWriter(topic, 2_000_000);
    const [span] = makeSpans(1, 1);
    span!.tags.push({ key: 'payload', type: 'string', value: 'y'.repeat(20_000) });
    const failure = await writer.writeSpans([span!]).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(MessageTooLargeError);
    expect((failure as KafkaError).kind).toBe('permanent');
    expect((failure as Error).message).toContain(span!.spanId);
    expect((failure as Error).message).toContain('2000000-byte limit');
    // The writer is still usable afterwards.
    await writer.writeSpans(makeSpans(1, 1));
    await writer.close();
  });
});

describe('ConsumerGroupRunner commit semantics', () => {
  it('commits only handled batches; after an abandoned stop a new runner resumes at the last committed offset', async () => {
    const topic = await newTopic('skein_commit', 1);
    const groupId = uniqueName('group');
    const writer = newWriter(topic);
    await writer.writeSpans(makeSpans(1, 10));
    await writer.close();

    const firstRun: bigint[] = [];
    let failures = 0;
    const runner1 = newRunner(topic, groupId, async (_p, _s, records) => {
      if (records[0]!.offset >= 5n) {
        failures++;
        throw new Error('storage down');
      }
      firstRun.push(...records.map((r) => r.offset));
    });
    await runner1.start();
    await waitFor(() => failures >= 2, 60_000);
    const during = await admin.describeLag(groupId, topic);
    expect(during[0]!.committedOffset).toBe(5n);
    await runner1.stop(200);
    expect(firstRun).toEqual([0n, 1n, 2n, 3n, 4n]);

    const secondRun: bigint[] = [];
    const runner2 = newRunner(topic, groupId, async (_p, _s, records) => void secondRun.push(...records.map((r) => r.offset)));
    await runner2.start();
    await waitFor(() => secondRun.length >= 5, 60_000);
    await waitFor(() => runner2.assignedPartitions.length === 1);
    await runner2.stop(5000);
    expect(secondRun).toEqual([5n, 6n, 7n, 8n, 9n]);
    const after = await admin.describeLag(groupId, topic);
    expect(after).toEqual([{ partition: 0, endOffset: 10n, committedOffset: 10n, lag: 0n }]);
  });

  it('sends poison records and tombstones to the dead-letter topic with reason headers, later records still flow', async () => {
    const topic = await newTopic('skein_poison', 1);
    const dlqTopic = `${topic}-dlq`;
    await admin.ensureTopic({ topic: dlqTopic, partitions: 1, replicationFactor: 1 });
    const good = makeSpans(2, 1);
    const raw = platformaticClients.producer({ ...connection(), compression: 'none' });
    const encoded = kafkaProtobuf.encode(good).map((m) => Buffer.from(m.value));
    await raw.send([
      { topic, key: Buffer.from('poison'), value: Buffer.from([0xff, 0xff, 0xff, 0xff]), headers: new Map([['origin', Buffer.from('test')]]) },
      { topic, key: Buffer.from('tomb'), value: null },
      { topic, key: Buffer.from(good[0]!.traceId), value: encoded[0]! },
      { topic, key: Buffer.from(good[1]!.traceId), value: encoded[1]! },
    ]);
    await raw.close();

    const handled: string[] = [];
    const groupId = uniqueName('group');
    const runner = newRunner(topic, groupId, async (_p, spans) => void handled.push(...spans.map((s) => s.spanId)), dlqTopic);
    await runner.start();
    await waitFor(() => handled.length >= 2, 60_000);
    await runner.stop(5000);
    expect(handled.sort()).toEqual(good.map((s) => s.spanId).sort());

    const letters = await readAll(dlqTopic, 2);
    const byKey = new Map(letters.map((l) => [l.key?.toString(), l]));
    const poison = byKey.get('poison')!;
    expect(poison.value).toEqual(Buffer.from([0xff, 0xff, 0xff, 0xff]));
    expect(poison.headers.get('origin')?.toString()).toBe('test');
    expect(poison.headers.get(DLQ_HEADERS.reason)?.toString()).toBe('undecodable');
    expect(poison.headers.get(DLQ_HEADERS.topic)?.toString()).toBe(topic);
    expect(poison.headers.get(DLQ_HEADERS.partition)?.toString()).toBe('0');
    expect(poison.headers.get(DLQ_HEADERS.offset)?.toString()).toBe('0');
    const tomb = byKey.get('tomb')!;
    expect(tomb.value).toBeNull();
    expect(tomb.headers.get(DLQ_HEADERS.reason)?.toString()).toBe('tombstone');
    expect(tomb.headers.get(DLQ_HEADERS.offset)?.toString()).toBe('1');
    const lag = await admin.describeLag(groupId, topic);
    expect(lag[0]!.committedOffset).toBe(4n);
  });

  it('retries a retryable handler failure without committing, then commits', async () => {
    const topic = await newTopic('skein_retry', 1);
    const groupId = uniqueName('group');
    const writer = newWriter(topic);
    await writer.writeSpans(makeSpans(1, 3));
    await writer.close();

    let attempts = 0;
    let allow = false;
    const runner = newRunner(topic, groupId, async () => {
      attempts++;
      if (!allow) throw new Error('elasticsearch 429');
    });
    await runner.start();
    await waitFor(() => attempts >= 3, 60_000);
    const before = await admin.describeLag(groupId, topic);
    expect(before[0]!.committedOffset).toBeUndefined();
    allow = true;
    await waitFor(() => attempts >= 4, 10_000);
    await runner.stop(5000);
    const after = await admin.describeLag(groupId, topic);
    expect(after[0]!.committedOffset).toBe(3n);
  });
});

describe('ConsumerGroupRunner over a backlog', () => {
  it('drains every partition of a backlog side by side, not one partition after the other', async () => {
    const PARTITIONS = 4;
    const PER_PARTITION = 6_000;
    const topic = await newTopic('fair', PARTITIONS);
    // 4 × 6,000 records of ~1.2 KiB: about 7 MiB a partition, several per-partition fetch shares (1 MiB by default).
    const producer = platformaticClients.producer({ ...connection(), compression: 'none' });
    const span = { ...makeSpans(1, 1)[0]!, tags: [{ key: 'payload', type: 'string' as const, value: 'x'.repeat(1100) }] };
    const value = Buffer.from(kafkaProtobuf.encode([span])[0]!.value);
    // Keys spread the records over the partitions (murmur2 of the key), about evenly.
    for (let sent = 0; sent < PARTITIONS * PER_PARTITION; sent += 1000) {
      await producer.send(Array.from({ length: 1000 }, (_, i) => ({ topic, key: Buffer.from(`key-${sent + i}`), value })));
    }
    await producer.close();

    const handledBy = new Array<number>(PARTITIONS).fill(0);
    const snapshots: number[][] = [];
    const config = loadConfig(kafkaConsumerOptions, { 'kafka.consumer.topic': topic, 'kafka.consumer.group-id': uniqueName('fair_group'), 'kafka.consumer.start-offset': 'earliest' }, {});
    const runner = new ConsumerGroupRunner({
      consumer: platformaticClients.consumer(consumerSettingsFrom(config, connection())),
      deadLetterProducer: platformaticClients.producer({ ...connection(), compression: 'none' }),
      deadLetterTopic: `${topic}-dlq`,
      decode: (bytes) => kafkaProtobuf.decode(bytes),
      handleBatch: async (partition, _spans, records) => {
        await new Promise((resolve) => setTimeout(resolve, 5)); // a writer that takes a moment per batch
        handledBy[partition]! += records.length;
        snapshots.push([...handledBy]);
      },
    });
    await runner.start();
    try {
      await waitFor(() => handledBy.reduce((a, b) => a + b, 0) >= PARTITIONS * PER_PARTITION, 120_000);
    } finally {
      await runner.stop();
    }
    // When a quarter of the backlog is done, every partition has had a good share of it.
    const quarter = snapshots.find((counts) => counts.reduce((a, b) => a + b, 0) >= (PARTITIONS * PER_PARTITION) / 4)!;
    expect(Math.min(...quarter)).toBeGreaterThan(Math.max(...quarter) * 0.25);
  }, 180_000);
});

describe('TopicAdmin', () => {
  it('ensureTopic is idempotent and reports the existing partition count', async () => {
    const topic = uniqueName('skein_ensure');
    topics.push(topic);
    const first = await admin.ensureTopic({ topic, partitions: 3, replicationFactor: 1 });
    const second = await admin.ensureTopic({ topic, partitions: 6, replicationFactor: 1 });
    expect(first).toEqual({ created: true, partitions: 3 });
    expect(second).toEqual({ created: false, partitions: 3 });
  });
});
