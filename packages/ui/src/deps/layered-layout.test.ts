import { describe, expect, it } from '@jest/globals';
import { layoutGraph } from './layered-layout';
import { diffOperations } from '../compare/operation-diff';
import { buildTraceTree } from '../trace/trace-tree';

describe('layoutGraph', () => {
  it('puts callers left of callees, one layer per longest call path', () => {
    const layout = layoutGraph([
      { from: 'web', to: 'api', callCount: 10 },
      { from: 'api', to: 'db', callCount: 7 },
      { from: 'web', to: 'db', callCount: 1 },
      { from: 'api', to: 'cache', callCount: 3 },
    ]);
    const layer = Object.fromEntries(layout.nodes.map((node) => [node.id, node.layer]));
    expect(layer).toEqual({ web: 0, api: 1, db: 2, cache: 2 });
    const x = Object.fromEntries(layout.nodes.map((node) => [node.id, node.x]));
    expect(x.web!).toBeLessThan(x.api!);
    expect(layout.edges.every((edge) => !edge.reversed)).toBe(true);
    const ys = layout.nodes.filter((node) => node.layer === 2).map((node) => node.y);
    expect(new Set(ys).size).toBe(2); // no two nodes of a layer overlap
  });

  it('breaks a cycle by reversing one edge, keeps self-calls out of the layering, and is deterministic', () => {
    const edges = [
      { from: 'a', to: 'b', callCount: 1 },
      { from: 'b', to: 'c', callCount: 1 },
      { from: 'c', to: 'a', callCount: 1 },
      { from: 'c', to: 'c', callCount: 4 },
    ];
    const layout = layoutGraph(edges);
    expect(layout.edges.filter((edge) => edge.reversed)).toEqual([{ from: 'c', to: 'a', callCount: 1, reversed: true }]);
    expect(layout.nodes.map((node) => [node.id, node.layer])).toEqual([['a', 0], ['b', 1], ['c', 2]]);
    expect(layoutGraph([...edges].reverse())).toEqual({ ...layout, edges: [...layout.edges].reverse() });
  });

  it('draws nothing for no edges', () => {
    expect(layoutGraph([]).nodes).toEqual([]);
  });
});

describe('diffOperations', () => {
  const tree = (ops: Array<[string, number]>) =>
    buildTraceTree({
      format: 'skein-trace-skeleton/1',
      traceID: 't',
      startTime: 0,
      duration: 100,
      services: ['svc'],
      operations: [...new Set(ops.map(([op]) => op))],
      spanIDs: ops.map((_, i) => String(i).padStart(16, '0')).join(''),
      parents: ops.map((_, i) => (i === 0 ? -1 : 0)),
      serviceIndexes: ops.map(() => 0),
      operationIndexes: ops.map(([op]) => [...new Set(ops.map(([o]) => o))].indexOf(op)),
      starts: ops.map((_, i) => i),
      durations: ops.map(([, d]) => d),
      flags: ops.map(() => 0),
      eventSpans: [],
      eventOffsets: [],
    });

  it('lists what only one trace has first, then the biggest time change, with counts and summed durations', () => {
    const rows = diffOperations(tree([['root', 100], ['db', 10], ['db', 10], ['cache', 5]]), tree([['root', 90], ['db', 40], ['auth', 7]]));
    expect(rows.map((row) => [row.operation, row.presence, row.countA, row.countB, row.durationA, row.durationB])).toEqual([
      ['auth', 'only-b', 0, 1, 0, 7],
      ['cache', 'only-a', 1, 0, 5, 0],
      ['db', 'both', 2, 1, 20, 40],
      ['root', 'both', 1, 1, 100, 90],
    ]);
  });
});
