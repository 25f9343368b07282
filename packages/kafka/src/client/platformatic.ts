import * as zlib from 'node:zlib';
import type { Admin, BaseOptions, Consumer, Message, MessagesStream, Producer, ProducerOptions } from '@platformatic/kafka';
import { KafkaError } from '../errors.js';
import type {
  AdminClient,
  Compression,
  ConnectionSettings,
  ConsumedRecord,
  ConsumerClient,
  ConsumerClientListener,
  ConsumerClientSettings,
  KafkaClientFactory,
  OutgoingRecord,
  PartitionOffset,
  ProducerClient,
  ProducerClientSettings,
  TopicSpec,
} from './types.js';

type Platformatic = typeof import('@platformatic/kafka');

let library: Promise<Platformatic> | undefined;

/**
 * The client library, loaded on first use: importing it compiles its option schemas (about half a second), which
 * processes that never talk to Kafka (the all-in-one, the query service) should not pay at start-up.
 */
export function loadPlatformatic(): Promise<Platformatic> {
  return (library ??= import('@platformatic/kafka'));
}

/** zstd needs `zlib.zstdCompressSync` (Node ≥ 22.15); on Node 20 the client reports it unavailable. */
function availableCompressions(): Compression[] {
  const zstd = typeof (zlib as { zstdCompressSync?: unknown }).zstdCompressSync === 'function';
  return zstd ? ['none', 'gzip', 'snappy', 'lz4', 'zstd'] : ['none', 'gzip', 'snappy', 'lz4'];
}

function baseOptions(settings: ConnectionSettings): BaseOptions {
  const options: BaseOptions = {
    clientId: settings.clientId,
    bootstrapBrokers: settings.brokers,
    timeout: settings.requestTimeoutMs ?? 10_000,
    connectTimeout: settings.connectTimeoutMs ?? 5_000,
  };
  if (settings.tls) {
    options.tls = {
      ...(settings.tls.ca ? { ca: settings.tls.ca } : {}),
      ...(settings.tls.cert ? { cert: settings.tls.cert } : {}),
      ...(settings.tls.key ? { key: settings.tls.key } : {}),
      rejectUnauthorized: true,
      ...(settings.tls.skipHostVerify ? { checkServerIdentity: () => undefined } : {}),
    };
  }
  if (settings.sasl) {
    options.sasl = { mechanism: settings.sasl.mechanism, username: settings.sasl.username, password: settings.sasl.password };
  }
  return options;
}

/** acks=all, idempotent, Java-compatible murmur2 partitioning of the key (the trace id). */
export function platformaticProducerOptions(settings: ProducerClientSettings, kafka: Platformatic): ProducerOptions<Buffer, Buffer, Buffer, Buffer> {
  return {
    ...baseOptions(settings),
    idempotent: true,
    acks: kafka.ProduceAcks.ALL,
    compression: settings.compression,
    partitioner: lastKeyPartitioner(kafka.compatibilityPartitioner),
    retries: settings.retries ?? 3,
    retryDelay: 250,
  };
}

/**
 * Java-compatible murmur2 partitioning that hashes a key once for a run of records sharing the key object: the
 * spans of one trace arrive together and the span writer hands them one key buffer, so a request of 100 spans
 * hashes once instead of 100 times.
 */
function lastKeyPartitioner(compatibilityPartitioner: Platformatic['compatibilityPartitioner']): Platformatic['compatibilityPartitioner'] {
  let lastKey: unknown;
  let lastPartition = 0;
  return (message, key) => {
    if (key !== lastKey || key === undefined) {
      lastPartition = compatibilityPartitioner(message, key);
      lastKey = key;
    }
    return lastPartition;
  };
}

/**
 * The idempotent producer of @platformatic/kafka advances its per-partition sequence numbers only when a produce
 * response arrives. Two consequences shape this adapter:
 * - sends are serialized (one in flight), or the broker answers OUT_OF_ORDER_SEQUENCE_NUMBER;
 * - after a failed send the broker may still have written the batch, and the next batch would reuse its sequence
 *   numbers and be acknowledged as a duplicate without being written. So a failed send retires the producer and the
 *   next send starts a fresh one (new producer id, sequences from zero).
 */
class PlatformaticProducer implements ProducerClient {
  #producer: Producer | undefined;
  #tail: Promise<unknown> = Promise.resolve();
  #closed = false;

