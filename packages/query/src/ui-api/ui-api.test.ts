import { describe, expect, it } from '@jest/globals';
import type { Span, Trace } from '@skein/model';
import { SHORT_TRACE_ID, shortTrace, span } from '../testing/fixtures.js';
import { RecentTraces } from './recent-traces.js';
import { findSpans, MAX_FIND_MATCHES } from './span-search.js';
import { SPAN_FLAG } from '@skein/query-api';
import { traceSkeleton } from './trace-skeleton.js';
import { summarizeTrace } from '@skein/storage';
import { traceSummaryJson } from './trace-summary.js';

const T = '000000000000000000000000000000aa';
const ref = (spanId: string, refType: 'CHILD_OF' | 'FOLLOWS_FROM' = 'CHILD_OF') => ({ refType, traceId: T, spanId });

describe('traceSkeleton', () => {
  it('orders spans by start, points each at its parent index, and interns services and operations', () => {
    const spans: Span[] = [
      span({ traceId: T, spanId: '00000000000000c2', startTime: 300, duration: 10, references: [ref('00000000000000a1')], operationName: 'b', process: { serviceName: 'db', tags: [] } }),
      span({ traceId: T, spanId: '00000000000000a1', startTime: 100, duration: 500, operationName: 'root', process: { serviceName: 'web', tags: [] } }),
      span({ traceId: T, spanId: '00000000000000b1', startTime: 200, duration: 50, references: [ref('00000000000000a1')], operationName: 'b', process: { serviceName: 'web', tags: [] } }),
    ];
    const skeleton = traceSkeleton({ traceId: T, spans });
    expect(skeleton.spanIDs).toBe('00000000000000a1' + '00000000000000b1' + '00000000000000c2');
    expect(skeleton.parents).toEqual([-1, 0, 0]);
    expect(skeleton.startTime).toBe(100);
    expect(skeleton.duration).toBe(500);
    expect(skeleton.starts).toEqual([0, 100, 200]);
    expect(skeleton.services).toEqual(['web', 'db']);
    expect(skeleton.serviceIndexes).toEqual([0, 0, 1]);
    expect(skeleton.operations).toEqual(['root', 'b']);
    expect(skeleton.operationIndexes).toEqual([0, 1, 1]);
  });

  it('flags errors (error tag or OTel ERROR status), warnings and orphans, and lists events with their offsets', () => {
    const spans: Span[] = [
      span({ traceId: T, spanId: '00000000000000a1', startTime: 1000, duration: 100, tags: [{ key: 'error', type: 'bool', value: true }], logs: [{ timestamp: 1040, fields: [] }] }),
      span({ traceId: T, spanId: '00000000000000a2', startTime: 1010, duration: 10, references: [ref('00000000000000a1')], tags: [{ key: 'otel.status_code', type: 'string', value: 'ERROR' }], warnings: ['skewed'] }),
      span({ traceId: T, spanId: '00000000000000a3', startTime: 1020, duration: 10, references: [ref('00000000000000ff')] }),
      span({ traceId: T, spanId: '00000000000000a4', startTime: 1030, duration: 10, tags: [{ key: 'error', type: 'bool', value: false }] }),
    ];
    const skeleton = traceSkeleton({ traceId: T, spans });
    expect(skeleton.flags).toEqual([SPAN_FLAG.error, SPAN_FLAG.error | SPAN_FLAG.warnings, SPAN_FLAG.orphan, 0]);
    expect(skeleton.parents).toEqual([-1, 0, -1, -1]);
    expect(skeleton.eventSpans).toEqual([0]);
    expect(skeleton.eventOffsets).toEqual([40]);
  });

  it('prefers a CHILD_OF parent over an earlier FOLLOWS_FROM reference and ignores references to itself', () => {
    const spans: Span[] = [
      span({ traceId: T, spanId: '00000000000000a1', startTime: 1 }),
      span({ traceId: T, spanId: '00000000000000a2', startTime: 2 }),
      span({ traceId: T, spanId: '00000000000000a3', startTime: 3, references: [ref('00000000000000a3'), ref('00000000000000a1', 'FOLLOWS_FROM'), ref('00000000000000a2')] }),
    ];
    expect(traceSkeleton({ traceId: T, spans }).parents).toEqual([-1, -1, 1]);
  });

  it('answers an empty trace with empty columns', () => {
    const skeleton = traceSkeleton({ traceId: T, spans: [] });
    expect(skeleton).toMatchObject({ startTime: 0, duration: 0, spanIDs: '', parents: [] });
  });
});

