import { describe, expect, it } from '@jest/globals';
import type { DecodedBatch } from '@skein/codecs';
import type { ConsumedRecord } from '@skein/kafka';
import type { Span } from '@skein/model';
import { BulkWriteError, spanDocumentId, type BulkFailure } from '@skein/storage-elasticsearch';
import { createBatchWriter } from './batch-writer.js';

function testSpan(n: number): Span {
  return {
    traceId: n.toString(16).padStart(32, '0'),
    spanId: n.toString(16).padStart(16, '0'),
    operationName: 'op',
    references: [],
    flags: 1,
    startTime: 1_700_000_000_000_000 + n,
    duration: 10,
    tags: [],
    logs: [],
    process: { serviceName: 'svc', tags: [] },
    warnings: [],
  };
}

/** One record per span; the "decoder" looks the span up by the record's value. */
function fixture(count: number) {
  const spans = Array.from({ length: count }, (_, i) => testSpan(i + 1));
  const bySpanValue = new Map<Uint8Array, Span[]>();
  const records: ConsumedRecord[] = spans.map((span, i) => {
    const value = Buffer.from(span.spanId);
    bySpanValue.set(value, [span]);
    return { topic: 't', partition: 3, offset: BigInt(i), key: null, value, headers: new Map(), timestamp: 0n };
  });
  const decode = (value: Uint8Array): DecodedBatch => ({ spans: bySpanValue.get(value)!, rejected: [] }) as unknown as DecodedBatch;
  return { spans, records, decode };
}

const failure = (span: Span, retryable: boolean): BulkFailure => ({
  description: `span ${span.traceId}/${span.spanId}`,
  index: 'jaeger-span-2024-01-01',
  id: spanDocumentId(span),
  status: retryable ? 429 : 400,
  errorType: retryable ? 'es_rejected_execution_exception' : 'mapper_parsing_exception',
  reason: 'test',
  retryable,
});

describe('createBatchWriter', () => {
  it('writes the batch and reports the spans as written only after storage acknowledged them', async () => {
    const { spans, records, decode } = fixture(3);
    const written: Span[][] = [];
    const handler = createBatchWriter({ writer: { writeSpans: async () => undefined }, decode, written: (_p, s) => written.push([...s]) });
    await expect(handler(3, spans, records)).resolves.toBeUndefined();
    expect(written).toEqual([spans]);
  });

  it('throws retryable failures (the runner backs off and retries) and reports nothing as written', async () => {
    const { spans, records, decode } = fixture(2);
    const written: unknown[] = [];
    const errors = [new Error('connect ECONNREFUSED'), new BulkWriteError([failure(spans[0]!, true)], 2)];
    for (const error of errors) {
      const handler = createBatchWriter({ writer: { writeSpans: async () => Promise.reject(error) }, decode, written: () => written.push(1) });
      await expect(handler(3, spans, records)).rejects.toBe(error);
    }
    expect(written).toEqual([]);
  });

  it('dead-letters the records of spans storage refused for good and writes the rest again', async () => {
    const { spans, records, decode } = fixture(4);
    const calls: number[] = [];
    const writer = {
      writeSpans: async (batch: readonly Span[]) => {
        calls.push(batch.length);
        if (calls.length === 1) throw new BulkWriteError([failure(spans[1]!, false), failure(spans[2]!, true)], 4);
      },
    };
    const written: Span[] = [];
    const handler = createBatchWriter({ writer, decode, written: (_p, s) => written.push(...s) });
    const result = await handler(3, spans, records);
    expect(calls).toEqual([4, 3]);
    expect(written).toEqual([spans[0], spans[2], spans[3]]);
    expect(result && result.rejected?.map((r) => r.record.offset)).toEqual([1n]);
    expect(result && result.rejected?.[0]!.reason).toContain('mapper_parsing_exception');
  });
});
