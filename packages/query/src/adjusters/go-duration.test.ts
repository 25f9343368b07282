import { describe, expect, it } from '@jest/globals';
import { formatGoDuration } from './go-duration.js';

describe('formatGoDuration (Go time.Duration.String)', () => {
  it.each([
    [0, '0s'],
    [1, '1µs'],
    [1500, '1.5ms'],
    [999_999, '999.999ms'],
    [1_000_000, '1s'],
    [1_500_000, '1.5s'],
    [-5000, '-5ms'],
    [60_000_000, '1m0s'],
    [123_250_000, '2m3.25s'],
    [3_600_000_000, '1h0m0s'],
    [3_723_000_001, '1h2m3.000001s'],
    [799.5, '799.5µs'],
    [0.5, '500ns'],
    [-1_500.5, '-1.5005ms'],
  ])('%d µs → %s', (micros, text) => {
    expect(formatGoDuration(micros)).toBe(text);
  });
});
