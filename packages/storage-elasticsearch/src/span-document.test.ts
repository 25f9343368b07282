import { describe, expect, it } from '@jest/globals';
import type { Span } from '@skein/model';
import { fromSpanDocument, toSpanDocument, toTagDocument } from './span-document.js';

const span = (overrides: Partial<Span> = {}): Span => ({
  traceId: '0000000000000000' + 'abcdef0123456789',
  spanId: '00000000000000aa',
  operationName: 'GET /',
  references: [{ refType: 'CHILD_OF', traceId: '0000000000000000abcdef0123456789', spanId: '00000000000000bb' }],
  flags: 1,
  startTime: 1_700_000_000_123_456,
  duration: 42,
  tags: [
    { key: 'http.method', type: 'string', value: 'GET' },
    { key: 'big', type: 'int64', value: 9223372036854775807n },
    { key: 'ratio', type: 'float64', value: 0.1 },
    { key: 'precise', type: 'float64', value: 0.12345678901234 },
  ],
  logs: [{ timestamp: 1_700_000_000_123_999, fields: [{ key: 'event', type: 'string', value: 'x' }] }],
  process: { serviceName: 'svc', tags: [{ key: 'host.name', type: 'string', value: 'h1' }] },
  warnings: [],
  ...overrides,
});

describe('span documents', () => {
  it("takes Jaeger's shape: short 64-bit trace ids, µs and ms start times, string tag values", () => {
    const doc = toSpanDocument(span());
    expect(doc.traceID).toBe('abcdef0123456789');
    expect(doc.references[0]).toEqual({ refType: 'CHILD_OF', traceID: 'abcdef0123456789', spanID: '00000000000000bb' });
    expect(doc.startTime).toBe(1_700_000_000_123_456);
    expect(doc.startTimeMillis).toBe(1_700_000_000_123);
    expect(doc.tags[1]).toEqual({ key: 'big', type: 'int64', value: '9223372036854775807' });
    expect(doc.process.serviceName).toBe('svc');
    expect(doc.tag).toBeUndefined();
  });

  it('adds the exact float only when the Jaeger rendering loses precision', () => {
    expect(toTagDocument({ key: 'r', type: 'float64', value: 0.1 })).toEqual({ key: 'r', type: 'float64', value: '0.1' });
    expect(toTagDocument({ key: 'p', type: 'float64', value: 0.12345678901234 })).toEqual({
      key: 'p',
      type: 'float64',
      value: '0.123456789',
      exact: '0.12345678901234',
    });
    expect(toTagDocument({ key: 'z', type: 'float64', value: -0 }).value).toBe('-0');
    expect(toTagDocument({ key: 'n', type: 'float64', value: NaN }).value).toBe('NaN');
  });

  it('round-trips through JSON', () => {
    const original = span({ warnings: ['clock skew'] });
    const back = fromSpanDocument(JSON.parse(JSON.stringify(toSpanDocument(original))));
    expect(back).toEqual(original);
  });

  it('reads documents Jaeger wrote: no flags, no warnings, 64-bit trace ids', () => {
    const back = fromSpanDocument(
      JSON.parse(
        '{"traceID":"1","spanID":"2","operationName":"op","references":[],"startTime":5,"startTimeMillis":0,"duration":1,"tags":[{"key":"b","type":"bool","value":"true"}],"logs":[],"process":{"serviceName":"s","tags":[]}}',
      ),
    );
    expect(back.traceId).toBe('00000000000000000000000000000001');
    expect(back.spanId).toBe('0000000000000002');
    expect(back.flags).toBe(0);
    expect(back.tags).toEqual([{ key: 'b', type: 'bool', value: true }]);
  });

  it('writes tags as fields with dots replaced, __proto__ as a plain key, binary tags left out', () => {
    const doc = toSpanDocument(
      span({
        tags: [
          { key: 'http.method', type: 'string', value: 'GET' },
          { key: '__proto__', type: 'string', value: 'polluted' },
          { key: 'blob', type: 'binary', value: new Uint8Array([1]) },
        ],
      }),
      { all: true, include: new Set(), dotReplacement: '@' },
    );
    const json = JSON.stringify(doc);
    expect(json).toContain('"tag":{"http@method":"GET","__proto__":"polluted"}');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const parsed = JSON.parse(json) as { tag: Record<string, string> };
    expect(Object.keys(parsed.tag)).toEqual(['http@method', '__proto__']);
  });

  it('copies only included keys when not all', () => {
    const doc = toSpanDocument(span(), { all: false, include: new Set(['http.method', 'host.name']), dotReplacement: '_' });
    expect({ ...doc.tag }).toEqual({ http_method: 'GET' });
    expect({ ...doc.process.tag }).toEqual({ host_name: 'h1' });
  });
});
