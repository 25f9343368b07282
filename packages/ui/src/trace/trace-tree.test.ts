import { describe, expect, it } from '@jest/globals';
import type { TraceSkeleton } from '../api/types';
import { buildTraceTree, spanIdAt, type TraceTree } from './trace-tree';
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

  it('builds 200,000 spans in linear time (well under a second)', () => {
    const parents = Array.from({ length: 200_000 }, (_, i) => (i === 0 ? -1 : Math.floor((i - 1) / 4)));
    const started = performance.now();
    const big = buildTraceTree(skeleton(parents));
    const elapsed = performance.now() - started;
    expect(big.count).toBe(200_000);
    expect(big.subtreeSizes[0]).toBe(200_000);
    expect(big.order[1]).toBe(1);
    expect(big.order[2]).toBe(5); // 1's first child comes before 2
    expect(elapsed).toBeLessThan(1_000);
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
