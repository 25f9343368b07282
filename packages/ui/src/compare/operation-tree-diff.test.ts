import { describe, expect, it } from '@jest/globals';
import type { TraceSkeleton } from '../api/types';
import { buildTraceTree, type TraceTree } from '../trace/trace-tree';
import { changeOf, diffOperationTrees, visibleDiffRows } from './operation-tree-diff';

/** A trace from spans given as [parent index, "service op", duration µs], in start order. */
function trace(spans: Array<[parent: number, name: string, duration: number]>): TraceTree {
  const names = [...new Set(spans.map(([, name]) => name))];
  const services = [...new Set(names.map((name) => name.split(' ')[0]!))];
  const operations = [...new Set(names.map((name) => name.split(' ')[1]!))];
  const skeleton: TraceSkeleton = {
    format: 'skein-trace-skeleton/1',
    traceID: 't',
    startTime: 0,
    duration: 1000,
    services,
    operations,
    spanIDs: spans.map((_, i) => i.toString(16).padStart(16, '0')).join(''),
    parents: spans.map(([parent]) => parent),
    serviceIndexes: spans.map(([, name]) => services.indexOf(name.split(' ')[0]!)),
    operationIndexes: spans.map(([, name]) => operations.indexOf(name.split(' ')[1]!)),
    starts: spans.map((_, i) => i),
    durations: spans.map(([, , duration]) => duration),
    flags: spans.map(() => 0),
    eventSpans: [],
    eventOffsets: [],
  };
  return buildTraceTree(skeleton);
}

// A: web GET → api list → db select ×2, web GET → cache get
// B: web GET → api list → db select ×3 (slower), web GET → api auth (new); no cache
const a = trace([
  [-1, 'web GET', 1000],
  [0, 'api list', 600],
  [1, 'db select', 100],
  [1, 'db select', 100],
  [0, 'cache get', 50],
]);
const b = trace([
  [-1, 'web GET', 1500],
  [0, 'api list', 1100],
  [1, 'db select', 300],
  [1, 'db select', 300],
  [1, 'db select', 300],
  [0, 'api auth', 80],
]);

describe('diffOperationTrees', () => {
  const nodes = diffOperationTrees(a, b);
  const rows = nodes.map((n) => [n.depth, `${n.service} ${n.operation}`, n.presence, n.countA, n.countB, n.durationA, n.durationB, n.subtreeSize]);

  it('merges spans with the same path of operations, in preorder, A first and then what only B has', () => {
    expect(rows).toEqual([
      [0, 'web GET', 'both', 1, 1, 1000, 1500, 5],
      [1, 'api list', 'both', 1, 1, 600, 1100, 2],
      [2, 'db select', 'both', 2, 3, 200, 900, 1],
      [1, 'cache get', 'only-a', 1, 0, 50, 0, 1],
      [1, 'api auth', 'only-b', 0, 1, 0, 80, 1],
    ]);
    expect(nodes.map((n) => n.parent)).toEqual([-1, 0, 1, 0, 0]);
  });

  it('keeps the same operation under different parents apart', () => {
    const x = trace([[-1, 'web GET', 10], [0, 'db select', 1], [0, 'api list', 5], [2, 'db select', 2]]);
    const merged = diffOperationTrees(x, x);
    expect(merged.filter((n) => n.operation === 'select').map((n) => [n.depth, n.countA, n.countB])).toEqual([[1, 1, 1], [2, 1, 1]]);
    expect(merged.every((n) => changeOf(n) === 'same')).toBe(true);
  });

  it('names the change that colours each node', () => {
    expect(nodes.map((n) => changeOf(n))).toEqual(['slower', 'slower', 'slower', 'only-a', 'only-b']);
    const faster = diffOperationTrees(b, a);
    expect(faster.slice(0, 3).map((n) => changeOf(n))).toEqual(['faster', 'faster', 'faster']);
    const more = diffOperationTrees(trace([[-1, 'web GET', 10], [0, 'db select', 5]]), trace([[-1, 'web GET', 10], [0, 'db select', 2.6], [0, 'db select', 2.6]]));
    expect(changeOf(more[1]!)).toBe('more');
  });

  it('hides a collapsed subtree', () => {
    expect(visibleDiffRows(nodes, new Set([1]))).toEqual([0, 1, 3, 4]);
    expect(visibleDiffRows(nodes, new Set([0]))).toEqual([0]);
    expect(visibleDiffRows(nodes, new Set())).toEqual([0, 1, 2, 3, 4]);
  });

  it('merges several roots (orphaned spans) side by side', () => {
    const merged = diffOperationTrees(trace([[-1, 'web GET', 10], [-1, 'job run', 3]]), trace([[-1, 'job run', 4]]));
    expect(merged.map((n) => [n.operation, n.presence])).toEqual([['GET', 'only-a'], ['run', 'both']]);
  });
});
