import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { isDeepStrictEqual } from 'node:util';
import type { Span } from './span.js';
import { spanContentHash } from './span-key.js';
import { sampleSpan, spanArb } from './testing/span-arbitrary.js';

describe('spanContentHash', () => {
  it('is pinned: these values are persisted in storage keys (change only with a migration)', () => {
    expect(spanContentHash(sampleSpan())).toBe('1bdef37ae87dcd6e');
    expect(
      spanContentHash(sampleSpan({ tags: [], logs: [], references: [], process: { serviceName: '', tags: [] } })),
    ).toBe('d78847a82241a917');
    expect(
      spanContentHash(
        sampleSpan({
          tags: [
            { key: 'b', type: 'binary', value: new Uint8Array([1, 2, 3, 4, 5]) },
            { key: 'f', type: 'float64', value: NaN },
            { key: 'i', type: 'int64', value: -(2n ** 63n) },
          ],
        }),
      ),
    ).toBe('fc95ab9d95648e09');
  });

  it('is 16 lowercase hex digits and equal for equal content in distinct objects', () => {
    const hash = spanContentHash(sampleSpan());
    expect(hash).toMatch(/^[0-9a-f]{16}$/);
    expect(spanContentHash(structuredClone(sampleSpan()))).toBe(hash);
  });

  const base = sampleSpan();
  const variants: [string, Partial<Span>][] = [
    ['traceId', { traceId: '0af7651916cd43dd8448eb211c80319d' }],
    ['spanId', { spanId: 'b7ad6b7169203332' }],
    ['operationName', { operationName: 'GET /order' }],
    ['references', { references: [] }],
    ['reference type', { references: [{ ...base.references[0]!, refType: 'FOLLOWS_FROM' }] }],
    ['flags', { flags: 3 }],
    ['startTime', { startTime: base.startTime + 1 }],
    ['startTime high bits', { startTime: base.startTime + 2 ** 32 }],
    ['duration', { duration: 1504 }],
    ['tag value', { tags: [{ key: 'http.status_code', type: 'int64', value: 201n }, base.tags[1]!] }],
    ['tag type', { tags: [{ key: 'http.status_code', type: 'float64', value: 200 }, base.tags[1]!] }],
    ['tag order', { tags: [base.tags[1]!, base.tags[0]!] }],
    ['tag key', { tags: [{ ...base.tags[0]!, key: 'http.status' }, base.tags[1]!] }],
    ['bool value', { tags: [base.tags[0]!, { key: 'error', type: 'bool', value: true }] }],
    ['log timestamp', { logs: [{ ...base.logs[0]!, timestamp: base.logs[0]!.timestamp + 1 }] }],
    ['log fields', { logs: [{ ...base.logs[0]!, fields: [] }] }],
    ['service', { process: { ...base.process, serviceName: 'order' } }],
    ['process tags', { process: { ...base.process, tags: [] } }],
    ['warnings', { warnings: ['skew'] }],
  ];

  it.each(variants)('changes when %s changes', (_, change) => {
    expect(spanContentHash(sampleSpan(change))).not.toBe(spanContentHash(base));
  });

  it('does not confuse field boundaries', () => {
    const a = sampleSpan({ operationName: 'ab', warnings: ['c'] });
    const b = sampleSpan({ operationName: 'a', warnings: ['bc'] });
    expect(spanContentHash(a)).not.toBe(spanContentHash(b));
    const oddTail = sampleSpan({ tags: [{ key: 'k', type: 'binary', value: new Uint8Array([1, 0]) }] });
    const shorter = sampleSpan({ tags: [{ key: 'k', type: 'binary', value: new Uint8Array([1]) }] });
    expect(spanContentHash(oddTail)).not.toBe(spanContentHash(shorter));
    const str = sampleSpan({ tags: [{ key: 'k', type: 'string', value: 'a\u0000' }] });
    const strShort = sampleSpan({ tags: [{ key: 'k', type: 'string', value: 'a' }] });
    expect(spanContentHash(str)).not.toBe(spanContentHash(strShort));
  });

  it('gives different spans different hashes (property)', () => {
    fc.assert(
      fc.property(spanArb, spanArb, (a, b) => {
        fc.pre(!isDeepStrictEqual(a, b));
        expect(spanContentHash(a)).not.toBe(spanContentHash(b));
      }),
      { numRuns: 300 },
    );
  });
});
