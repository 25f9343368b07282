import { option, parseBoolean, parseDurationMs, parseEnum, parseInteger, parseList, type Option } from '@skein/runtime';
import type { Compression, ConnectionSettings, SaslSettings, TlsSettings } from './client/types.js';

/**
 * Kafka options under Jaeger's names (`kafka.producer.*`, `kafka.consumer.*`, env `KAFKA_PRODUCER_BROKERS`, …).
 * Plain data: the collector and the ingester merge them into their option tables and pass the loaded values to
 * {@link producerSettingsFrom} / {@link consumerSettingsFrom}.
 */

/** Encodings accepted in config: Jaeger's two plus Skein's batch encoding (see @skein/codecs). */
export const KAFKA_ENCODINGS = ['protobuf', 'json', 'skein-batch'] as const;
export type KafkaEncodingName = (typeof KAFKA_ENCODINGS)[number];

/** Compressions the chosen client (@platformatic/kafka) implements on Node 20; zstd needs Node ≥ 22.15. */
export const KAFKA_COMPRESSIONS = ['none', 'gzip', 'snappy', 'lz4', 'zstd'] as const satisfies readonly Compression[];

/** An option whose value is one of a fixed list (keeps the literal type, which `option()` would widen). */
function enumOption<const T extends string>(spec: { flag: string; description: string; values: readonly T[]; defaultValue: T }): Option<T> {
  return option<T>({ flag: spec.flag, description: spec.description, parse: parseEnum(spec.values), defaultValue: spec.defaultValue });
}

function authOptions(prefix: string) {
  return {
    authentication: enumOption({
      flag: `${prefix}.authentication`,
      description: 'Authentication with the brokers: none, plaintext (SASL PLAIN/SCRAM) or tls (client certificate)',
      values: ['none', 'plaintext', 'tls'] as const,
      defaultValue: 'none',
    }),
    tlsEnabled: option({
      flag: `${prefix}.tls.enabled`,
      description: 'Connect to the brokers over TLS (implied by authentication=tls)',
      parse: parseBoolean,
      defaultValue: false,
    }),
    tlsCa: option({ flag: `${prefix}.tls.ca`, description: 'Path to a PEM CA bundle for the brokers', parse: String, defaultValue: '' }),
    tlsCert: option({ flag: `${prefix}.tls.cert`, description: 'Path to the PEM client certificate', parse: String, defaultValue: '' }),
    tlsKey: option({ flag: `${prefix}.tls.key`, description: 'Path to the PEM client key', parse: String, defaultValue: '' }),
    tlsSkipHostVerify: option({
      flag: `${prefix}.tls.skip-host-verify`,
      description: "Do not check the broker certificate's host name (insecure)",
      parse: parseBoolean,
      defaultValue: false,
    }),
    plaintextUsername: option({ flag: `${prefix}.plaintext.username`, description: 'SASL user name', parse: String, defaultValue: '' }),
    plaintextPassword: option({ flag: `${prefix}.plaintext.password`, description: 'SASL password', parse: String, defaultValue: '' }),
    plaintextMechanism: enumOption({
      flag: `${prefix}.plaintext.mechanism`,
      description: 'SASL mechanism: PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512',
      values: ['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512'] as const,
      defaultValue: 'PLAIN',
    }),
  };
}

