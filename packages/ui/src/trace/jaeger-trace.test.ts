import { describe, expect, it } from '@jest/globals';
import { SPAN_FLAG, type JaegerSpan, type JaegerTrace } from '../api/types';
import { findInJaegerTrace, skeletonOfJaegerTrace, summarizeJaegerTrace } from './jaeger-trace';

const span = (spanID: string, startTime: number, duration: number, extra: Partial<JaegerSpan> = {}): JaegerSpan => ({
  traceID: 'abc',
  spanID,
  operationName: `op-${spanID}`,
  references: [],
  startTime,
  duration,
  tags: [],
  logs: [],
  processID: 'p1',
  warnings: null,
  ...extra,
});

const trace: JaegerTrace = {
  traceID: 'abc',
  processes: { p1: { serviceName: 'web', tags: [{ key: 'host', type: 'string', value: 'h1' }] }, p2: { serviceName: 'db', tags: [] } },
  spans: [
    span('c', 300, 50, { processID: 'p2', references: [{ refType: 'CHILD_OF', traceID: 'abc', spanID: 'b' }], tags: [{ key: 'otel.status_code', type: 'string', value: 'ERROR' }] }),
    span('a', 100, 400, { logs: [{ timestamp: 150, fields: [{ key: 'event', type: 'string', value: 'cache miss' }] }] }),
    span('b', 200, 200, { references: [{ refType: 'CHILD_OF', traceID: 'abc', spanID: 'a' }], tags: [{ key: 'error', type: 'bool', value: true }], warnings: ['clock skew'] }),
    span('d', 250, 10, { references: [{ refType: 'CHILD_OF', traceID: 'abc', spanID: 'zz' }] }),
  ],
};

describe('traces held in the browser', () => {
  it('become the same skeleton the query service sends: start order, parent indexes, flags, events', () => {
    const skeleton = skeletonOfJaegerTrace(trace);
    expect(skeleton.spanIDs).toBe(['a', 'b', 'd', 'c'].map((id) => id.padStart(16, '0')).join(''));
    expect(skeleton.parents).toEqual([-1, 0, -1, 1]);
    expect(skeleton.services).toEqual(['web', 'db']);
    expect(skeleton.starts).toEqual([0, 100, 150, 200]);
    expect(skeleton.duration).toBe(400);
    expect(skeleton.flags).toEqual([0, SPAN_FLAG.error | SPAN_FLAG.warnings, SPAN_FLAG.orphan, SPAN_FLAG.error]);
    expect(skeleton.eventSpans).toEqual([0]);
    expect(skeleton.eventOffsets).toEqual([50]);
  });

  it('summarise like api_v3: root, ns times, error and orphan counts, services by span count', () => {
    expect(summarizeJaegerTrace(trace)).toEqual({
      traceId: 'abc',
      rootServiceName: 'web',
      rootOperationName: 'op-a',
      minStartTimeUnixNano: '100000',
      maxEndTimeUnixNano: '500000',
      spanCount: 4,
      errorSpanCount: 2,
      orphanSpanCount: 1,
      services: [
        { name: 'db', spanCount: 1, errorSpanCount: 1 },
        { name: 'web', spanCount: 3, errorSpanCount: 1 },
      ],
    });
  });

  it('find by the query service rules: text anywhere, key=value on tags, every term', () => {
    expect(findInJaegerTrace(trace, 'cache')).toEqual(['a']);
    expect(findInJaegerTrace(trace, 'host=h1')).toEqual(['a', 'b', 'd']);
    expect(findInJaegerTrace(trace, 'db')).toEqual(['c']);
    expect(findInJaegerTrace(trace, 'error=true web')).toEqual(['b']);
    expect(findInJaegerTrace(trace, '')).toEqual([]);
  });
});
