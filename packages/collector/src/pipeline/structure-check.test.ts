import { describe, expect, it } from '@jest/globals';
import { validateSpan, type Span } from '@skein/model';
import { testSpan } from '../testing/spans.js';
import { isStructurallyValid } from './structure-check.js';

const ID32 = 'a'.repeat(32);
const ID16 = 'b'.repeat(16);

/** Spans breaking (or just passing) each invariant validateSpan checks, one at a time. */
const cases: Array<[string, (span: Record<string, unknown> & Span) => void]> = [
  ['canonical', () => undefined],
  ['all kinds of tags, logs and references', (s) => {
    s.tags = [{ key: 's', type: 'string', value: 'x' }, { key: 'b', type: 'bool', value: true }, { key: 'i', type: 'int64', value: -(2n ** 63n) }, { key: 'f', type: 'float64', value: 0.5 }, { key: 'y', type: 'binary', value: new Uint8Array([1]) }];
    s.logs = [{ timestamp: 5, fields: [{ key: 'e', type: 'string', value: 'v' }] }];
    s.references = [{ refType: 'FOLLOWS_FROM', traceId: ID32, spanId: ID16 }];
    s.warnings = ['w'];
  }],
  ['not an object', (s) => Object.setPrototypeOf(s, null)],
  ['zero trace id', (s) => (s.traceId = '0'.repeat(32))],
  ['upper-case span id', (s) => (s.spanId = 'ABCDEF0123456789')],
  ['missing operation name', (s) => delete (s as Partial<Span>).operationName],
  ['references not an array', (s) => ((s as Record<string, unknown>).references = {})],
  ['null reference', (s) => ((s as Record<string, unknown>).references = [null])],
  ['unknown refType', (s) => (s.references = [{ refType: 'PARENT' as 'CHILD_OF', traceId: ID32, spanId: ID16 }])],
  ['bad reference trace id', (s) => (s.references = [{ refType: 'CHILD_OF', traceId: 'x', spanId: ID16 }])],
  ['bad reference span id', (s) => (s.references = [{ refType: 'CHILD_OF', traceId: ID32, spanId: '0'.repeat(16) }])],
  ['fractional flags', (s) => (s.flags = 1.5)],
  ['negative flags', (s) => (s.flags = -1)],
  ['flags over 32 bits', (s) => (s.flags = 2 ** 32)],
  ['largest flags', (s) => (s.flags = 2 ** 32 - 1)],
  ['fractional start', (s) => (s.startTime = 1.5)],
  ['negative duration', (s) => (s.duration = -1)],
  ['unsafe duration', (s) => (s.duration = 2 ** 54)],
  ['string start', (s) => ((s as Record<string, unknown>).startTime = '1')],
  ['tags not an array', (s) => ((s as Record<string, unknown>).tags = null)],
  ['null tag', (s) => ((s as Record<string, unknown>).tags = [null])],
  ['numeric tag key', (s) => ((s as Record<string, unknown>).tags = [{ key: 1, type: 'string', value: 'x' }])],
  ['string tag with a number', (s) => ((s as Record<string, unknown>).tags = [{ key: 'k', type: 'string', value: 1 }])],
  ['bool tag with a string', (s) => ((s as Record<string, unknown>).tags = [{ key: 'k', type: 'bool', value: 'true' }])],
  ['int64 tag with a number', (s) => ((s as Record<string, unknown>).tags = [{ key: 'k', type: 'int64', value: 1 }])],
  ['int64 tag out of range', (s) => ((s as Record<string, unknown>).tags = [{ key: 'k', type: 'int64', value: 2n ** 63n }])],
  ['float64 tag with a bigint', (s) => ((s as Record<string, unknown>).tags = [{ key: 'k', type: 'float64', value: 1n }])],
  ['binary tag with an array', (s) => ((s as Record<string, unknown>).tags = [{ key: 'k', type: 'binary', value: [1] }])],
  ['unknown tag type', (s) => ((s as Record<string, unknown>).tags = [{ key: 'k', type: 'json', value: '{}' }])],
  ['logs not an array', (s) => ((s as Record<string, unknown>).logs = 'x')],
  ['null log', (s) => ((s as Record<string, unknown>).logs = [null])],
  ['log without timestamp', (s) => ((s as Record<string, unknown>).logs = [{ fields: [] }])],
  ['log with a bad field', (s) => ((s as Record<string, unknown>).logs = [{ timestamp: 1, fields: [{ key: 'k', type: 'bool', value: 1 }] }])],
  ['log fields not an array', (s) => ((s as Record<string, unknown>).logs = [{ timestamp: 1, fields: {} }])],
  ['null process', (s) => ((s as Record<string, unknown>).process = null)],
  ['numeric service name', (s) => ((s as Record<string, unknown>).process = { serviceName: 1, tags: [] })],
  ['bad process tag', (s) => ((s as Record<string, unknown>).process = { serviceName: 's', tags: [{ key: 'k' }] })],
  ['process tags missing', (s) => ((s as Record<string, unknown>).process = { serviceName: 's' })],
  ['warnings not an array', (s) => ((s as Record<string, unknown>).warnings = 'w')],
  ['numeric warning', (s) => ((s as Record<string, unknown>).warnings = [1])],
];

describe('isStructurallyValid', () => {
  it.each(cases)('agrees with validateSpan: %s', (_name, mutate) => {
    const span = testSpan() as Record<string, unknown> & Span;
    mutate(span);
    expect(isStructurallyValid(span)).toBe(validateSpan(span).length === 0);
  });

  it('accepts what validateSpan accepts and refuses the rest (both outcomes are covered)', () => {
    const outcomes = cases.map(([, mutate]) => {
      const span = testSpan() as Record<string, unknown> & Span;
      mutate(span);
      return isStructurallyValid(span);
    });
    expect(outcomes).toContain(true);
    expect(outcomes).toContain(false);
  });
});
