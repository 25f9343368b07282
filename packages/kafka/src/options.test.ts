import { describe, expect, it } from '@jest/globals';
import { loadConfig } from '@skein/runtime';
import { connectionSettingsFrom, kafkaConsumerOptions, kafkaProducerOptions } from './options.js';
import { consumerSettingsFrom } from './factories.js';

describe('kafka producer options', () => {
  it("uses Jaeger's names and defaults", () => {
    const config = loadConfig(kafkaProducerOptions, {}, {});
    expect(kafkaProducerOptions.brokers.env).toBe('KAFKA_PRODUCER_BROKERS');
    expect(kafkaProducerOptions.requiredAcks.env).toBe('KAFKA_PRODUCER_REQUIRED_ACKS');
    expect(config).toMatchObject({ brokers: ['127.0.0.1:9092'], topic: 'jaeger-spans', encoding: 'protobuf', requiredAcks: 'all', compression: 'none', maxMessageBytes: 1_000_000 });
  });

  it('reads the environment and refuses acks other than all, naming the reason', () => {
    const env = { KAFKA_PRODUCER_BROKERS: 'a:9092, b:9093', KAFKA_PRODUCER_ENCODING: 'json', KAFKA_PRODUCER_BATCH_LINGER: '50ms' };
    expect(loadConfig(kafkaProducerOptions, {}, env)).toMatchObject({ brokers: ['a:9092', 'b:9093'], encoding: 'json', batchLinger: 50 });
    expect(() => loadConfig(kafkaProducerOptions, {}, { KAFKA_PRODUCER_REQUIRED_ACKS: 'local' })).toThrow(/acks=all/);
    expect(() => loadConfig(kafkaProducerOptions, {}, { KAFKA_PRODUCER_BROKERS: 'nohost' })).toThrow(/host:port/);
    expect(() => loadConfig(kafkaProducerOptions, {}, { KAFKA_PRODUCER_COMPRESSION: 'brotli' })).toThrow(/KAFKA_PRODUCER_COMPRESSION/);
  });
});

describe('kafka consumer options', () => {
  it("defaults to Jaeger's group and topic and a dead-letter topic", () => {
    const config = loadConfig(kafkaConsumerOptions, {}, {});
    expect(kafkaConsumerOptions.groupId.env).toBe('KAFKA_CONSUMER_GROUP_ID');
    expect(config).toMatchObject({ topic: 'jaeger-spans', groupId: 'jaeger-ingester', deadLetterTopic: 'jaeger-spans-dlq', encoding: 'auto', startOffset: 'earliest' });
  });
});

describe('connectionSettingsFrom', () => {
  const base = loadConfig(kafkaProducerOptions, {}, {});

  it('adds SASL for plaintext authentication and TLS with the PEM files read', () => {
    const settings = connectionSettingsFrom(
      { ...base, authentication: 'plaintext', plaintextUsername: 'u', plaintextPassword: 'p', plaintextMechanism: 'SCRAM-SHA-512', tlsEnabled: true, tlsCa: '/ca.pem' },
      'test',
      (path) => `pem of ${path}`,
    );
    expect(settings.sasl).toEqual({ mechanism: 'SCRAM-SHA-512', username: 'u', password: 'p' });
    expect(settings.tls?.ca).toBe('pem of /ca.pem');
  });

  it('refuses plaintext authentication without a user', () => {
    expect(() => connectionSettingsFrom({ ...base, authentication: 'plaintext' }, 'test', () => '')).toThrow(/plaintext.username/);
  });
});

describe('consumer group timing (--kafka.consumer.session-timeout, --kafka.consumer.heartbeat-interval)', () => {
  const consumer = (flags: Record<string, string>) => loadConfig(kafkaConsumerOptions, { 'kafka.consumer.brokers': '127.0.0.1:9092', ...flags }, {});

  it('defaults to a 10 s session and a 1 s heartbeat, passed to the group consumer', () => {
    const settings = consumerSettingsFrom(consumer({}), { brokers: ['127.0.0.1:9092'], clientId: 'x' });
    expect(settings).toMatchObject({ sessionTimeoutMs: 10_000, heartbeatIntervalMs: 1_000, groupId: 'jaeger-ingester', topic: 'jaeger-spans' });
    expect(consumerSettingsFrom(consumer({ 'kafka.consumer.session-timeout': '45s', 'kafka.consumer.heartbeat-interval': '3s' }), { brokers: ['b:1'], clientId: 'x' })).toMatchObject({ sessionTimeoutMs: 45_000, heartbeatIntervalMs: 3_000 });
  });

  it('refuses a heartbeat that is not below the session timeout, naming both flags', () => {
    expect(() => consumerSettingsFrom(consumer({ 'kafka.consumer.session-timeout': '6s', 'kafka.consumer.heartbeat-interval': '6s' }), { brokers: ['b:1'], clientId: 'x' })).toThrow(
      '--kafka.consumer.heartbeat-interval (6000 ms) must be below --kafka.consumer.session-timeout (6000 ms), a third of it or less',
    );
  });
});
