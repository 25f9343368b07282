import { describe, expect, it } from '@jest/globals';
import { formatFloatLikeGo, tagValueAsString } from './index.js';

// `@skein/model` owns these and tests them; these are the cases its tests do not cover, kept against the
// re-exports that storage backends import.
describe('tagValueAsString re-exported from @skein/storage', () => {
  it.each([
    [12.5, '12.5'],
    [3, '3'],
    [-3, '-3'],
    [1234567890123, '1.23456789e+12'],
    [-2.5e-300, '-2.5e-300'],
    [1 / 3, '0.3333333333'],
    [123456.789, '123456.789'],
  ])('renders float %p like Go %%g with 10 digits: %s', (value, expected) => {
    expect(formatFloatLikeGo(value)).toBe(expected);
    expect(tagValueAsString({ key: 'k', type: 'float64', value })).toBe(expected);
  });

  it('renders the other types as Jaeger does', () => {
    expect(tagValueAsString({ key: 'k', type: 'int64', value: -(2n ** 63n) })).toBe('-9223372036854775808');
    expect(tagValueAsString({ key: 'k', type: 'bool', value: false })).toBe('false');
    expect(tagValueAsString({ key: 'k', type: 'string', value: 'x y' })).toBe('x y');
  });
});
