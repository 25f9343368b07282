/**
 * kafkajs vs @platformatic/kafka on this machine: produce N ~600-byte records keyed by trace id to a 6-partition
 * topic (acks=all, idempotent), then read them back in a consumer group. Prints one JSON line per client and phase,
 * then the ratios. Run: `KAFKA_BROKERS=127.0.0.1:9092 npx tsx packages/kafka/src/client-comparison.bench.ts`.
 */
import { randomBytes } from 'node:crypto';
import { Admin, Consumer, Producer, ProduceAcks, compatibilityPartitioner } from '@platformatic/kafka';
import kafkajs from 'kafkajs';

const BROKERS = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
const N = Number(process.env.BENCH_MESSAGES ?? 200_000);
const PARTITIONS = 6;
// One send in flight per producer: @platformatic/kafka advances idempotent sequence numbers only when a produce
// response arrives, so concurrent sends get OUT_OF_ORDER_SEQUENCE_NUMBER; kafkajs is given the same shape.
const SEND_CHUNK = Number(process.env.BENCH_CHUNK ?? 5000);

interface Record_ {
  key: Buffer;
  value: Buffer;
}

/** ~600-byte values (560–640); five spans per trace share a key, like a real batch of spans. */
function makeRecords(count: number): Record_[] {
  const records: Record_[] = [];
  let key = Buffer.alloc(0);
  for (let i = 0; i < count; i++) {
    if (i % 5 === 0) key = Buffer.from(randomBytes(16).toString('hex'));
    records.push({ key, value: randomBytes(560 + (i % 81)) });
  }
  return records;
}

interface Measured {
  seconds: number;
  cpuSeconds: number;
}

async function measure(run: () => Promise<void>): Promise<Measured> {
  const cpuBefore = process.cpuUsage();
  const start = process.hrtime.bigint();
  await run();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const cpu = process.cpuUsage(cpuBefore);
  return { seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6 };
}

async function sendChunked(records: Record_[], send: (chunk: Record_[]) => Promise<unknown>): Promise<void> {
  for (let next = 0; next < records.length; next += SEND_CHUNK) {
    await send(records.slice(next, next + SEND_CHUNK));
  }
}

interface ClientRun {
  produce: Measured;
  consume: Measured;
  /** Seconds from the first consumed message to the last: the drain rate without the group join. */
  drainSeconds: number;
}