  constructor(private readonly settings: ProducerClientSettings) {}

  send(records: readonly OutgoingRecord[]): Promise<void> {
    const run = this.#tail.then(() => this.#sendNow(records));
    this.#tail = run.catch(() => undefined);
    return run;
  }

  async #sendNow(records: readonly OutgoingRecord[]): Promise<void> {
    if (this.#closed) throw new KafkaError('Kafka producer is closed', 'permanent', 'closed');
    const producer = (this.#producer ??= await this.#create());
    try {
      await producer.send({
        messages: records.map((record) => ({
          topic: record.topic,
          ...(record.key ? { key: record.key } : {}),
          ...(record.value ? { value: record.value } : {}),
          ...(record.headers ? { headers: headersToBuffers(record.headers) } : {}),
        })),
      });
    } catch (error) {
      this.#producer = undefined;
      producer.close(true, () => undefined);
      throw error;
    }
  }

  async #create(): Promise<Producer> {
    const kafka = await loadPlatformatic();
    return new kafka.Producer(platformaticProducerOptions(this.settings, kafka));
  }

  async close(): Promise<void> {
    this.#closed = true;
    await this.#tail;
    await this.#producer?.close();
    this.#producer = undefined;
  }
}

function headersToBuffers(headers: ReadonlyMap<string, Buffer>): Map<Buffer, Buffer> {
  const out = new Map<Buffer, Buffer>();
  for (const [name, value] of headers) out.set(Buffer.from(name), value);
  return out;
}

function toConsumedRecord(message: Message<Buffer, Buffer, Buffer, Buffer>): ConsumedRecord {
  const headers = new Map<string, Buffer>();
  for (const [name, value] of message.headers) headers.set(name.toString('utf8'), value);
  return {
    topic: message.topic,
    partition: message.partition,
    offset: message.offset,
    key: message.key && message.key.length > 0 ? message.key : null,
    value: message.value ?? null,
    headers,
    timestamp: message.timestamp,
  };
}

class PlatformaticConsumer implements ConsumerClient {
  #consumer: Consumer | undefined;
  #stream: MessagesStream<Buffer, Buffer, Buffer, Buffer> | undefined;
  #listener: ConsumerClientListener | undefined;
  #closing = false;

  constructor(private readonly settings: ConsumerClientSettings) {}

  async start(listener: ConsumerClientListener): Promise<void> {
    const { settings } = this;
    const kafka = await loadPlatformatic();
    const consumer = new kafka.Consumer({
      ...baseOptions(settings),
      groupId: settings.groupId,
      sessionTimeout: settings.sessionTimeoutMs,
      heartbeatInterval: settings.heartbeatIntervalMs,
      rebalanceTimeout: settings.rebalanceTimeoutMs,
      maxWaitTime: settings.maxWaitMs,
      maxBytes: settings.maxFetchBytes,
      maxBytesPerPartition: settings.maxFetchBytesPerPartition ?? settings.maxFetchBytes,
      highWaterMark: settings.clientBufferRecords,
      autocommit: false,
    });
    this.#consumer = consumer;
    this.#listener = listener;
    // Registered before consume() so that the first join is seen too.
    consumer.on('consumer:group:join', () => this.#reportAssignment());
    consumer.on('consumer:heartbeat:error', () => {
      // The client rejoins by itself; the join event above reports the new assignment.
    });
    const stream = await consumer.consume({
      topics: [this.settings.topic],
      mode: 'committed',
      fallbackMode: this.settings.startOffset,
      autocommit: false,
    });
    this.#stream = stream;
    this.#reportAssignment();
    stream.on('data', (message: Message<Buffer, Buffer, Buffer, Buffer>) => listener.record(toConsumedRecord(message)));
    stream.on('error', (error: Error) => {
      if (!this.#closing) listener.fatal(error);
    });
  }

  #reportAssignment(): void {
    const assignment = this.#consumer?.assignments?.find((a) => a.topic === this.settings.topic);
    this.#listener?.assigned(assignment ? [...assignment.partitions] : []);
  }

  pauseFetching(): void {
    this.#stream?.pause();
  }

  resumeFetching(): void {
    this.#stream?.resume();
  }

  async commit(offsets: readonly PartitionOffset[]): Promise<void> {
    if (offsets.length === 0) return;
    if (!this.#consumer) throw new KafkaError('the Kafka consumer has not started', 'permanent', 'closed');
    await this.#consumer.commit({
      offsets: offsets.map(({ partition, offset }) => ({ topic: this.settings.topic, partition, offset, leaderEpoch: -1 })),
    });
  }

