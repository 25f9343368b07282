import { describe, expect, it } from '@jest/globals';
import {
  forEachLatencyBucket as forEachPair,
  LATENCY_RELATIVE_ERROR,
  addLatency,
  decodeLatencies,
  encodeLatencies,
  latencyBucketOf,
  LatencyWindow,
  type LatencyCounts,
} from './latency-histogram.js';

/** A deterministic pseudo-random source, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

const nearestRank = (sorted: number[], q: number): number => sorted[Math.max(1, Math.ceil(q * sorted.length)) - 1]!;

describe('latency histogram', () => {
  it('reads every quantile within the stated relative error of the nearest-rank value', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const next = random(seed);
      const count = 1 + Math.floor(next() * 3_000);
      // Log-uniform from 1 µs to 100 s, with some exact zeros and repeats.
      const durations = Array.from({ length: count }, () => (next() < 0.02 ? 0 : Math.round(10 ** (next() * 8))));
      // Through the encoded form and a window, as the API reads them; half the window is added twice and taken out once.
      const counts: LatencyCounts = new Map();
      for (const d of durations) addLatency(counts, d);
      const window = new LatencyWindow();
      const half: LatencyCounts = new Map();
      for (const d of durations.slice(0, count >> 1)) addLatency(half, d);
      for (const text of [encodeLatencies(counts), encodeLatencies(half)]) forEachPair(text, (bucket, n) => window.add(bucket, n));
      forEachPair(encodeLatencies(half), (bucket, n) => window.add(bucket, -n));
      expect(window.total).toBe(count);
      const sorted = [...durations].sort((a, b) => a - b);
      for (const q of [0.01, 0.5, 0.75, 0.95, 0.99, 1]) {
        const exact = nearestRank(sorted, q);
        const read = window.quantile(q)!;
        expect(Math.abs(read - exact)).toBeLessThanOrEqual(exact * LATENCY_RELATIVE_ERROR + 1e-9);
      }
    }
  });

  it('answers undefined for an empty window, and again once everything added was taken out', () => {
    const window = new LatencyWindow();
    expect(window.quantile(0.5)).toBeUndefined();
    for (const d of [0, 1_000, 3_000]) window.add(latencyBucketOf(d), 1);
    expect(window.quantile(0.01)).toBe(0);
    expect(window.quantile(1)).toBeCloseTo(3_000, -2);
    for (const d of [0, 1_000, 3_000]) window.add(latencyBucketOf(d), -1);
    expect(window.quantile(0.5)).toBeUndefined();
  });

  it('round-trips through its text form and refuses damaged text', () => {
    const counts: LatencyCounts = new Map([[-1, 3], [0, 1], [17, 2 ** 40], [400, 5]]);
    const text = encodeLatencies(counts);
    expect(decodeLatencies(text)).toEqual(counts);
    expect(decodeLatencies('')).toEqual(new Map());
    const bytes = Buffer.from(text, 'base64');
    expect(() => decodeLatencies(bytes.subarray(0, bytes.length - 1).toString('base64'))).toThrow(/truncated at byte/);
    expect(() => decodeLatencies(Buffer.from([0, 1]).toString('base64'))).toThrow(/repeats a bucket/);
    expect(() => decodeLatencies(Buffer.alloc(12, 0xff).toString('base64'))).toThrow(/over-long number|truncated/);
  });
});