describe('traceSummaryJson', () => {
  it('gives root, times in ns as decimal strings, counts per service and errors, in api_v3 TraceSummary form', () => {
    const summary = traceSummaryJson(summarizeTrace(SHORT_TRACE_ID, shortTrace()));
    const spans = shortTrace();
    const start = Math.min(...spans.map((s) => s.startTime));
    const end = Math.max(...spans.map((s) => s.startTime + s.duration));
    expect(summary).toEqual({
      traceId: SHORT_TRACE_ID,
      rootServiceName: 'frontend',
      rootOperationName: 'GET /dispatch',
      minStartTimeUnixNano: `${start}000`,
      maxEndTimeUnixNano: `${end}000`,
      spanCount: 3,
      errorSpanCount: 1,
      orphanSpanCount: 0,
      services: [
        { name: 'backend', spanCount: 1, errorSpanCount: 0 },
        { name: 'frontend', spanCount: 2, errorSpanCount: 1 },
      ],
    });
  });

  it('takes the earliest orphan as the root only when no span is a true root, and counts orphans', () => {
    const trace: Trace = {
      traceId: T,
      spans: [
        span({ traceId: T, spanId: '00000000000000a1', startTime: 5, operationName: 'late orphan', references: [ref('00000000000000f1')] }),
        span({ traceId: T, spanId: '00000000000000a2', startTime: 1, operationName: 'early orphan', references: [ref('00000000000000f2')] }),
      ],
    };
    expect(traceSummaryJson(summarizeTrace(trace.traceId, trace.spans))).toMatchObject({ rootOperationName: 'early orphan', orphanSpanCount: 2 });
    trace.spans.push(span({ traceId: T, spanId: '00000000000000a3', startTime: 9, operationName: 'true root' }));
    expect(traceSummaryJson(summarizeTrace(trace.traceId, trace.spans))).toMatchObject({ rootOperationName: 'true root', orphanSpanCount: 2 });
  });
});

describe('findSpans', () => {
  const spans = shortTrace();
  it('matches operation, service, span id, tag keys and values, process tags and log fields, case-insensitively', () => {
    expect(findSpans(spans, 'DISPATCH').spanIDs).toEqual(['00000000000000a1']);
    expect(findSpans(spans, 'backend').spanIDs.sort()).toEqual(['00000000000000a2', '00000000000000a3']);
    expect(findSpans(spans, '00000000000000a3').spanIDs).toEqual(['00000000000000a3']);
    expect(findSpans(spans, '10.0.0.2').spanIDs).toEqual(['00000000000000a3']);
    expect(findSpans(spans, 'second').spanIDs).toEqual(['00000000000000a1']);
    expect(findSpans(spans, '9223372036854775807').spanIDs).toEqual(['00000000000000a1']);
  });

  it('reads key=value as a tag test and requires every term', () => {
    expect(findSpans(spans, 'span.kind=client').spanIDs).toEqual(['00000000000000a2']);
    expect(findSpans(spans, 'span.kind=server frontend').spanIDs).toEqual(['00000000000000a1']);
    expect(findSpans(spans, 'span.kind=nope').spanIDs).toEqual([]);
    expect(findSpans(spans, '   ').spanIDs).toEqual([]);
  });

  it(`stops at ${MAX_FIND_MATCHES} matches and says so`, () => {
    const many = Array.from({ length: MAX_FIND_MATCHES + 5 }, (_, i) => span({ traceId: T, spanId: (i + 1).toString(16).padStart(16, '0') }));
    const found = findSpans(many, 'op');
    expect(found.spanIDs).toHaveLength(MAX_FIND_MATCHES);
    expect(found.truncated).toBe(true);
  });
});