  rewind(partition: number, offset: bigint): void {
    // `offsetsToFetch` is the stream's fetch position per `topic:partition`; a rejoin only overwrites it for
    // partitions that have a committed offset, so setting it here keeps abandoned records from being skipped.
    this.#stream?.offsetsToFetch.set(`${this.settings.topic}:${partition}`, offset);
  }

  async close(): Promise<void> {
    this.#closing = true;
    await this.#stream?.close();
    await this.#consumer?.close(true);
  }
}

class PlatformaticAdmin implements AdminClient {
  #admin: Promise<Admin> | undefined;

  constructor(private readonly settings: ConnectionSettings) {}

  #client(): Promise<Admin> {
    return (this.#admin ??= loadPlatformatic().then((kafka) => new kafka.Admin(baseOptions(this.settings))));
  }

  async createTopic(spec: TopicSpec): Promise<boolean> {
    try {
      await (await this.#client()).createTopics({
        topics: [spec.topic],
        partitions: spec.partitions,
        replicas: spec.replicationFactor,
        configs: Object.entries(spec.configs ?? {}).map(([name, value]) => ({ name, value })),
      });
      return true;
    } catch (error) {
      if (hasApiError(error, 'TOPIC_ALREADY_EXISTS')) return false;
      throw error;
    }
  }

  async deleteTopics(topics: readonly string[]): Promise<void> {
    if (topics.length > 0) await (await this.#client()).deleteTopics({ topics: [...topics] });
  }

  async partitionCount(topic: string): Promise<number | undefined> {
    // Asking metadata for a missing topic fails with a generic error; listing first tells "missing" from "failed".
    const existing = await (await this.#client()).listTopics();
    if (!existing.includes(topic)) return undefined;
    const metadata = await (await this.#client()).metadata({ topics: [topic], autocreateTopics: false, forceUpdate: true });
    return metadata.topics.get(topic)?.partitionsCount;
  }

  async endOffsets(topic: string): Promise<Map<number, bigint>> {
    const count = await this.partitionCount(topic);
    if (count === undefined) throw new KafkaError(`topic ${topic} does not exist`, 'permanent', 'invalid-topic');
    const partitions = Array.from({ length: count }, (_, partitionIndex) => ({ partitionIndex, timestamp: -1n }));
    const listed = await (await this.#client()).listOffsets({ topics: [{ name: topic, partitions }] });
    const result = new Map<number, bigint>();
    for (const t of listed) for (const p of t.partitions) result.set(p.partitionIndex, p.offset);
    return result;
  }

  async committedOffsets(groupId: string, topic: string): Promise<Map<number, bigint>> {
    const groups = await (await this.#client()).listConsumerGroupOffsets({ groups: [groupId] });
    const result = new Map<number, bigint>();
    for (const group of groups) {
      for (const t of group.topics) {
        if (t.name !== topic) continue;
        for (const p of t.partitions) if (p.committedOffset >= 0n) result.set(p.partitionIndex, p.committedOffset);
      }
    }
    return result;
  }

  async close(): Promise<void> {
    const admin = this.#admin;
    this.#admin = undefined;
    if (admin) await (await admin).close();
  }
}

function hasApiError(error: unknown, apiId: string, depth = 0): boolean {
  if (depth > 5 || typeof error !== 'object' || error === null) return false;
  const e = error as { apiId?: unknown; errors?: unknown; cause?: unknown };
  if (e.apiId === apiId) return true;
  if (Array.isArray(e.errors) && e.errors.some((inner) => hasApiError(inner, apiId, depth + 1))) return true;
  return hasApiError(e.cause, apiId, depth + 1);
}

export const platformaticClients: KafkaClientFactory = {
  name: '@platformatic/kafka',
  producer: (settings) => new PlatformaticProducer(settings),
  consumer: (settings) => new PlatformaticConsumer(settings),
  admin: (settings) => new PlatformaticAdmin(settings),
  compressions: availableCompressions(),
};
