import { describe, expect, it } from '@jest/globals';
import type { Span, Tag } from '@skein/model';
import { buildSpan } from '@skein/storage/testing';
import { runWithin, TimeLimitError } from './bounded-run.js';
import { filterSpans, MAX_CONDITIONS, parseDurationMicros, parseSpanFilter, type SpanCondition } from './span-filter.js';

const T = 'a'.repeat(32);
const s = (id: string, service: string, operation: string, duration: number, tags: Tag[], extra: Partial<Span> = {}): Span =>
  buildSpan(T, id.padStart(16, '0'), 1_000_000, { serviceName: service, operationName: operation, duration, tags, ...extra });
const str = (key: string, value: string): Tag => ({ key, type: 'string', value });

const spans = [
  s('1', 'web', 'GET /checkout', 120_000, [str('span.kind', 'server'), str('otel.status_code', 'OK'), { key: 'http.status_code', type: 'int64', value: 200n }]),
  s('2', 'web', 'SELECT orders', 80_000, [str('span.kind', 'client'), { key: 'error', type: 'bool', value: true }, str('db.statement', 'SELECT * FROM orders')], {
    logs: [{ timestamp: 1_000_100, fields: [str('event', 'retry'), { key: 'attempt', type: 'int64', value: 2n }] }],
  }),
  s('3', 'cart', 'GET /cart', 5_000, [str('span.kind', 'server'), { key: 'http.status_code', type: 'int64', value: 500n }], {
    process: { serviceName: 'cart', tags: [str('host.name', 'node-2'), str('k8s.pod.name', 'cart-7d9f')] },
  }),
  s('4', 'cart', 'compute', 1_500, []),
];
const match = (conditions: SpanCondition[]): string[] => filterSpans(spans, conditions).map((id) => id.replace(/^0+/, ''));

describe('filterSpans', () => {
  it('matches service and operation by =, !=, =~ and !~', () => {
    expect(match([{ field: 'service', op: '=', value: 'cart' }])).toEqual(['3', '4']);
    expect(match([{ field: 'service', op: '!=', value: 'cart' }])).toEqual(['1', '2']);
    expect(match([{ field: 'operation', op: '=~', value: '^GET /' }])).toEqual(['1', '3']);
    expect(match([{ field: 'operation', op: '!~', value: 'GET' }])).toEqual(['2', '4']);
  });

  it('compares durations with > >= < <= =', () => {
    expect(match([{ field: 'duration', op: '>', value: '80ms' }])).toEqual(['1']);
    expect(match([{ field: 'duration', op: '>=', value: '80ms' }])).toEqual(['1', '2']);
    expect(match([{ field: 'duration', op: '<', value: '5ms' }])).toEqual(['4']);
    expect(match([{ field: 'duration', op: '<=', value: '5000us' }])).toEqual(['3', '4']);
    expect(match([{ field: 'duration', op: '=', value: '1.5ms' }])).toEqual(['4']);
  });

  it('reads status (error as the search decides it, ok from OTel, else unset) and span kind', () => {
    expect(match([{ field: 'status', op: '=', value: 'error' }])).toEqual(['2']);
    expect(match([{ field: 'status', op: '=', value: 'ok' }])).toEqual(['1']);
    expect(match([{ field: 'status', op: '=', value: 'unset' }])).toEqual(['3', '4']);
    expect(match([{ field: 'kind', op: '=', value: 'server' }])).toEqual(['1', '3']);
    expect(match([{ field: 'kind', op: '=', value: 'unspecified' }])).toEqual(['4']);
    expect(match([{ field: 'kind', op: '!=', value: 'server' }])).toEqual(['2', '4']);
  });

  it('matches a tag, process tag or event field by key, typed values as text; != and !exists hold without the key', () => {
    expect(match([{ field: 'tag', key: 'http.status_code', op: '=', value: '500' }])).toEqual(['3']);
    expect(match([{ field: 'tag', key: 'http.status_code', op: '!=', value: '500' }])).toEqual(['1', '2', '4']);
    expect(match([{ field: 'tag', key: 'http.status_code', op: 'exists' }])).toEqual(['1', '3']);
    expect(match([{ field: 'tag', key: 'http.status_code', op: '!exists' }])).toEqual(['2', '4']);
    expect(match([{ field: 'tag', key: 'db.statement', op: '=~', value: 'from orders' }])).toEqual([]);
    expect(match([{ field: 'tag', key: 'db.statement', op: '=~', value: 'FROM orders$' }])).toEqual(['2']);
    expect(match([{ field: 'process', key: 'k8s.pod.name', op: '=~', value: '^cart-' }])).toEqual(['3']);
    expect(match([{ field: 'log', key: 'attempt', op: '=', value: '2' }])).toEqual(['2']);
    expect(match([{ field: 'log', key: 'event', op: 'exists' }])).toEqual(['2']);
  });

  it('needs every condition to hold', () => {
    expect(match([{ field: 'service', op: '=', value: 'web' }, { field: 'duration', op: '<', value: '100ms' }])).toEqual(['2']);
    expect(match([])).toEqual(['1', '2', '3', '4']);
  });
});

