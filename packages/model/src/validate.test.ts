import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { ModelError } from './errors.js';
import type { Span } from './span.js';
import { sampleSpan, spanArb } from './testing/span-arbitrary.js';
import { assertValidSpan, validateSpan } from './validate.js';

const broken = (change: Record<string, unknown>): Span => ({ ...sampleSpan(), ...change }) as Span;

describe('validateSpan', () => {
  it('accepts a valid span, and every generated span (property)', () => {
    expect(validateSpan(sampleSpan())).toEqual([]);
    fc.assert(fc.property(spanArb, (span) => expect(validateSpan(span)).toEqual([])), { numRuns: 100 });
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['uppercase trace id', { traceId: '0AF7651916CD43DD8448EB211C80319C' }, 'traceId'],
    ['short trace id', { traceId: '8448eb211c80319c' }, 'traceId'],
    ['zero span id', { spanId: '0000000000000000' }, 'spanId'],
    ['numeric operation name', { operationName: 5 }, 'operationName'],
    ['bad ref type', { references: [{ refType: 'PARENT', traceId: '1'.repeat(32), spanId: '1'.repeat(16) }] }, 'references[0].refType'],
    ['bad ref span id', { references: [{ refType: 'CHILD_OF', traceId: '1'.repeat(32), spanId: 'x' }] }, 'references[0].spanId'],
    ['null reference', { references: [null] }, 'references[0]'],
    ['negative flags', { flags: -1 }, 'flags'],
    ['NaN start', { startTime: NaN }, 'startTime'],
    ['fractional start', { startTime: 1.5 }, 'startTime'],
    ['negative duration', { duration: -1 }, 'duration'],
    ['infinite duration', { duration: Infinity }, 'duration'],
    ['int64 as number', { tags: [{ key: 'k', type: 'int64', value: 5 }] }, 'tags[0].value'],
    ['int64 out of range', { tags: [{ key: 'k', type: 'int64', value: 2n ** 63n }] }, 'tags[0].value'],
    ['string tag with number', { tags: [{ key: 'k', type: 'string', value: 1 }] }, 'tags[0].value'],
    ['binary as array', { tags: [{ key: 'k', type: 'binary', value: [1] }] }, 'tags[0].value'],
    ['unknown tag type', { tags: [{ key: 'k', type: 'json', value: '{}' }] }, 'tags[0].type'],
    ['tag key not string', { tags: [{ key: 1, type: 'bool', value: true }] }, 'tags[0].key'],
    ['bad log timestamp', { logs: [{ timestamp: -5, fields: [] }] }, 'logs[0].timestamp'],
    ['bad log field', { logs: [{ timestamp: 5, fields: [{ key: 'k', type: 'float64', value: '1' }] }] }, 'logs[0].fields[0].value'],
    ['missing process', { process: undefined }, 'process'],
    ['bad process tag', { process: { serviceName: 's', tags: [{ key: 'k', type: 'bool', value: 1 }] } }, 'process.tags[0].value'],
    ['warnings not array', { warnings: 'skew' }, 'warnings'],
  ])('reports %s', (_, change, field) => {
    const problems = validateSpan(broken(change));
    expect(problems.map((p) => p.field)).toEqual([field]);
    expect(problems[0]!.reason.length).toBeGreaterThan(5);
  });

  it('reports every problem at once and copes with garbage', () => {
    expect(validateSpan(broken({ traceId: 1, spanId: null, duration: -1 })).map((p) => p.field)).toEqual([
      'traceId',
      'spanId',
      'duration',
    ]);
    expect(validateSpan(null as unknown as Span)).toEqual([{ field: 'span', reason: 'not an object' }]);
    expect(validateSpan({} as Span).length).toBeGreaterThan(5);
  });

  it('assertValidSpan throws the first problem as a ModelError', () => {
    expect(() => assertValidSpan(sampleSpan())).not.toThrow();
    expect(() => assertValidSpan(broken({ spanId: 'x', duration: -1 }))).toThrow(ModelError);
    expect(() => assertValidSpan(broken({ spanId: 'x', duration: -1 }))).toThrow(/^spanId: .*\(and 1 more problems\)$/);
  });
});
