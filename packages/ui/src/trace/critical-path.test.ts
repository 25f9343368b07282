import { describe, expect, it } from '@jest/globals';
import { criticalPath, rowsOnPath } from './critical-path';

/** Spans as [parent, start, duration]. */
function tree(spans: Array<[parent: number, start: number, duration: number]>) {
  return {
    count: spans.length,
    parents: Int32Array.from(spans.map(([parent]) => parent)),
    starts: Float64Array.from(spans.map(([, start]) => start)),
    durations: Float64Array.from(spans.map(([, , duration]) => duration)),
  };
}

const shares = (path: { share: Float64Array }): number[] => Array.from(path.share);

describe('criticalPath', () => {
  it('follows sequential children and gives the gaps to the parent', () => {
    // root 0..100: A 10..40, B 50..90 (after A).
    const path = criticalPath(tree([[-1, 0, 100], [0, 10, 30], [0, 50, 40]]));
    expect(shares(path)).toEqual([30, 30, 40]);
    expect(path.segments.get(0)).toEqual([[90, 100], [40, 50], [0, 10]]);
    expect(path.total).toBe(100);
  });

  it('takes the last-finishing of overlapping children and cuts the other at its start', () => {
    // root 0..100: A 10..60, B 30..80 overlap; B decides, A counts only until B started.
    const path = criticalPath(tree([[-1, 0, 100], [0, 10, 50], [0, 30, 50]]));
    expect(shares(path)).toEqual([30, 20, 50]);
    expect(path.segments.get(1)).toEqual([[10, 30]]);
  });

  it('leaves out a child wholly hidden behind a longer sibling', () => {
    // root 0..100: A 10..90 covers B 20..40 entirely.
    const path = criticalPath(tree([[-1, 0, 100], [0, 10, 80], [0, 20, 20]]));
    expect(shares(path)).toEqual([20, 80, 0]);
  });

  it('cuts a child that outlives its parent at the parent end, and descends through grandchildren', () => {
    // root 0..100: A 50..130 (async, ends after root) with grandchild G 60..120.
    const path = criticalPath(tree([[-1, 0, 100], [0, 50, 80], [1, 60, 60]]));
    expect(shares(path)).toEqual([50, 10, 40]);
    expect(path.segments.get(2)).toEqual([[60, 100]]);
  });

  it('starts from the root that ends last and adds up to its duration', () => {
    const path = criticalPath(tree([[-1, 0, 50], [-1, 10, 200], [1, 20, 100], [2, 30, 10]]));
    expect(shares(path)).toEqual([0, 100, 90, 10]);
    expect(shares(path).reduce((a, b) => a + b, 0)).toBe(path.total);
  });

  it('copes with a chain deeper than the call stack and with no spans', () => {
    const depth = 200_000;
    const spans: Array<[number, number, number]> = Array.from({ length: depth }, (_, i) => [i - 1, i, 2 * depth - 2 * i]);
    const path = criticalPath(tree(spans));
    expect(shares(path).reduce((a, b) => a + b, 0)).toBe(2 * depth);
    expect(criticalPath(tree([])).total).toBe(0);
  });

  it('filters rows down to the spans on the path', () => {
    const path = criticalPath(tree([[-1, 0, 100], [0, 10, 80], [0, 20, 20]]));
    expect(Array.from(rowsOnPath(Int32Array.from([0, 1, 2]), path))).toEqual([0, 1]);
  });
});
