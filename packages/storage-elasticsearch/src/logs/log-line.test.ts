import { describe, expect, it } from '@jest/globals';
import { flattenFields, logLineOf, normalizeSpanId, timestampMicros, valueAt } from './log-line.js';

const ECS = { traceId: 'trace.id', spanId: 'span.id', timestamp: '@timestamp', message: 'message', level: 'log.level' };

describe('valueAt', () => {
  it('reads nested objects, one dotted key, and a mix of both', () => {
    expect(valueAt({ trace: { id: 'a' } }, 'trace.id')).toBe('a');
    expect(valueAt({ 'trace.id': 'b' }, 'trace.id')).toBe('b');
    expect(valueAt({ log: { 'origin.file': { line: 3 } } }, 'log.origin.file.line')).toBe(3);
    expect(valueAt({ trace: 'flat' }, 'trace.id')).toBeUndefined();
    expect(valueAt(null, 'a')).toBeUndefined();
    expect(valueAt({}, 'constructor.name')).toBeUndefined();
  });
});

describe('timestampMicros', () => {
  it('keeps the microseconds an ISO time carries, and takes epoch ms', () => {
    expect(timestampMicros('2026-12-04T10:00:00.123456Z')).toBe(Date.UTC(2026, 11, 4, 10) * 1000 + 123_456);
    expect(timestampMicros('2026-12-04T10:00:00.123Z')).toBe(Date.UTC(2026, 11, 4, 10) * 1000 + 123_000);
    expect(timestampMicros('2026-12-04T11:00:00.000001+01:00')).toBe(Date.UTC(2026, 11, 4, 10) * 1000 + 1);
    expect(timestampMicros(1_700_000_000_123)).toBe(1_700_000_000_123_000);
    expect(timestampMicros('1700000000123')).toBe(1_700_000_000_123_000);
    expect(timestampMicros('yesterday')).toBeUndefined();
    expect(timestampMicros({})).toBeUndefined();
  });
});

describe('normalizeSpanId', () => {
  it('pads to 16 lowercase digits and refuses what is no span id', () => {
    expect(normalizeSpanId('00F067AA0BA902B7')).toBe('00f067aa0ba902b7');
    expect(normalizeSpanId('f067aa0ba902b7')).toBe('00f067aa0ba902b7');
    expect(normalizeSpanId('0000000000000000')).toBeUndefined();
    expect(normalizeSpanId('not-hex')).toBeUndefined();
    expect(normalizeSpanId('1'.repeat(17))).toBeUndefined();
    expect(normalizeSpanId(42)).toBeUndefined();
  });
});

describe('logLineOf', () => {
  it('turns an ECS hit into a line: time, span, level, message and the other fields flattened', () => {
    const line = logLineOf(
      {
        _index: 'logs-app-default',
        _id: 'x1',
        _source: { '@timestamp': '2026-12-04T10:00:00.5Z', 'log.level': 'error', trace: { id: 'abc' }, span: { id: 'F067AA0BA902B7' }, message: 'boom', http: { status: 500 }, tags: ['a', 'b'] },
      },
      ECS,
    );
    expect(line).toEqual({
      timestamp: Date.UTC(2026, 11, 4, 10) * 1000 + 500_000,
      spanId: '00f067aa0ba902b7',
      level: 'error',
      message: 'boom',
      fields: { 'http.status': '500', tags: '["a","b"]' },
      index: 'logs-app-default',
      id: 'x1',
    });
  });

  it('leaves out a hit without a usable time, and keeps a line without span, level or message', () => {
    expect(logLineOf({ _index: 'i', _id: '1', _source: { message: 'no time' } }, ECS)).toBeUndefined();
    expect(logLineOf({ _index: 'i', _id: '2', _source: { '@timestamp': 1000, msg: 'x' } }, ECS)).toEqual({ timestamp: 1_000_000, message: '', fields: { msg: 'x' }, index: 'i', id: '2' });
  });

  it('reads the fields it is told to', () => {
    const custom = { traceId: 'traceId', spanId: 'spanId', timestamp: 'time', message: 'msg', level: 'severity' };
    const line = logLineOf({ _index: 'i', _id: '3', _source: { time: '2026-01-01T00:00:00Z', spanId: 'ab', msg: 'hi', severity: 'WARN', traceId: 't' } }, custom);
    expect(line).toMatchObject({ spanId: '00000000000000ab', message: 'hi', level: 'WARN', fields: {} });
  });
});

describe('flattenFields', () => {
  it('bounds the number of fields and the length of each', () => {
    const many = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`f${i}`, i]));
    expect(Object.keys(flattenFields(many, new Set()))).toHaveLength(64);
    expect(flattenFields({ big: 'x'.repeat(5000) }, new Set())['big']).toHaveLength(2049);
  });
});
