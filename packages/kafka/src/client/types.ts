/**
 * The small surface Skein needs from a Kafka client. Everything else in this package is written against these
 * interfaces, so the client library (today @platformatic/kafka, see README) can be swapped by writing one adapter.
 */

export type Compression = 'none' | 'gzip' | 'snappy' | 'lz4' | 'zstd';

export interface TlsSettings {
  /** PEM text of the CA bundle; empty = system CAs. */
  ca?: string;
  cert?: string;
  key?: string;
  /** Skip server certificate host verification (Jaeger's `tls.skip-host-verify`). */
  skipHostVerify?: boolean;
}

export interface SaslSettings {
  mechanism: 'PLAIN' | 'SCRAM-SHA-256' | 'SCRAM-SHA-512';
  username: string;
  password: string;
}

/** Where the brokers are and how to talk to them; shared by producer, consumer and admin. */
export interface ConnectionSettings {
  brokers: string[];
  clientId: string;
  tls?: TlsSettings;
  sasl?: SaslSettings;
  /** Per-request timeout. */
  requestTimeoutMs?: number;
  connectTimeoutMs?: number;
}

export interface OutgoingRecord {
  topic: string;
  key: Buffer | null;
  value: Buffer | null;
  headers?: ReadonlyMap<string, Buffer>;
}

/** A producer with acks=all and idempotence switched on by construction. `send` resolves once every record is acknowledged. */
export interface ProducerClient {
  send(records: readonly OutgoingRecord[]): Promise<void>;
  close(): Promise<void>;
}

export interface ProducerClientSettings extends ConnectionSettings {
  compression: Compression;
  /** Client-side retries of one send for retryable broker errors before the send fails. */
  retries?: number;
}

export interface ConsumedRecord {
  topic: string;
  partition: number;
  offset: bigint;
  key: Buffer | null;
  value: Buffer | null;
  headers: ReadonlyMap<string, Buffer>;
  timestamp: bigint;
}

export interface PartitionOffset {
  partition: number;
  /** The next offset to read (last handled + 1). */
  offset: bigint;
}

export interface ConsumerClientSettings extends ConnectionSettings {
  groupId: string;
  topic: string;
  /** Where a group with no committed offset for a partition starts. */
  startOffset: 'earliest' | 'latest';
  sessionTimeoutMs: number;
  heartbeatIntervalMs: number;
  rebalanceTimeoutMs: number;
  /** How long a fetch waits for data on the broker. */
  maxWaitMs: number;
  /** Upper bound of one fetch response. */
  maxFetchBytes: number;
  /**
   * Upper bound of one partition's share of a fetch response (Kafka's `max.partition.fetch.bytes`). Without it one
   * partition's backlog fills whole responses and the others wait their turn.
   */
  maxFetchBytesPerPartition?: number;
  /** Records the client itself may buffer before we read them. */
  clientBufferRecords: number;
}

export interface ConsumerClientListener {
  record(record: ConsumedRecord): void;
  /** The group (re)assigned partitions; called with the full new set after every join. */
  assigned(partitions: readonly number[]): void;
  /** A failure the consumer cannot recover from on its own (the stream has ended). */
  fatal(error: Error): void;
}

/** A consumer-group member that fetches one topic and lets the caller commit explicitly. */
export interface ConsumerClient {
  start(listener: ConsumerClientListener): Promise<void>;
  /** Stop / restart fetching (records already fetched may still arrive). */
  pauseFetching(): void;
  resumeFetching(): void;
  commit(offsets: readonly PartitionOffset[]): Promise<void>;
  /** Makes the next fetch of `partition` start at `offset` (used when abandoning fetched but unhandled records). */
  rewind(partition: number, offset: bigint): void;
  /** Stops fetching and leaves the group. */
  close(): Promise<void>;
}

export interface TopicSpec {
  topic: string;
  partitions: number;
  replicationFactor: number;
  /** Topic-level configs, e.g. `{ 'max.message.bytes': '2000000' }`. */
  configs?: Record<string, string>;
}

export interface AdminClient {
  /** Creates the topic; resolves `false` when it already existed. */
  createTopic(spec: TopicSpec): Promise<boolean>;
  deleteTopics(topics: readonly string[]): Promise<void>;
  /** Partition count of an existing topic, or undefined when the topic does not exist. */
  partitionCount(topic: string): Promise<number | undefined>;
  /** Next offset to be written (high watermark) per partition. */
  endOffsets(topic: string): Promise<Map<number, bigint>>;
  /** Committed offsets of a group for a topic; partitions without a commit are absent. */
  committedOffsets(groupId: string, topic: string): Promise<Map<number, bigint>>;
  close(): Promise<void>;
}

/** Builds clients; one implementation per client library. */
export interface KafkaClientFactory {
  readonly name: string;
  producer(settings: ProducerClientSettings): ProducerClient;
  consumer(settings: ConsumerClientSettings): ConsumerClient;
  admin(settings: ConnectionSettings): AdminClient;
  readonly compressions: readonly Compression[];
}