export const kafkaProducerOptions = {
  brokers: option({
    flag: 'kafka.producer.brokers',
    description: "Comma-separated Kafka brokers, e.g. '127.0.0.1:9092,10.0.0.2:9092'",
    parse: parseBrokers,
    defaultValue: ['127.0.0.1:9092'],
    valueName: '<host:port,…>',
  }),
  topic: option({ flag: 'kafka.producer.topic', description: 'Topic the spans are written to', parse: parseTopic, defaultValue: 'jaeger-spans' }),
  encoding: enumOption({
    flag: 'kafka.producer.encoding',
    description: `Record encoding: ${KAFKA_ENCODINGS.join(', ')} (protobuf and json are Jaeger's, one span per record)`,
    values: KAFKA_ENCODINGS,
    defaultValue: 'protobuf',
  }),
  requiredAcks: option({
    flag: 'kafka.producer.required-acks',
    description: "Broker acknowledgement: only 'all' (every in-sync replica) is accepted, so an accepted span is never lost",
    parse: parseRequiredAcks,
    defaultValue: 'all',
  }),
  compression: enumOption({
    flag: 'kafka.producer.compression',
    description: `Record batch compression: ${KAFKA_COMPRESSIONS.join(', ')} (zstd needs Node ≥ 22.15)`,
    values: KAFKA_COMPRESSIONS,
    defaultValue: 'none',
  }),
  compressionLevel: option({
    flag: 'kafka.producer.compression-level',
    description: "Compression level; accepted for Jaeger compatibility, only 0 (the codec's default) is supported",
    parse: parseCompressionLevel,
    defaultValue: 0,
  }),
  batchLinger: option({
    flag: 'kafka.producer.batch-linger',
    description: 'How long to gather records before a produce request (0 = send as soon as the previous request is acknowledged)',
    parse: parseDurationMs,
    defaultValue: 0,
    valueName: '<duration>',
  }),
  batchSize: option({
    flag: 'kafka.producer.batch-size',
    description: 'Upper bound in bytes of one produce request (0 = 1 MiB)',
    parse: parseInteger(0, 256 * 1024 * 1024),
    defaultValue: 0,
  }),
  batchMaxMessages: option({
    flag: 'kafka.producer.batch-max-messages',
    description: 'Upper bound in records of one produce request (0 = 10000)',
    parse: parseInteger(0, 1_000_000),
    defaultValue: 0,
  }),
  maxMessageBytes: option({
    flag: 'kafka.producer.max-message-bytes',
    description: "Largest record accepted; larger spans are refused with an error naming the span (match the topic's max.message.bytes)",
    parse: parseInteger(1024, 1024 * 1024 * 1024),
    defaultValue: 1_000_000,
  }),
  createTopic: option({
    flag: 'kafka.producer.create-topic',
    description: 'Create the topic at start when it is missing (off: a missing topic makes /readyz fail, naming it)',
    parse: parseBoolean,
    defaultValue: false,
  }),
  topicPartitions: option({
    flag: 'kafka.producer.topic-partitions',
    description: 'Partitions of a topic created by --kafka.producer.create-topic (the most ingesters that share the work)',
    parse: parseInteger(1, 10_000),
    defaultValue: 6,
  }),
  topicReplicationFactor: option({
    flag: 'kafka.producer.topic-replication-factor',
    description: 'Replication factor of a topic created by --kafka.producer.create-topic (at most the number of brokers)',
    parse: parseInteger(1, 32),
    defaultValue: 1,
  }),
  ...authOptions('kafka.producer'),
} satisfies Record<string, Option<unknown>>;

export const kafkaConsumerOptions = {
  brokers: option({
    flag: 'kafka.consumer.brokers',
    description: "Comma-separated Kafka brokers, e.g. '127.0.0.1:9092,10.0.0.2:9092'",
    parse: parseBrokers,
    defaultValue: ['127.0.0.1:9092'],
    valueName: '<host:port,…>',
  }),
  topic: option({ flag: 'kafka.consumer.topic', description: 'Topic the spans are read from', parse: parseTopic, defaultValue: 'jaeger-spans' }),
  groupId: option({ flag: 'kafka.consumer.group-id', description: 'Consumer group', parse: parseTopic, defaultValue: 'jaeger-ingester' }),
  clientId: option({ flag: 'kafka.consumer.client-id', description: 'Client id sent to the brokers', parse: String, defaultValue: 'jaeger-ingester' }),
  encoding: enumOption({
    flag: 'kafka.consumer.encoding',
    description: `Record encoding: auto (detected per record), ${KAFKA_ENCODINGS.join(', ')}`,
    values: ['auto', ...KAFKA_ENCODINGS] as const,
    defaultValue: 'auto',
  }),
  startOffset: enumOption({
    flag: 'kafka.consumer.start-offset',
    description: 'Where a group with no committed offset starts: earliest or latest',
    values: ['earliest', 'latest'] as const,
    defaultValue: 'earliest',
  }),
  deadLetterTopic: option({
    flag: 'kafka.consumer.dead-letter-topic',
    description: 'Topic for records that cannot be ingested (undecodable, tombstones, refused)',
    parse: parseTopic,
    defaultValue: 'jaeger-spans-dlq',
  }),
  fetchMaxMessageBytes: option({
    flag: 'kafka.consumer.fetch-max-message-bytes',
    description: "Bytes fetched from one partition per fetch request at most, as in Jaeger (sarama's Fetch.Default); every assigned partition gets its share of each fetch",
    parse: parseInteger(1024, 1024 * 1024 * 1024),
    defaultValue: 1024 * 1024,
  }),
  batchMaxMessages: option({
    flag: 'kafka.consumer.batch-max-messages',
    description: 'Records per partition handed to the writer at most at once',
    parse: parseInteger(1, 100_000),
    defaultValue: 1000,
  }),
  batchMaxWait: option({
    flag: 'kafka.consumer.batch-max-wait',
    description: 'How long a partition batch waits to fill before it is written anyway',
    parse: parseDurationMs,
    defaultValue: 200,
    valueName: '<duration>',
  }),
  parallelism: option({
    flag: 'kafka.consumer.parallelism',
    description: 'Partitions whose batches are written at the same time',
    parse: parseInteger(1, 1000),
    defaultValue: 8,
  }),
  sessionTimeout: option({
    flag: 'kafka.consumer.session-timeout',
    description: 'How long the group waits for a silent member (a crashed ingester) before its partitions go to the others',
    parse: parseDurationMs,
    defaultValue: 10_000,
    valueName: '<duration>',
  }),
  heartbeatInterval: option({
    flag: 'kafka.consumer.heartbeat-interval',
    description: 'How often a member tells the group it is alive; well under the session timeout (a third or less)',
    parse: parseDurationMs,
    defaultValue: 1_000,
    valueName: '<duration>',
  }),
  ...authOptions('kafka.consumer'),
} satisfies Record<string, Option<unknown>>;

