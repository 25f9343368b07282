import { describe, expect, it } from '@jest/globals';
import type { TraceSkeleton } from '../api/types';
import { hslToRgb } from '../app/theme';
import { buildTraceTree, MINIMAP_COLUMNS, MINIMAP_ROWS, spanIdAt, type TraceTree } from './trace-tree';
import { collapseBelowDepth, revealSpan, visibleRows } from './visible-rows';

/** A skeleton from parent indexes alone (spans already in start order, as the API sends them). */
function skeleton(parents: number[], events: Array<[span: number, offset: number]> = []): TraceSkeleton {
  const count = parents.length;
  return {
    format: 'skein-trace-skeleton/1',
    traceID: 't',
    startTime: 1000,
    duration: count * 10,
    services: ['s'],
    operations: ['o'],
    spanIDs: parents.map((_, i) => i.toString(16).padStart(16, '0')).join(''),
    parents,
    serviceIndexes: parents.map(() => 0),
    operationIndexes: parents.map(() => 0),
    starts: parents.map((_, i) => i * 10),
    durations: parents.map(() => 5),
    flags: parents.map(() => 0),
    eventSpans: events.map(([span]) => span),
    eventOffsets: events.map(([, offset]) => offset),
  };
}

const ordered = (tree: TraceTree): number[] => Array.from(tree.order);

describe('buildTraceTree', () => {
  //   0
  //   ├─ 1
  //   │  └─ 3
  //   └─ 2
  //      └─ 4
  const tree = buildTraceTree(skeleton([-1, 0, 0, 1, 2], [[3, 35], [0, 1], [3, 31]]));

  it('lists spans in preorder with siblings in start order, and depths, subtree sizes and child counts', () => {
    expect(ordered(tree)).toEqual([0, 1, 3, 2, 4]);
    expect(Array.from(tree.rowOf)).toEqual([0, 1, 3, 2, 4]);
    expect(Array.from(tree.depths)).toEqual([0, 1, 1, 2, 2]);
    expect(Array.from(tree.subtreeSizes)).toEqual([5, 2, 2, 1, 1]);
    expect(Array.from(tree.childCounts)).toEqual([2, 1, 1, 0, 0]);
    expect(tree.maxDepth).toBe(2);
    expect(spanIdAt(tree, 4)).toBe('0000000000000004');
  });

  it('groups event offsets per span', () => {
    const eventsOf = (span: number): number[] => Array.from(tree.eventOffsets.subarray(tree.eventStarts[span], tree.eventStarts[span + 1]));
    expect(eventsOf(0)).toEqual([1]);
    expect(eventsOf(3)).toEqual([35, 31]);
    expect(eventsOf(1)).toEqual([]);
  });

  it('keeps several roots and orphans (parent -1) at depth 0 in start order', () => {
    expect(ordered(buildTraceTree(skeleton([-1, -1, 0, 1])))).toEqual([0, 2, 1, 3]);
  });

  it('survives a parent cycle and out-of-range parents by making the first unreached span a root', () => {
    const cyclic = buildTraceTree(skeleton([-1, 2, 1, 99]));
    expect(ordered(cyclic).sort()).toEqual([0, 1, 2, 3]);
    expect(cyclic.parents[1]).toBe(-1);
    expect(Array.from(cyclic.subtreeSizes)).toEqual([1, 2, 1, 1]);
  });

  it('builds in linear time: four times the spans take about four times as long (quadratic would be 16)', () => {
    const fanOut = (count: number): TraceSkeleton => skeleton(Array.from({ length: count }, (_, i) => (i === 0 ? -1 : Math.floor((i - 1) / 4))));
    const fastest = (input: TraceSkeleton): number => {
      let best = Infinity;
      for (let run = 0; run < 3; run++) {
        const started = performance.now();
        buildTraceTree(input);
        best = Math.min(best, performance.now() - started);
      }
      return best;
    };
    const small = fanOut(50_000);
    const large = fanOut(200_000);
    fastest(small); // warm up
    const ratio = fastest(large) / fastest(small);
    const big = buildTraceTree(large);
    expect(big.count).toBe(200_000);
    expect(big.subtreeSizes[0]).toBe(200_000);
    expect(big.order[1]).toBe(1);
    expect(big.order[2]).toBe(5); // 1's first child comes before 2
    expect(ratio).toBeLessThan(8);
  });
});

