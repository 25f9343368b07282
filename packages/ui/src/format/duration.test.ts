import { describe, expect, it } from '@jest/globals';
import { formatDuration, parseDuration, toGoDuration } from './duration';
import { formatAgo } from './time';

describe('formatDuration', () => {
  it.each([
    [0, '0µs'],
    [850, '850µs'],
    [1_000, '1ms'],
    [12_345, '12.3ms'],
    [999_499, '999ms'],
    [4_560_000, '4.56s'],
    [59_000_000, '59s'],
    [125_000_000, '2m 5s'],
    [3_720_000_000, '1h 2m'],
    [-1_500, '-1.5ms'],
    [Number.NaN, '–'],
  ])('%p µs is %p', (micros, text) => {
    expect(formatDuration(micros)).toBe(text);
  });
});

describe('parseDuration', () => {
  it.each([
    ['100ms', 100_000],
    ['1.5s', 1_500_000],
    ['250us', 250],
    ['250µs', 250],
    ['2m', 120_000_000],
    ['1h', 3_600_000_000],
    ['1m30s', 90_000_000],
    [' 0.5 ms ', 500],
    ['.5s', 500_000],
  ])('%p is %p µs', (text, micros) => {
    expect(parseDuration(text)).toBe(micros);
  });

  it('refuses text without a unit, with an unknown unit, or empty', () => {
    expect(() => parseDuration('100')).toThrow('"100" is not a duration: use a number with a unit');
    expect(() => parseDuration('5 days')).toThrow('is not a duration');
    expect(() => parseDuration('-1s')).toThrow('is not a duration');
    expect(() => parseDuration('')).toThrow('a duration is empty');
  });

  it('writes whole µs as a Go duration for the API', () => {
    expect(toGoDuration(1_500_000)).toBe('1500000us');
  });
});

describe('formatAgo', () => {
  const now = 1_700_000_000_000_000;
  it.each([
    [now - 10e6, 'just now'],
    [now - 60e6, '1 minute ago'],
    [now - 5 * 60e6, '5 minutes ago'],
    [now - 3 * 3600e6, '3 hours ago'],
    [now - 2 * 86_400e6, '2 days ago'],
  ])('%p', (micros, text) => {
    expect(formatAgo(micros, now)).toBe(text);
  });
});