describe('parseSpanFilter', () => {
  const bad = (where: unknown): string => {
    try {
      parseSpanFilter(typeof where === 'string' ? where : JSON.stringify(where));
    } catch (error) {
      return (error as Error).message;
    }
    throw new Error('accepted');
  };

  it('accepts what the UI sends', () => {
    const where = [{ field: 'tag', key: 'error', op: 'exists' }, { field: 'duration', op: '>=', value: '2s' }];
    expect(parseSpanFilter(JSON.stringify(where))).toEqual(where);
  });

  it('says which condition is wrong and how', () => {
    expect(bad('{')).toMatch(/^not JSON/);
    expect(bad({ field: 'service' })).toMatch(/must be a JSON array of conditions/);
    expect(bad(Array(MAX_CONDITIONS + 1).fill({ field: 'service', op: '=', value: 'x' }))).toBe('21 conditions, at most 20');
    expect(bad([null])).toBe('condition 1: must be an object with field, op and value');
    expect(bad([{ field: 'service', op: '=', value: 'a' }, { field: 'colour', op: '=', value: 'x' }])).toMatch(/^condition 2: field "colour" is not one of service, operation/);
    expect(bad([{ field: 'duration', op: '=~', value: 'x' }])).toBe('condition 1: op "=~" does not apply to duration: use > >= < <= =');
    expect(bad([{ field: 'tag', op: '=', value: 'x' }])).toBe('condition 1: tag needs a key of 1 to 256 characters');
    expect(bad([{ field: 'service', key: 'k', op: '=', value: 'x' }])).toBe('condition 1: service takes no key');
    expect(bad([{ field: 'tag', key: 'k', op: 'exists', value: 'x' }])).toBe('condition 1: exists takes no value');
    expect(bad([{ field: 'tag', key: 'k', op: '=', value: 'x'.repeat(257) }])).toBe('condition 1: needs a value: text of at most 256 characters');
    expect(bad([{ field: 'duration', op: '>', value: 'fast' }])).toMatch(/"fast" is not a duration/);
    expect(bad([{ field: 'status', op: '=', value: 'failed' }])).toBe('condition 1: status is one of error, ok, unset');
    expect(bad([{ field: 'kind', op: '=', value: 'db' }])).toMatch(/kind is one of server, client/);
    expect(bad([{ field: 'operation', op: '=~', value: '(' }])).toMatch(/^condition 1: "\(" is not a regular expression/);
    expect(bad([{ field: '__proto__', op: '=', value: 'x' }])).toMatch(/field "__proto__" is not one of/);
  });

  it('reads durations with units', () => {
    expect([parseDurationMicros('250ms'), parseDurationMicros('1.5s'), parseDurationMicros('800us'), parseDurationMicros('2m'), parseDurationMicros('500ns')]).toEqual([250_000, 1_500_000, 800, 120_000_000, 0.5]);
    expect(parseDurationMicros('10')).toBeUndefined();
  });
});

describe('runWithin', () => {
  it('stops a regular expression that backtracks without end, and the process goes on', () => {
    const started = performance.now();
    expect(() => runWithin(100, () => /^(a+)+$/.test(`${'a'.repeat(40)}b`))).toThrow(TimeLimitError);
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(runWithin(100, () => 21 * 2)).toBe(42);
    expect(() => runWithin(100, () => {
      throw new RangeError('own');
    })).toThrow(RangeError);
  });
});
