/**
 * Overhead of Skein's Kafka layer over the raw client, in the same run:
 * - produce: spans/s through KafkaSpanWriter (encode + produce, acks=all) vs the raw producer sending the same
 *   records pre-encoded;
 * - consume: spans/s through ConsumerGroupRunner (decode, batch, commit) with a no-op handler vs the raw consumer
 *   counting records.
 * Prints JSON lines. `npm run bench -w @skein/kafka` (KAFKA_BROKERS defaults to 127.0.0.1:9092).
 */
import { kafkaProtobuf } from '@skein/codecs';
import { platformaticClients } from './client/platformatic.js';
import type { ConnectionSettings, OutgoingRecord } from './client/types.js';
import { ConsumerGroupRunner } from './runner/consumer-runner.js';
import { KafkaSpanWriter } from './span-writer.js';
import { makeSpans } from './testing/spans.js';
import { TopicAdmin } from './topic-admin.js';

const SPANS = Number(process.env.BENCH_SPANS ?? 100_000);
const CALL_SIZE = 100; // spans per writeSpans call, like one receiver request
const CONCURRENT_CALLS = 50;
const connection: ConnectionSettings = { brokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','), clientId: 'skein-bench' };
const suffix = `${process.pid}_${Date.now().toString(36)}`;

interface Result {
  seconds: number;
  cpuSeconds: number;
}

async function measure(run: () => Promise<void>): Promise<Result> {
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  await run();
  const used = process.cpuUsage(cpu);
  return { seconds: Number(process.hrtime.bigint() - start) / 1e9, cpuSeconds: (used.user + used.system) / 1e6 };
}

function line(phase: string, variant: string, result: Result): number {
  const spansPerSec = Math.round(SPANS / result.seconds);
  console.log(JSON.stringify({ bench: 'kafka', phase, variant, spans: SPANS, spansPerSec, cpuSecondsPer100k: +((result.cpuSeconds * 1e5) / SPANS).toFixed(3) }));
  return spansPerSec;
}

async function produceWithWriter(topic: string, spans: ReturnType<typeof makeSpans>): Promise<Result> {
  const writer = new KafkaSpanWriter({
    producer: platformaticClients.producer({ ...connection, compression: 'none' }),
    topic,
    encoding: kafkaProtobuf,
    maxMessageBytes: 1_000_000,
  });
  const result = await measure(async () => {
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < spans.length) {
        const call = spans.slice(next, next + CALL_SIZE);
        next += CALL_SIZE;
        await writer.writeSpans(call);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENT_CALLS }, worker));
  });
  await writer.close();
  return result;
}

async function produceRaw(topic: string, records: OutgoingRecord[]): Promise<Result> {
  const producer = platformaticClients.producer({ ...connection, compression: 'none' });
  const result = await measure(async () => {
    for (let i = 0; i < records.length; i += 5000) await producer.send(records.slice(i, i + 5000));
  });
  await producer.close();
  return result;
}

async function consumeWithRunner(topic: string): Promise<Result> {
  let spans = 0;
  let done!: () => void;
  const finished = new Promise<void>((resolve) => (done = resolve));
  const runner = new ConsumerGroupRunner({
    consumer: platformaticClients.consumer({
      ...connection,
      groupId: `${topic}-runner`,
      topic,
      startOffset: 'earliest',
      sessionTimeoutMs: 10_000,
      heartbeatIntervalMs: 1000,
      rebalanceTimeoutMs: 10_000,
      maxWaitMs: 200,
      maxFetchBytes: 10 * 1024 * 1024,
      clientBufferRecords: 1024,
    }),
    deadLetterProducer: platformaticClients.producer({ ...connection, compression: 'none' }),
    deadLetterTopic: `${topic}-dlq`,
    decode: (value) => kafkaProtobuf.decode(value),
    handleBatch: async (_partition, batch) => {
      spans += batch.length;
      if (spans >= SPANS) done();
    },
  });
  const result = await measure(async () => {
    await runner.start();
    await finished;
  });
  await runner.stop(5000);
  return result;
}

async function consumeRaw(topic: string): Promise<Result> {
  let records = 0;
  let done!: () => void;
  const finished = new Promise<void>((resolve) => (done = resolve));
  const consumer = platformaticClients.consumer({
    ...connection,
    groupId: `${topic}-raw`,
    topic,
    startOffset: 'earliest',
    sessionTimeoutMs: 10_000,
    heartbeatIntervalMs: 1000,
    rebalanceTimeoutMs: 10_000,
    maxWaitMs: 200,
    maxFetchBytes: 10 * 1024 * 1024,
    clientBufferRecords: 1024,
  });
  const result = await measure(async () => {
    await consumer.start({
      record: () => {
        if (++records === SPANS) done();
      },
      assigned: () => undefined,
      fatal: (error) => console.error(error),
    });
    await finished;
  });
  await consumer.close();
  return result;
}

async function main(): Promise<void> {
  const admin = new TopicAdmin(platformaticClients.admin(connection));
  const writerTopic = `bench_kafka_writer_${suffix}`;
  const rawTopic = `bench_kafka_raw_${suffix}`;
  for (const topic of [writerTopic, rawTopic]) await admin.ensureTopic({ topic, partitions: 6, replicationFactor: 1 });
  const spans = makeSpans(SPANS / 5, 5);
  const records: OutgoingRecord[] = kafkaProtobuf
    .encode(spans)
    .map((m) => ({ topic: rawTopic, key: Buffer.from(m.key as string), value: Buffer.from(m.value) }));

  const rawProduce = line('produce', 'raw-client-pre-encoded', await produceRaw(rawTopic, records));
  const writerProduce = line('produce', 'KafkaSpanWriter', await produceWithWriter(writerTopic, spans));
  const rawConsume = line('consume', 'raw-client', await consumeRaw(rawTopic));
  const runnerConsume = line('consume', 'ConsumerGroupRunner', await consumeWithRunner(writerTopic));
  console.log(
    JSON.stringify({
      bench: 'kafka',
      ratio: 'skein layer / raw client (spans/s)',
      produce: +(writerProduce / rawProduce).toFixed(2),
      consume: +(runnerConsume / rawConsume).toFixed(2),
    }),
  );
  await admin.deleteTopics([writerTopic, rawTopic]);
  await admin.close();
}

await main();