/** Counts consumed messages; resolves at `total` and remembers when the first one arrived. */
class ConsumeCounter {
  seen = 0;
  firstAt = 0n;
  lastAt = 0n;
  readonly done: Promise<void>;
  #resolve!: () => void;
  constructor(readonly total: number) {
    this.done = new Promise((resolve) => (this.#resolve = resolve));
  }
  add(count: number): void {
    if (this.seen === 0) this.firstAt = process.hrtime.bigint();
    this.seen += count;
    if (this.seen >= this.total && this.lastAt === 0n) {
      this.lastAt = process.hrtime.bigint();
      this.#resolve();
    }
  }
  get drainSeconds(): number {
    return Number(this.lastAt - this.firstAt) / 1e9;
  }
}

async function runPlatformatic(records: Record_[], topic: string): Promise<ClientRun> {
  const admin = new Admin({ clientId: 'bench-admin', bootstrapBrokers: BROKERS });
  await admin.createTopics({ topics: [topic], partitions: PARTITIONS, replicas: 1 });
  const producer = new Producer({
    clientId: 'bench-platformatic',
    bootstrapBrokers: BROKERS,
    idempotent: true,
    acks: ProduceAcks.ALL,
    partitioner: compatibilityPartitioner,
  });
  const produce = await measure(() =>
    sendChunked(records, (chunk) => producer.send({ messages: chunk.map((r) => ({ topic, key: r.key, value: r.value })) })),
  );
  await producer.close();

  const consumer = new Consumer({ clientId: 'bench-platformatic', groupId: `${topic}-group`, bootstrapBrokers: BROKERS });
  const counter = new ConsumeCounter(records.length);
  const consume = await measure(async () => {
    const stream = await consumer.consume({ topics: [topic], mode: 'earliest', autocommit: 1000, maxWaitTime: 500 });
    await new Promise<void>((resolve, reject) => {
      stream.on('error', reject);
      stream.on('data', () => counter.add(1));
      counter.done.then(resolve, reject);
    });
    await stream.close();
  });
  await consumer.close();
  await admin.deleteTopics({ topics: [topic] });
  await admin.close();
  return { produce, consume, drainSeconds: counter.drainSeconds };
}

async function runKafkajs(records: Record_[], topic: string): Promise<ClientRun> {
  const kafka = new kafkajs.Kafka({ clientId: 'bench-kafkajs', brokers: BROKERS, logLevel: kafkajs.logLevel.ERROR });
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: PARTITIONS, replicationFactor: 1 }], waitForLeaders: true });
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  const produce = await measure(() =>
    sendChunked(records, (chunk) => producer.send({ topic, acks: -1, messages: chunk.map((r) => ({ key: r.key, value: r.value })) })),
  );
  await producer.disconnect();

  const consumer = kafka.consumer({ groupId: `${topic}-group`, maxWaitTimeInMs: 500 });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  const counter = new ConsumeCounter(records.length);
  const consume = await measure(async () => {
    await consumer.run({ eachBatch: async ({ batch }) => counter.add(batch.messages.length) });
    await counter.done;
  });
  await consumer.disconnect();
  await admin.deleteTopics({ topics: [topic] });
  await admin.disconnect();
  return { produce, consume, drainSeconds: counter.drainSeconds };
}

function report(
  client: string,
  run: ClientRun,
  count: number,
): { produceRate: number; consumeRate: number; drainRate: number; cpuPer100k: number } {
  const line = {
    bench: 'kafka-client-comparison',
    client,
    messages: count,
    produceMsgsPerSec: Math.round(count / run.produce.seconds),
    consumeMsgsPerSec: Math.round(count / run.consume.seconds),
    drainMsgsPerSecAfterJoin: Math.round(count / run.drainSeconds),
    produceCpuSecondsPer100k: +((run.produce.cpuSeconds * 100_000) / count).toFixed(3),
    consumeCpuSecondsPer100k: +((run.consume.cpuSeconds * 100_000) / count).toFixed(3),
  };
  console.log(JSON.stringify(line));
  return {
    produceRate: line.produceMsgsPerSec,
    consumeRate: line.consumeMsgsPerSec,
    drainRate: line.drainMsgsPerSecAfterJoin,
    cpuPer100k: line.produceCpuSecondsPer100k + line.consumeCpuSecondsPer100k,
  };
}

async function main(): Promise<void> {
  const records = makeRecords(N);
  const suffix = `${process.pid}_${Date.now().toString(36)}`;
  const order = process.env.BENCH_ORDER === 'kafkajs-first' ? ['kafkajs', 'platformatic'] : ['platformatic', 'kafkajs'];
  const results = new Map<string, ReturnType<typeof report>>();
  for (const client of order) {
    const topic = `bench_clients_${client}_${suffix}`;
    const run = client === 'kafkajs' ? await runKafkajs(records, topic) : await runPlatformatic(records, topic);
    results.set(client, report(client, run, N));
  }
  const p = results.get('platformatic')!;
  const k = results.get('kafkajs')!;
  console.log(
    JSON.stringify({
      bench: 'kafka-client-comparison',
      ratio: 'platformatic / kafkajs',
      produceThroughput: +(p.produceRate / k.produceRate).toFixed(2),
      consumeThroughput: +(p.consumeRate / k.consumeRate).toFixed(2),
      drainThroughput: +(p.drainRate / k.drainRate).toFixed(2),
      cpuPer100k: +(p.cpuPer100k / k.cpuPer100k).toFixed(2),
    }),
  );
}

await main();
