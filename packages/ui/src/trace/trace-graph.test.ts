import { describe, expect, it } from '@jest/globals';
import { operationNodeId, traceGraph } from './trace-graph';

describe('traceGraph', () => {
  // api GET → db query ×2 (one of them calls db fetch) → and api GET → api GET (a retry calling itself).
  const tree = {
    count: 5,
    parents: Int32Array.from([-1, 0, 0, 1, 0]),
    durations: Float64Array.from([100, 30, 20, 10, 5]),
    services: ['api', 'db'],
    operations: ['GET', 'query', 'fetch'],
    serviceIndexes: Int32Array.from([0, 1, 1, 1, 0]),
    operationIndexes: Int32Array.from([0, 1, 1, 2, 0]),
    order: Int32Array.from([0, 1, 3, 2, 4]),
  };
  const self = Float64Array.from([45, 20, 20, 10, 5]);

  it('makes a node per operation with its count and times, and an edge per calling pair with its calls', () => {
    const { nodes, edges } = traceGraph(tree, self);
    expect(nodes.get(operationNodeId('db', 'query'))).toEqual({ id: operationNodeId('db', 'query'), service: 'db', operation: 'query', count: 2, total: 50, selfTotal: 40, firstSpan: 1 });
    expect(nodes.get(operationNodeId('api', 'GET'))).toMatchObject({ count: 2, total: 105, selfTotal: 50, firstSpan: 0 });
    expect(nodes.size).toBe(3);
    const named = edges.map((edge) => `${edge.from.replace('\u0000', ' ')} → ${edge.to.replace('\u0000', ' ')} ×${edge.callCount}`).sort();
    expect(named).toEqual(['api GET → api GET ×1', 'api GET → db query ×2', 'db query → db fetch ×1']);
  });
});