export function parseBrokers(raw: string): string[] {
  const brokers = parseList(raw);
  if (brokers.length === 0) throw new Error(`"${raw}" names no broker (e.g. "127.0.0.1:9092")`);
  for (const broker of brokers) {
    if (!/^(\[[^\]]+\]|[^:\s]+):\d{1,5}$/.test(broker)) throw new Error(`"${broker}" is not host:port (e.g. "127.0.0.1:9092")`);
  }
  return brokers;
}

/** Kafka's own rule for topic and group names used here: 1–249 of [a-zA-Z0-9._-]. */
export function parseTopic(raw: string): string {
  const value = raw.trim();
  if (!/^[a-zA-Z0-9._-]{1,249}$/.test(value)) throw new Error(`"${raw}" is not a valid name (1–249 of letters, digits, '.', '_', '-')`);
  return value;
}

/** Only `all` keeps the no-loss contract; Jaeger's `noack`/`local` are named so the refusal is explicit. */
export function parseRequiredAcks(raw: string): 'all' {
  const value = raw.trim().toLowerCase();
  if (value === 'all' || value === '-1') return 'all';
  if (value === 'noack' || value === 'local' || value === '0' || value === '1') {
    throw new Error(`"${raw}" is not supported: Skein writes with acks=all so that an accepted span is never lost`);
  }
  throw new Error(`"${raw}" is not one of all (noack and local are refused)`);
}

export function parseCompressionLevel(raw: string): number {
  const value = Number(raw.trim());
  if (value !== 0) throw new Error(`"${raw}" is not supported: the Kafka client compresses at its codec's default level; use 0`);
  return 0;
}

type AuthValues = {
  authentication: 'none' | 'plaintext' | 'tls';
  tlsEnabled: boolean;
  tlsCa: string;
  tlsCert: string;
  tlsKey: string;
  tlsSkipHostVerify: boolean;
  plaintextUsername: string;
  plaintextPassword: string;
  plaintextMechanism: SaslSettings['mechanism'];
};

/** Turns the auth option values into connection settings; `readText` reads PEM files (injected for tests). */
export function connectionSettingsFrom(
  values: AuthValues & { brokers: string[] },
  clientId: string,
  readText: (path: string) => string,
): ConnectionSettings {
  const settings: ConnectionSettings = { brokers: values.brokers, clientId };
  if (values.tlsEnabled || values.authentication === 'tls') {
    const tls: TlsSettings = { skipHostVerify: values.tlsSkipHostVerify };
    if (values.tlsCa) tls.ca = readText(values.tlsCa);
    if (values.tlsCert) tls.cert = readText(values.tlsCert);
    if (values.tlsKey) tls.key = readText(values.tlsKey);
    settings.tls = tls;
  }
  if (values.authentication === 'plaintext') {
    if (!values.plaintextUsername) throw new Error('authentication=plaintext needs a user name (plaintext.username)');
    settings.sasl = { mechanism: values.plaintextMechanism, username: values.plaintextUsername, password: values.plaintextPassword };
  }
  return settings;
}
