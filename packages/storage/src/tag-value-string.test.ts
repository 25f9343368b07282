import { describe, expect, it } from '@jest/globals';
import { formatFloatLikeGo, tagValueAsString } from './tag-value-string.js';

describe('tagValueAsString', () => {
  it.each([
    [0.1, '0.1'],
    [12.5, '12.5'],
    [3, '3'],
    [-3, '-3'],
    [1e21, '1e+21'],
    [1e10, '1e+10'],
    [1e9, '1000000000'],
    [1234567890123, '1.23456789e+12'],
    [0.0001, '0.0001'],
    [0.00001, '1e-05'],
    [-2.5e-300, '-2.5e-300'],
    [1 / 3, '0.3333333333'],
    [123456.789, '123456.789'],
    [Number.NaN, 'NaN'],
    [Infinity, '+Inf'],
    [-Infinity, '-Inf'],
    [-0, '-0'],
  ])('renders float %p like Go %%g with 10 digits: %s', (value, expected) => {
    expect(formatFloatLikeGo(value)).toBe(expected);
  });

  it('renders the other types as Jaeger does', () => {
    expect(tagValueAsString({ key: 'k', type: 'int64', value: -(2n ** 63n) })).toBe('-9223372036854775808');
    expect(tagValueAsString({ key: 'k', type: 'bool', value: false })).toBe('false');
    expect(tagValueAsString({ key: 'k', type: 'binary', value: new Uint8Array([0, 171, 255]) })).toBe('00abff');
    expect(tagValueAsString({ key: 'k', type: 'string', value: 'x y' })).toBe('x y');
  });
});
