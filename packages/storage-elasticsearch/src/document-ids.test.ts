import { describe, expect, it } from '@jest/globals';
import { benchmarkSpan, spanContentHash, type Span } from '@skein/model';
import { spanDocumentId } from './document-ids.js';

const span = (startTime: number, spanId = '00000000000000ab', requestId = 'r1'): Span => benchmarkSpan('0af7651916cd43dd8448eb211c80319c', spanId, 1, startTime, requestId);
const idBytes = (id: string): Buffer => Buffer.from(id, 'base64url');

describe('spanDocumentId', () => {
  it('is 24 bytes in base64url: start time, span id, content hash', () => {
    const s = span(1_700_000_000_123_456);
    const id = spanDocumentId(s);
    expect(id).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const bytes = idBytes(id);
    expect(bytes.readBigUInt64BE(0)).toBe(1_700_000_000_123_456n);
    expect(bytes.subarray(8, 16).toString('hex')).toBe('00000000000000ab');
    expect(bytes.subarray(16).toString('hex')).toBe(spanContentHash(s));
  });

  it('is the same for the same span (a redelivery overwrites) and differs when content or ids differ', () => {
    expect(spanDocumentId(span(1_000))).toBe(spanDocumentId(span(1_000)));
    expect(spanDocumentId(span(1_000, '00000000000000ab', 'r2'))).not.toBe(spanDocumentId(span(1_000)));
    expect(spanDocumentId(span(1_000, '00000000000000ac'))).not.toBe(spanDocumentId(span(1_000)));
    const otherTrace = { ...span(1_000), traceId: '1af7651916cd43dd8448eb211c80319c' };
    expect(spanDocumentId(otherTrace)).not.toBe(spanDocumentId(span(1_000)));
  });

  it('orders by start time as the cluster stores it (the bytes), across the whole microsecond range', () => {
    const times = [0, 1, 255, 256, 65_535, 2 ** 32 - 1, 2 ** 32, 1_700_000_000_000_000, Number.MAX_SAFE_INTEGER];
    const ids = times.map((t) => idBytes(spanDocumentId(span(t))));
    for (let i = 1; i < ids.length; i++) expect(Buffer.compare(ids[i - 1]!, ids[i]!)).toBeLessThan(0);
  });
});