describe('visible rows', () => {
  const tree = buildTraceTree(skeleton([-1, 0, 0, 1, 2, 3]));

  it('skips the subtrees of collapsed spans', () => {
    const collapsed = new Uint8Array(tree.count);
    expect(Array.from(visibleRows(tree, collapsed))).toEqual([0, 1, 3, 5, 2, 4]);
    collapsed[1] = 1;
    expect(Array.from(visibleRows(tree, collapsed))).toEqual([0, 1, 2, 4]);
    collapsed[0] = 1;
    expect(Array.from(visibleRows(tree, collapsed))).toEqual([0]);
  });

  it('collapses below a depth, leaving leaves alone', () => {
    expect(Array.from(visibleRows(tree, collapseBelowDepth(tree, 0)))).toEqual([0]);
    expect(Array.from(visibleRows(tree, collapseBelowDepth(tree, 1)))).toEqual([0, 1, 2]);
    const collapsed = collapseBelowDepth(tree, 2);
    expect(Array.from(visibleRows(tree, collapsed))).toEqual([0, 1, 3, 2, 4]);
    expect(collapsed[4]).toBe(0); // a leaf is never marked collapsed
  });

  it('reveals a hidden span by expanding its ancestors, without changing the given set', () => {
    const collapsed = collapseBelowDepth(tree, 0);
    const revealed = revealSpan(tree, collapsed, 5);
    expect(Array.from(visibleRows(tree, revealed))).toEqual([0, 1, 3, 5, 2]);
    expect(collapsed[0]).toBe(1);
    expect(revealSpan(tree, revealed, 5)).toBe(revealed);
  });
});

describe('minimap raster', () => {
  it('puts each span on its preorder row, across its share of the duration, as service index + 1', () => {
    const base = skeleton([-1, 0, 0]);
    // duration 30: root 0..30, span 1 at 10..15, span 2 at 20..25; two services.
    const tree = buildTraceTree({ ...base, services: ['a', 'b'], serviceIndexes: [0, 1, 1], starts: [0, 10, 20], durations: [30, 5, 5] });
    const { rows, cells } = tree.minimap;
    expect(rows).toBe(3); // fewer spans than raster rows: one row each
    const row = (r: number): number[] => Array.from(cells.subarray(r * MINIMAP_COLUMNS, (r + 1) * MINIMAP_COLUMNS));
    expect(row(0).every((cell) => cell === 1)).toBe(true);
    const one = row(1);
    expect(one.indexOf(2)).toBe(Math.floor((10 / 30) * MINIMAP_COLUMNS));
    expect(one.lastIndexOf(2)).toBe(Math.ceil((15 / 30) * MINIMAP_COLUMNS) - 1);
    expect(one.filter((cell) => cell === 0).length).toBe(MINIMAP_COLUMNS - (one.lastIndexOf(2) - one.indexOf(2) + 1));
  });

  it('folds many spans into at most 64 rows and gives a zero-length span one cell', () => {
    const parents = Array.from({ length: 1000 }, (_, i) => (i === 0 ? -1 : 0));
    const tree = buildTraceTree({ ...skeleton(parents), durations: parents.map((_, i) => (i === 0 ? 10_000 : 0)) });
    expect(tree.minimap.rows).toBe(MINIMAP_ROWS);
    expect(tree.minimap.cells.length).toBe(MINIMAP_ROWS * MINIMAP_COLUMNS);
    const lastRow = tree.minimap.cells.subarray((MINIMAP_ROWS - 1) * MINIMAP_COLUMNS);
    expect(lastRow.filter((cell) => cell !== 0).length).toBeGreaterThan(0);
  });
});

describe('hslToRgb', () => {
  it.each([
    [0, 1, 0.5, [255, 0, 0]],
    [120, 1, 0.5, [0, 255, 0]],
    [240, 1, 0.5, [0, 0, 255]],
    [0, 0, 1, [255, 255, 255]],
    [210, 0.62, 0.48, [47, 122, 198]],
  ] as const)('hsl(%p, %p, %p)', (h, s, l, rgb) => {
    expect(hslToRgb(h, s, l)).toEqual(rgb);
  });
});
