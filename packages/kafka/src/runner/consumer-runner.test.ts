import { describe, expect, it } from '@jest/globals';
import { kafkaProtobuf } from '@skein/codecs';
import { FakeConsumer, FakeProducer, record, waitFor } from '../testing/fake-clients.js';
import { makeSpans } from '../testing/spans.js';
import { ConsumerGroupRunner, PermanentBatchError, type BatchHandler } from './consumer-runner.js';
import { DLQ_HEADERS } from './dead-letter.js';
import type { TopicAdmin } from '../topic-admin.js';

const spanValue = (): Buffer => Buffer.from(kafkaProtobuf.encode(makeSpans(1, 1))[0]!.value);
const fastBackoff = { initialMs: 5, maxMs: 20, multiplier: 2 };

function setup(handleBatch: BatchHandler, partitions = [0, 1]) {
  const consumer = new FakeConsumer(partitions);
  const dlq = new FakeProducer();
  const runner = new ConsumerGroupRunner({
    consumer,
    deadLetterProducer: dlq,
    deadLetterTopic: 'dlq',
    decode: (value) => kafkaProtobuf.decode(value),
    handleBatch,
    batch: { maxRecords: 3, maxWaitMs: 10 },
    backoff: fastBackoff,
  });
  return { consumer, dlq, runner };
}

