import { describe, expect, it } from '@jest/globals';
import { flameIndex, flameSpanAt } from './flame-index';

// depth 0: root 0–100; depth 1: A 10–60, B 30–80 (overlapping), D 85–95; depth 2: C 40–70.
const tree = {
  count: 5,
  depths: Int32Array.from([0, 1, 1, 2, 1]),
  maxDepth: 2,
  starts: Float64Array.from([0, 10, 30, 40, 85]),
  durations: Float64Array.from([100, 50, 50, 30, 10]),
};

describe('flameIndex and flameSpanAt', () => {
  const index = flameIndex(tree);

  it('lists each depth in start order', () => {
    expect(index.depths).toBe(3);
    expect(Array.from(index.spans.subarray(index.rowStart[1]!, index.rowStart[2]!))).toEqual([1, 2, 4]);
  });

  it('finds the span under a point, the later of overlapping siblings first, and nothing in gaps or outside', () => {
    expect(flameSpanAt(index, tree, 0, 50)).toBe(0);
    expect(flameSpanAt(index, tree, 1, 20)).toBe(1);
    expect(flameSpanAt(index, tree, 1, 45)).toBe(2);
    expect(flameSpanAt(index, tree, 1, 65)).toBe(2);
    expect(flameSpanAt(index, tree, 1, 82)).toBe(-1);
    expect(flameSpanAt(index, tree, 1, 90)).toBe(4);
    expect(flameSpanAt(index, tree, 2, 55)).toBe(3);
    expect(flameSpanAt(index, tree, 2, 75)).toBe(-1);
    expect(flameSpanAt(index, tree, 3, 50)).toBe(-1);
    expect(flameSpanAt(index, tree, -1, 50)).toBe(-1);
  });
});
