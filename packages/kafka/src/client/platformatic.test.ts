import { describe, expect, it } from '@jest/globals';
import * as kafka from '@platformatic/kafka';
import { platformaticProducerOptions } from './platformatic.js';

describe('platformaticProducerOptions', () => {
  it('asks for acks=all and an idempotent producer, partitioning keys like the Java client', () => {
    const options = platformaticProducerOptions({ brokers: ['b:9092'], clientId: 'c', compression: 'lz4' }, kafka);
    expect(options.acks).toBe(kafka.ProduceAcks.ALL);
    expect(options.acks).toBe(-1);
    expect(options.idempotent).toBe(true);
    // Java's murmur2 partitions, hashed once per run of records sharing a key buffer.
    const partitioner = options.partitioner!;
    const keys = ['00000000000000000000000000000001', 'a1b2c3d4e5f60718293a4b5c6d7e8f90', 'trace'].map((k) => Buffer.from(k));
    for (const key of keys) {
      const expected = kafka.compatibilityPartitioner({ topic: 't' }, key);
      expect(partitioner({ topic: 't' }, key, {} as never)).toBe(expected);
      expect(partitioner({ topic: 't' }, key, {} as never)).toBe(expected);
      expect(partitioner({ topic: 't' }, Buffer.from(key), {} as never)).toBe(expected);
    }
    expect(options.compression).toBe('lz4');
    expect(options.bootstrapBrokers).toEqual(['b:9092']);
  });

  it('passes TLS and SASL settings through', () => {
    const options = platformaticProducerOptions({
      brokers: ['b:9093'],
      clientId: 'c',
      compression: 'none',
      tls: { ca: 'PEM' },
      sasl: { mechanism: 'SCRAM-SHA-256', username: 'u', password: 'p' },
    }, kafka);
    expect(options.tls?.ca).toBe('PEM');
    expect(options.sasl).toEqual({ mechanism: 'SCRAM-SHA-256', username: 'u', password: 'p' });
  });
});