describe('ConsumerGroupRunner', () => {
  it('commits the offset after the last handled record only once the handler resolved', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const seen: bigint[] = [];
    const { consumer, runner } = setup(async (_p, spans, records) => {
      expect(spans).toHaveLength(records.length);
      seen.push(...records.map((r) => r.offset));
      await gate;
    });
    await runner.start();
    for (let offset = 0; offset < 3; offset++) consumer.deliver(record(0, offset, spanValue()));
    await waitFor(() => seen.length === 3);
    expect(consumer.commits).toEqual([]);
    release();
    await waitFor(() => consumer.commits.length === 1);
    expect(consumer.commits[0]).toEqual({ partition: 0, offset: 3n });
    await runner.stop(1000);
    expect(consumer.closed).toBe(true);
  });

  it('retries a retryable failure with the same batch and commits nothing until it succeeds', async () => {
    let calls = 0;
    const offsetsPerCall: bigint[][] = [];
    const { consumer, runner } = setup(async (_p, _s, records) => {
      offsetsPerCall.push(records.map((r) => r.offset));
      if (++calls < 3) {
        expect(consumer.commits).toEqual([]);
        throw new Error('storage unavailable');
      }
    });
    await runner.start();
    consumer.deliver(record(1, 10, spanValue()));
    consumer.deliver(record(1, 11, spanValue()));
    await waitFor(() => consumer.commits.length === 1);
    expect(calls).toBe(3);
    expect(offsetsPerCall).toEqual([
      [10n, 11n],
      [10n, 11n],
      [10n, 11n],
    ]);
    expect(consumer.committed(1)).toBe(12n);
    await runner.stop(1000);
  });

  it('dead-letters poison records and tombstones with reason headers and moves on', async () => {
    const handled: bigint[] = [];
    const { consumer, dlq, runner } = setup(async (_p, _s, records) => void handled.push(...records.map((r) => r.offset)));
    await runner.start();
    consumer.deliver(record(0, 0, Buffer.from([0xff, 0xfe, 0x01])));
    consumer.deliver(record(0, 1, null));
    consumer.deliver(record(0, 2, spanValue()));
    await waitFor(() => consumer.committed(0) === 3n);
    expect(handled).toEqual([2n]);
    const letters = dlq.sent.flat();
    expect(letters.map((l) => l.headers?.get(DLQ_HEADERS.reason)?.toString())).toEqual(['undecodable', 'tombstone']);
    expect(letters.map((l) => l.headers?.get(DLQ_HEADERS.offset)?.toString())).toEqual(['0', '1']);
    await runner.stop(1000);
  });

  it('does not commit past records whose dead-lettering has not been acknowledged', async () => {
    const { consumer, dlq, runner } = setup(async () => undefined);
    dlq.failures.push(new Error('dlq down'), new Error('dlq down'));
    await runner.start();
    consumer.deliver(record(0, 0, null));
    await waitFor(() => dlq.failures.length === 0);
    expect(consumer.commits).toEqual([]);
    await waitFor(() => consumer.committed(0) === 1n);
    await runner.stop(1000);
  });

  it('dead-letters the whole batch on a PermanentBatchError and records the handler rejections', async () => {
    // Decided by offset, not by call: a loaded machine may hand offsets 0–2 over in more than one batch.
    const { consumer, dlq, runner } = setup(async (_p, _s, records) => {
      if (records.some((r) => r.offset < 3n)) throw new PermanentBatchError('mapping conflict');
      return { rejected: records.filter((r) => r.offset === 3n).map((record) => ({ record, reason: 'document too large' })) };
    });
    await runner.start();
    for (let offset = 0; offset < 3; offset++) consumer.deliver(record(0, offset, spanValue()));
    await waitFor(() => consumer.committed(0) === 3n);
    for (let offset = 3; offset < 5; offset++) consumer.deliver(record(0, offset, spanValue()));
    await waitFor(() => consumer.committed(0) === 5n);
    const details = dlq.sent.flat().map((l) => [l.headers?.get(DLQ_HEADERS.offset)?.toString(), l.headers?.get(DLQ_HEADERS.detail)?.toString()]);
    expect(details).toEqual([
      ['0', 'mapping conflict'],
      ['1', 'mapping conflict'],
      ['2', 'mapping conflict'],
      ['3', 'document too large'],
    ]);
    await runner.stop(1000);
  });

  it('abandons the batch of a revoked partition without committing and rewinds it', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let started = false;
    const { consumer, runner } = setup(async () => {
      started = true;
      await gate;
    });
    await runner.start();
    consumer.deliver(record(0, 7, spanValue()));
    await waitFor(() => started);
    consumer.listener.assigned([1]);
    release();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(consumer.commits).toEqual([]);
    expect(consumer.rewinds).toEqual([{ partition: 0, offset: 7n }]);
    expect(runner.assignedPartitions).toEqual([1]);
    await runner.stop(1000);
  });

  it('stop flushes queued records, and abandons what misses the deadline', async () => {
    const handled: bigint[] = [];
    const { consumer, runner } = setup(async (p, _s, records) => {
      if (p === 1) await new Promise(() => undefined); // never finishes
      handled.push(...records.map((r) => r.offset));
    });
    await runner.start();
    consumer.deliver(record(0, 0, spanValue()));
    consumer.deliver(record(1, 0, spanValue()));
    await runner.stop(300);
    expect(handled).toEqual([0n]);
    expect(consumer.commits).toEqual([{ partition: 0, offset: 1n }]);
    expect(consumer.closed).toBe(true);
  });

  it('pauses fetching when the buffer is full and resumes when it drains', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const consumer = new FakeConsumer([0]);
    const runner = new ConsumerGroupRunner({
      consumer,
      deadLetterProducer: new FakeProducer(),
      deadLetterTopic: 'dlq',
      decode: (value) => kafkaProtobuf.decode(value),
      handleBatch: () => gate,
      batch: { maxRecords: 2, maxWaitMs: 5 },
      maxBufferedRecords: 4,
    });
    await runner.start();
    for (let offset = 0; offset < 4; offset++) consumer.deliver(record(0, offset, spanValue()));
    expect(consumer.paused).toBe(true);
    release();
    await waitFor(() => !consumer.paused);
    await runner.stop(1000);
  });

  it('commits its offset again when a former owner moved the group offset back below it', async () => {
    const consumer = new FakeConsumer([0]);
    // The broker holds the consumer's last commit, except for a late commit by another member, which stands
    // until this consumer commits again.
    let lateCommit: { offset: bigint; afterCommits: number } | undefined;
    const brokerOffset = (): bigint | undefined =>
      lateCommit && consumer.commits.length === lateCommit.afterCommits ? lateCommit.offset : consumer.committed(0);
    const movedBack: Array<[number, bigint | undefined, bigint]> = [];
    const admin = {
      describeLag: async () => [{ partition: 0, endOffset: 3n, committedOffset: brokerOffset(), lag: 3n - (brokerOffset() ?? 0n) }],
    } as unknown as TopicAdmin;
    const runner = new ConsumerGroupRunner({
      consumer,
      deadLetterProducer: new FakeProducer(),
      deadLetterTopic: 'dlq',
      decode: (value) => kafkaProtobuf.decode(value),
      handleBatch: async () => undefined,
      batch: { maxRecords: 3, maxWaitMs: 10 },
      backoff: fastBackoff,
      metrics: { lag: () => undefined, committedMovedBack: (...args) => void movedBack.push(args) },
      lag: { admin, groupId: 'g', topic: 't', intervalMs: 20 },
    });
    await runner.start();
    for (let offset = 0; offset < 3; offset++) consumer.deliver(record(0, offset, spanValue()));
    await waitFor(() => consumer.commits.length === 1);
    expect(consumer.commits[0]).toEqual({ partition: 0, offset: 3n });

    await new Promise((resolve) => setTimeout(resolve, 100)); // in step with the broker: nothing to redo
    expect(consumer.commits).toHaveLength(1);
    expect(movedBack).toEqual([]);

    lateCommit = { offset: 1n, afterCommits: consumer.commits.length };
    await waitFor(() => consumer.commits.length === 2);
    await new Promise((resolve) => setTimeout(resolve, 100)); // corrected once, then in step again
    expect(consumer.commits).toEqual([{ partition: 0, offset: 3n }, { partition: 0, offset: 3n }]);
    expect(movedBack).toEqual([[0, 1n, 3n]]);
    await runner.stop(1000);
  });
});