describe('RecentTraces', () => {
  // What one span object is reckoned to cost (cached-trace.ts).
  const SPAN = 1_500;
  const trace = (id: string, count: number): Trace => ({ traceId: id, spans: Array.from({ length: count }, (_, i) => span({ traceId: id, spanId: (i + 1).toString(16).padStart(16, '0') })) });

  it('shares one read between concurrent requests and reuses it until the TTL passes', async () => {
    let now = 0;
    const cache = new RecentTraces({ maxBytes: 100 * SPAN, ttlMs: 1000, compactTtlMs: 5000, compactAbove: 1000, now: () => now });
    let reads = 0;
    const read = async (): Promise<Trace> => {
      reads++;
      return trace('a', 3);
    };
    await Promise.all([cache.get('a', read), cache.get('a', read)]);
    expect(reads).toBe(1);
    now = 999;
    await cache.get('a', read);
    expect(reads).toBe(1);
    now = 1000;
    await cache.get('a', read);
    expect(reads).toBe(2);
  });

  it('evicts the least recently used traces beyond the span budget, and keeps no failed or empty read', async () => {
    const cache = new RecentTraces({ maxBytes: 10 * SPAN, ttlMs: 60_000, compactTtlMs: 60_000, compactAbove: 1000 });
    let reads = 0;
    const reader = (id: string, count: number) => async (): Promise<Trace> => {
      reads++;
      return trace(id, count);
    };
    await cache.get('a', reader('a', 6));
    await cache.get('b', reader('b', 4));
    expect(cache.size).toBe(10 * SPAN);
    await cache.get('a', reader('a', 6)); // a is now the most recent
    await cache.get('c', reader('c', 3)); // over budget: b goes
    expect(cache.size).toBe(9 * SPAN);
    reads = 0;
    await cache.get('a', reader('a', 6));
    await cache.get('b', reader('b', 4));
    expect(reads).toBe(1);

    await expect(cache.get('x', async () => Promise.reject(new Error('store down')))).rejects.toThrow('store down');
    await expect(cache.get('x', async () => null)).resolves.toBeNull();
    let again = 0;
    await cache.get('x', async () => {
      again++;
      return null;
    });
    expect(again).toBe(1);
  });

  it('keeps a big trace encoded, longer, with the same spans, skeleton and lookups', async () => {
    let now = 0;
    const cache = new RecentTraces({ maxBytes: 10_000_000, ttlMs: 1000, compactTtlMs: 5000, compactAbove: 4, now: () => now });
    const original = trace('b'.padStart(32, '0'), 6);
    original.spans[2]!.tags.push({ key: 'big', type: 'int64', value: 2n ** 62n }, { key: 'blob', type: 'binary', value: new Uint8Array([0, 255]) });
    original.spans[3]!.warnings.push('clock skew adjusted');
    let reads = 0;
    const cached = (await cache.get('b', async () => {
      reads++;
      return original;
    }))!;
    expect(cached.compact).toBe(true);
    expect(cached.spanCount).toBe(6);
    expect(cached.skeletonBody()).toBe(JSON.stringify(traceSkeleton(original)));
    expect([...cached.spans()]).toEqual(original.spans);
    for (const span of original.spans) expect(cached.span(span.spanId)).toEqual(span);
    expect(cached.span('00000000000000ff')).toBeUndefined();
    expect(cached.span('not-a-span-id')).toBeUndefined();
    expect(cached.bytes).toBeLessThan(6 * SPAN);
    expect([cached.startMicros, cached.endMicros]).toEqual([Math.min(...original.spans.map((s) => s.startTime)), Math.max(...original.spans.map((s) => s.startTime + s.duration))]);
    now = 4999;
    await cache.get('b', async () => original);
    expect(reads).toBe(1);
  });
});
