import { describe, expect, it } from '@jest/globals';
import { kafkaProtobuf } from '@skein/codecs';
import { makeSpans } from '../testing/spans.js';
import { record } from '../testing/fake-clients.js';
import { DLQ_HEADERS, deadLetterRecord } from './dead-letter.js';
import { decodeRecords } from './decode-batch.js';

describe('decodeRecords', () => {
  it('keeps decodable records and dead-letters tombstones, garbage and fully refused records', () => {
    const [span] = makeSpans(1, 1);
    const good = Buffer.from(kafkaProtobuf.encode([span!])[0]!.value);
    const decoded = decodeRecords(
      [record(0, 0, good), record(0, 1, null), record(0, 2, Buffer.from([0xff, 0xff, 0xff])), record(0, 3, Buffer.from('x'))],
      (value) => {
        if (value.length === 1) return { spans: [], rejected: [{ reason: 'spanId: all zeros' }] };
        return kafkaProtobuf.decode(value);
      },
    );
    expect(decoded.spans.map((s) => s.spanId)).toEqual([span!.spanId]);
    expect(decoded.records.map((r) => r.offset)).toEqual([0n]);
    expect(decoded.deadLetters.map((d) => [d.record.offset, d.reason])).toEqual([
      [1n, 'tombstone'],
      [2n, 'undecodable'],
      [3n, 'rejected'],
    ]);
    expect(decoded.deadLetters[2]!.detail).toBe('spanId: all zeros');
  });
});

describe('deadLetterRecord', () => {
  it('keeps key, value and headers and adds reason and source headers', () => {
    const source = record(3, 42, Buffer.from('bad'), 'trace-key');
    const out = deadLetterRecord('dlq', { record: source, reason: 'undecodable', detail: 'é'.repeat(1000) });
    expect(out.topic).toBe('dlq');
    expect(out.key?.toString()).toBe('trace-key');
    expect(out.value?.toString()).toBe('bad');
    expect(out.headers?.get('h')?.toString()).toBe('v');
    expect(out.headers?.get(DLQ_HEADERS.reason)?.toString()).toBe('undecodable');
    expect(out.headers?.get(DLQ_HEADERS.partition)?.toString()).toBe('3');
    expect(out.headers?.get(DLQ_HEADERS.offset)?.toString()).toBe('42');
    const detail = out.headers!.get(DLQ_HEADERS.detail)!;
    expect(detail.length).toBeLessThanOrEqual(1024);
    expect(detail.toString()).not.toContain('\ufffd');
  });
});
