import { describe, expect, it } from '@jest/globals';
import { ModelError } from './errors.js';
import { formatFloatLikeGo } from './go-float.js';
import type { Tag } from './span.js';
import {
  binaryTag,
  boolTag,
  findTag,
  float64Tag,
  int64Tag,
  isInt64,
  isTagOfType,
  isTagType,
  stringTag,
  tagValueAsString,
} from './tags.js';

describe('tag constructors', () => {
  it('build each variant', () => {
    expect(stringTag('k', 'v')).toEqual({ key: 'k', type: 'string', value: 'v' });
    expect(boolTag('k', true)).toEqual({ key: 'k', type: 'bool', value: true });
    expect(int64Tag('k', 42)).toEqual({ key: 'k', type: 'int64', value: 42n });
    expect(int64Tag('k', -(2n ** 63n))).toEqual({ key: 'k', type: 'int64', value: -(2n ** 63n) });
    expect(float64Tag('k', 0.5)).toEqual({ key: 'k', type: 'float64', value: 0.5 });
    expect(binaryTag('k', new Uint8Array([1]))).toEqual({ key: 'k', type: 'binary', value: new Uint8Array([1]) });
  });

  it('refuse int64 values that are unsafe numbers or out of range', () => {
    expect(() => int64Tag('big', 2 ** 53)).toThrow(ModelError);
    expect(() => int64Tag('big', 2 ** 53)).toThrow(/^tag "big": .*pass a bigint/);
    expect(() => int64Tag('frac', 1.5)).toThrow(/safe integer/);
    expect(() => int64Tag('over', 2n ** 63n)).toThrow(/\[-2\^63, 2\^63\)/);
  });

  it('refuse values of the wrong runtime type', () => {
    expect(() => stringTag('k', 1 as unknown as string)).toThrow(ModelError);
    expect(() => boolTag('k', 'true' as unknown as boolean)).toThrow(ModelError);
    expect(() => float64Tag('k', 1n as unknown as number)).toThrow(ModelError);
    expect(() => binaryTag('k', [1] as unknown as Uint8Array)).toThrow(ModelError);
  });
});

describe('tag guards and lookup', () => {
  const tags: Tag[] = [
    { key: 'a', type: 'string', value: 'x' },
    { key: 'b', type: 'int64', value: 1n },
    { key: 'b', type: 'string', value: 'second b' },
  ];

  it('find the first tag with a key, optionally of a type', () => {
    expect(findTag(tags, 'b')).toBe(tags[1]);
    expect(findTag(tags, 'b', 'string')).toBe(tags[2]);
    expect(findTag(tags, 'b', 'string')?.value.toUpperCase()).toBe('SECOND B');
    expect(findTag(tags, 'missing')).toBeUndefined();
  });

  it('narrow by type', () => {
    expect(isTagOfType(tags[1]!, 'int64')).toBe(true);
    expect(isTagOfType(tags[1]!, 'string')).toBe(false);
    expect(isTagType('float64')).toBe(true);
    expect(isTagType('FLOAT64')).toBe(false);
    expect(isInt64(2n ** 63n - 1n)).toBe(true);
    expect(isInt64(2n ** 63n)).toBe(false);
    expect(isInt64(1)).toBe(false);
  });
});

describe('tagValueAsString (Jaeger KeyValue.AsString)', () => {
  it('renders each type', () => {
    expect(tagValueAsString({ key: 'k', type: 'string', value: 'héllo' })).toBe('héllo');
    expect(tagValueAsString({ key: 'k', type: 'bool', value: false })).toBe('false');
    expect(tagValueAsString({ key: 'k', type: 'int64', value: -(2n ** 63n) })).toBe('-9223372036854775808');
    expect(tagValueAsString({ key: 'k', type: 'float64', value: Math.PI })).toBe('3.141592654');
    expect(tagValueAsString({ key: 'k', type: 'binary', value: new Uint8Array([0, 0xab, 0xff]) })).toBe('00abff');
  });

  it.each([
    [0, '0'],
    [-0, '-0'],
    [1, '1'],
    [1.5, '1.5'],
    [-2.25, '-2.25'],
    [0.1, '0.1'],
    [100, '100'],
    [12345, '12345'],
    [1e9, '1000000000'],
    [1e10, '1e+10'],
    [123456789012, '1.23456789e+11'],
    [1234567890.6, '1234567891'], // 10 significant digits
    [1234567890.5, '1234567890'], // exact tie, even last digit: half to even
    [0.0001, '0.0001'],
    [0.00001, '1e-05'],
    [1.5e-7, '1.5e-07'],
    [1e21, '1e+21'],
    [1e100, '1e+100'],
    [5e-324, '4.940656458e-324'],
    [Number.MAX_VALUE, '1.797693135e+308'],
    [9999999999.5, '1e+10'], // tie, odd last digit: rounds up like Go
    [100000000.25, '100000000.2'], // tie, even last digit: Go rounds half to even, JavaScript would give .3
    [12345678905, '1.23456789e+10'], // tie on an integer, even last digit
    [NaN, 'NaN'],
    [Infinity, '+Inf'],
    [-Infinity, '-Inf'],
  ])('formats %p like Go strconv.FormatFloat(v, g, 10, 64): %s', (value, expected) => {
    expect(formatFloatLikeGo(value)).toBe(expected);
  });
});
