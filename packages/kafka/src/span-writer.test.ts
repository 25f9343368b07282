import { describe, expect, it } from '@jest/globals';
import { kafkaProtobuf, kafkaSkeinBatch } from '@skein/codecs';
import { KafkaError, MessageTooLargeError } from './errors.js';
import { KafkaSpanWriter } from './span-writer.js';
import { FakeProducer } from './testing/fake-clients.js';
import { makeSpans } from './testing/spans.js';

function writer(producer: FakeProducer, extra: Partial<ConstructorParameters<typeof KafkaSpanWriter>[0]> = {}): KafkaSpanWriter {
  return new KafkaSpanWriter({ producer, topic: 'spans', encoding: kafkaProtobuf, maxMessageBytes: 1_000_000, ...extra });
}

describe('KafkaSpanWriter', () => {
  it('keys every record by trace id and coalesces calls of one turn into one request', async () => {
    const producer = new FakeProducer();
    const spans = makeSpans(3, 2);
    const w = writer(producer);
    await Promise.all([w.writeSpans(spans.slice(0, 3)), w.writeSpans(spans.slice(3))]);
    expect(producer.sent).toHaveLength(1);
    expect(producer.sent[0]!.map((r) => r.key?.toString())).toEqual(spans.map((s) => s.traceId));
    expect(producer.sent[0]!.every((r) => r.topic === 'spans')).toBe(true);
  });

  it('resolves a call only when its records were acknowledged', async () => {
    const producer = new FakeProducer();
    const w = writer(producer);
    let resolved = false;
    const pending = w.writeSpans(makeSpans(1, 1)).then(() => (resolved = true));
    expect(resolved).toBe(false);
    expect(producer.sent).toHaveLength(0);
    await pending;
    expect(producer.sent).toHaveLength(1);
  });

  it('splits requests at batch-max-messages', async () => {
    const producer = new FakeProducer();
    await writer(producer, { batchMaxMessages: 4 }).writeSpans(makeSpans(5, 2));
    expect(producer.sent.map((r) => r.length)).toEqual([4, 4, 2]);
  });

  it('rejects with a classified error when the broker fails, and later calls still work', async () => {
    const producer = new FakeProducer();
    producer.failures.push(Object.assign(new Error('boom'), { code: 'PLT_KFK_TIMEOUT' }));
    const w = writer(producer);
    const failed = await w.writeSpans(makeSpans(1, 3)).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(KafkaError);
    expect((failed as KafkaError).kind).toBe('retryable');
    expect((failed as KafkaError).reason).toBe('timeout');
    await w.writeSpans(makeSpans(1, 1));
    expect(producer.sent).toHaveLength(1);
  });

  it('refuses a span over max-message-bytes before sending, naming the span and the limit', async () => {
    const producer = new FakeProducer();
    const [span] = makeSpans(1, 1);
    span!.tags.push({ key: 'big', type: 'string', value: 'x'.repeat(5000) });
    const failed = await writer(producer, { maxMessageBytes: 2000 }).writeSpans([span!]).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(MessageTooLargeError);
    expect((failed as Error).message).toContain(span!.spanId);
    expect((failed as Error).message).toContain('2000-byte limit');
    expect(producer.sent).toHaveLength(0);
  });

  it('fails fast with overloaded when the buffer is full', async () => {
    const producer = new FakeProducer();
    const failures: [string, number][] = [];
    const metrics = { produceFailed: (reason: string, spans: number) => void failures.push([reason, spans]) };
    const w = writer(producer, { maxBufferedRecords: 3, metrics });
    const first = w.writeSpans(makeSpans(1, 3));
    const second = await w.writeSpans(makeSpans(1, 1)).catch((e: unknown) => e);
    expect((second as KafkaError).reason).toBe('overloaded');
    expect((second as KafkaError).retryable).toBe(true);
    expect(failures).toEqual([['overloaded', 1]]);
    await first;
  });

  it('writes one record per trace with the skein-batch encoding', async () => {
    const producer = new FakeProducer();
    await writer(producer, { encoding: kafkaSkeinBatch }).writeSpans(makeSpans(2, 3));
    expect(producer.sent[0]).toHaveLength(2);
  });

  it('close waits for accepted spans and then refuses new ones', async () => {
    const producer = new FakeProducer();
    const w = writer(producer);
    const pending = w.writeSpans(makeSpans(1, 1));
    await w.close();
    await pending;
    expect(producer.sent).toHaveLength(1);
    expect(producer.closed).toBe(true);
    await expect(w.writeSpans(makeSpans(1, 1))).rejects.toThrow(/closed/);
  });
});
